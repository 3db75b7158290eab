import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IdentityGraph, RoleAssignment } from '../../src/core/identity/graph';
import { exportSnapshot, parseSnapshot } from '../../src/core/identity/snapshot';
import { findRole } from '../../src/core/knowledge/roles';
import {
  checkClusterPermissions,
  clusterPermissionSummary,
  isLookupError,
  narrowestRole,
  requiredPermissionNodes,
  requirementTemplates,
  roleGrants,
  scopeCovers,
  type CheckOptions,
  type ClusterPermissions,
  type PermissionResult,
} from '../../src/core/permissions';
import { aksPermissionTables } from '../../src/core/knowledge/data';
import { aksRequirementsCoveredBy, aksRequirementsMarkdown } from '../../src/core/explain/aks-requirements';

const DIR = join(__dirname, '..', 'fixtures', 'permissions');
const SUB = '/subscriptions/6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const RG = (n: string) => `${SUB}/resourceGroups/${n}`;
const SUBNET = `${RG('network-rg')}/providers/Microsoft.Network/virtualNetworks/payments-vnet/subnets/aks-nodes`;
const ROUTES = `${RG('network-rg')}/providers/Microsoft.Network/routeTables/aks-udr`;
const NSG = `${RG('network-rg')}/providers/Microsoft.Network/networkSecurityGroups/aks-nodes-nsg`;
const ZONE = `${RG('dns-rg')}/providers/Microsoft.Network/privateDnsZones/privatelink.westeurope.azmk8s.io`;
const ACR = `${RG('registry-rg')}/providers/Microsoft.ContainerRegistry/registries/paymentsacr`;
const ACR_ABAC = `${RG('registry-rg')}/providers/Microsoft.ContainerRegistry/registries/platformacr`;
const KUBELET_UAI = `${RG('identities-rg')}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-payments-kubelet`;
const CP_SYSTEM = '3c6a9e12-7b4d-4f8e-a1c2-5d6e7f8a9b01';
const CP_USER = '4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a704';
const KUBELET_MANAGED = '8d2e4f61-0a3b-4c5d-9e7f-1a2b3c4d5e02';
const KUBELET_USER = '6a7b8c9d-0e1f-4a2b-83c4-e5f6a7b8c906';

function graphOf(name: string): IdentityGraph {
  const dir = join(DIR, name);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const { graph, warnings } = parseSnapshot(files.map((f) => ({ source: f, value: JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown })));
  assert.deepEqual(warnings, []);
  return graph;
}

function check(name: string, options?: CheckOptions): ClusterPermissions {
  const r = checkClusterPermissions(graphOf(name), 'payments-aks', options);
  if (isLookupError(r)) throw new Error(r.message);
  return r;
}

/** The rows a user must act on or can verify: everything but the node resource group. */
const visible = (r: ClusterPermissions) => r.results.filter((x) => x.requirement.id !== 'node-resource-group');
const brief = (x: PermissionResult) => [x.identity, x.status, x.requirement.permission, x.requirement.scope, x.grantedBy ? `${x.grantedBy.roleName} @ ${x.grantedBy.scope}` : null];

const fix = (principal: string, role: string, scope: string) =>
  `az role assignment create --assignee-object-id ${principal} --assignee-principal-type ServicePrincipal --role ${role.includes(' ') ? `'${role}'` : role} --scope ${scope}`;

