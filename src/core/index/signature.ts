import type { FileEntry } from './workspace-index';

// Kinds whose whole content other files' findings depend on (bindings, roles, ServiceAccounts, identities).
const REFERENCED = new Set([
  'ServiceAccount', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding',
  'AzureIdentity', 'AzureIdentityBinding', 'AzurePodIdentityException',
]);

/**
 * What other files can see of this file: referenced kinds in full, and for everything else its identity and the
 * pod wiring (ServiceAccount, labels, namespace). An edit that leaves this unchanged cannot change another
 * file's findings, so only the edited file is re-analysed.
 */
export function crossFileSignature(file: FileEntry): string {
  // A kustomization decides the namespace and the kind (whole or patch) of the objects of other files.
  if (file.kustomization) return JSON.stringify(file.kustomization);
  const parts: string[] = [];
  for (const o of file.objects) {
    if (o.kind && REFERENCED.has(o.kind)) {
      parts.push(file.text.slice(o.doc.start, o.doc.end));
      continue;
    }
    parts.push(`${o.kind}/${o.namespace}/${o.name}`);
    for (const p of o.podSpecs) {
      const slice = (n: { start: number; end: number } | null) => (n ? file.text.slice(n.start, n.end) : '');
      parts.push(`${p.serviceAccountName}|${slice(p.automountPair)}|${slice(p.labels)}|${slice(p.annotations)}`);
    }
  }
  return parts.join('\u0000');
}
