import { test } from 'node:test';
import assert from 'node:assert/strict';
import { azureRoles, findRole, grants, grantsInPlane, matchesPattern, planeOf, rolesGranting, type AzureRole } from '../../src/core/knowledge/index';

const EXEC = 'Microsoft.ContainerService/managedClusters/pods/exec/action';
const SECRETS = 'Microsoft.ContainerService/managedClusters/secrets/read';

const role = (p: Partial<AzureRole>): AzureRole => ({
  name: 'Test', id: '00000000-0000-0000-0000-000000000000', description: '', category: null,
  actions: [], notActions: [], dataActions: [], notDataActions: [], ...p,
});

test('* matches any run of characters, including slashes, and nothing else', () => {
  assert.ok(matchesPattern('*', 'Microsoft.Foo/bar/read'));
  assert.ok(matchesPattern('*/read', 'Microsoft.ContainerService/managedClusters/read'));
  assert.ok(matchesPattern('Microsoft.ContainerService/*/read', 'Microsoft.ContainerService/managedClusters/agentPools/read'));
  assert.ok(matchesPattern('Microsoft.ContainerService/managedClusters/*', EXEC));
  assert.ok(!matchesPattern('*/read', 'Microsoft.ContainerService/managedClusters/write'));
  assert.ok(!matchesPattern('Microsoft.ContainerService/managedClusters/pods/read', EXEC));
  // Dots and other regex characters in patterns are literal.
  assert.ok(!matchesPattern('Microsoft.ContainerService/managedClusters/apps/deployments/read', 'MicrosoftXContainerService/managedClusters/apps/deployments/read'));
});

test('matching ignores case', () => {
  assert.ok(matchesPattern('microsoft.containerservice/MANAGEDCLUSTERS/*', EXEC));
  assert.ok(grants(findRole('reader')!, 'MICROSOFT.CONTAINERSERVICE/managedclusters/READ'));
});

test('a not-pattern removes what an allow pattern granted, in its own plane only', () => {
  const r = role({ dataActions: ['Microsoft.ContainerService/managedClusters/*'], notDataActions: ['Microsoft.ContainerService/managedClusters/secrets/*'] });
  assert.equal(grantsInPlane(r, SECRETS, 'data'), null);
  assert.deepEqual(grantsInPlane(r, EXEC, 'data'), { plane: 'data', pattern: 'Microsoft.ContainerService/managedClusters/*' });
  const c = role({ actions: ['*'], notActions: ['Microsoft.Authorization/*/write'], notDataActions: ['*'] });
  assert.equal(grants(c, 'Microsoft.Authorization/roleAssignments/write'), null);
  assert.deepEqual(grants(c, 'Microsoft.ContainerService/managedClusters/write'), { plane: 'control', pattern: '*' });
});

test('actions never grant data actions and dataActions never grant control-plane actions', () => {
  assert.equal(planeOf(SECRETS), 'data');
  assert.equal(planeOf('Microsoft.ContainerService/managedClusters/read'), 'control');
  const reader = findRole('Reader')!;
  assert.deepEqual(reader.actions, ['*/read']);
  assert.equal(grants(reader, SECRETS), null);
  assert.equal(grants(findRole('Owner')!, EXEC), null);
  const dataOnly = role({ dataActions: ['*'] });
  assert.equal(grants(dataOnly, 'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action'), null);
  assert.deepEqual(grants(dataOnly, SECRETS), { plane: 'data', pattern: '*' });
});

test('an operation missing from the data is checked in both planes', () => {
  assert.equal(planeOf('Microsoft.Storage/storageAccounts/read'), undefined);
  const r = rolesGranting('Microsoft.Storage/storageAccounts/read');
  assert.equal(r.plane, undefined);
  assert.ok(r.control.some((g) => g.role.name === 'Reader' && g.pattern === '*/read'));
  assert.ok(r.control.some((g) => g.role.name === 'Owner' && g.pattern === '*'));
});

test('exactly RBAC Admin, RBAC Cluster Admin and RBAC Writer grant pods/exec', () => {
  const r = rolesGranting(EXEC);
  assert.equal(r.plane, 'data');
  assert.deepEqual(r.control, []);
  assert.deepEqual(r.data.map((g) => [g.role.name, g.pattern]), [
    ['Azure Kubernetes Service RBAC Admin', 'Microsoft.ContainerService/managedClusters/*'],
    ['Azure Kubernetes Service RBAC Cluster Admin', 'Microsoft.ContainerService/managedClusters/*'],
    ['Azure Kubernetes Service RBAC Writer', 'Microsoft.ContainerService/managedClusters/pods/*'],
  ]);
  // The brute-force count over every role agrees with rolesGranting.
  assert.equal(azureRoles.filter((x) => grants(x, EXEC)).length, 3);
});

test('RBAC Reader cannot read Secrets; RBAC Admin cannot write namespaces (notDataActions)', () => {
  assert.equal(grants(findRole('Azure Kubernetes Service RBAC Reader')!, SECRETS), null);
  const admin = findRole('Azure Kubernetes Service RBAC Admin')!;
  assert.equal(grants(admin, 'Microsoft.ContainerService/managedClusters/namespaces/write'), null);
  assert.ok(grants(admin, SECRETS));
});

test('findRole accepts names in any case, GUIDs and role definition IDs, and nothing else', () => {
  assert.equal(findRole('azure kubernetes service rbac cluster admin')?.id, 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b');
  assert.equal(findRole('7F6C6A51-BCF8-42BA-9220-52D62157D7DB')?.name, 'Azure Kubernetes Service RBAC Reader');
  assert.equal(findRole('3498e952-d568-435e-9b2c-8d77e338d7f7')?.name, 'Azure Kubernetes Service RBAC Admin');
  assert.equal(findRole('a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb')?.name, 'Azure Kubernetes Service RBAC Writer');
  assert.equal(findRole('/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8')?.name, 'Azure Kubernetes Service Cluster Admin Role');
  assert.equal(findRole('4abbcc35-e782-43d8-92c5-2d3f1bd2253f')?.name, 'Azure Kubernetes Service Cluster User Role');
  assert.equal(findRole('7f951dda-4ed3-4680-a7ca-43fe172d538d')?.name, 'AcrPull');
  assert.equal(findRole('00000000-0000-0000-0000-000000000000'), undefined);
  assert.equal(findRole('Kubernetes'), undefined);
});
