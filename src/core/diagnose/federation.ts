/**
 * Compares one federated credential with the assertion a pod presented, field by field, and says how each field
 * differs. Entra compares issuer, subject and audience exactly (case-sensitively since 2024), so every difference
 * the repository can explain gets a name: namespace, name, case only, trailing slash, audience, another cluster.
 */
import { TOKEN_EXCHANGE_AUDIENCE } from '../identity/lookup';
import { levenshteinWithin } from '../text/edit-distance';
import type { PresentedAssertion } from './parse';
import type { Field, KnownCluster, KnownCredential } from './sources';

/** The audiences Azure documents for workload identity federation, per cloud. */
export const DOCUMENTED_AUDIENCES = [TOKEN_EXCHANGE_AUDIENCE, 'api://AzureADTokenExchangeChina', 'api://AzureADTokenExchangeUSGov'];

export type FieldName = 'issuer' | 'subject' | 'audience';

export type Difference =
  | { field: 'subject'; how: 'case' | 'namespace' | 'name' | 'other' | 'malformed'; have: string; want: string; at: Field['at'] }
  | { field: 'issuer'; how: 'slash' | 'other'; have: string; want: string; at: Field['at']; otherCluster: string | null }
  | { field: 'issuer'; how: 'issuer-off'; cluster: string; at: Field['at'] }
  | { field: 'audience'; how: 'audience'; have: string[]; want: string; at: Field['at'] };

export interface Comparison {
  credential: KnownCredential;
  differences: Difference[];
  /** Fields that could not be compared (not literal in the repository). */
  unknown: FieldName[];
}

export function splitSubject(subject: string): { namespace: string; name: string } | null {
  const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(subject);
  return m ? { namespace: m[1], name: m[2] } : null;
}

function clusterLabel(c: KnownCluster): string {
  return c.name ?? c.key;
}

export function compareCredential(cred: KnownCredential, presented: PresentedAssertion, clusters: readonly KnownCluster[]): Comparison {
  const differences: Difference[] = [];
  const unknown: FieldName[] = [];

  if (presented.subject !== null) {
    const have = cred.subject.value;
    if (have === null) unknown.push('subject');
    else if (have !== presented.subject) differences.push({ field: 'subject', how: subjectDifference(have, presented.subject), have, want: presented.subject, at: cred.subject.at });
  }

  const issuerRef = cred.issuer.issuerOf ? clusters.find((c) => c.key === cred.issuer.issuerOf) : undefined;
  if (presented.issuer === null && issuerRef?.oidcIssuerEnabled === false) {
    // Whatever the token's issuer, a cluster without an OIDC issuer cannot have issued it.
    differences.push({ field: 'issuer', how: 'issuer-off', cluster: clusterLabel(issuerRef), at: cred.issuer.at });
  }
  if (presented.issuer !== null) {
    const ref = issuerRef;
    const want = presented.issuer;
    if (ref) {
      // A reference to a cluster's issuer output is that cluster's URL: right unless the issuer is off there.
      const presentedCluster = clusters.find((c) => c.issuerUrl === want);
      if (ref.oidcIssuerEnabled === false) differences.push({ field: 'issuer', how: 'issuer-off', cluster: clusterLabel(ref), at: cred.issuer.at });
      else if (presentedCluster?.name && ref.name && presentedCluster.name !== ref.name) {
        differences.push({ field: 'issuer', how: 'other', have: `the OIDC issuer of cluster ${clusterLabel(ref)}`, want, at: cred.issuer.at, otherCluster: clusterLabel(ref) });
      }
    } else if (cred.issuer.value === null) unknown.push('issuer');
    else if (cred.issuer.value !== want) {
      const have = cred.issuer.value;
      const slash = have.replace(/\/$/, '') === want.replace(/\/$/, '');
      const other = clusters.find((c) => c.issuerUrl !== null && c.issuerUrl.replace(/\/$/, '') === have.replace(/\/$/, ''));
      differences.push({ field: 'issuer', how: slash ? 'slash' : 'other', have, want, at: cred.issuer.at, otherCluster: !slash && other ? clusterLabel(other) : null });
    }
  }

  if (presented.audience !== null) {
    if (cred.audiences === null || cred.audiences.some((a) => a.value === null)) {
      if (!cred.audiences?.some((a) => a.value === presented.audience)) unknown.push('audience');
    } else if (!cred.audiences.some((a) => a.value === presented.audience)) {
      differences.push({ field: 'audience', how: 'audience', have: cred.audiences.map((a) => a.value as string), want: presented.audience, at: cred.audiences[0]?.at ?? cred.at });
    }
  }
  return { credential: cred, differences, unknown };
}

