/**
 * Turns the text of a failed workload-identity sign-in into an answer: what Entra refused, which ServiceAccount,
 * identity and federated credential the repository (or a snapshot, or Azure) has for it, which field differs and how,
 * and what to change where.
 */
import { CAUSES, FEDERATION_DOCS, kindOfCode, TROUBLESHOOTING_DOCS, type DiagnosisKind } from './causes';
import { compareCredential, describeDifference, isRelated, splitSubject, type Comparison } from './federation';
import { parseSignInError, type ParsedSignInError } from './parse';
import type { DiagnoseSources, KnownIdentity, KnownServiceAccount, Location, Origin } from './sources';
import { levenshteinWithin } from '../text/edit-distance';
import { quotePosix } from '../text/shell';
import { isFederatedCredentialName, isManagedIdentityName, isResourceGroupName } from '../identity/names';

export interface DiagnosisItem {
  text: string;
  /** What to change, when there is something to change. */
  fix?: string;
  /** Where the change goes (or what the item is about), when it is in the workspace. */
  at?: Location | null;
  /** A command that makes the change in Azure, when the object is not in the workspace. */
  command?: string;
}

export interface Diagnosis {
  kind: DiagnosisKind;
  code: number | null;
  headline: string;
  parsed: ParsedSignInError;
  items: DiagnosisItem[];
  docs: string[];
  consulted: { serviceAccounts: number; identities: number; credentials: number; clusters: number; origins: Origin[] };
}

export function diagnose(text: string, sources: DiagnoseSources): Diagnosis {
  const parsed = parseSignInError(text);
  const kind = kindOf(parsed);
  const code = parsed.primary;
  const docs = code !== null ? [`https://login.microsoftonline.com/error?code=${code}`] : [];
  const origins = [...new Set<Origin>([...sources.serviceAccounts, ...sources.identities, ...sources.clusters].map((x) => x.origin))];
  const consulted = {
    serviceAccounts: sources.serviceAccounts.length,
    identities: sources.identities.length,
    credentials: sources.identities.reduce((n, i) => n + i.credentials.length, 0),
    clusters: sources.clusters.length,
    origins,
  };
  const base = { kind, code, parsed, docs, consulted };
  if (kind === 'federation-mismatch') {
    docs.push(FEDERATION_DOCS);
    return { ...base, headline: 'No federated identity credential matches the token the pod presented.', items: federationItems(parsed, sources) };
  }
  if (kind === 'other') {
    return { ...base, headline: `Microsoft Entra refused the sign-in with AADSTS${code}, which is not specific to workload identity.`, items: [{ text: 'Look the code up in the Entra error reference linked below.' }] };
  }
  if (kind === 'unrecognized') {
    return { ...base, headline: 'No Microsoft Entra error code, azure-identity credential failure or network failure was found in the text.', items: [{ text: 'Paste the whole error, including the lines with AADSTS and the credential names.' }] };
  }
  const cause = CAUSES[kind];
  if (!cause) throw new Error(`no cause for ${kind}`);
  if (kind === 'not-injected' || kind === 'network') docs.push(TROUBLESHOOTING_DOCS);
  const items: DiagnosisItem[] = [{ text: cause.cause, fix: cause.fix }];
  items.push(...specificItems(kind, parsed, sources));
  return { ...base, headline: cause.headline, items };
}

function kindOf(p: ParsedSignInError): DiagnosisKind {
  if (p.primary !== null) {
    const k = kindOfCode(p.primary);
    // A subject, issuer or audience named in the text is a federation error even under a code we do not list.
    return k === 'other' && (p.assertion.subject || p.assertion.issuer) ? 'federation-mismatch' : k;
  }
  if (p.workloadIdentityUnavailable) return 'not-injected';
  if (p.network && p.network.host !== '169.254.169.254') return 'network';
  if (p.imds) return 'not-injected';
  return 'unrecognized';
}

function saLabel(sa: KnownServiceAccount): string {
  return `ServiceAccount ${sa.namespace}/${sa.name}`;
}

function identityLabel(i: KnownIdentity): string {
  return `identity ${i.name ?? i.key}`;
}

