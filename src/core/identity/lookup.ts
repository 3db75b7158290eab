import type { AksCluster, IdentityGraph, ManagedIdentity } from './graph';

/** The managed identity whose client id this is (GUIDs compare case-insensitively). */
export function identityByClientId(graph: IdentityGraph, clientId: string): ManagedIdentity | null {
  const want = clientId.toLowerCase();
  return graph.identities.find((i) => i.clientId.toLowerCase() === want) ?? null;
}

/** Whether the client id belongs to any identity the graph knows: user-assigned, or a cluster's own. */
export function isKnownClientId(graph: IdentityGraph, clientId: string): boolean {
  if (identityByClientId(graph, clientId)) return true;
  const want = clientId.toLowerCase();
  return graph.clusters.some((c) => [c.kubeletIdentity, c.controlPlaneIdentity].some((i) => i?.clientId?.toLowerCase() === want));
}

/** Clusters whose OIDC issuer URL is known (issuer enabled or not, the URL is what tokens carry). */
export function clustersWithIssuer(graph: IdentityGraph): (AksCluster & { oidcIssuerUrl: string })[] {
  return graph.clusters.filter((c): c is AksCluster & { oidcIssuerUrl: string } => !!c.oidcIssuerUrl);
}

/** The subject Kubernetes puts in a ServiceAccount token. */
export function serviceAccountSubject(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

/** Same issuer except for one trailing `/` — Entra compares exactly, so this still fails. */
export function differsOnlyBySlash(a: string, b: string): boolean {
  return a !== b && a.replace(/\/$/, '') === b.replace(/\/$/, '');
}
