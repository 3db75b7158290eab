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
  /** Container registries (`az acr list`); absent when none were loaded. */
  registries?: ContainerRegistry[];
  /** Subnets with their route table and NSG (`az network vnet subnet show`, `az network vnet list`). */
  subnets?: SubnetInfo[];
  /** Role definitions (`az role definition list`), so custom roles can be matched too. */
  roleDefinitions?: RoleDefinitionInfo[];
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
  /** ARM id of a custom private DNS zone (`apiServerAccessProfile.privateDNSZone`); null for system/none. */
  privateDnsZoneId?: string | null;
  /** Public IPs and IP prefixes the user gave the load balancer for outbound traffic (not AKS-created ones). */
  outboundIpIds?: string[];
}

export interface ContainerRegistry {
  id: string;
  name: string;
  resourceGroup: string;
  loginServer: string | null;
  /** `LegacyRegistryPermissions` (RBAC) or `AbacRepositoryPermissions` (RBAC + ABAC); null when not reported. */
  roleAssignmentMode: string | null;
}

export interface SubnetInfo {
  id: string;
  routeTableId: string | null;
  networkSecurityGroupId: string | null;
}

export interface RoleDefinitionInfo {
  /** Role definition resource id (its last segment is the GUID role assignments name). */
  id: string;
  roleName: string;
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
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
