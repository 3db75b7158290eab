import { commandLine } from '../../text/shell';
import type { AksCluster, FederatedCredential, ManagedIdentity } from '../../identity/graph';
import {
  clustersWithIssuer, differsOnlyBySlash, identityByClientId, serviceAccountSubject, TOKEN_EXCHANGE_AUDIENCE,
} from '../../identity/lookup';
import { entry } from '../../model/objects';
import { knownStr } from '../../yaml/node';
import { WI, describe, isGuid, span } from '../helpers';
import { addressLabel } from '../../iac/label';
import { literalOf, type IacFacts, type IacFederatedCredential, type IacIdentity } from '../../iac/types';
import { levenshteinWithin } from '../../text/edit-distance';
import { defineRule } from '../types';

type Cluster = AksCluster & { oidcIssuerUrl: string };

/** What is wrong with the identity's credentials for this subject, or null when one of them works. */
function diagnose(fics: FederatedCredential[], subject: string, clusters: Cluster[]): { headline: string; problem: string; issuer: string | null; ficName: string | null } | null {
  const issuerOk = (f: FederatedCredential) => clusters.length === 0 || clusters.some((c) => c.oidcIssuerUrl === f.issuer);
  const audienceOk = (f: FederatedCredential) => f.audiences.includes(TOKEN_EXCHANGE_AUDIENCE);
  const onlyCluster = clusters.length === 1 ? clusters[0].oidcIssuerUrl : null;
  const same = fics.filter((f) => f.subject === subject);
  if (same.some((f) => issuerOk(f) && audienceOk(f))) return null;
  if (same.length === 0) {
    const others = fics.map((f) => f.subject).filter((s) => s);
    const has = others.length ? ` (its credentials are for ${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''})` : '';
    return { headline: 'No federated credential for the ServiceAccount', problem: `has no federated credential for subject ${subject}${has}`, issuer: onlyCluster, ficName: null };
  }
  const wrongAudience = same.find((f) => issuerOk(f));
  if (wrongAudience) {
    const aud = wrongAudience.audiences.length ? wrongAudience.audiences.join(', ') : 'none';
    return { headline: 'Federated credential with the wrong audience', problem: `has federated credential ${wrongAudience.name} for ${subject} with audience ${aud} instead of ${TOKEN_EXCHANGE_AUDIENCE}`, issuer: wrongAudience.issuer, ficName: wrongAudience.name };
  }
  for (const f of same) {
    const near = clusters.find((c) => differsOnlyBySlash(f.issuer, c.oidcIssuerUrl));
    if (near) {
      return {
        headline: 'Federated credential issuer differs by a trailing slash',
        problem: `has federated credential ${f.name} for ${subject} with issuer ${f.issuer}, which differs from cluster ${near.name}'s OIDC issuer ${near.oidcIssuerUrl} only by the trailing slash (issuers must match exactly)`,
        issuer: near.oidcIssuerUrl, ficName: f.name,
      };
    }
  }
  const f = same[0];
  const known = clusters.map((c) => `${c.name}: ${c.oidcIssuerUrl}`).join(', ');
  return { headline: 'Federated credential for an unknown issuer', problem: `has federated credential ${f.name} for ${subject} with issuer ${f.issuer}, which is the OIDC issuer of no known cluster (${known})`, issuer: onlyCluster, ficName: f.name };
}

/**
 * The declaration of a live identity in the workspace's infrastructure code: same literal name, and the same literal
 * resource group (or, with the group not literal, the only declaration of that name).
 */
function declaredIn(iac: IacFacts | null | undefined, identity: ManagedIdentity): IacIdentity | null {
  if (!iac) return null;
  const named = iac.identities.filter((i) => literalOf(i.name) === identity.name && !i.repeatedUnknown);
  const sameGroup = named.filter((i) => literalOf(i.resourceGroup)?.toLowerCase() === identity.resourceGroup.toLowerCase());
  if (sameGroup.length === 1) return sameGroup[0];
  return named.length === 1 && literalOf(named[0].resourceGroup) === null ? named[0] : null;
}

const literalSubject = (f: IacFederatedCredential) => (f.subject.kind === 'literal' ? f.subject.value : '');

/**
 * The identity's credential in code for this subject, or one whose subject differs only by a typo in the name (same
 * namespace, case or at most two edits): the code to correct rather than a credential to add.
 */
function codeCredentials(iac: IacFacts, identity: IacIdentity, subject: string): { exact?: IacFederatedCredential; near?: IacFederatedCredential } {
  const mine = iac.federatedCredentials.filter((f) => f.parent.kind === 'ref' && f.parent.target === identity.address && f.subject.kind === 'literal');
  const exact = mine.find((f) => literalSubject(f) === subject);
  if (exact) return { exact };
  const at = subject.lastIndexOf(':');
  const near = mine.find((f) => {
    const s = literalSubject(f);
    const cut = s.lastIndexOf(':');
    return s.slice(0, cut) === subject.slice(0, at) && levenshteinWithin(s.slice(cut + 1).toLowerCase(), subject.slice(at + 1).toLowerCase(), 2) <= 2;
  });
  return { near };
}

