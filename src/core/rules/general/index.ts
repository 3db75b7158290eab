import type { Rule } from '../types';
import yamlSyntax from './yaml-syntax';
import suppressionUnused from './suppression-unused';

export const rules: Rule[] = [yamlSyntax, suppressionUnused];
