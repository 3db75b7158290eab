import type { WorkspaceIndex } from '../../index/workspace-index';
import type { KObject } from '../../model/objects';
import { get, isMap, isSeq, knownStr, type YNode } from '../../yaml/node';
import { readBinding } from '../../model/rbac';
import { resolveSubjectNamespace } from '../rbac/subject-namespace';

/** A subject field: its known value, or 'unknown' for a template/placeholder (which never rules a match out). */
type Field = string | 'unknown' | null;

function field(n: YNode | null): Field {
  if (!n) return null;
  return n.unknown ? 'unknown' : knownStr(n);
}

function same(f: Field, value: string): boolean {
  return f === 'unknown' || f === value;
}

/** Whether one subject of a binding applies to ServiceAccount ns/name (authorizer semantics). */
function subjectApplies(index: WorkspaceIndex, binding: KObject, subject: YNode, ns: string, name: string): boolean {
  if (!isMap(subject)) return false;
  if (subject.unknown) return true;
  const kind = field(get(subject, 'kind'));
  const subjectName = field(get(subject, 'name'));
  if (kind === 'unknown') {
    const names = [name, 'system:serviceaccounts', `system:serviceaccounts:${ns}`, `system:serviceaccount:${ns}:${name}`];
    return subjectName === 'unknown' || (!!subjectName && names.includes(subjectName));
  }
  if (kind === 'ServiceAccount') {
    if (!subjectName || !same(subjectName, name)) return false;
    const explicit = field(get(subject, 'namespace'));
    // Without a namespace a RoleBinding's ServiceAccount subject is in the binding's namespace.
    let subjectNs: Field = explicit ?? (binding.kind === 'RoleBinding' ? binding.namespace ?? 'unknown' : null);
    // A kustomize build rewrites subjects that name its own ServiceAccounts: compare what the build produces.
    if (index.scopeOf(binding.file)?.namespace !== undefined) {
      const b = readBinding(binding);
      const ref = b?.subjects.find((x) => x.node === subject);
      if (b && ref) subjectNs = resolveSubjectNamespace(index, ref, b) ?? 'unknown';
    }
    return !!subjectNs && same(subjectNs, ns);
  }
  if (kind === 'Group') return !!subjectName && (same(subjectName, 'system:serviceaccounts') || subjectName === `system:serviceaccounts:${ns}`);
  if (kind === 'User') return !!subjectName && same(subjectName, `system:serviceaccount:${ns}:${name}`);
  return false;
}

/**
 * Whether any RoleBinding or ClusterRoleBinding of the workspace may grant something to ServiceAccount
 * ns/name: as the ServiceAccount itself, as its user name, or through the groups every ServiceAccount
 * (of the namespace) belongs to. Template values count as a possible match.
 */
export function isBound(index: WorkspaceIndex, ns: string, name: string): boolean {
  for (const kind of ['RoleBinding', 'ClusterRoleBinding']) {
    for (const b of index.ofKind(kind)) {
      const subjects = get(b.root, 'subjects');
      if (!subjects) continue;
      if (subjects.unknown) return true;
      if (!isSeq(subjects)) continue;
      if (subjects.items.some((s) => subjectApplies(index, b, s, ns, name))) return true;
    }
  }
  return false;
}
