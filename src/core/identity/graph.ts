/**
 * The cloud identity graph as plain data. Filled by src/azure (live Resource Manager) or by an offline
 * snapshot; read by the tree, the cloud rules and hovers.
 */
export interface IdentityGraph {
  source: 'azure' | 'snapshot';
  subscriptions: Subscription[];
  clusters: AksCluster[];
  identities: ManagedIdentity[];
  roleAssignments: RoleAssignment[];
}

export interface Subscription {
  id: string;
  name: string;
  tenantId: string | null;
}

export interface ClusterIdentity {
  /** SystemAssigned, UserAssigned, or a service principal cluster ('ServicePrincipal'). */
  type: string;
  principalId: string | null;
  clientId: string | null;
  /** ARM id of the user-assigned identity, when user-assigned. */
  resourceId: string | null;
}

export interface AksCluster {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string | null;
  nodeResourceGroup: string | null;
  oidcIssuerEnabled: boolean;
  oidcIssuerUrl: string | null;
  workloadIdentityEnabled: boolean;
  azureRbacEnabled: boolean;
  localAccountsDisabled: boolean;
  controlPlaneIdentity: ClusterIdentity | null;
  kubeletIdentity: ClusterIdentity | null;
  /** Subnet ids of the agent pools (custom VNet), for required-permission checks. */
  vnetSubnetIds: string[];
}

export interface FederatedCredential {
  id: string;
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
}

export interface ManagedIdentity {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string | null;
  clientId: string;
  principalId: string;
  tenantId: string | null;
  /** Null when not loaded (yet, or the load failed). */
  federatedCredentials: FederatedCredential[] | null;
}

export interface RoleAssignment {
  id: string;
  scope: string;
  principalId: string;
  principalType: string | null;
  roleDefinitionId: string;
  /** Resolved role name, when known. */
  roleName: string | null;
}

export function emptyGraph(source: IdentityGraph['source']): IdentityGraph {
  return { source, subscriptions: [], clusters: [], identities: [], roleAssignments: [] };
}
