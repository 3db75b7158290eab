import type { Rule } from '../types';
import saNameInvalid from './sa-name-invalid';

export const rules: Rule[] = [saNameInvalid];
