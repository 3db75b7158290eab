import type { FakeArm } from './fake-arm';

/** A small Azure estate in Resource Manager's wire format (resource properties nested under `properties`). */

export const TENANT = '72f988bf-0000-4000-8000-000000000001';
export const SUB = '00000000-0000-4000-8000-0000000000aa';
export const SUB2 = '00000000-0000-4000-8000-0000000000bb';
export const ISSUER = `https://westeurope.oic.prod-aks.azure.com/${TENANT}/33333333-0000-4000-8000-000000000003/`;

export const API = { subscriptions: '2022-12-01', aks: '2026-04-01', msi: '2024-11-30', authz: '2022-04-01', network: '2024-05-01', registry: '2023-07-01' } as const;

const rg = (sub: string, group: string) => `/subscriptions/${sub}/resourceGroups/${group}`;
const uami = (sub: string, group: string, name: string) => `${rg(sub, group)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
export const roleDef = (sub: string, guid: string) => `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

export const ROLES = {
  networkContributor: '4d97b98b-1d4f-4787-a291-c67834d212e7',
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
  custom: 'c0ffee00-0000-4000-8000-0000000000c1',
  mgCustom: 'c0ffee00-0000-4000-8000-0000000000c2',
};
export const MG_ROLE_ID = `/providers/Microsoft.Management/managementGroups/platform/providers/Microsoft.Authorization/roleDefinitions/${ROLES.mgCustom}`;

function identity(sub: string, group: string, name: string, n: number) {
  const hex = n.toString(16).padStart(2, '0');
  return {
    id: uami(sub, group, name),
    name,
    type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
    location: 'westeurope',
    tags: {},
    properties: {
      tenantId: TENANT,
      principalId: `5a5a5a5a-0000-4000-8000-0000000000${hex}`,
      clientId: `6b6b6b6b-0000-4000-8000-0000000000${hex}`,
    },
  };
}

function fic(sub: string, group: string, identityName: string, name: string, subject: string, issuer = ISSUER) {
  return {
    id: `${uami(sub, group, identityName)}/federatedIdentityCredentials/${name}`,
    name,
    type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
    properties: { issuer, subject, audiences: ['api://AzureADTokenExchange'] },
  };
}

