/**
 * The identities, federated credentials, role assignments and clusters that the workspace's infrastructure code
 * declares, joined to ServiceAccounts the way Azure joins them: a federated credential's subject names
 * `system:serviceaccount:<namespace>:<name>`, or a Terraform ServiceAccount's client-id annotation refers to the
 * identity. Their client and principal ids exist only once deployed, so this model is keyed by the code address and
 * every item keeps where it is written; the tree, the hover and the map show it beside live or snapshot data.
 */
import { literalOf as lit, type IacFacts, type IacRoleAssignment, type IacSpan, type IacValue } from '../iac/types';
import { addressLabel } from '../iac/label';
import { findRole } from '../knowledge/roles';
import { WI } from '../model/workload-identity';
import { serviceAccountSubject } from './lookup';

export interface CodeCredential {
  address: string;
  name: string | null;
  /** The literal subject; null when the code does not spell it out. */
  subject: string | null;
  /** How the issuer is given: a literal URL, "OIDC issuer of <cluster>", or why it is unknown. */
  issuer: string;
  /** Its header (where a link goes) and the whole declaration (where its findings are). */
  at: IacSpan;
  span: IacSpan;
}

export interface CodeRoleAssignment {
  address: string;
  /** The built-in role's name when the code names one (by name or GUID), else what is written, else "role unknown". */
  role: string;
  /** A literal scope, the resource it refers to (`azurerm_key_vault.kv`), or "scope unknown". */
  scope: string;
  /** A literal ARM scope, for telling a resource from a resource group or subscription. */
  scopeId: string | null;
  at: IacSpan;
  span: IacSpan;
}

export interface CodeIdentity {
  address: string;
  /** The identity's literal name, else its address as messages show it. */
  label: string;
  resourceGroup: string | null;
  at: IacSpan;
  credentials: CodeCredential[];
  roleAssignments: CodeRoleAssignment[];
}

export interface CodeCluster {
  address: string;
  label: string;
  /** Null when the value is not literal in the repository. */
  oidcIssuerEnabled: boolean | null;
  workloadIdentityEnabled: boolean | null;
  at: IacSpan;
}

export interface CodeIdentities {
  identities: CodeIdentity[];
  clusters: CodeCluster[];
}

/** A value as a person reads it in a tree row or a hover: the literal, the resource it refers to, or "unknown". */
function shown(v: IacValue | undefined, unknown: string): string {
  if (!v) return unknown;
  if (v.kind === 'literal') return v.value;
  if (v.kind === 'ref') return v.attribute === 'id' ? addressLabel(v.target) : `${addressLabel(v.target)} (${v.attribute})`;
  return unknown;
}

function roleOf(ra: IacRoleAssignment): string {
  for (const v of [ra.roleName, ra.roleDefinitionId]) {
    const s = lit(v);
    if (s === null) continue;
    return findRole(s)?.name ?? s;
  }
  return 'role unknown';
}

function issuerOf(v: IacValue): string {
  if (v.kind === 'literal') return v.value;
  if (v.kind === 'ref' && v.attribute === 'oidcIssuerUrl') return `OIDC issuer of ${addressLabel(v.target)}`;
  return 'issuer unknown';
}

export function codeIdentities(facts: IacFacts): CodeIdentities {
  const identities = facts.identities.map((f): CodeIdentity => ({
    address: f.address,
    label: lit(f.name) ?? addressLabel(f.address),
    resourceGroup: lit(f.resourceGroup),
    at: f.headerSpan,
    credentials: [],
    roleAssignments: [],
  }));
  const byAddress = new Map(identities.map((i) => [i.address, i]));
  for (const f of facts.federatedCredentials) {
    const p = f.parent;
    const owner = p.kind === 'ref' && p.attribute === 'id' ? byAddress.get(p.target) : undefined;
    owner?.credentials.push({ address: f.address, name: lit(f.name), subject: lit(f.subject), issuer: issuerOf(f.issuer), at: f.headerSpan, span: f.span });
  }
  for (const ra of facts.roleAssignments) {
    const p = ra.principal;
    const owner = p.kind === 'ref' && p.attribute === 'principalId' ? byAddress.get(p.target) : undefined;
    owner?.roleAssignments.push({ address: ra.address, role: roleOf(ra), scope: shown(ra.scope, 'scope unknown'), scopeId: lit(ra.scope), at: ra.headerSpan, span: ra.span });
  }
  // A cluster read by a data source is declared elsewhere: nothing about it is known here but its name.
  const clusters = facts.clusters.filter((c) => !c.dataSource).map((c): CodeCluster => ({
    address: c.address,
    label: lit(c.name) ?? addressLabel(c.address),
    oidcIssuerEnabled: lit(c.oidcIssuerEnabled),
    workloadIdentityEnabled: lit(c.workloadIdentityEnabled),
    at: c.headerSpan,
  }));
  return { identities, clusters };
}

export interface CodeFederation {
  identity: CodeIdentity;
  /** The identity's credentials whose subject is this ServiceAccount's (empty when linked by annotation only). */
  credentials: CodeCredential[];
  /** Where a Terraform ServiceAccount's client-id annotation points at the identity, when it does. */
  annotation: IacSpan | null;
}

/** The identities declared in code that this ServiceAccount signs in as, by federated subject or by annotation. */
export function codeFederationOf(model: CodeIdentities, facts: IacFacts, namespace: string, name: string): CodeFederation[] {
  const subject = serviceAccountSubject(namespace, name);
  const out = new Map<string, CodeFederation>();
  for (const identity of model.identities) {
    const credentials = identity.credentials.filter((c) => c.subject === subject);
    if (credentials.length) out.set(identity.address, { identity, credentials, annotation: null });
  }
  for (const sa of facts.serviceAccounts) {
    if (lit(sa.namespace) !== namespace || lit(sa.name) !== name || sa.annotations.kind !== 'map') continue;
    const v = sa.annotations.entries.find((e) => e.key === WI.clientId)?.value;
    if (!v || v.kind !== 'ref' || v.attribute !== 'clientId') continue;
    const identity = model.identities.find((i) => i.address === v.target);
    if (!identity) continue;
    const had = out.get(identity.address);
    if (had) had.annotation = v.span;
    else out.set(identity.address, { identity, credentials: [], annotation: v.span });
  }
  return [...out.values()];
}
