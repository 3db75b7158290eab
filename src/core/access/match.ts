import type { PolicyRule } from '../knowledge/data';
import type { AccessQueryOptions, Grant, Scope } from './types';

/** Whether a resource entry of a rule covers a requested resource (`pods`, `pods/exec`), wildcards (`*`, `*` + `/subresource`) included. */
export function resourceMatches(entry: string, resource: string): boolean {
  if (entry === '*' || entry === resource) return true;
  const slash = resource.indexOf('/');
  return slash > 0 && entry === `*${resource.slice(slash)}`;
}

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === '*' || v === verb);
}

/** Whether a rule allows `verb` on `resource` (resource rules only; non-resource URLs never match). */
export function ruleAllows(rule: PolicyRule, verb: string, resource: string, options: AccessQueryOptions = {}): boolean {
  if (!rule.resources || !verbMatches(rule, verb)) return false;
  if (!rule.resources.some((r) => resourceMatches(r, resource))) return false;
  if (options.apiGroup === undefined) return true;
  return (rule.apiGroups ?? []).some((g) => g === '*' || g === options.apiGroup);
}

/** Whether a grant's scope reaches a namespace; cluster-wide grants reach every namespace. */
export function scopeCovers(scope: Scope, namespace: string | undefined): boolean {
  return namespace === undefined || scope === 'cluster' || scope.namespace === namespace;
}

export function grantAllows(g: Grant, verb: string, resource: string, namespace?: string, options?: AccessQueryOptions): boolean {
  return scopeCovers(g.scope, namespace) && ruleAllows(g.rule, verb, resource, options);
}
