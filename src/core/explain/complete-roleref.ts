import type { WorkspaceIndex } from '../index/workspace-index';
import { clusterRoles } from '../knowledge/data';
import { readBinding } from '../model/rbac';
import type { CompletionCandidate } from './complete';
import { yamlParentKeys } from './complete';

// Kubernetes' user-facing default ClusterRoles; the aggregate-to-* ones exist to be aggregated, not bound.
const BINDABLE_BUILTINS = new Set(['cluster-admin', 'admin', 'edit', 'view']);
const BUILTIN_HINT: Record<string, string> = {
  'cluster-admin': 'Everything on every resource: bind only with care.',
  admin: 'Read/write on most namespaced resources including Roles and RoleBindings (not quotas or the namespace).',
  edit: 'Read/write on most namespaced resources, no Roles or RoleBindings; can read Secrets and run pods as any ServiceAccount.',
  view: 'Read-only on most namespaced resources, without Secrets.',
};

/**
 * `roleRef.name` candidates for the binding at `offset`: the roles it can refer to — ClusterRoles (built-in and of the
 * workspace) for `kind: ClusterRole`, Roles of the binding's own namespace for `kind: Role`.
 */
export function roleRefCompletions(index: WorkspaceIndex, path: string, offset: number): CompletionCandidate[] {
  const file = index.getFile(path);
  if (!file) return [];
  const text = file.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const m = /^(\s*)name\s*:\s*(["']?)([A-Za-z0-9:._-]*)$/.exec(before);
  if (!m) return [];
  const lines = text.slice(Math.max(0, lineStart - 20_000), offset).split('\n').map((l) => l.replace(/\r$/, ''));
  const parents = yamlParentKeys(lines, lines.length - 1, before.length);
  if (parents[parents.length - 1] !== 'roleRef') return [];
  const o = file.objects.find((x) => offset >= x.doc.start && offset <= x.doc.end);
  if (!o || (o.kind !== 'RoleBinding' && o.kind !== 'ClusterRoleBinding')) return [];
  const refKind = readBinding(o)?.roleRef?.kind.value ?? null;
  const replaceStart = offset - m[3].length;
  let replaceEnd = offset;
  while (replaceEnd < text.length && /[A-Za-z0-9:._-]/.test(text[replaceEnd])) replaceEnd++;
  const out: CompletionCandidate[] = [];
  const add = (name: string, detail: string, documentation: string) => {
    if (!out.some((c) => c.label === name)) out.push({ label: name, insertText: name.replace(/[$}\\]/g, '\\$&'), kind: 'role', detail, documentation, replaceStart, replaceEnd });
  };
  if (refKind !== 'Role') {
    for (const c of index.ofKind('ClusterRole')) if (c.name) add(c.name, `ClusterRole · ${c.file}`, 'Defined in this workspace.');
    for (const c of clusterRoles) if (BINDABLE_BUILTINS.has(c.name)) add(c.name, 'ClusterRole · Kubernetes default', BUILTIN_HINT[c.name] ?? '');
  }
  if (refKind !== 'ClusterRole' && o.kind === 'RoleBinding' && o.namespace) {
    for (const r of index.ofKind('Role')) if (r.name && r.namespace === o.namespace) add(r.name, `Role in ${r.namespace} · ${r.file}`, 'Defined in this workspace.');
  }
  return out;
}
