import { get, getPath, isSeq, knownStr } from '../yaml/node';
import type { FileEntry } from './workspace-index';

// Kinds whose whole content other files' findings depend on (bindings, roles, ServiceAccounts, identities).
const REFERENCED = new Set([
  'ServiceAccount', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding',
  'AzureIdentity', 'AzureIdentityBinding', 'AzurePodIdentityException',
  // Read by the credential rules: a Secret's keys, a SecretProviderClass's parameters.
  'Secret', 'SecretProviderClass',
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
      // Volumes and the Secrets variables read: a Secret's or a SecretProviderClass's findings name the pods using them.
      const secretRefs = p.containers.flatMap((c) => {
        const from = get(c.node, 'envFrom');
        return [
          ...c.env.map((e) => knownStr(getPath(e.node, ['valueFrom', 'secretKeyRef', 'name']))),
          ...(isSeq(from) ? from.items.map((i) => knownStr(getPath(i, ['secretRef', 'name']))) : []),
        ];
      }).filter(Boolean).join(',');
      parts.push(`${p.serviceAccountName}|${slice(p.automountPair)}|${slice(p.labels)}|${slice(p.annotations)}|${slice(get(p.spec, 'volumes'))}|${secretRefs}`);
    }
  }
  return parts.join('\u0000');
}
