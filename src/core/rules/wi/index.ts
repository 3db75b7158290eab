import type { Rule } from '../types';
import wiUseLabelValue from './wi-use-label-value';
import wiClientIdFormat from './wi-client-id-format';

export const rules: Rule[] = [wiUseLabelValue, wiClientIdFormat];
