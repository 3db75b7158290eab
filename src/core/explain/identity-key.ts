import type { IdentityKey } from '../knowledge/data';
import { code, text } from './markdown';

const PROVIDER: Record<IdentityKey['provider'], { name: string; docs: string }> = {
  'azure-workload-identity': { name: 'Azure Workload Identity', docs: 'https://azure.github.io/azure-workload-identity/docs/topics/service-account-labels-and-annotations.html' },
  'eks-irsa': { name: 'EKS IAM roles for service accounts', docs: 'https://github.com/aws/amazon-eks-pod-identity-webhook' },
  'gke-workload-identity': { name: 'GKE Workload Identity', docs: 'https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity' },
  'aad-pod-identity': { name: 'aad-pod-identity (deprecated)', docs: 'https://learn.microsoft.com/azure/aks/workload-identity-migrate-from-pod-identity' },
};

export function identityKeyJson(k: IdentityKey, asWritten?: string): Record<string, unknown> {
  const { kind: keyKind, ...rest } = k;
  return { kind: 'identity-key', keyKind, ...rest, ...(asWritten && asWritten !== k.key ? { matched: asWritten } : {}), docs: PROVIDER[k.provider].docs };
}

export function explainIdentityKey(k: IdentityKey, asWritten?: string): string {
  const p = PROVIDER[k.provider];
  const shown = asWritten ?? k.key;
  const out = [`**${code(shown)}** — ${p.name} ${k.kind}`, ''];
  if (shown !== k.key) out.push(`Custom token endpoint form ${code(k.key)}.`, '');
  out.push(text(k.meaning), '');
  out.push(`- **Where:** ${text(k.where)}`);
  if (k.allowedValues.length) out.push(`- **Allowed values:** ${k.allowedValues.map((v) => code(v)).join(', ')}${k.kind === 'label' || k.allowedValues.includes('true') ? ' (a quoted string in YAML)' : ''}`);
  else if (k.valueFormat) out.push(`- **Value:** ${text(k.valueFormat)}`);
  if (k.default) out.push(`- **Default:** ${text(k.default.replace(/`/g, ''))}`);
  for (const n of k.notes) out.push(`- ${text(n)}`);
  out.push('', `[Documentation](${p.docs})`);
  return out.join('\n');
}
