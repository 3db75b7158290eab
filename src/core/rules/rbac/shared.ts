import type { BindingObject, ListItem, RbacRule, RoleObject, SubjectRef } from '../../model/rbac';
import type { WorkspaceIndex } from '../../index/workspace-index';
import { describe } from '../helpers';
import { resolveSubjectNamespace } from './subject-namespace';

export { span } from '../helpers';

/** Whether a rule's apiGroups reach one of `groups` ('' is the core group); unknown lists never do. */
export function coversGroup(rule: RbacRule, groups: readonly string[]): boolean {
  if (rule.apiGroups.unknown) return false;
  return rule.apiGroups.values.some((g) => g === '*' || groups.includes(g));
}

/** Verb items equal to one of `verbs` or `*`. */
export function verbItems(rule: RbacRule, verbs: readonly string[]): ListItem[] {
  return rule.verbs.items.filter((i) => i.value !== null && (i.value === '*' || verbs.includes(i.value)));
}

// Whether a resource item reaches `resource`: the same name, or `*/<sub>` for a subresource `<x>/<sub>` (the
// authorizer matches `*/exec` against the exec subresource of every resource). A bare `*` is not matched here: it is
// rbac-wildcard's business. (Line comments: `*/` would end a block comment.)
export function resourceMatches(item: string, resource: string): boolean {
  if (item === resource) return true;
  if (!item.startsWith('*/') || item.length < 3) return false;
  const slash = resource.indexOf('/');
  return slash > 0 && resource.slice(slash) === item.slice(1);
}

// Resource items that reach one of `resources`, by name or as `*/<sub>` (a bare `*` is rbac-wildcard's business).
export function resourceItems(rule: RbacRule, resources: readonly string[]): ListItem[] {
  return rule.resources.items.filter((i) => i.value !== null && resources.some((r) => resourceMatches(i.value as string, r)));
}

// The first of `resources` that an item reaches (for messages: `*/exec` reaches pods/exec).
export function resourceReached(item: string, resources: readonly string[]): string | undefined {
  return resources.find((r) => resourceMatches(item, r));
}

/** `get, list` — the known values of a list, for messages. */
export function joined(values: readonly string[]): string {
  return values.map((v) => (v === '' ? '""' : v)).join(', ');
}

/** Where a role's grants apply, for messages. */
export function scopeText(role: RoleObject): string {
  if (role.kind !== 'Role') return 'in every namespace';
  // A Helm release namespace or a disputed kustomize base: the Role's own namespace, whichever it is.
  return role.object.namespace ? `in namespace ${role.object.namespace}` : 'in its namespace';
}

export function roleText(role: RoleObject): string {
  return describe(role.object);
}

/** What a rule targets, for messages: its resources (with names) or its non-resource URLs. */
export function targetText(rule: RbacRule): string {
  const names = rule.resourceNames.values.length ? ` (only ${joined(rule.resourceNames.values)})` : '';
  if (rule.resources.values.includes('*')) return `every resource${names}`;
  if (rule.resources.values.length) return `${joined(rule.resources.values)}${names}`;
  if (rule.nonResourceURLs.values.length) return `non-resource URLs ${joined(rule.nonResourceURLs.values)}`;
  return 'no resources';
}


/** "ServiceAccount shop/orders", "User alice", "Group devs" — how messages name a subject. */
export function subjectText(s: SubjectRef, binding: BindingObject, index?: WorkspaceIndex): string {
  const kind = s.kind.value ?? 'subject';
  const name = s.name.value ?? (s.name.unknown ? '(templated)' : '(unnamed)');
  if (kind !== 'ServiceAccount') return `${kind} ${name}`;
  const ns = subjectNamespace(s, binding, index);
  return ns ? `ServiceAccount ${ns}/${name}` : `ServiceAccount ${name}`;
}

/**
 * A ServiceAccount subject's namespace: its own, else the RoleBinding's (as the authorizer does); with the index,
 * as the kustomize build that includes the binding produces it.
 */
export function subjectNamespace(s: SubjectRef, binding: BindingObject, index?: WorkspaceIndex): string | null {
  return resolveSubjectNamespace(index, s, binding);
}

/** "Role reader" / "ClusterRole edit" — what a binding grants, for messages. */
export function roleRefText(b: BindingObject): string {
  const r = b.roleRef;
  return `${r?.kind.value ?? 'role'} ${r?.name.value ?? '(unnamed)'}`;
}

/** A rule's verbs for prose: "get, list", or "every verb" for `*`. */
export function verbsText(rule: RbacRule): string {
  const v = rule.verbs.values;
  if (v.includes('*')) return 'every verb';
  return v.length ? joined(v) : 'no verbs';
}
