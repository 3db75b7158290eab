import type { Rule } from '../types';
import aadpiDeprecated from './aadpi-deprecated';

export const rules: Rule[] = [aadpiDeprecated];
