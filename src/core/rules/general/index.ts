import type { Rule } from '../types';
import yamlSyntax from './yaml-syntax';
import suppressionUnused from './suppression-unused';
import placeholderUnreplaced from './placeholder-unreplaced';

export const rules: Rule[] = [yamlSyntax, placeholderUnreplaced, suppressionUnused];