function subjectDifference(have: string, want: string): 'case' | 'namespace' | 'name' | 'other' | 'malformed' {
  if (have.toLowerCase() === want.toLowerCase()) return 'case';
  const h = splitSubject(have);
  const w = splitSubject(want);
  if (!h && w) return 'malformed';
  if (!h || !w) return 'other';
  if (h.name === w.name) return 'namespace';
  if (h.namespace === w.namespace) return 'name';
  return 'other';
}

/**
 * Whether a credential is worth showing for this assertion besides those of the identity the pod uses: its subject
 * names the same ServiceAccount up to letter case or namespace, or a near typo of it in the same namespace. Without a
 * presented subject, a credential that differs in one field only.
 */
export function isRelated(c: Comparison, presented: PresentedAssertion): boolean {
  const sub = c.credential.subject.value;
  if (presented.subject === null) return c.differences.length <= 1 && c.unknown.length === 0;
  if (sub === null) return false;
  if (sub.toLowerCase() === presented.subject.toLowerCase()) return true;
  const h = splitSubject(sub);
  const w = splitSubject(presented.subject);
  if (!w) return false;
  if (!h) return sub.includes(w.name);
  return h.name === w.name || (h.namespace === w.namespace && levenshteinWithin(h.name, w.name, 2) <= 2);
}

/** One sentence on what differs, and the value to write. */
export function describeDifference(d: Difference): { text: string; fix: string } {
  switch (d.field) {
    case 'subject': {
      const what = {
        case: 'differs only in letter case (Entra compares subjects case-sensitively since 2024)',
        namespace: `names namespace ${splitSubject(d.have)?.namespace}, the pod runs in ${splitSubject(d.want)?.namespace}`,
        name: `names ServiceAccount ${splitSubject(d.have)?.name}, the pod runs as ${splitSubject(d.want)?.name}`,
        malformed: 'is not of the form system:serviceaccount:<namespace>:<name>',
        other: 'names another ServiceAccount',
      }[d.how];
      return { text: `subject "${d.have}" ${what}.`, fix: `set the subject to "${d.want}"` };
    }
    case 'issuer':
      if (d.how === 'issuer-off') {
        return { text: `issuer refers to cluster ${d.cluster}, whose OIDC issuer is off, so it has no issuer URL to present.`, fix: `enable the OIDC issuer (and workload identity) on cluster ${d.cluster}` };
      }
      if (d.how === 'slash') {
        return { text: `issuer "${d.have}" ${d.have.endsWith('/') ? 'has a trailing "/" the token\'s issuer lacks' : 'lacks the trailing "/" of the token\'s issuer'} (Entra compares issuers exactly).`, fix: `set the issuer to "${d.want}"` };
      }
      return {
        text: d.otherCluster ? `issuer is cluster ${d.otherCluster}'s ("${d.have}"), but the pod's token comes from "${d.want}".` : `issuer "${d.have}" is not the issuer of the pod's token.`,
        fix: `set the issuer to "${d.want}" (or add a credential for that issuer)`,
      };
    case 'audience':
      return {
        text: `audiences ${d.have.length ? d.have.map((a) => `"${a}"`).join(', ') : '(none)'} do not include the token's audience "${d.want}".`,
        fix: DOCUMENTED_AUDIENCES.includes(d.want) ? `set the audiences to ["${d.want}"]` : `make the pod request the audience ${TOKEN_EXCHANGE_AUDIENCE} (the token's "${d.want}" is not a documented one)`,
      };
  }
}
