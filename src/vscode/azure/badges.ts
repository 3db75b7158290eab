import type { AksCluster, IdentityGraph, ManagedIdentity } from '../../core/identity/graph';
import type { WorkspaceIndex } from '../../core/index/workspace-index';
import { serviceAccountsLackingCredential, type WorkspaceServiceAccount } from './workspace-model';

/** A workspace ServiceAccount that names an identity's client-id with no federated credential for its subject. */
export interface MissingCredential {
  identity: ManagedIdentity;
  serviceAccount: WorkspaceServiceAccount;
}

const issuerKey = (url: string) => url.trim().replace(/\/+$/, '').toLowerCase();

/**
 * The missing federated credentials that concern a cluster, for its badge before anything is expanded: those of the
 * identities federated with its OIDC issuer (one of their credentials names it), or, when it is the only cluster with
 * an issuer in its subscription, of every identity there. Identities whose credentials are not read yet count as none.
 */
export function clusterMissingCredentials(index: WorkspaceIndex, graph: IdentityGraph, cluster: AksCluster): MissingCredential[] {
  if (!cluster.oidcIssuerUrl) return [];
  const issuer = issuerKey(cluster.oidcIssuerUrl);
  const sub = cluster.subscriptionId.toLowerCase();
  const sole = graph.clusters.filter((c) => c.subscriptionId.toLowerCase() === sub && c.oidcIssuerUrl).length === 1;
  const out: MissingCredential[] = [];
  for (const identity of graph.identities) {
    if (identity.subscriptionId.toLowerCase() !== sub || !identity.federatedCredentials) continue;
    if (!sole && !identity.federatedCredentials.some((f) => issuerKey(f.issuer) === issuer)) continue;
    for (const sa of serviceAccountsLackingCredential(index, identity, identity.federatedCredentials)) out.push({ identity, serviceAccount: sa });
  }
  return out;
}
