/**
 * The documented cause and fix of each sign-in error a workload can meet, as Microsoft Entra's error reference and the
 * Azure Workload Identity troubleshooting guide describe them. Federation mismatches are worked out against the
 * repository in `federation.ts`; these are the errors whose cause lies elsewhere.
 */

export type DiagnosisKind =
  | 'federation-mismatch'
  | 'no-federated-credentials'
  | 'unknown-client-id'
  | 'wrong-tenant'
  | 'assertion-expired'
  | 'issuer-unreachable'
  | 'invalid-signature'
  | 'network'
  | 'not-injected'
  | 'other'
  | 'unrecognized';

export const FEDERATION_DOCS = 'https://learn.microsoft.com/entra/workload-id/workload-identity-federation';
export const TROUBLESHOOTING_DOCS = 'https://azure.github.io/azure-workload-identity/docs/troubleshooting.html';

export function kindOfCode(code: number): DiagnosisKind {
  switch (code) {
    case 70021: case 700211: case 700212: case 700213: case 7002138: return 'federation-mismatch';
    case 70025: return 'no-federated-credentials';
    case 700016: return 'unknown-client-id';
    case 50020: case 90002: return 'wrong-tenant';
    case 700024: return 'assertion-expired';
    case 90061: case 50166: case 501661: return 'issuer-unreachable';
    case 700027: return 'invalid-signature';
    default: return 'other';
  }
}

export interface Cause {
  headline: string;
  cause: string;
  fix: string;
}

/** The documented cause of the error kinds that need nothing from the repository to explain. */
export const CAUSES: Partial<Record<DiagnosisKind, Cause>> = {
  'no-federated-credentials': {
    headline: 'The identity the pod signs in as has no federated credential at all.',
    cause: 'Entra found the application (the client id is right) but it trusts no external token issuer.',
    fix: 'Add a federated credential for the cluster\'s OIDC issuer, the subject system:serviceaccount:<namespace>:<name> and the audience api://AzureADTokenExchange.',
  },
  'unknown-client-id': {
    headline: 'Entra has no application with this client id in the tenant the pod signs in to.',
    cause: 'The client id (the ServiceAccount\'s azure.workload.identity/client-id annotation or AZURE_CLIENT_ID) is mistyped, belongs to a deleted identity, or the identity lives in another tenant than the one the pod asks (azure.workload.identity/tenant-id, AZURE_TENANT_ID).',
    fix: 'Set the annotation to the client id of the managed identity (az identity show --query clientId) and check the tenant id.',
  },
  'wrong-tenant': {
    headline: 'The pod signs in to a tenant the identity does not belong to.',
    cause: 'The tenant id the pod uses (the webhook\'s default, the azure.workload.identity/tenant-id annotation or AZURE_TENANT_ID) is not the tenant of the managed identity, or names no tenant at all.',
    fix: 'Use the identity\'s own tenant: set azure.workload.identity/tenant-id to az identity show --query tenantId, or remove an override that names another tenant.',
  },
  'assertion-expired': {
    headline: 'The ServiceAccount token the pod presented has expired (or is not yet valid).',
    cause: 'The application read the projected token once and kept using it past its lifetime (one hour by default, azure.workload.identity/service-account-token-expiration), or the node\'s clock is off.',
    fix: 'Read the file named by AZURE_FEDERATED_TOKEN_FILE again for each token request (current azure-identity versions do; upgrade an older one), and check the node\'s time synchronisation.',
  },
  'issuer-unreachable': {
    headline: 'Entra could not fetch the OIDC discovery document of the issuer the pod\'s token names.',
    cause: 'The cluster\'s OIDC issuer is disabled, the cluster was deleted or recreated with a new issuer URL, or a self-managed issuer\'s discovery document is not publicly reachable.',
    fix: 'Check that <issuer>.well-known/openid-configuration answers publicly; on AKS enable the issuer (az aks update --enable-oidc-issuer) or reconcile the cluster (az resource update --ids <cluster id>).',
  },
  'invalid-signature': {
    headline: 'Entra could not verify the signature of the pod\'s token against the issuer\'s published keys.',
    cause: 'The issuer\'s signing keys were rotated (az aks oidc-issuer rotate-signing-keys) and the pod still holds a token signed with the old key, or the token comes from another cluster than the issuer URL suggests.',
    fix: 'Restart the pod so it gets a fresh token; if the keys were just rotated, wait for the issuer\'s discovery cache to refresh (up to 24 hours).',
  },
  'not-injected': {
    headline: 'The pod did not get a workload identity token, so the SDK fell back to the managed identity endpoint (IMDS, 169.254.169.254).',
    cause: 'The workload identity webhook adds AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE and the token volume only to pods labelled azure.workload.identity/use: "true" (on the pod template, not the Deployment) whose ServiceAccount has the client-id annotation; without them WorkloadIdentityCredential is unavailable and ManagedIdentityCredential asks IMDS, which answers for the node\'s identity or not at all.',
    fix: 'Label the pod template azure.workload.identity/use: "true", run it as a ServiceAccount annotated with azure.workload.identity/client-id, then recreate the pod (the webhook acts only at creation).',
  },
  network: {
    headline: 'The pod could not reach the Microsoft Entra token endpoint.',
    cause: 'DNS, an egress firewall, a network policy or a proxy blocks the pod\'s HTTPS connections to the authority host (login.microsoftonline.com in the public cloud).',
    fix: 'Allow egress from the pod to the authority host on port 443 (for AKS with a firewall, the documented FQDN rules include login.microsoftonline.com), and check DNS resolution from the pod.',
  },
};
