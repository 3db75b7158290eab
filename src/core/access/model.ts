import type { WorkspaceIndex } from '../index/workspace-index';
import { readBinding, type BindingObject } from '../model/rbac';
import { RoleResolver, inSourceOrder, objectRef, type ResolvedRole } from './roles';
import { grantAllows } from './match';
import { canonicalSubject, compareSubjects, identitiesOf, subjectKey } from './subject';
import type { AccessModel, AccessQueryOptions, Grant, Scope, SourceRef, Subject, SubjectGrants } from './types';

/** One binding subject's share of a binding: the resolved role and where it applies. */
interface Entry {
  via: Subject;
  binding: SourceRef;
  role: ResolvedRole;
  scope: Scope;
}

/** The binding's subjects as model subjects; ServiceAccounts without namespace take a RoleBinding's. */
function subjectsOf(b: BindingObject): Subject[] {
  const out: Subject[] = [];
  for (const s of b.subjects) {
    const name = s.name.value;
    if (!name) continue;
    const kind = s.kind.value;
    if (kind === 'ServiceAccount') {
      const ns = s.namespace.value ?? (s.namespace.unknown || b.kind !== 'RoleBinding' ? null : b.object.namespace);
      if (ns) out.push({ kind, namespace: ns, name });
    } else if (kind === 'User' || kind === 'Group') {
      out.push(canonicalSubject({ kind, name }));
    }
  }
  return out;
}

function resolveBinding(b: BindingObject, roles: RoleResolver): { role: ResolvedRole; scope: Scope } | null {
  const ref = b.roleRef;
  const name = ref?.name.value;
  const kind = ref?.kind.value;
  if (!name || !kind) return null;
  if (b.kind === 'ClusterRoleBinding') {
    // The API rejects a ClusterRoleBinding to a Role; it grants nothing.
    const role = kind === 'ClusterRole' ? roles.clusterRole(name) : null;
    return role ? { role, scope: 'cluster' } : null;
  }
  const ns = b.object.namespace;
  if (!ns) return null;
  const role = kind === 'Role' ? roles.role(ns, name) : kind === 'ClusterRole' ? roles.clusterRole(name) : null;
  return role ? { role, scope: { namespace: ns } } : null;
}

class Model implements AccessModel {
  private readonly entries = new Map<string, Entry[]>();
  private readonly named: Subject[] = [];
  private readonly serviceAccounts: Subject[] = [];
  private readonly memo = new Map<string, readonly Grant[]>();

  constructor(index: WorkspaceIndex, public version: number) {
    const roles = new RoleResolver(index);
    const seen = new Set<string>();
    for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
      for (const o of inSourceOrder(index.ofKind(kind))) {
        const b = readBinding(o);
        if (!b) continue;
        const resolved = resolveBinding(b, roles);
        const listed = new Set<string>();
        for (const via of subjectsOf(b)) {
          const key = subjectKey(via);
          // A subject listed twice in one binding is granted once.
          if (listed.has(key)) continue;
          listed.add(key);
          if (!seen.has(key)) {
            seen.add(key);
            this.named.push(via);
          }
          if (!resolved) continue;
          const list = this.entries.get(key) ?? [];
          list.push({ via, binding: objectRef(o), role: resolved.role, scope: resolved.scope });
          this.entries.set(key, list);
        }
      }
    }
    for (const o of index.ofKind('ServiceAccount')) {
      if (o.name && o.namespace) this.serviceAccounts.push({ kind: 'ServiceAccount', namespace: o.namespace, name: o.name });
    }
    // Pods run as ServiceAccounts the workspace may not define; they still hold what their groups get.
    for (const f of index.files()) {
      for (const o of f.objects) {
        for (const p of o.podSpecs) {
          if (p.serviceAccountName && o.namespace) this.serviceAccounts.push({ kind: 'ServiceAccount', namespace: o.namespace, name: p.serviceAccountName });
        }
      }
    }
    this.named.sort(compareSubjects);
  }

  accessOf(subject: Subject): readonly Grant[] {
    const key = subjectKey(canonicalSubject(subject));
    const cached = this.memo.get(key);
    if (cached) return cached;
    const out: Grant[] = [];
    for (const id of identitiesOf(subject)) {
      for (const e of this.entries.get(subjectKey(id)) ?? []) {
        for (const r of e.role.rules) {
          out.push({ rule: r.rule, scope: e.scope, binding: e.binding, role: e.role.ref, ruleSource: r.source, ruleRange: r.range, via: e.via });
        }
      }
    }
    this.memo.set(key, out);
    return out;
  }

  candidates(): Subject[] {
    const candidates = new Map<string, Subject>();
    for (const s of [...this.named, ...this.serviceAccounts]) candidates.set(subjectKey(s), s);
    return [...candidates.values()].sort(compareSubjects);
  }

  subjectsWith(verb: string, resource: string, namespace?: string, options?: AccessQueryOptions): SubjectGrants[] {
    const out: SubjectGrants[] = [];
    for (const subject of this.candidates()) {
      const grants = this.accessOf(subject).filter((g) => grantAllows(g, verb, resource, namespace, options));
      if (grants.length) out.push({ subject, grants });
    }
    return out;
  }

  subjects(): Subject[] {
    return [...this.named];
  }
}

