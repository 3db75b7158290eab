// The Kubernetes RBAC authorizer's rule matching (k8s.io/kubernetes plugin/pkg/auth/authorizer/rbac, documented in
// "Using RBAC Authorization"): a rule allows a request when a verb matches (`*` or equal), and for a resource request
// an apiGroup (`*` or equal; a rule with no apiGroups matches none), a resource (`*`, equal to `resource[/sub]`,
// or `*/sub`) and the name (no resourceNames, or the name listed; a request without a name — list, create,
// deletecollection — never matches a rule limited to names); for a non-resource request a URL (`*`, equal, or a
// prefix ending in `*`). RoleBindings grant only inside their namespace, so they never grant cluster-scoped
// resources nor non-resource URLs.
import type { PolicyRule } from '../knowledge/data';
import type { Target } from './resources';
import type { Scope } from './types';

/** A rule's answer for one request: allowed for any name, allowed only for these names, or not at all. */
export type RuleVerdict = 'all' | { names: string[] } | null;

/** Where a grant reaches for a request: the whole cluster, or one namespace. */
export type Reach = 'cluster' | { namespace: string };

function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === '*' || v === verb);
}

function resourceMatches(rule: PolicyRule, resource: string, subresource: string | null): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  return (rule.resources ?? []).some((r) => r === '*' || r === combined || (!!subresource && r === `*/${subresource}`));
}

function groupMatches(rule: PolicyRule, group: string | null): boolean {
  const groups = rule.apiGroups ?? [];
  // An unknown group (a resource nobody defines): any group the rule lists may be the one.
  return group === null ? groups.length > 0 : groups.some((g) => g === '*' || g === group);
}

function urlMatches(rule: PolicyRule, url: string): boolean {
  return (rule.nonResourceURLs ?? []).some((u) => u === '*' || u === url || (u.endsWith('*') && url.startsWith(u.slice(0, -1))));
}

/** What one rule says about `verb` on the target (of `name`, when the request names an object). */
export function ruleVerdict(rule: PolicyRule, verb: string, target: Target, name: string | null): RuleVerdict {
  if (!verbMatches(rule, verb)) return null;
  if (target.kind === 'url') return urlMatches(rule, target.url) ? 'all' : null;
  if (!groupMatches(rule, target.group) || !resourceMatches(rule, target.resource, target.subresource)) return null;
  const names = rule.resourceNames ?? [];
  if (names.length === 0) return 'all';
  if (name === null) return { names: [...names] };
  return names.includes(name) ? 'all' : null;
}

/** Whether the target's objects live in namespaces (unknown resources are taken to). */
export function isNamespaced(target: Target): boolean {
  return target.kind === 'resource' && (target.type?.namespaced ?? true);
}

/**
 * How far a grant of `scope` reaches for the target. `namespace` is the namespace asked about, null for "any":
 * then a RoleBinding's grant reaches its own namespace. A namespace object's requests carry its own name as
 * namespace, so a RoleBinding in `shop` can grant `get namespaces shop`.
 */
export function grantReach(scope: Scope, target: Target, namespace: string | null, name: string | null): Reach | null {
  if (scope === 'cluster') return 'cluster';
  if (target.kind === 'url') return null;
  if (!isNamespaced(target)) {
    const ownNamespace = target.resource === 'namespaces' && target.group === '' && name === scope.namespace;
    return ownNamespace ? { namespace: scope.namespace } : null;
  }
  return namespace === null || namespace === scope.namespace ? { namespace: scope.namespace } : null;
}

export function reachLabel(r: Reach): string {
  return r === 'cluster' ? 'cluster-wide' : `in namespace ${r.namespace}`;
}
