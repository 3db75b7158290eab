import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { AccessEngine, aksDataAction, whoCan, type QuerySubject } from '../../src/core/access/index';
import { accessTable } from '../../src/core/access/access-table';
import { emptyGraph, type AksCluster, type IdentityGraph } from '../../src/core/identity/graph';

const SUB = '/subscriptions/00000000-0000-4000-8000-0000000000aa';
const CLUSTER = `${SUB}/resourceGroups/shop-rg/providers/Microsoft.ContainerService/managedClusters/shop-aks`;
const ROLES = {
  reader: '7f6c6a51-bcf8-42ba-9220-52d62157d7db',
  writer: 'a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb',
  admin: '3498e952-d568-435e-9b2c-8d77e338d7f7',
  clusterAdmin: 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b',
};

function cluster(id: string, azureRbacEnabled: boolean): AksCluster {
  return {
    id, name: id.split('/').pop()!, subscriptionId: '00000000-0000-4000-8000-0000000000aa', resourceGroup: 'shop-rg', location: null, nodeResourceGroup: null,
    oidcIssuerEnabled: false, oidcIssuerUrl: null, workloadIdentityEnabled: false, azureRbacEnabled, localAccountsDisabled: false,
    controlPlaneIdentity: null, kubeletIdentity: null, vnetSubnetIds: [],
  };
}

