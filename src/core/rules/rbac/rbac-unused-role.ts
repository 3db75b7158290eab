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

/**
 * The union of every file's share, kept as counts so that one file's share can be taken out and its new one put
 * in: a keystroke costs that file's bindings, not a walk over the workspace.
 */
class Union {
  version = -1;
  private readonly shares = new Map<string, References>();
  private anyBinding = 0;
  private unknownCluster = 0;
  private readonly names = new Map<string, number>();
  private readonly unknownRoleIn = new Map<string, number>();
  /** Aggregation selectors by file: few files have them, so the flat list is rebuilt when one changes. */
  private readonly selectorsByFile = new Map<string, LabelSelector[]>();
  private selectors: LabelSelector[] | null = [];

  set(path: string, share: References | null): void {
    const old = this.shares.get(path) ?? null;
    if (old === share) return;
    if (old) this.apply(old, -1);
    if (share) this.apply(share, 1);
    if (share) this.shares.set(path, share);
    else this.shares.delete(path);
    if (old?.selectors.length || share?.selectors.length) {
      if (share?.selectors.length) this.selectorsByFile.set(path, share.selectors);
      else this.selectorsByFile.delete(path);
      this.selectors = null;
    }
  }

  /** A view for the current state: the count maps answer `has` directly, so nothing is copied per version. */
  refs(): WorkspaceReferences {
    if (!this.selectors) this.selectors = [...this.selectorsByFile.values()].flat();
    return {
      anyBinding: this.anyBinding > 0, names: this.names, unknownCluster: this.unknownCluster > 0,
      unknownRoleIn: this.unknownRoleIn, selectors: this.selectors,
    };
  }

  private apply(r: References, by: 1 | -1): void {
    if (r.anyBinding) this.anyBinding += by;
    if (r.unknownCluster) this.unknownCluster += by;
    for (const n of r.names) count(this.names, n, by);
    for (const n of r.unknownRoleIn) count(this.unknownRoleIn, n, by);
  }
}

function count(m: Map<string, number>, k: string, by: number): void {
  const n = (m.get(k) ?? 0) + by;
  if (n > 0) m.set(k, n);
  else m.delete(k);
}

function shareOf(index: WorkspaceIndex, path: string): References | null {
  const f = index.getFile(path);
  if (!f || !f.objects.length) return null;
  const mine = referencesIn(f.objects);
  return mine.anyBinding || mine.selectors.length ? mine : null;
}

const cache = new WeakMap<WorkspaceIndex, Union>();

/** What the rule asks of the whole workspace's references. */
export interface WorkspaceReferences {
  anyBinding: boolean;
  names: { has(key: string): boolean };
  unknownCluster: boolean;
  unknownRoleIn: { has(namespace: string): boolean };
  selectors: readonly LabelSelector[];
}

/** The workspace's references, updated from the files that changed since the last call. */
export function referencesOf(index: WorkspaceIndex): WorkspaceReferences {
  let union = cache.get(index);
  if (union && union.version === index.version) return union.refs();
  const changes = union ? index.changesSince(union.version) : 'too-old';
  if (!union || changes === 'too-old') {
    union = new Union();
    cache.set(index, union);
    for (const f of index.files()) union.set(f.path, shareOf(index, f.path));
  } else {
    for (const p of changes.removed) union.set(p, null);
    for (const p of changes.changed) union.set(p, shareOf(index, p));
  }
  union.version = index.version;
  return union.refs();
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
    severity: 'info: an unreferenced role grants nothing here but may be bound from elsewhere (another repository, a Helm release); worth knowing, not an alarm.',
    assumes: 'Needs the role\'s name and, for a Role, its namespace to be known: a role with an unknown namespace or templated name is not reported, and any binding with a templated role name (in the same namespace, or of unknown namespace) counts as possibly referring to it. Silent when the workspace has no binding at all.',
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
      ctx.report({ message: `Unused ${o.kind}: no ${by} in the workspace refers to ${describe(o)}, so it grants nothing here; bind it or remove it.`, ...objectSpan(o) });
    }
  },
});
