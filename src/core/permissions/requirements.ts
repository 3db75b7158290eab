import { aksPermissionTables } from '../knowledge/data';

export type AksIdentityKind = 'controlPlane' | 'kubelet';

export type RequirementKind =
  | 'custom-subnet'
  | 'route-table'
  | 'network-security-group'
  | 'private-dns-zone'
  | 'outbound-ip'
  | 'outbound-ip-prefix'
  | 'kubelet-identity-operator'
  | 'acr-pull'
  | 'acr-repository-read'
  | 'node-resource-group';

/** One documented requirement, before it is tied to a cluster's resources. */
export interface RequirementTemplate {
  kind: RequirementKind;
  identity: AksIdentityKind;
  title: string;
  /** Each with the documented reason of the table row it comes from. */
  permissions: { permission: string; reason: string }[];
  /** Heading of the documentation section the rows come from. */
  source: string;
  /** Built-in roles the AKS documentation advises for it, tried first when suggesting a fix. */
  advisedRoles: string[];
}

function table(id: string) {
  const t = aksPermissionTables.find((x) => x.id === id);
  if (!t) throw new Error(`bundled AKS permission table ${id} is missing`);
  return t;
}

/** The documented row holding exactly these permissions (order-insensitive). */
function row(tableId: string, permissions: string[]): { permission: string; reason: string }[] {
  const want = permissions.map((p) => p.toLowerCase()).sort().join('\n');
  const r = table(tableId).rows.find((x) => x.permissions.map((p) => p.toLowerCase()).sort().join('\n') === want);
  if (!r) throw new Error(`no row of ${tableId} lists ${permissions.join(', ')}`);
  return r.permissions.map((permission) => ({ permission, reason: r.reason }));
}

const ADDITIONAL = 'additionalClusterIdentity';

/**
 * Verbatim from AKS "managed identity overview" (articles/aks/managed-identity-overview.md in
 * MicrosoftDocs/azure-aks-docs, kubeletIdentityOutsideNodeResourceGroup in the shared reference data).
 */
export const KUBELET_OUTSIDE_NODE_RG_REASON =
  "For a user-assigned kubelet identity outside the default worker node resource group, assign the Managed Identity Operator role to the cluster's control plane identity, whether system-assigned or user-assigned, with the role assignment scoped to the kubelet identity.";

// The operation behind "assign the Managed Identity Operator role … scoped to the kubelet identity": assigning a
// user-assigned identity to a resource. The role grants it through `…/userAssignedIdentities/*/assign/action`,
// whose `/*/` also matches a single `/` (see knowledge/match.ts).
export const ASSIGN_IDENTITY_PERMISSION = 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action';

// AKS docs: "assign the Network Contributor built-in role on the subnet" (also for public IPs in another
// resource group, kubernetes-service-principal.md); AcrPull / Container Registry Repository Reader per
// registry mode (aks-service-permissions.md); Managed Identity Operator (managed-identity-overview.md);
// Private DNS Zone Contributor on a custom zone (private-clusters.md).
const NETWORK = ['Network Contributor'];

function build(): RequirementTemplate[] {
  const additional = table(ADDITIONAL).heading;
  const creating = table('identityCreatingAndOperatingCluster').heading;
  const outbound = row('identityCreatingAndOperatingCluster', ['Microsoft.Network/publicIPAddresses/join/action', 'Microsoft.Network/publicIPPrefixes/join/action']);
  return [
    { kind: 'custom-subnet', advisedRoles: NETWORK, identity: 'controlPlane', title: 'Subnet in another resource group', source: additional,
      permissions: row(ADDITIONAL, ['Microsoft.Network/virtualNetworks/subnets/read', 'Microsoft.Network/virtualNetworks/subnets/join/action']) },
    { kind: 'route-table', advisedRoles: NETWORK, identity: 'controlPlane', title: 'Route table in another resource group', source: additional,
      permissions: row(ADDITIONAL, ['Microsoft.Network/routeTables/routes/read', 'Microsoft.Network/routeTables/routes/write']) },
    { kind: 'network-security-group', advisedRoles: NETWORK, identity: 'controlPlane', title: 'Network security group in another resource group', source: additional,
      permissions: row(ADDITIONAL, ['Microsoft.Network/networkSecurityGroups/write', 'Microsoft.Network/networkSecurityGroups/read']) },
    { kind: 'private-dns-zone', advisedRoles: ['Private DNS Zone Contributor', 'Network Contributor'], identity: 'controlPlane', title: 'Private DNS zone in another resource group', source: additional,
      permissions: row(ADDITIONAL, ['Microsoft.Network/privatednszones/*']) },
    { kind: 'outbound-ip', advisedRoles: NETWORK, identity: 'controlPlane', title: 'Outbound public IP in another resource group', source: creating,
      permissions: outbound.filter((p) => /publicIPAddresses/i.test(p.permission)) },
    { kind: 'outbound-ip-prefix', advisedRoles: NETWORK, identity: 'controlPlane', title: 'Outbound public IP prefix in another resource group', source: creating,
      permissions: outbound.filter((p) => /publicIPPrefixes/i.test(p.permission)) },
    { kind: 'kubelet-identity-operator', advisedRoles: ['Managed Identity Operator'], identity: 'controlPlane', title: 'Managed Identity Operator on the kubelet identity', source: 'Managed identities in AKS',
      permissions: [{ permission: ASSIGN_IDENTITY_PERMISSION, reason: KUBELET_OUTSIDE_NODE_RG_REASON }] },
    { kind: 'acr-pull', advisedRoles: ['AcrPull'], identity: 'kubelet', title: 'Pull images from the registry', source: table('kubeletIdentity_RBACRegistryPermissions').heading,
      permissions: row('kubeletIdentity_RBACRegistryPermissions', ['Microsoft.ContainerRegistry/registries/pull/read']) },
    { kind: 'acr-repository-read', advisedRoles: ['Container Registry Repository Reader'], identity: 'kubelet', title: 'Read repositories of the registry (ABAC mode)', source: table('kubeletIdentity_RBACRegistryPlusABACRepositoryPermissions').heading,
      permissions: row('kubeletIdentity_RBACRegistryPlusABACRepositoryPermissions', ['Microsoft.ContainerRegistry/registries/repositories/content/read', 'Microsoft.ContainerRegistry/registries/repositories/metadata/read']) },
    { kind: 'node-resource-group', advisedRoles: [], identity: 'controlPlane', title: 'Node resource group (AKS grants these)', source: table('clusterIdentity').heading,
      permissions: table('clusterIdentity').rows.flatMap((r) => r.permissions.map((permission) => ({ permission, reason: r.reason }))) },
  ];
}

export const requirementTemplates: readonly RequirementTemplate[] = build();

export function template(kind: RequirementKind): RequirementTemplate {
  const t = requirementTemplates.find((x) => x.kind === kind);
  if (!t) throw new Error(`unknown requirement ${kind}`);
  return t;
}