// Kinds whose objects the model reads in full; of every other object it reads only its pods' ServiceAccounts.
const READ = new Set(['RoleBinding', 'ClusterRoleBinding', 'Role', 'ClusterRole', 'ServiceAccount']);

/**
 * What the model reads of one file, as strings to compare: each read object's identity, offsets and text, and
 * the namespace and ServiceAccount of each pod. Equal shares give an equal model (offsets included, for ranges).
 */
function shareOf(index: WorkspaceIndex, path: string): string[] {
  const f = index.getFile(path);
  const out: string[] = [];
  if (!f) return out;
  for (const o of f.objects) {
    if (o.kind && READ.has(o.kind)) out.push(`${o.kind}\u0000${o.namespace}\u0000${o.doc.start}`, f.text.slice(o.doc.start, o.doc.end));
    for (const p of o.podSpecs) out.push(`${o.namespace}\u0000${p.serviceAccountName}`);
  }
  return out;
}

function sameShare(a: readonly string[] | undefined, b: readonly string[]): boolean {
  if (!a) return b.length === 0;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

const cache = new WeakMap<WorkspaceIndex, { model: Model; shares: Map<string, string[]> }>();

/**
 * The access model of the index's current state. Rebuilt only when a file changed since the last model in what
 * the model reads (bindings, roles, ServiceAccounts, pods' ServiceAccounts): editing anything else, which is
 * most keystrokes, keeps it.
 */
export function buildAccessModel(index: WorkspaceIndex): AccessModel {
  const hit = cache.get(index);
  if (hit && hit.model.version === index.version) return hit.model;
  if (hit) {
    const changes = index.changesSince(hit.model.version);
    if (changes !== 'too-old') {
      const next = new Map<string, string[]>();
      let same = changes.removed.every((p) => sameShare(hit.shares.get(p), []));
      for (const p of changes.changed) {
        if (!same) break;
        const share = shareOf(index, p);
        same = sameShare(hit.shares.get(p), share);
        next.set(p, share);
      }
      if (same) {
        for (const p of changes.removed) hit.shares.delete(p);
        for (const [p, share] of next) hit.shares.set(p, share);
        hit.model.version = index.version;
        return hit.model;
      }
    }
  }
  const model = new Model(index, index.version);
  const shares = new Map<string, string[]>();
  for (const f of index.files()) {
    const share = shareOf(index, f.path);
    if (share.length) shares.set(f.path, share);
  }
  cache.set(index, { model, shares });
  return model;
}
