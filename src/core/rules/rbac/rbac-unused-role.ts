import type { WorkspaceIndex } from '../../index/workspace-index';
import { labelsOf, readBinding, readRole, rolesIn, selectorMatches, type LabelSelector } from '../../model/rbac';
import { describe, objectSpan } from '../helpers';
import { defineRule } from '../types';

interface References {
  anyBinding: boolean;
  /** `Role\0ns\0name` and `ClusterRole\0\0name` of every roleRef. */
  names: Set<string>;
  /** Namespaces whose RoleBindings refer to a templated Role name; '*' for a templated ClusterRole name. */
  unknown: Set<string>;
  selectors: LabelSelector[];
}

const cache = new WeakMap<WorkspaceIndex, { version: number; refs: References }>();

function referencesOf(index: WorkspaceIndex): References {
  const hit = cache.get(index);
  if (hit && hit.version === index.version) return hit.refs;
  const refs: References = { anyBinding: false, names: new Set(), unknown: new Set(), selectors: [] };
  for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
    for (const o of index.ofKind(kind)) {
      const b = readBinding(o);
      if (!b) continue;
      refs.anyBinding = true;
      const ref = b.roleRef;
      const refKind = ref?.kind.value;
      const ns = b.kind === 'RoleBinding' ? b.object.namespace : null;
      if (!ref || (!ref.kind.unknown && refKind !== 'Role' && refKind !== 'ClusterRole')) continue;
      if (ref.name.unknown || ref.kind.unknown || (b.kind === 'RoleBinding' && ns === null)) {
        // A templated reference could be any role: stay quiet where it reaches.
        refs.unknown.add(ref.kind.unknown || refKind === 'ClusterRole' ? '*' : ns ?? '*');
        continue;
      }
      if (!ref.name.value) continue;
      refs.names.add(refKind === 'Role' ? `Role\u0000${ns ?? ''}\u0000${ref.name.value}` : `ClusterRole\u0000\u0000${ref.name.value}`);
    }
  }
  for (const o of index.ofKind('ClusterRole')) refs.selectors.push(...(readRole(o)?.aggregationRule?.selectors ?? []));
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
    if (!refs.anyBinding || refs.unknown.has('*')) return;
    for (const role of roles) {
      const o = role.object;
      if (!o.name || o.nameNode?.unknown) continue;
      if (role.kind === 'Role') {
        if (!o.namespace || refs.unknown.has(o.namespace) || refs.names.has(`Role\u0000${o.namespace}\u0000${o.name}`)) continue;
      } else {
        if (refs.names.has(`ClusterRole\u0000\u0000${o.name}`)) continue;
        const labels = labelsOf(o);
        if (Object.keys(labels).some((k) => k.includes('aggregate-to-'))) continue;
        if (refs.selectors.some((s) => selectorMatches(s, labels))) continue;
      }
      const by = role.kind === 'Role' ? `RoleBinding of namespace ${o.namespace}` : 'RoleBinding or ClusterRoleBinding';
      ctx.report({ message: `${describe(o)} is not referenced by any ${by} in the workspace, so it grants nothing here; bind it or remove it.`, ...objectSpan(o) });
    }
  },
});
