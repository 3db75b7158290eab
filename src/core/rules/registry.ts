import type { Rule } from './types';
import { rules as general } from './general/index';
import { rules as wi } from './wi/index';
import { rules as aadpi } from './aadpi/index';
import { rules as rbac } from './rbac/index';
import { rules as sa } from './sa/index';
import { rules as other } from './other/index';
import { rules as cred } from './cred/index';
import { rules as iac } from './iac/index';

export const allRules: readonly Rule[] = [...wi, ...aadpi, ...rbac, ...sa, ...other, ...cred, ...iac, ...general];

export const ruleById: ReadonlyMap<string, Rule> = new Map(allRules.map((r) => [r.id, r]));

export const DOCS_BASE = 'https://github.com/aks-iam/aks-iam/blob/main/docs/rules.md';

export function docsUrl(id: string): string {
  return `${DOCS_BASE}#${id}`;
}
