import type { WorkspaceIndex } from '../index/workspace-index';
import { builtinBindings, findBuiltinRole } from '../knowledge/k8s-builtins';
import { RoleResolver, type ResolvedRole } from './roles';
import { canonicalSubject, subjectKey } from './subject';
import type { Grant, SourceRef, Subject } from './types';

const ref = (kind: string, namespace: string | null, name: string): SourceRef => ({ kind, namespace, name, file: null, start: 0, end: 0, nameRange: null, builtin: true });

/**
 * What the bindings every cluster has (the bootstrap policy: system:masters → cluster-admin, the controllers' own
 * bindings, system:authenticated → system:basic-user, …) grant, by subject key. Built-in ClusterRoles resolve as
 * the workspace's access model resolves them, so a workspace ClusterRole aggregated into `admin` counts.
 */
export function builtinGrants(index: WorkspaceIndex): { grants: Map<string, Grant[]>; subjects: Subject[] } {
  const hit = cache.get(index);
  if (hit && hit.version === index.version) return hit.value;
  const value = compute(index);
  cache.set(index, { version: index.version, value });
  return value;
}

const cache = new WeakMap<WorkspaceIndex, { version: number; value: ReturnType<typeof compute> }>();

function compute(index: WorkspaceIndex): { grants: Map<string, Grant[]>; subjects: Subject[] } {
  const roles = new RoleResolver(index);
  const grants = new Map<string, Grant[]>();
  const subjects = new Map<string, Subject>();
  for (const b of builtinBindings) {
    let role: ResolvedRole | null = null;
    if (b.roleRef.kind === 'ClusterRole') role = roles.clusterRole(b.roleRef.name);
    else if (b.namespace) {
      const r = findBuiltinRole(b.namespace, b.roleRef.name);
      const source = ref('Role', b.namespace, b.roleRef.name);
      role = r ? { ref: source, rules: r.rules.map((rule) => ({ rule, source, range: null })) } : null;
    }
    if (!role) continue;
    const scope = b.kind === 'ClusterRoleBinding' ? 'cluster' as const : { namespace: b.namespace ?? '' };
    const binding = ref(b.kind, b.namespace, b.name);
    for (const s of b.subjects) {
      let via: Subject | null = null;
      if (s.kind === 'ServiceAccount' && (s.namespace ?? b.namespace)) via = { kind: 'ServiceAccount', namespace: (s.namespace ?? b.namespace) as string, name: s.name };
      else if (s.kind === 'User' || s.kind === 'Group') via = canonicalSubject({ kind: s.kind, name: s.name });
      if (!via) continue;
      const key = subjectKey(via);
      subjects.set(key, via);
      const list = grants.get(key) ?? [];
      for (const r of role.rules) list.push({ rule: r.rule, scope, binding, role: role.ref, ruleSource: r.source, ruleRange: r.range, via });
      grants.set(key, list);
    }
  }
  return { grants, subjects: [...subjects.values()] };
}
