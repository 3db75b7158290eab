import { addressLabel } from '../../iac/label';
import type { IacFederatedCredential } from '../../iac/types';
import type { Fix, RuleContext } from '../types';
import { defineRule } from '../types';
import { inFile, lit, matchSubject, parseSubject, related, replaceLiteral, spanIn, workspaceServiceAccounts, type SubjectMatch, type WorkspaceSa } from './shared';

type Miss = Exclude<SubjectMatch, { kind: 'found' } | { kind: 'unknown' }>;

/** Why the subject misses, for the credential's side. */
function describeMiss(m: Miss, sub: { namespace: string; name: string }): string {
  switch (m.kind) {
    case 'case':
      return `ServiceAccount ${m.sa.name} in namespace ${m.sa.namespace} differs only in case (subjects are compared case-sensitively)`;
    case 'namespace':
      return `ServiceAccount ${sub.name} is in namespace ${m.sa.namespace}, not ${sub.namespace}`;
    case 'near':
      return `the closest is ServiceAccount ${m.sa.name} in namespace ${m.sa.namespace}`;
    case 'none':
      return `namespace ${sub.namespace} has no ServiceAccount of that name`;
  }
}

/** Why the subject misses, for the ServiceAccount's side. */
function describeForSa(m: Miss, sub: { namespace: string; name: string }): string {
  switch (m.kind) {
    case 'case':
      return 'which differs from this name only in case';
    case 'namespace':
      return `which names namespace ${sub.namespace} instead of ${m.sa.namespace}`;
    default:
      return 'which is close to this name';
  }
}

function subjectOf(sa: WorkspaceSa): string {
  return `system:serviceaccount:${sa.namespace}:${sa.name}`;
}

/** A credential's literal subject and how it relates to the workspace's ServiceAccounts, when it misses them all. */
function misses(fic: IacFederatedCredential, sas: ReturnType<typeof workspaceServiceAccounts>): { sub: { namespace: string; name: string }; miss: Miss } | null {
  const subject = lit(fic.subject);
  const sub = subject === null ? null : parseSubject(subject);
  if (!sub) return null;
  const m = matchSubject(sub, sas);
  if (m.kind === 'found' || m.kind === 'unknown') return null;
  // With no ServiceAccount in that namespace and nothing close, the ServiceAccount likely comes from elsewhere (a chart).
  if (m.kind === 'none' && !sas.known.some((s) => s.namespace === sub.namespace)) return null;
  return { sub, miss: m };
}

function checkManifest(ctx: RuleContext): void {
  const facts = ctx.settings.iac;
  if (!facts || facts.federatedCredentials.length === 0) return;
  const sas = workspaceServiceAccounts(ctx.index, facts);
  for (const o of ctx.file.objects) {
    if (o.kind !== 'ServiceAccount' || !o.name || !o.namespace || !o.nameNode) continue;
    const subject = `system:serviceaccount:${o.namespace}:${o.name}`;
    if (facts.federatedCredentials.some((f) => lit(f.subject) === subject)) continue;
    for (const fic of facts.federatedCredentials) {
      const r = misses(fic, sas);
      if (!r || r.miss.kind === 'none' || r.miss.sa.span.file !== o.file || r.miss.sa.span.start !== o.nameNode.start) continue;
      ctx.report({
        message: `No federated credential names this ServiceAccount: ${addressLabel(fic.address)} has subject ${lit(fic.subject)}, ${describeForSa(r.miss, r.sub)}. Change the credential's subject to ${subject}.`,
        start: o.nameNode.start, end: o.nameNode.end,
        related: [related(fic.subject.span, `subject of ${addressLabel(fic.address)}`)],
      });
    }
  }
}

export default defineRule({
  id: 'iac-fic-subject-not-found',
  title: 'Federated credential subject names a ServiceAccount the workspace does not define',
  defaultSeverity: 'error',
  category: 'infrastructure-code',
  fixable: false,
  suggests: true,
  docs: {
    why: 'The credential\'s subject must name the pod\'s ServiceAccount exactly: a typo, another namespace or a difference in case (Entra compares subjects case-sensitively) leaves the pod without a matching credential, and sign-in fails with AADSTS70021 ("No matching federated identity record found").',
    howToFix: 'Change the subject to the ServiceAccount the pod runs as (a suggestion in the editor rewrites a literal subject of the file), or rename the ServiceAccount. The manifest side shows the same finding on the ServiceAccount, linked to the credential.',
    severity: 'error: the token exchange fails for every pod of that ServiceAccount.',
    assumes: 'Compares with the ServiceAccounts of the workspace: manifests (resolved namespaces) and Terraform `kubernetes_service_account` resources. Quiet when the subject is not literal, when some ServiceAccount has an unknown name (or this name an unknown namespace), and when the subject\'s namespace has no ServiceAccount of the workspace and none is close (it likely comes from a chart or another repository).',
    example: {
      bad: '# manifest: ServiceAccount api-svc in namespace shop\nresource "azurerm_federated_identity_credential" "api" {\n  subject = "system:serviceaccount:shop:api-sv"\n}',
      good: 'resource "azurerm_federated_identity_credential" "api" {\n  subject = "system:serviceaccount:shop:api-svc"\n}',
    },
  },
  check: checkManifest,
  checkIac(ctx) {
    const sas = workspaceServiceAccounts(ctx.index, ctx.facts);
    for (const fic of inFile(ctx.facts.federatedCredentials, ctx.file.path)) {
      const at = spanIn(fic.subject, ctx.file.path);
      const r = at ? misses(fic, sas) : null;
      if (!at || !r) continue;
      const { miss, sub } = r;
      const suggestions: Fix[] = [];
      if (miss.kind !== 'none') {
        const edit = replaceLiteral(fic.subject, ctx.file.path, ctx.file.text, subjectOf(miss.sa));
        if (edit) suggestions.push({ title: `Change the subject to ${subjectOf(miss.sa)}`, edits: [edit], isPreferred: true });
      }
      ctx.report({
        message: `Federated credential subject names no ServiceAccount of the workspace: ${addressLabel(fic.address)} has subject ${lit(fic.subject)}; ${describeMiss(miss, sub)}. ${miss.kind === 'none' ? 'Use the ServiceAccount the pod runs as.' : `Change it to ${subjectOf(miss.sa)}.`}`,
        ...at,
        related: miss.kind === 'none' ? undefined : [related(miss.sa.span, `ServiceAccount ${miss.sa.name}`)],
        suggestions: suggestions.length ? suggestions : undefined,
      });
    }
  },
});