describe('fixtures', () => {
  test('custom VNet without Network Contributor: Reader on the VNet grants subnets/read, join is missing with a fix for the subnet', () => {
    const r = check('custom-vnet-missing');
    assert.equal(r.cluster.name, 'payments-aks');
    assert.equal(r.missing, 1);
    assert.deepEqual(visible(r).map(brief), [
      ['controlPlane', 'granted', 'Microsoft.Network/virtualNetworks/subnets/read', SUBNET, `Reader @ ${RG('network-rg')}/providers/Microsoft.Network/virtualNetworks/payments-vnet`],
      ['controlPlane', 'missing', 'Microsoft.Network/virtualNetworks/subnets/join/action', SUBNET, null],
    ]);
    const miss = visible(r)[1];
    assert.equal(miss.requirement.title, 'Subnet payments-vnet/aks-nodes (resource group network-rg)');
    assert.equal(miss.requirement.reason, 'Required if using a subnet in another resource group such as a custom VNET.');
    assert.equal(miss.principalId, CP_SYSTEM);
    // Another principal's Network Contributor on the very subnet does not count for the cluster.
    assert.equal(miss.suggestedRole, 'Network Contributor');
    assert.equal(miss.fixCommand, fix(CP_SYSTEM, 'Network Contributor', SUBNET));
    assert.equal(visible(r)[0].fixCommand, undefined, 'granted rows carry no fix');
  });

  test('Network Contributor at the resource group covers the subnet, its route table and its NSG', () => {
    const r = check('custom-vnet-rg-scope');
    assert.equal(r.missing, 0);
    const by = `Network Contributor @ ${RG('network-rg')}`;
    assert.deepEqual(visible(r).map(brief), [
      ['controlPlane', 'granted', 'Microsoft.Network/virtualNetworks/subnets/read', SUBNET, by],
      ['controlPlane', 'granted', 'Microsoft.Network/virtualNetworks/subnets/join/action', SUBNET, by],
      ['controlPlane', 'granted', 'Microsoft.Network/routeTables/routes/read', ROUTES, by],
      ['controlPlane', 'granted', 'Microsoft.Network/routeTables/routes/write', ROUTES, by],
      ['controlPlane', 'granted', 'Microsoft.Network/networkSecurityGroups/write', NSG, by],
      ['controlPlane', 'granted', 'Microsoft.Network/networkSecurityGroups/read', NSG, by],
    ]);
    assert.equal(visible(r)[0].grantedBy?.assignmentId, `${RG('network-rg')}/providers/Microsoft.Authorization/roleAssignments/d52b8f31-2c3d-4e4f-9a5b-6c7d8e9f0a11`);
  });

  test('registries: one named with --acr lacks AcrPull; in an ABAC-mode registry AcrPull is not honoured', () => {
    const r = check('acr-pull-missing', { registries: ['paymentsacr'] });
    assert.equal(r.missing, 3);
    assert.deepEqual(visible(r).map((x) => [...brief(x), x.suggestedRole, x.fixCommand]), [
      ['kubelet', 'missing', 'Microsoft.ContainerRegistry/registries/pull/read', ACR, null, 'AcrPull', fix(KUBELET_MANAGED, 'AcrPull', ACR)],
      ['kubelet', 'missing', 'Microsoft.ContainerRegistry/registries/repositories/content/read', ACR_ABAC, null, 'Container Registry Repository Reader', fix(KUBELET_MANAGED, 'Container Registry Repository Reader', ACR_ABAC)],
      ['kubelet', 'missing', 'Microsoft.ContainerRegistry/registries/repositories/metadata/read', ACR_ABAC, null, 'Container Registry Repository Reader', fix(KUBELET_MANAGED, 'Container Registry Repository Reader', ACR_ABAC)],
    ]);
    assert.equal(visible(r)[0].requirement.title, 'Pull images from registry paymentsacr');
    assert.equal(visible(r)[1].requirement.title, 'Read repositories of registry platformacr (ABAC mode)');
    assert.equal(visible(r)[1].requirement.plane, 'data');
    assert.equal(visible(r)[1].note, `AcrPull at ${ACR_ABAC} is not honoured by a registry in ABAC mode`);
    assert.equal(visible(r)[0].note, undefined);
    // Without --acr only the registry the kubelet identity has an assignment on counts as attached.
    assert.deepEqual(visible(check('acr-pull-missing')).map((x) => x.requirement.scope), [ACR_ABAC, ACR_ABAC]);
    // Registries may be named by login server or id too.
    assert.equal(check('acr-pull-missing', { registries: ['PaymentsAcr.azurecr.io'] }).missing, 3);
    assert.equal(check('acr-pull-missing', { registries: [ACR.toUpperCase()] }).missing, 3);
  });

  test('kubelet identity in another resource group: the control plane lacks Managed Identity Operator on it', () => {
    const r = check('kubelet-other-rg');
    assert.equal(r.missing, 1);
    assert.deepEqual(visible(r).map(brief), [
      ['controlPlane', 'missing', 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action', KUBELET_UAI, null],
    ]);
    const [row] = visible(r);
    // The user-assigned control plane's object id comes from az aks show's userAssignedIdentities map.
    assert.equal(row.principalId, CP_USER);
    assert.equal(row.requirement.title, 'Managed Identity Operator on kubelet identity id-payments-kubelet (resource group identities-rg)');
    assert.match(row.requirement.reason, /^For a user-assigned kubelet identity outside the default worker node resource group, assign the Managed Identity Operator role/);
    assert.equal(row.fixCommand, fix(CP_USER, 'Managed Identity Operator', KUBELET_UAI));
  });

  test('a fully correct cluster: custom role at the network resource group, DNS zone, identity operator and AcrPull all granted', () => {
    const r = check('fully-correct');
    assert.equal(r.missing, 0);
    assert.deepEqual(r.results.filter((x) => x.status !== 'granted' && x.status !== 'assumed'), []);
    const custom = `AKS Shared Network Operator @ ${RG('network-rg')}`;
    assert.deepEqual(visible(r).map(brief), [
      ['controlPlane', 'granted', 'Microsoft.Network/virtualNetworks/subnets/read', SUBNET, custom],
      ['controlPlane', 'granted', 'Microsoft.Network/virtualNetworks/subnets/join/action', SUBNET, custom],
      ['controlPlane', 'granted', 'Microsoft.Network/routeTables/routes/read', ROUTES, custom],
      ['controlPlane', 'granted', 'Microsoft.Network/routeTables/routes/write', ROUTES, custom],
      ['controlPlane', 'granted', 'Microsoft.Network/networkSecurityGroups/write', NSG, custom],
      ['controlPlane', 'granted', 'Microsoft.Network/networkSecurityGroups/read', NSG, custom],
      ['controlPlane', 'granted', 'Microsoft.Network/privatednszones/*', ZONE, `Private DNS Zone Contributor @ ${ZONE}`],
      ['controlPlane', 'granted', 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action', KUBELET_UAI, `Managed Identity Operator @ ${KUBELET_UAI}`],
      ['kubelet', 'granted', 'Microsoft.ContainerRegistry/registries/pull/read', ACR, `AcrPull @ ${ACR}`],
    ]);
    assert.equal(visible(r)[8].principalId, KUBELET_USER);
  });

  test('the node resource group rows are assumed, one per documented cluster identity permission', () => {
    const r = check('custom-vnet-missing');
    const nrg = r.results.filter((x) => x.requirement.id === 'node-resource-group');
    const documented = aksPermissionTables.find((t) => t.id === 'clusterIdentity')!.rows.flatMap((row) => row.permissions);
    assert.deepEqual(nrg.map((x) => x.requirement.permission), documented);
    assert.ok(nrg.every((x) => x.status === 'assumed' && x.requirement.scope === RG('MC_payments-rg_payments-aks_westeurope')));
    assert.equal(nrg[0].note, 'AKS gives its control-plane identity Contributor on the node resource group');
  });
});

describe('edge cases', () => {
  const base = () => graphOf('custom-vnet-missing');
  const assignment = (over: Partial<RoleAssignment>): RoleAssignment => ({
    id: `${SUB}/providers/Microsoft.Authorization/roleAssignments/00000000-0000-4000-8000-00000000ffff`,
    scope: SUB, principalId: CP_SYSTEM, principalType: 'ServicePrincipal',
    roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c`, roleName: 'Contributor', ...over,
  });
  const run = (g: IdentityGraph) => {
    const r = checkClusterPermissions(g, 'payments-aks');
    if (isLookupError(r)) throw new Error(r.message);
    return r;
  };

  test('an assignment at subscription scope covers everything below; the node resource group rows then count as granted', () => {
    const g = base();
    g.roleAssignments.push(assignment({}));
    const r = run(g);
    assert.equal(r.missing, 0);
    const join = r.results.find((x) => x.requirement.permission.endsWith('subnets/join/action'))!;
    assert.deepEqual(join.grantedBy, { assignmentId: assignment({}).id, roleName: 'Contributor', scope: SUB });
    assert.ok(r.results.filter((x) => x.requirement.id === 'node-resource-group').every((x) => x.status === 'granted'));
  });

  test('Contributor does not grant what its notActions remove, and an unrelated resource group is no parent scope', () => {
    const g = base();
    // `network` is a prefix of `network-rg` but not a parent on a segment boundary.
    g.roleAssignments.push(assignment({ scope: RG('network'), id: 'a1' }));
    assert.equal(run(g).missing, 1);
    const role = findRole('Contributor')!;
    assert.equal(roleGrants(role, 'Microsoft.Authorization/roleAssignments/write', 'control'), null);
    assert.equal(roleGrants(role, 'Microsoft.Network/virtualNetworks/subnets/join/action', 'control'), '*');
  });

  test('a wildcard requirement is granted only when no not-pattern takes part of it; data actions need dataActions', () => {
    const almost = { actions: ['Microsoft.Network/*'], notActions: ['Microsoft.Network/privateDnsZones/delete'] };
    assert.equal(roleGrants({ permissions: [almost] }, 'Microsoft.Network/privatednszones/*', 'control'), null);
    assert.equal(roleGrants({ permissions: [{ ...almost, notActions: [] }] }, 'Microsoft.Network/privatednszones/*', 'control'), 'Microsoft.Network/*');
    assert.equal(roleGrants(findRole('Owner')!, 'Microsoft.ContainerRegistry/registries/repositories/content/read', 'data'), null);
    assert.equal(narrowestRole([{ permission: 'Microsoft.Network/privatednszones/*', plane: 'control' }])?.name, 'Private DNS Zone Contributor');
  });

  test('a custom role the snapshot has no definition for makes the row unknown, not missing', () => {
    const g = base();
    g.roleAssignments.push(assignment({ id: 'c1', scope: SUBNET, roleName: 'Subnet Joiner', roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/11111111-2222-4333-8444-555555555555` }));
    const r = run(g);
    assert.equal(r.missing, 0);
    const join = r.results.find((x) => x.requirement.permission.endsWith('subnets/join/action'))!;
    assert.equal(join.status, 'unknown');
    assert.equal(join.note, `not granted by a known role; the snapshot lacks the definition of Subnet Joiner at ${SUBNET} (add the output of az role definition list)`);
    assert.equal(clusterPermissionSummary(r), '1 permission unknown');
  });

  test('an assignment at a management group may cover the scope: unknown', () => {
    const g = base();
    g.roleAssignments.push(assignment({ id: 'm1', scope: '/providers/Microsoft.Management/managementGroups/platform', roleName: 'Network Contributor', roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/4d97b98b-1d4f-4787-a291-c67834d212e7' }));
    const join = run(g).results.find((x) => x.requirement.permission.endsWith('subnets/join/action'))!;
    assert.equal(join.status, 'unknown');
    assert.equal(join.note, 'not granted below the subscription; Network Contributor at /providers/Microsoft.Management/managementGroups/platform may cover it');
  });

  test('a service principal cluster: the object id is unknown, so its rows are unknown and no command is guessed', () => {
    const g = base();
    g.clusters[0] = { ...g.clusters[0], controlPlaneIdentity: { type: 'ServicePrincipal', principalId: null, clientId: 'e1f2a3b4-0000-4000-8000-000000000001', resourceId: null }, kubeletIdentity: null };
    const r = run(g);
    assert.equal(r.missing, 0);
    assert.deepEqual(visible(r).map((x) => [x.status, x.fixCommand]), [['unknown', undefined], ['unknown', undefined]]);
    assert.equal(visible(r)[0].note, 'a service principal cluster: the snapshot has its application id, not the object id role assignments name');
    assert.ok(r.results.every((x) => x.identity === 'controlPlane'), 'no kubelet identity, no kubelet rows');
  });

  test('a subnet, zone or kubelet identity inside the node resource group needs nothing from the user', () => {
    const g = base();
    const nodeRg = RG('MC_payments-rg_payments-aks_westeurope').toLowerCase();
    g.clusters[0] = { ...g.clusters[0], vnetSubnetIds: [`${nodeRg}/providers/Microsoft.Network/virtualNetworks/aks-vnet/subnets/aks-subnet`], privateDnsZoneId: `${nodeRg}/providers/Microsoft.Network/privateDnsZones/x.privatelink.westeurope.azmk8s.io` };
    const r = run(g);
    assert.deepEqual(visible(r), []);
    assert.equal(clusterPermissionSummary(r), 'required permissions granted');
  });

  test('outbound public IPs and prefixes the user brought, outside the node resource group, need join on each', () => {
    const show = JSON.parse(readFileSync(join(DIR, 'custom-vnet-rg-scope', 'aks-show.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    const ip = `${RG('network-rg')}/providers/Microsoft.Network/publicIPAddresses/payments-egress`;
    const prefix = `${RG('edge-rg')}/providers/Microsoft.Network/publicIPPrefixes/payments-egress-prefix`;
    const aksIp = `${RG('MC_payments-rg_payments-aks_westeurope')}/providers/Microsoft.Network/publicIPAddresses/kubernetes-egress`;
    show.networkProfile.loadBalancerProfile = {
      outboundIPs: { publicIPs: [{ id: ip, resourceGroup: 'network-rg' }] },
      outboundIPPrefixes: { publicIPPrefixes: [{ id: prefix, resourceGroup: 'edge-rg' }] },
      effectiveOutboundIPs: [{ id: aksIp, resourceGroup: 'MC_payments-rg_payments-aks_westeurope' }],
    };
    const assignments = JSON.parse(readFileSync(join(DIR, 'custom-vnet-rg-scope', 'role-assignment-list.json'), 'utf8')) as unknown;
    const { graph } = parseSnapshot([{ source: 'aks.json', value: show }, { source: 'ra.json', value: assignments }]);
    assert.deepEqual(graph.clusters[0].outboundIpIds, [ip, prefix], 'AKS-created effective IPs are not the user\'s');
    const r = run(graph);
    assert.deepEqual(visible(r).map(brief), [
      ['controlPlane', 'granted', 'Microsoft.Network/virtualNetworks/subnets/read', SUBNET, `Network Contributor @ ${RG('network-rg')}`],
      ['controlPlane', 'granted', 'Microsoft.Network/virtualNetworks/subnets/join/action', SUBNET, `Network Contributor @ ${RG('network-rg')}`],
      ['controlPlane', 'granted', 'Microsoft.Network/publicIPAddresses/join/action', ip, `Network Contributor @ ${RG('network-rg')}`],
      ['controlPlane', 'missing', 'Microsoft.Network/publicIPPrefixes/join/action', prefix, null],
    ]);
    assert.equal(visible(r)[3].requirement.reason, 'Required to configure the outbound public IPs on the Standard Load Balancer.');
    assert.equal(visible(r)[3].requirement.title, 'Outbound public IP prefix payments-egress-prefix (resource group edge-rg)');
    assert.equal(visible(r)[3].fixCommand, fix(CP_SYSTEM, 'Network Contributor', prefix));
  });

  test('the documented role is suggested when it fits; otherwise the narrowest built-in role that does', () => {
    const join = [{ permission: 'Microsoft.Network/virtualNetworks/subnets/join/action', plane: 'control' as const }];
    assert.equal(narrowestRole(join, ['Network Contributor'])?.name, 'Network Contributor');
    assert.equal(narrowestRole(join, ['AcrPull'])?.name, narrowestRole(join)?.name);
    assert.notEqual(narrowestRole(join)?.name, 'Network Contributor', 'by breadth alone a smaller role wins: why the documented one goes first');
  });

  test('clusters are found by name, resource group/name or id; unknown and ambiguous names are typed errors', () => {
    const g = base();
    const id = g.clusters[0].id;
    assert.equal((checkClusterPermissions(g, 'PAYMENTS-AKS') as ClusterPermissions).cluster.id, id);
    assert.equal((checkClusterPermissions(g, 'payments-rg/payments-aks') as ClusterPermissions).cluster.id, id);
    assert.equal((checkClusterPermissions(g, id.toUpperCase()) as ClusterPermissions).cluster.id, id);
    assert.deepEqual(checkClusterPermissions(g, 'orders-aks'), { error: 'cluster-not-found', message: 'no cluster named orders-aks in the snapshot (it has payments-aks)' });
    g.clusters.push({ ...g.clusters[0], id: id.replace('payments-rg', 'payments-dr-rg'), resourceGroup: 'payments-dr-rg' });
    const amb = checkClusterPermissions(g, 'payments-aks');
    assert.ok(isLookupError(amb) && amb.error === 'cluster-ambiguous');
    assert.match(amb.message, /^2 clusters are named payments-aks; give <resource group>\/<name> or the cluster id/);
    assert.deepEqual(checkClusterPermissions(g, 'payments-aks', { registries: ['nosuchacr'] }), { error: 'cluster-ambiguous', message: amb.message });
    assert.deepEqual(checkClusterPermissions(base(), 'payments-aks', { registries: ['nosuchacr'] }), { error: 'registry-not-found', message: 'registry nosuchacr is not in the snapshot (add the output of az acr list, or pass its resource id)' });
  });

  test('scope inheritance compares ARM ids without case, on segment boundaries', () => {
    assert.equal(scopeCovers(SUB, SUBNET), true);
    assert.equal(scopeCovers(RG('NETWORK-RG').toUpperCase(), SUBNET), true);
    assert.equal(scopeCovers(`${RG('network-rg')}/`, SUBNET), true);
    assert.equal(scopeCovers(RG('network'), SUBNET), false);
    assert.equal(scopeCovers(SUBNET, RG('network-rg')), false);
    assert.equal(scopeCovers('/', SUBNET), true);
    assert.equal(scopeCovers('', SUBNET), false);
  });
});

describe('snapshot reading of the new facts', () => {
  test('registries, subnets with route table and NSG, custom role definitions and the private DNS zone are read and survive export', () => {
    const g = graphOf('fully-correct');
    assert.deepEqual(g.registries, [{ id: ACR, name: 'paymentsacr', resourceGroup: 'registry-rg', loginServer: 'paymentsacr.azurecr.io', roleAssignmentMode: 'LegacyRegistryPermissions' }]);
    assert.deepEqual(g.subnets, [{ id: SUBNET, routeTableId: ROUTES, networkSecurityGroupId: NSG }]);
    assert.equal(g.roleDefinitions?.[0].roleName, 'AKS Shared Network Operator');
    assert.deepEqual(g.roleDefinitions?.[0].actions.slice(0, 2), ['Microsoft.Network/virtualNetworks/subnets/read', 'Microsoft.Network/virtualNetworks/subnets/join/action']);
    assert.equal(g.clusters[0].privateDnsZoneId, ZONE);
    assert.equal(graphOf('custom-vnet-missing').clusters[0].privateDnsZoneId, null);
    assert.equal(graphOf('custom-vnet-missing').registries, undefined, 'absent when not loaded');
    const again = parseSnapshot([{ source: 'export.json', value: JSON.parse(JSON.stringify(exportSnapshot(g))) }]);
    assert.deepEqual(again.graph, g);
  });

  test('system and none private DNS zone values are not a zone the user brought', () => {
    for (const privateDnsZone of ['system', 'none']) {
      const { graph } = parseSnapshot([{ source: 'a.json', value: { type: 'Microsoft.ContainerService/ManagedClusters', id: `${RG('x')}/providers/Microsoft.ContainerService/managedClusters/c`, apiServerAccessProfile: { privateDnsZone } } }]);
      assert.equal(graph.clusters[0].privateDnsZoneId, null);
    }
    const wire = parseSnapshot([{ source: 'w.json', value: { type: 'Microsoft.ContainerService/ManagedClusters', id: `${RG('x')}/providers/Microsoft.ContainerService/managedClusters/c`, properties: { apiServerAccessProfile: { privateDNSZone: ZONE } } } }]);
    assert.equal(wire.graph.clusters[0].privateDnsZoneId, ZONE);
  });
});

describe('tree view model', () => {
  test('one "Required permissions" node per identity, one child per requirement, fix command on the missing one', () => {
    const r = check('custom-vnet-missing');
    const nodes = requiredPermissionNodes(r);
    assert.deepEqual(nodes.map((n) => [n.identity, n.label, n.description, n.status]), [['controlPlane', 'Required permissions', '1 missing', 'missing']]);
    const [subnet, nrg] = nodes[0].children;
    assert.deepEqual([subnet.label, subnet.description, subnet.status, subnet.fixCommand], [
      'Subnet payments-vnet/aks-nodes (resource group network-rg)', '1 of 2 permissions missing · assign Network Contributor', 'missing', fix(CP_SYSTEM, 'Network Contributor', SUBNET),
    ]);
    assert.equal(subnet.tooltip, [
      'Required if using a subnet in another resource group such as a custom VNET.',
      `✓ Microsoft.Network/virtualNetworks/subnets/read — Reader at ${RG('network-rg')}/providers/Microsoft.Network/virtualNetworks/payments-vnet\n✗ Microsoft.Network/virtualNetworks/subnets/join/action`,
      `Scope: ${SUBNET}`,
      `Fix: ${fix(CP_SYSTEM, 'Network Contributor', SUBNET)}`,
    ].join('\n\n'));
    assert.deepEqual([nrg.label, nrg.description, nrg.status, 'fixCommand' in nrg], ['Node resource group MC_payments-rg_payments-aks_westeurope (AKS grants these)', '43 permissions AKS grants itself', 'assumed', false]);
    assert.equal(nrg.tooltip, [
      'AKS gives its control-plane identity Contributor on the node resource group.',
      ['~ Microsoft.ContainerService/managedClusters/*', '~ Microsoft.Network/loadBalancers/delete', '~ Microsoft.Network/loadBalancers/read', '~ Microsoft.Network/loadBalancers/write',
        '~ Microsoft.Network/publicIPAddresses/delete', '~ Microsoft.Network/publicIPAddresses/read', '~ Microsoft.Network/publicIPAddresses/write', '~ Microsoft.Network/publicIPAddresses/join/action', '… and 35 more'].join('\n'),
      `Scope: ${RG('MC_payments-rg_payments-aks_westeurope')}`,
    ].join('\n\n'));
    assert.equal(clusterPermissionSummary(r), '1 missing permission');
  });

  test('granted children name the role and scope; the kubelet gets its own node; the summary counts missing permissions', () => {
    const ok = requiredPermissionNodes(check('fully-correct'));
    assert.deepEqual(ok.map((n) => [n.identity, n.description]), [['controlPlane', 'all granted'], ['kubelet', 'all granted']]);
    assert.deepEqual(ok[0].children.map((c) => c.description).slice(0, 5), [
      'granted by AKS Shared Network Operator on resource group network-rg',
      'granted by AKS Shared Network Operator on resource group network-rg',
      'granted by AKS Shared Network Operator on resource group network-rg',
      'granted by Private DNS Zone Contributor on privatelink.westeurope.azmk8s.io',
      'granted by Managed Identity Operator on id-payments-kubelet',
    ]);
    assert.deepEqual(ok[1].children.map((c) => [c.label, c.description, c.status]), [['Pull images from registry paymentsacr', 'granted by AcrPull on paymentsacr', 'granted']]);
    const acr = check('acr-pull-missing', { registries: ['paymentsacr'] });
    assert.equal(clusterPermissionSummary(acr), '3 missing permissions');
    assert.deepEqual(requiredPermissionNodes(acr).map((n) => [n.identity, n.description]), [['controlPlane', 'all granted'], ['kubelet', '3 missing']]);
  });
});

describe('hover knowledge', () => {
  test('every requirement comes from the bundled documentation tables, reasons verbatim', () => {
    const reasons = new Set(aksPermissionTables.flatMap((t) => t.rows.map((r) => r.reason)));
    for (const t of requirementTemplates) {
      for (const p of t.permissions) if (t.kind !== 'kubelet-identity-operator') assert.ok(reasons.has(p.reason), `${t.kind}: ${p.reason}`);
    }
  });

  test('which documented requirements a built-in role covers, fully or in part', () => {
    assert.deepEqual(aksRequirementsCoveredBy('AcrPull'), [
      { identity: 'kubelet', kind: 'acr-pull', requirement: 'Pull images from the registry', permission: 'Microsoft.ContainerRegistry/registries/pull/read', notGranted: [], reason: 'Required to pull container images from Azure Container Registry. Granted by the `AcrPull` built-in role.' },
    ]);
    assert.deepEqual(aksRequirementsCoveredBy('f1a07417-d97a-45cb-824c-7a7467783830')?.map((c) => [c.identity, c.requirement]), [['controlPlane', 'Managed Identity Operator on the kubelet identity']]);
    assert.deepEqual(aksRequirementsCoveredBy('Storage Blob Data Reader'), []);
    assert.equal(aksRequirementsCoveredBy('No Such Role'), null);
    assert.equal(aksRequirementsMarkdown('Reader')?.split('\n')[2], '- control-plane identity: Subnet in another resource group (`Microsoft.Network/virtualNetworks/subnets/read`) — not `Microsoft.Network/virtualNetworks/subnets/join/action`');
    assert.deepEqual(aksRequirementsMarkdown('Network Contributor')?.split('\n').slice(2).map((l) => l.replace(/ \(.*/, '')), [
      '- control-plane identity: Subnet in another resource group',
      '- control-plane identity: Route table in another resource group',
      '- control-plane identity: Network security group in another resource group',
      '- control-plane identity: Private DNS zone in another resource group',
      '- control-plane identity: Outbound public IP in another resource group',
      '- control-plane identity: Outbound public IP prefix in another resource group',
    ]);
    assert.equal(aksRequirementsMarkdown('Storage Blob Data Reader'), null);
  });
});
