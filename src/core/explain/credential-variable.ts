import { chainOf, type CredentialVariable } from '../knowledge/cloud-credentials';
import { code, text } from './markdown';

const CLOUD = { azure: 'Azure', aws: 'AWS', gcp: 'Google Cloud' } as const;
const ROLE: Record<CredentialVariable['role'], string> = {
  'static-secret': 'holds a static credential',
  'static-file': 'names a file that may hold a static credential',
  identity: 'set by the pod-identity webhook from the ServiceAccount',
  config: 'configuration of the credential chain',
};

export function credentialVariableJson(v: CredentialVariable): Record<string, unknown> {
  const chain = chainOf(v.cloud);
  return { kind: 'credential-variable', ...v, chainOrder: chain?.order ?? [], source: chain?.source ?? null };
}

/** Hover text for an environment variable of a cloud SDK's default credential chain. */
export function explainCredentialVariable(v: CredentialVariable): string {
  const chain = chainOf(v.cloud);
  const out = [`**${code(v.name)}** — ${CLOUD[v.cloud]} SDK environment variable (${ROLE[v.role]})`, '', text(v.meaning), ''];
  if (v.instead) out.push(`- **Instead:** ${text(v.instead)}`);
  if (chain) {
    out.push(`- **${text(chain.name)}** reads, in order:`);
    chain.order.forEach((step, i) => out.push(`  ${i + 1}. ${text(step)}`));
    out.push('', `[Source](${chain.source})`);
  }
  return out.join('\n');
}