/** Identities the client id points to, widened to same-named identities of other sources (code and Azure are one identity). */
function identitiesOf(clientId: string | null, sa: KnownServiceAccount | undefined, sources: DiagnoseSources): KnownIdentity[] {
  const direct = sources.identities.filter((i) => (clientId !== null && i.clientId === clientId) || (sa?.identityKey && i.key === sa.identityKey));
  const names = new Set(direct.map((i) => i.name).filter((n): n is string => !!n));
  return sources.identities.filter((i) => direct.includes(i) || (i.name !== null && names.has(i.name)));
}

function federationItems(parsed: ParsedSignInError, sources: DiagnoseSources): DiagnosisItem[] {
  const items: DiagnosisItem[] = [];
  const presented = parsed.assertion;
  if (parsed.caseOnly && presented.subject) {
    items.push({ text: `Entra says a credential's subject matches "${presented.subject}" only when letter case is ignored; since 2024 subjects are compared case-sensitively.` });
  }
  const sub = presented.subject ? splitSubject(presented.subject) : null;
  let sa: KnownServiceAccount | undefined;
  if (presented.subject && !sub) {
    items.push({ text: `The subject "${presented.subject}" is not a Kubernetes ServiceAccount's (system:serviceaccount:<namespace>:<name>): the token does not come from a cluster's ServiceAccount.` });
  } else if (sub) {
    sa = sources.serviceAccounts.find((s) => s.namespace === sub.namespace && s.name === sub.name);
    if (sa) {
      items.push({ text: `${saLabel(sa)} is the one the pod's token names${sa.clientId ? ` (client-id ${sa.clientId})` : ''}.`, at: sa.at });
    } else {
      items.push(...missingServiceAccount(sub, sources));
    }
  }

  const clientId = parsed.clientId ?? sa?.clientId ?? null;
  const target = identitiesOf(clientId, sa, sources);
  if (target.length) {
    const code = target.find((i) => i.at) ?? target[0];
    items.push({ text: `The client id ${clientId ?? 'of the ServiceAccount'} belongs to ${identityLabel(code)}.`, at: code.at });
  } else if (clientId && sources.identities.length) {
    items.push({ text: `No identity read has the client id ${clientId}, so which credentials it has is unknown.`, at: sa?.clientIdAt });
  }

  const comparisons = sources.identities.flatMap((i) => i.credentials.map((c) => compareCredential(c, presented, sources.clusters)));
  const isTarget = (c: Comparison) => target.includes(c.credential.identity);
  const exact = comparisons.filter((c) => c.differences.length === 0 && c.unknown.length === 0);
  const exactOnTarget = exact.filter(isTarget);
  // An error that shows only the subject (AADSTS700213) says nothing about issuer and audience: a match is on the subject.
  const complete = presented.issuer !== null && presented.subject !== null && presented.audience !== null;
  const matches = complete ? 'matches issuer, subject and audience exactly' : `has this ${presented.subject !== null ? 'subject' : presented.issuer !== null ? 'issuer' : 'audience'} (the error does not show the other fields)`;
  if (exactOnTarget.length) {
    const c = exactOnTarget[0].credential;
    items.push({
      text: complete
        ? `Federated credential ${c.name ?? '(unnamed)'} on ${identityLabel(c.identity)} ${matches}, so the sources read do not explain the error: the credential may not be deployed yet, or was created less than a few minutes ago.`
        : `Federated credential ${c.name ?? '(unnamed)'} on ${identityLabel(c.identity)} ${matches}: compare its issuer with the OIDC issuer of the cluster the pod runs on, and its audiences with api://AzureADTokenExchange.`,
      at: c.at,
    });
    return items;
  }
  if (exact.length && target.length) {
    const c = exact[0].credential;
    items.push({
      text: `The federated credential ${c.name ?? '(unnamed)'} that ${matches.replace(/^has/, 'has').replace(/^matches/, 'matches')} is on ${identityLabel(c.identity)}, not on ${identityLabel(target[0])} that the client id points to.`,
      fix: `set azure.workload.identity/client-id to ${c.identity.clientId ?? `the client id of ${identityLabel(c.identity)}`} (${identityLabel(c.identity)}), or give ${identityLabel(target[0])} a federated credential for this subject`,
      at: sa?.clientIdAt ?? c.at,
    });
    return items;
  }
  if (exact.length) {
    const c = exact[0].credential;
    items.push({
      text: `Federated credential ${c.name ?? '(unnamed)'} on ${identityLabel(c.identity)} ${matches}; the pod must sign in with that identity's client id${c.identity.clientId ? ` (${c.identity.clientId})` : ''}.`,
      fix: sa ? `set ${saLabel(sa)}'s azure.workload.identity/client-id to that client id` : undefined,
      at: sa?.clientIdAt ?? c.at,
    });
    return items;
  }

  // With a known identity, its credentials and near misses of the subject; without one, near misses only.
  const shown = comparisons
    .filter((c) => isTarget(c) || isRelated(c, presented))
    .sort((a, b) => Number(isTarget(b)) - Number(isTarget(a)) || a.differences.length - b.differences.length)
    .slice(0, 5);
  for (const c of shown) items.push(...credentialItems(c));
  for (const t of target) {
    if (!t.credentialsUnknown && t.credentials.length === 0 && t.at) {
      items.push({ text: `${capital(identityLabel(t))} has no federated credential.`, fix: `add one with issuer "${presented.issuer ?? '<the cluster\'s OIDC issuer>'}", subject "${presented.subject ?? '<subject>'}" and audience "${presented.audience ?? 'api://AzureADTokenExchange'}"`, at: t.at });
    }
  }
  if (!shown.length && !exactOnTarget.length) {
    const n = comparisons.length;
    const t = target.find((i) => !i.at && i.origin !== 'code');
    items.push({
      text: n ? `None of the ${n} federated credential${n === 1 ? '' : 's'} read is for this token.` : 'No federated credential was found in the workspace, snapshot or Azure data.',
      fix: `create a federated credential with issuer "${presented.issuer ?? '<the cluster\'s OIDC issuer>'}", subject "${presented.subject ?? '<subject>'}" and audience "${presented.audience ?? 'api://AzureADTokenExchange'}"`,
      command: t ? createCommand(t, parsed) : undefined,
    });
  }
  return items;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function credentialItems(c: Comparison): DiagnosisItem[] {
  const cred = c.credential;
  const where = `Federated credential ${cred.name ?? '(unnamed)'} on ${identityLabel(cred.identity)}`;
  if (!c.differences.length) {
    return [{ text: `${where} could match, but its ${c.unknown.join(' and ')} ${c.unknown.length === 1 ? 'is' : 'are'} not written literally in the repository, so it cannot be compared.`, at: cred.at }];
  }
  return c.differences.map((d) => {
    const { text, fix } = describeDifference(d);
    const inRepo = cred.origin === 'code';
    return {
      text: `${where}: ${text}`,
      fix,
      at: (inRepo ? d.at : null) ?? cred.at,
      command: inRepo || d.field === 'issuer' && d.how === 'issuer-off' ? undefined : updateCommand(c, d.field, 'want' in d ? d.want : null),
    };
  });
}

function updateCommand(c: Comparison, field: 'subject' | 'issuer' | 'audience', want: string | null): string | undefined {
  const cred = c.credential;
  const i = cred.identity;
  if (!want || !cred.name || !i.name || !i.resourceGroup) return undefined;
  if (!isFederatedCredentialName(cred.name) || !isManagedIdentityName(i.name) || !isResourceGroupName(i.resourceGroup)) return undefined;
  const flag = field === 'audience' ? '--audiences' : `--${field}`;
  return ['az', 'identity', 'federated-credential', 'update', '--name', cred.name, '--identity-name', i.name, '--resource-group', i.resourceGroup, flag, want].map(quotePosix).join(' ');
}

function createCommand(i: KnownIdentity, parsed: ParsedSignInError): string | undefined {
  const { issuer, subject, audience } = parsed.assertion;
  if (!issuer || !subject || !i.name || !i.resourceGroup || !isManagedIdentityName(i.name) || !isResourceGroupName(i.resourceGroup)) return undefined;
  const sub = splitSubject(subject);
  const name = sub ? `${sub.namespace}-${sub.name}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 120) : 'federated-credential';
  return ['az', 'identity', 'federated-credential', 'create', '--name', name, '--identity-name', i.name, '--resource-group', i.resourceGroup,
    '--issuer', issuer, '--subject', subject, '--audiences', audience ?? 'api://AzureADTokenExchange'].map(quotePosix).join(' ');
}

function missingServiceAccount(sub: { namespace: string; name: string }, sources: DiagnoseSources): DiagnosisItem[] {
  const items: DiagnosisItem[] = [{ text: `The workspace defines no ServiceAccount ${sub.namespace}/${sub.name}, the one the pod's token names.` }];
  const seen = new Set<KnownServiceAccount>();
  const near = (pred: (s: KnownServiceAccount) => boolean, say: (s: KnownServiceAccount) => string) => {
    for (const s of sources.serviceAccounts) {
      if (seen.has(s) || !pred(s)) continue;
      seen.add(s);
      items.push({ text: say(s), at: s.at });
    }
  };
  near((s) => s.namespace.toLowerCase() === sub.namespace.toLowerCase() && s.name.toLowerCase() === sub.name.toLowerCase(), (s) => `${saLabel(s)} differs only in letter case.`);
  near((s) => s.name === sub.name, (s) => `${saLabel(s)} has the same name in namespace ${s.namespace}: is the pod deployed to ${sub.namespace} instead?`);
  near((s) => s.namespace === sub.namespace && levenshteinWithin(s.name, sub.name, 2) <= 2, (s) => `Did you mean ${saLabel(s)}? The pod runs as ${sub.name}.`);
  return items;
}

function specificItems(kind: DiagnosisKind, parsed: ParsedSignInError, sources: DiagnoseSources): DiagnosisItem[] {
  const items: DiagnosisItem[] = [];
  const id = parsed.clientId;
  if ((kind === 'unknown-client-id' || kind === 'wrong-tenant' || kind === 'no-federated-credentials') && id) {
    for (const s of sources.serviceAccounts) if (s.clientId === id) items.push({ text: `${saLabel(s)} uses the client id ${id}.`, at: s.clientIdAt ?? s.at });
    const owners = sources.identities.filter((i) => i.clientId === id);
    for (const i of owners) {
      if (kind === 'unknown-client-id') items.push({ text: `${capital(identityLabel(i))} has this client id, so the identity exists: the pod signs in to another tenant than the identity's.`, at: i.at });
      if (kind === 'no-federated-credentials') {
        const named = sources.identities.filter((x) => x.name === i.name && x.origin === 'code' && x.credentials.length);
        for (const x of named) items.push({ text: `The repository declares ${x.credentials.length} federated credential${x.credentials.length === 1 ? '' : 's'} for ${identityLabel(x)}: not deployed yet?`, at: x.at });
      }
    }
    if (kind === 'unknown-client-id' && !owners.length) {
      for (const i of sources.identities) {
        if (i.clientId && levenshteinWithin(i.clientId, id, 2) <= 2) items.push({ text: `Did you mean ${identityLabel(i)}'s client id ${i.clientId}?`, at: i.at });
      }
    }
  }
  if (kind === 'issuer-unreachable') {
    for (const c of sources.clusters) {
      if (c.oidcIssuerEnabled === false) items.push({ text: `Cluster ${c.name ?? c.key} has the OIDC issuer off.`, fix: 'enable it (oidc_issuer_enabled = true, oidcIssuerProfile.enabled: true, az aks update --enable-oidc-issuer)', at: c.at });
    }
  }
  if (kind === 'not-injected') {
    for (const w of sources.unlabelledWorkloads) {
      items.push({ text: `${w.kind} ${w.namespace}/${w.name} runs as ServiceAccount ${w.serviceAccount}, which has a client-id, but its pods lack the label azure.workload.identity/use: "true".`, at: w.at });
    }
  }
  return items;
}