function graphOf(assignments: [principal: string, role: keyof typeof ROLES, scope: string][], rbac = true): IdentityGraph {
  const g = emptyGraph('snapshot');
  g.clusters.push(cluster(CLUSTER, rbac));
  assignments.forEach(([principalId, role, scope], i) => g.roleAssignments.push({
    id: `${SUB}/providers/Microsoft.Authorization/roleAssignments/${i}`, scope, principalId, principalType: 'User',
    roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${ROLES[role]}`, roleName: null,
  }));
  return g;
}

function engine(graph: IdentityGraph): AccessEngine {
  return new AccessEngine(new WorkspaceIndex({ defaultNamespace: 'default', maxFileSize: 1 << 20 }), { graph });
}

/** Principals allowed outright, as `<id>@<reach>`. */
function holders(e: AccessEngine, verb: string, what: string, namespace: string | null = 'shop'): string[] {
  return whoCan(e, { verb, target: e.target(what), namespace, name: null }).holders
    .filter((h) => h.reach !== 'names')
    .map((h) => `${(h.subject as QuerySubject & { id: string }).id}@${h.reach}`);
}

test('AKS data actions: verbs map to read/write/delete or <verb>/action, subresources drop except pods/exec', () => {
  const e = engine(emptyGraph('snapshot'));
  const P = 'Microsoft.ContainerService/managedClusters';
  assert.equal(aksDataAction('get', e.target('deployments')), `${P}/apps/deployments/read`);
  assert.equal(aksDataAction('watch', e.target('secrets')), `${P}/secrets/read`);
  assert.equal(aksDataAction('patch', e.target('deployments.apps/scale')), `${P}/apps/deployments/write`);
  assert.equal(aksDataAction('deletecollection', e.target('configmaps')), `${P}/configmaps/delete`);
  assert.equal(aksDataAction('create', e.target('pods/exec')), `${P}/pods/exec/action`);
  assert.equal(aksDataAction('get', e.target('pods/log')), `${P}/pods/read`);
  assert.equal(aksDataAction('impersonate', e.target('serviceaccounts')), `${P}/serviceaccounts/impersonate/action`);
  assert.equal(aksDataAction('bind', e.target('clusterroles')), `${P}/rbac.authorization.k8s.io/clusterroles/bind/action`);
  assert.equal(aksDataAction('get', e.target('/healthz')), `${P}/healthz/read`);
  assert.equal(aksDataAction('proxy', e.target('nodes')), null);
});

test('AKS RBAC Reader reads most objects but not Secrets, Roles or RoleBindings', () => {
  const e = engine(graphOf([['reader', 'reader', CLUSTER]]));
  assert.deepEqual(holders(e, 'get', 'pods'), ['reader@cluster']);
  assert.deepEqual(holders(e, 'list', 'deployments'), ['reader@cluster']);
  assert.deepEqual(holders(e, 'get', 'secrets'), []);
  assert.deepEqual(holders(e, 'get', 'roles'), []);
  assert.deepEqual(holders(e, 'get', 'rolebindings'), []);
  assert.deepEqual(holders(e, 'create', 'configmaps'), []);
});

test('AKS RBAC Writer writes workloads and Secrets and runs as any ServiceAccount, but not Roles or RoleBindings', () => {
  const e = engine(graphOf([['writer', 'writer', CLUSTER]]));
  assert.deepEqual(holders(e, 'get', 'secrets'), ['writer@cluster']);
  assert.deepEqual(holders(e, 'create', 'deployments'), ['writer@cluster']);
  assert.deepEqual(holders(e, 'create', 'pods/exec'), ['writer@cluster']);
  assert.deepEqual(holders(e, 'impersonate', 'serviceaccounts'), ['writer@cluster']);
  assert.deepEqual(holders(e, 'create', 'roles'), []);
  assert.deepEqual(holders(e, 'get', 'rolebindings'), []);
  assert.deepEqual(holders(e, 'create', 'namespaces', null), []);
});

test('AKS RBAC Admin creates Roles and RoleBindings but does not write ResourceQuotas or Namespaces', () => {
  const e = engine(graphOf([['admin', 'admin', CLUSTER]]));
  assert.deepEqual(holders(e, 'create', 'rolebindings'), ['admin@cluster']);
  assert.deepEqual(holders(e, 'create', 'roles'), ['admin@cluster']);
  assert.deepEqual(holders(e, 'get', 'secrets'), ['admin@cluster']);
  assert.deepEqual(holders(e, 'get', 'resourcequotas'), ['admin@cluster']);
  assert.deepEqual(holders(e, 'update', 'resourcequotas'), []);
  assert.deepEqual(holders(e, 'create', 'namespaces', null), []);
  assert.deepEqual(holders(e, 'delete', 'namespaces', null), []);
});

test('AKS RBAC Cluster Admin does everything, non-resource URLs included', () => {
  const e = engine(graphOf([['root', 'clusterAdmin', SUB]]));
  assert.deepEqual(holders(e, 'create', 'namespaces', null), ['root@cluster']);
  assert.deepEqual(holders(e, 'escalate', 'clusterroles', null), ['root@cluster']);
  assert.deepEqual(holders(e, 'get', '/healthz', null), ['root@cluster']);
});

test('a namespace-scope assignment grants in that namespace only, and no cluster-scoped resource', () => {
  const e = engine(graphOf([['dev', 'writer', `${CLUSTER}/namespaces/shop`]]));
  assert.deepEqual(holders(e, 'get', 'secrets', 'shop'), ['dev@namespace']);
  assert.deepEqual(holders(e, 'get', 'secrets', 'billing'), []);
  assert.deepEqual(holders(e, 'get', 'secrets', null), ['dev@namespace']);
  assert.deepEqual(holders(e, 'get', 'namespaces', null), []);
});

test('a cluster without Azure RBAC for Kubernetes: assignments grant nothing, and the answer says so', () => {
  const e = engine(graphOf([['root', 'clusterAdmin', CLUSTER]], false));
  const a = whoCan(e, { verb: 'get', target: e.target('secrets'), namespace: 'shop', name: null });
  assert.deepEqual(a.holders, []);
  assert.deepEqual(a.notes, ['Azure RBAC for Kubernetes authorization is off on shop-aks: role assignments grant nothing inside it.']);
});

test('access of an Entra principal: rows from its roles, Secrets excluded for the Reader', () => {
  const e = engine(graphOf([['reader', 'reader', `${CLUSTER}/namespaces/shop`]]));
  const t = accessTable(e, e.entra('reader'));
  assert.deepEqual(t.sections.map((s) => (s.reach === 'cluster' ? 'cluster' : s.reach.namespace)), ['shop']);
  const rows = t.sections[0].rows;
  assert.ok(rows.some((r) => r.resource === 'pods' && r.cells.get === 'yes' && r.cells.create === 'no'));
  assert.ok(!rows.some((r) => r.resource === 'secrets'));
});