function assignment(sub: string, guid: string, principal: string, role: string, scope: string) {
  return {
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${guid}`,
    name: guid,
    type: 'Microsoft.Authorization/roleAssignments',
    properties: { roleDefinitionId: role, principalId: principal, principalType: 'ServicePrincipal', scope },
  };
}

function definition(id: string, name: string, roleName: string, type: 'BuiltInRole' | 'CustomRole') {
  return {
    id, name, type: 'Microsoft.Authorization/roleDefinitions',
    properties: { roleName, type, description: roleName, assignableScopes: ['/'], permissions: [{ actions: [], notActions: [], dataActions: [], notDataActions: [] }] },
  };
}

/** Paths every test relies on. */
export const PATHS = {
  subscriptions: '/subscriptions',
  clusters: (sub: string) => `/subscriptions/${sub}/providers/Microsoft.ContainerService/managedClusters`,
  identities: (sub: string) => `/subscriptions/${sub}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`,
  fics: (sub: string, group: string, name: string) => `${uami(sub, group, name)}/federatedIdentityCredentials`,
  assignments: (sub: string) => `/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments`,
  definitions: (sub: string) => `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions`,
  registries: (sub: string) => `/subscriptions/${sub}/providers/Microsoft.ContainerRegistry/registries`,
  /** The cluster's custom subnet, with a route table and a network security group of the network team. */
  subnet: `${rg(SUB, 'net-rg')}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aks`,
};

export function seed(arm: FakeArm): void {
  const subs = [
    { id: `/subscriptions/${SUB}`, subscriptionId: SUB, displayName: 'shop-prod', tenantId: TENANT, state: 'Enabled' },
    { id: `/subscriptions/${SUB2}`, subscriptionId: SUB2, displayName: 'lab', tenantId: TENANT, state: 'Enabled' },
  ];
  arm.list(PATHS.subscriptions, API.subscriptions, subs);
  for (const s of subs) arm.single(s.id, API.subscriptions, s);
  arm.list(PATHS.clusters(SUB), API.aks, [{
    id: `${rg(SUB, 'shop-rg')}/providers/Microsoft.ContainerService/managedClusters/shop-aks`,
    name: 'shop-aks',
    type: 'Microsoft.ContainerService/ManagedClusters',
    location: 'westeurope',
    identity: { type: 'SystemAssigned', principalId: '11111111-0000-4000-8000-000000000001', tenantId: TENANT },
    properties: {
      provisioningState: 'Succeeded',
      kubernetesVersion: '1.31.2',
      nodeResourceGroup: 'MC_shop-rg_shop-aks_westeurope',
      oidcIssuerProfile: { enabled: true, issuerURL: ISSUER },
      securityProfile: { workloadIdentity: { enabled: true } },
      aadProfile: { managed: true, enableAzureRBAC: true, tenantID: TENANT },
      disableLocalAccounts: true,
      identityProfile: {
        kubeletidentity: {
          resourceId: uami(SUB, 'MC_shop-rg_shop-aks_westeurope', 'shop-aks-agentpool'),
          clientId: '22222222-0000-4000-8000-000000000002',
          objectId: '22222222-0000-4000-8000-0000000000b2',
        },
      },
      agentPoolProfiles: [{ name: 'nodepool1', count: 3, mode: 'System', vnetSubnetID: PATHS.subnet }],
    },
  }]);
  arm.list(PATHS.clusters(SUB2), API.aks, []);
  arm.single(PATHS.subnet, API.network, {
    id: PATHS.subnet, name: 'aks', type: 'Microsoft.Network/virtualNetworks/subnets',
    properties: {
      addressPrefix: '10.10.0.0/22',
      routeTable: { id: `${rg(SUB, 'net-rg')}/providers/Microsoft.Network/routeTables/aks-routes` },
      networkSecurityGroup: { id: `${rg(SUB, 'net-rg')}/providers/Microsoft.Network/networkSecurityGroups/aks-nsg` },
    },
  });
  arm.list(PATHS.registries(SUB), API.registry, [{
    id: `${rg(SUB, 'shop-rg')}/providers/Microsoft.ContainerRegistry/registries/shopacr`, name: 'shopacr', type: 'Microsoft.ContainerRegistry/registries', location: 'westeurope',
    sku: { name: 'Standard' }, properties: { loginServer: 'shopacr.azurecr.io', adminUserEnabled: false },
  }]);
  // Three identities: two pages at the fake's page size.
  arm.list(PATHS.identities(SUB), API.msi, [identity(SUB, 'shop-rg', 'id-api', 1), identity(SUB, 'shop-rg', 'id-web', 2), identity(SUB, 'shop-rg', 'id-batch', 3)]);
  arm.list(PATHS.identities(SUB2), API.msi, []);
  arm.list(PATHS.fics(SUB, 'shop-rg', 'id-api'), API.msi, [
    fic(SUB, 'shop-rg', 'id-api', 'shop-api', 'system:serviceaccount:shop:api'),
    fic(SUB, 'shop-rg', 'id-api', 'shop-api-staging', 'system:serviceaccount:staging:api'),
    fic(SUB, 'shop-rg', 'id-api', 'github', 'repo:contoso/shop:ref:refs/heads/main', 'https://token.actions.githubusercontent.com'),
  ]);
  arm.list(PATHS.fics(SUB, 'shop-rg', 'id-web'), API.msi, [fic(SUB, 'shop-rg', 'id-web', 'shop-web', 'system:serviceaccount:shop:web', ISSUER.slice(0, -1))]);
  arm.list(PATHS.fics(SUB, 'shop-rg', 'id-batch'), API.msi, []);
  const subScope = `/subscriptions/${SUB}`;
  arm.list(PATHS.assignments(SUB), API.authz, [
    assignment(SUB, 'a0000000-0000-4000-8000-000000000001', '11111111-0000-4000-8000-000000000001', roleDef(SUB, ROLES.networkContributor), rg(SUB, 'net-rg')),
    assignment(SUB, 'a0000000-0000-4000-8000-000000000002', '22222222-0000-4000-8000-0000000000b2', roleDef(SUB, ROLES.acrPull), subScope),
    assignment(SUB, 'a0000000-0000-4000-8000-000000000003', '5a5a5a5a-0000-4000-8000-000000000001', roleDef(SUB, ROLES.custom), rg(SUB, 'shop-rg')),
    assignment(SUB, 'a0000000-0000-4000-8000-000000000004', '5a5a5a5a-0000-4000-8000-000000000002', MG_ROLE_ID, subScope),
  ]);
  arm.list(PATHS.assignments(SUB2), API.authz, []);
  const defs = [
    definition(roleDef(SUB, ROLES.networkContributor), ROLES.networkContributor, 'Network Contributor', 'BuiltInRole'),
    definition(roleDef(SUB, ROLES.acrPull), ROLES.acrPull, 'AcrPull', 'BuiltInRole'),
    definition(roleDef(SUB, ROLES.custom), ROLES.custom, 'Shop Secrets Reader', 'CustomRole'),
  ];
  arm.list(PATHS.definitions(SUB), API.authz, defs);
  arm.list(PATHS.definitions(SUB2), API.authz, defs.map((d) => ({ ...d, id: d.id.replace(SUB, SUB2) })));
  arm.single(MG_ROLE_ID, API.authz, definition(MG_ROLE_ID, ROLES.mgCustom, 'Platform Identity Auditor', 'CustomRole'));
}
