import type { RbacTerm } from '../knowledge/rbac-terms';
import { code, text } from './markdown';

export function rbacTermJson(t: RbacTerm): Record<string, unknown> {
  return { kind: t.kind === 'verb' ? 'rbac-verb' : 'rbac-resource', term: t.term, meaning: t.meaning, risk: t.risk, why: t.why ?? null };
}

export function explainRbacTerm(t: RbacTerm): string {
  const what = t.kind === 'verb' ? 'Kubernetes RBAC verb' : 'Kubernetes RBAC resource';
  const out = [`**${code(t.term)}** — ${what} · risk: **${t.risk}**`, '', text(t.meaning)];
  if (t.why) out.push('', text(t.why));
  out.push('', '[Documentation](https://kubernetes.io/docs/concepts/security/rbac-good-practices/)');
  return out.join('\n');
}