/** A credential name Azure accepts (letters, digits, `-`, `_`; 3–120 characters). */
function credentialName(ns: string, name: string): string {
  const n = `${ns}-${name}`.replace(/[^A-Za-z0-9_-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return (n.length >= 3 ? n : `fic-${n}`).slice(0, 120);
}

/** The command for bash/zsh, every word quoted as needed (names come from manifests and identity data). */
export function createCommand(identity: ManagedIdentity, ficName: string, issuer: string, subject: string): string {
  return commandLine(['az', 'identity', 'federated-credential', 'create', '--name', ficName, '--identity-name', identity.name,
    '--resource-group', identity.resourceGroup, '--issuer', issuer, '--subject', subject, '--audience', TOKEN_EXCHANGE_AUDIENCE], 'posix');
}

export default defineRule({
  id: 'wi-federation-missing',
  title: 'Managed identity has no matching federated credential for the ServiceAccount',
  defaultSeverity: 'warning',
  category: 'workload-identity',
  fixable: false,
  needsCloud: true,
  docs: {
    why: 'Microsoft Entra exchanges the pod\'s ServiceAccount token only when the managed identity has a federated credential whose issuer equals the cluster\'s OIDC issuer exactly (trailing `/` included), whose subject is `system:serviceaccount:<namespace>:<name>` and whose audience is `api://AzureADTokenExchange`; otherwise sign-in fails with AADSTS70021.',
    howToFix: 'Create the credential with the `az identity federated-credential create …` command given in the message (creating one needs write access to the identity\'s federatedIdentityCredentials). Needs identity data from Azure or `--snapshot`; identities whose credentials were not loaded are not checked. When the workspace\'s Terraform, Bicep or ARM templates declare the identity (same name and resource group), the message says to fix it in code instead, with a related location at the declaration, at the credential the code already declares for the subject (which then only needs deploying), or at one whose subject has a typo in the name.',
    severity: 'warning: without a matching federated credential the token exchange fails (AADSTS70021). Not an error because the identity data may be incomplete (another subscription, a credential created after the snapshot) and a reviewer should confirm it.',
    assumes: 'Needs Azure identity data (signed in, or a snapshot), a known client-id, and the ServiceAccount\'s resolved name and namespace: the subject `system:serviceaccount:<namespace>:<name>` cannot be checked when the namespace is unknown (a Helm release namespace, a base included by overlays with different namespaces), so it stays quiet there. Placeholders are unknown.',
  },
  check(ctx) {
    const graph = ctx.settings.cloud;
    if (!graph) return;
    const clusters = clustersWithIssuer(graph);
    for (const o of ctx.file.objects) {
      if (o.kind !== 'ServiceAccount' || !o.name || o.namespace === null || !o.annotations) continue;
      const p = entry(o.annotations, WI.clientId);
      const v = p?.value;
      if (!v || v.unknown) continue;
      const clientId = knownStr(v);
      if (!clientId || !isGuid(clientId)) continue;
      const identity = identityByClientId(graph, clientId);
      if (!identity || identity.federatedCredentials === null) continue;
      const subject = serviceAccountSubject(o.namespace, o.name);
      const d = diagnose(identity.federatedCredentials, subject, clusters);
      if (!d) continue;
      // An identity the repository's Terraform or Bicep declares is fixed there: a credential made with az would be drift.
      const code = declaredIn(ctx.settings.iac, identity);
      const coded = code && ctx.settings.iac ? codeCredentials(ctx.settings.iac, code, subject) : { exact: undefined, near: undefined };
      const inCode = coded.exact ?? coded.near;
      const advice = !code ? `Fix: ${createCommand(identity, d.ficName ?? credentialName(o.namespace, o.name), d.issuer ?? '<cluster-oidc-issuer-url>', subject)}`
        : coded.exact ? `${addressLabel(coded.exact.address)} declares it in code: deploy it, or correct it there.`
        : coded.near ? `${addressLabel(coded.near.address)} has subject ${literalSubject(coded.near)} in code: change it to ${subject}.`
        : `Fix it in code: declare a federated credential for ${subject} on ${addressLabel(code.address)}.`;
      const at = inCode ?? code;
      ctx.report({
        message: `${d.headline}: managed identity ${identity.name} (client-id of ${describe(o)}) ${d.problem}, so the pod cannot get a token. ${advice}`,
        ...span(v),
        related: at ? [{ file: at.headerSpan.file, start: at.headerSpan.start, end: at.headerSpan.end, message: coded.exact ? `credential for ${subject} in code` : coded.near ? `subject ${literalSubject(coded.near)} in code` : `${addressLabel(at.address)} declares managed identity ${identity.name}` }] : undefined,
      });
    }
  },
});
