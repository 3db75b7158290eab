import type { WorkspaceIndex } from '../../index/workspace-index';
import type { KObject } from '../../model/objects';
import { bindingsIn, labelsOf, rolesIn, selectorMatches, type LabelSelector } from '../../model/rbac';
import { describe, objectSpan } from '../helpers';
import { defineRule } from '../types';

interface References {
  anyBinding: boolean;
  /** `Role\0ns\0name` and `ClusterRole\0\0name` of every roleRef. */
  names: Set<string>;
  /** Some binding refers to a templated ClusterRole name. */
  unknownCluster: boolean;
  /** Namespaces whose RoleBindings refer to a templated Role name ('*': a binding of a templated namespace). */
  unknownRoleIn: Set<string>;
  selectors: LabelSelector[];
}

// One file's share, keyed by its objects array (replaced on every change of the file): a keystroke re-reads only
// the edited file's bindings and merges the other files' shares.
const perFile = new WeakMap<readonly KObject[], References>();

function emptyRefs(): References {
  return { anyBinding: false, names: new Set(), unknownCluster: false, unknownRoleIn: new Set(), selectors: [] };
}

function referencesIn(objects: readonly KObject[]): References {
  const hit = perFile.get(objects);
  if (hit) return hit;
  const refs = emptyRefs();
  for (const b of bindingsIn(objects)) {
    refs.anyBinding = true;
    const ref = b.roleRef;
    if (!ref) continue;
    // A templated kind could be either; a RoleBinding of a templated namespace could be in any ('*').
    const maybeCluster = ref.kind.unknown || ref.kind.value === 'ClusterRole';
    const maybeRole = b.kind === 'RoleBinding' && (ref.kind.unknown || ref.kind.value === 'Role');
    const ns = b.object.namespace ?? '*';
    if (ref.name.unknown) {
      // A templated name could be any role: stay quiet wherever it reaches.
      if (maybeCluster) refs.unknownCluster = true;
      if (maybeRole) refs.unknownRoleIn.add(ns);
      continue;
    }
    const name = ref.name.value;
    if (!name) continue;
    if (maybeCluster) refs.names.add(`ClusterRole\u0000\u0000${name}`);
    if (maybeRole) refs.names.add(`Role\u0000${ns}\u0000${name}`);
  }
  for (const r of rolesIn(objects)) if (r.kind === 'ClusterRole') refs.selectors.push(...(r.aggregationRule?.selectors ?? []));
  perFile.set(objects, refs);
  return refs;
}

const cache = new WeakMap<WorkspaceIndex, { version: number; refs: References }>();

/** The workspace's references: the union of every file's (cached) share, once per index version. */
function referencesOf(index: WorkspaceIndex): References {
  const hit = cache.get(index);
  if (hit && hit.version === index.version) return hit.refs;
  const refs = emptyRefs();
  for (const f of index.files()) {
    if (!f.objects.length) continue;
    const mine = referencesIn(f.objects);
    if (!mine.anyBinding && !mine.selectors.length) continue;
    refs.anyBinding ||= mine.anyBinding;
    refs.unknownCluster ||= mine.unknownCluster;
    for (const n of mine.names) refs.names.add(n);
    for (const n of mine.unknownRoleIn) refs.unknownRoleIn.add(n);
    if (mine.selectors.length) refs.selectors.push(...mine.selectors);
  }
  cache.set(index, { version: index.version, refs });
  return refs;
}

export default defineRule({
  id: 'rbac-unused-role',
  title: 'Role or ClusterRole that no binding refers to',
  defaultSeverity: 'info',
  category: 'rbac',
  fixable: false,
  docs: {
    why: 'A role that no binding refers to grants nothing: either a binding is missing (and the workload lacks the access it was written for) or the role is left over and only widens what a later binding could hand out. ClusterRoles aggregated into others are used through them and are not reported; the rule runs only when the workspace has bindings.',
    howToFix: 'Add the missing RoleBinding or ClusterRoleBinding, or delete the role.',
  },
  check(ctx) {
    const roles = rolesIn(ctx.file.objects);
    if (!roles.length) return;
    const refs = referencesOf(ctx.index);
    if (!refs.anyBinding) return;
    for (const role of roles) {
      const o = role.object;
      if (!o.name || o.nameNode?.unknown) continue;
      if (role.kind === 'Role') {
        if (!o.namespace || refs.unknownRoleIn.has(o.namespace) || refs.unknownRoleIn.has('*') || refs.names.has(`Role\u0000${o.namespace}\u0000${o.name}`) || refs.names.has(`Role\u0000*\u0000${o.name}`)) continue;
      } else {
        if (refs.unknownCluster || refs.names.has(`ClusterRole\u0000\u0000${o.name}`)) continue;
        const labels = labelsOf(o);
        if (Object.keys(labels).some((k) => k.includes('aggregate-to-'))) continue;
        if (refs.selectors.some((s) => selectorMatches(s, labels))) continue;
      }
      const by = role.kind === 'Role' ? `RoleBinding of namespace ${o.namespace}` : 'RoleBinding or ClusterRoleBinding';
      ctx.report({ message: `${describe(o)} is not referenced by any ${by} in the workspace, so it grants nothing here; bind it or remove it.`, ...objectSpan(o) });
    }
  },
});
