import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestTerms, explainTerm, type Explained } from '../../src/core/explain/index';

function found(term: string): Explained {
  const r = explainTerm(term);
  assert.ok(r.found, `${term} should be known`);
  return r;
}

test('a role by name: header, GUID, grouped data actions, what it cannot do, docs link', () => {
  const r = found('Azure Kubernetes Service RBAC Reader');
  assert.equal(r.kind, 'azure-role');
  const md = r.markdown;
  assert.ok(md.startsWith('**Azure Kubernetes Service RBAC Reader** — Azure built-in role\n\nID `7f6c6a51-bcf8-42ba-9220-52d62157d7db` · Containers\n'));
  assert.ok(md.includes('**Data plane: dataActions** (31)'));
  assert.ok(md.includes('- `Microsoft.ContainerService/managedClusters/apps/` (5): controllerrevisions/read, daemonsets/read, deployments/read, replicasets/read, statefulsets/read'));
  assert.ok(md.includes('**Cannot:** read Kubernetes Secrets (`Microsoft.ContainerService/managedClusters/secrets/read`); exec into pods'));
  assert.ok(md.includes('\nGrants 32 control-plane and 31 data-plane operations of the catalogue.\n'));
  assert.ok(md.endsWith('[Documentation](https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/containers#azure-kubernetes-service-rbac-reader)\n\n_Azure data: 928 built-in roles, 22,497 operations, as of 2026-08-22 (easimon/azure-builtin-roles@db0b225)_'));
  assert.deepEqual(r.json.notablyCannot, [
    'Microsoft.ContainerService/managedClusters/secrets/read',
    'Microsoft.ContainerService/managedClusters/pods/exec/action',
    'Microsoft.ContainerService/managedClusters/rbac.authorization.k8s.io/rolebindings/write',
    'Microsoft.ContainerService/managedClusters/rbac.authorization.k8s.io/clusterrolebindings/write',
    'Microsoft.ContainerService/managedClusters/serviceaccounts/impersonate/action',
    'Microsoft.ContainerService/managedClusters/namespaces/write',
  ]);
});

test('a role by GUID is the same role; the Reader role explains that actions do not reach the data plane', () => {
  const byGuid = found('b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b');
  assert.ok(byGuid.markdown.startsWith('**Azure Kubernetes Service RBAC Cluster Admin** — Azure built-in role'));
  assert.ok(byGuid.markdown.includes('**Notably can:** read Kubernetes Secrets'));
  assert.equal(byGuid.json.name, 'Azure Kubernetes Service RBAC Cluster Admin');
  const reader = found('Reader');
  assert.ok(reader.markdown.includes('No data actions: `actions` patterns never grant data-plane operations such as reading Kubernetes Secrets through Azure RBAC.'));
  assert.ok(reader.markdown.includes('[Documentation](https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/general#reader)'));
});

test('a permission: operation, plane and the roles granting it with their pattern', () => {
  const r = found('microsoft.containerservice/managedclusters/pods/exec/action');
  assert.equal(r.kind, 'permission');
  assert.equal(r.markdown, [
    '**`Microsoft.ContainerService/managedClusters/pods/exec/action`** — data action (data plane)',
    '',
    'Exec into pods resource',
    '',
    'Granted only through `dataActions` of a role; `actions` patterns such as `*` or `*/read` never grant it.',
    '',
    '**Granted by dataActions:** 3 of 928 built-in roles, narrowest first',
    '',
    '- Azure Kubernetes Service RBAC Writer — via `Microsoft.ContainerService/managedClusters/pods/*`',
    '- Azure Kubernetes Service RBAC Admin — via `Microsoft.ContainerService/managedClusters/*`',
    '- Azure Kubernetes Service RBAC Cluster Admin — via `Microsoft.ContainerService/managedClusters/*`',
    '',
    '_Azure data: 928 built-in roles, 22,497 operations, as of 2026-08-22 (easimon/azure-builtin-roles@db0b225)_',
  ].join('\n'));
  assert.deepEqual(r.json.planes, ['data']);
  assert.equal(r.json.builtInRoles, 928);
  assert.deepEqual(r.json.aksIdentityUses, []);
  const control = found('Microsoft.ContainerService/managedClusters/listClusterUserCredential/action');
  assert.ok(control.markdown.includes('— action (control plane)'));
  assert.ok(control.markdown.includes('- Azure Kubernetes Service RBAC Reader') === false);
  assert.ok(control.markdown.includes('- Azure Kubernetes Service Cluster User Role — via `Microsoft.ContainerService/managedClusters/listClusterUserCredential/action`'));
});

test('a permission of any provider, and where AKS identities need it', () => {
  const r = found('Microsoft.ContainerRegistry/registries/pull/read');
  assert.ok(r.markdown.startsWith('**`Microsoft.ContainerRegistry/registries/pull/read`** — action (control plane)\n\nPull or Get images from a container registry.\n'));
  assert.ok(r.markdown.includes('**Granted by actions:** 24 of 928 built-in roles, narrowest first\n\n- AcrPull — via `Microsoft.ContainerRegistry/registries/pull/read`\n'));
  assert.ok(r.markdown.includes('- Reader — via `*/read`'));
  assert.ok(r.markdown.includes('**Used by AKS identities**\n\n- Registries configured with "RBAC Registry Permissions": Required to pull container images from Azure Container Registry. Granted by the `AcrPull` built-in role.'));
  assert.deepEqual(found('Microsoft.Network/virtualNetworks/subnets/join/action').json.aksIdentityUses, [
    { table: 'Identity creating and operating the cluster permissions', reason: 'Required to configure application gateways and join the subnet.' },
    { table: 'Identity creating and operating the cluster permissions', reason: 'Required to configure the Network Security Group for the subnet when using a custom VNET.' },
    { table: 'Additional AKS cluster identity permissions', reason: 'Required if using a subnet in another resource group such as a custom VNET.' },
  ]);
});

test('a permission outside the catalogue: its plane is not guessed, both lists say what would grant it', () => {
  const r = found('Microsoft.Foo/bars/read');
  assert.equal(r.json.known, false);
  assert.equal(r.json.planes, null);
  assert.ok(r.markdown.includes('Not in the operations catalogue (22,497 operations); its plane is unknown.'));
  assert.ok(r.markdown.includes('**If it is an action, granted by actions:** 18 of 928 built-in roles, narrowest first'));
  assert.ok(r.markdown.includes('**If it is a data action, granted by dataActions:** 0 of 928 built-in roles\n'));
});

test('a permission pattern lists the operations it covers by plane', () => {
  const r = found('Microsoft.ContainerService/managedClusters/*');
  assert.ok(r.markdown.includes('Matches 454 catalogue operations (71 control plane, 383 data plane).'));
  const mio = found('Microsoft.ManagedIdentity/userAssignedIdentities/*/read');
  assert.deepEqual(mio.json.matchesOperations, [
    { name: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read', planes: ['control'] },
    { name: 'Microsoft.ManagedIdentity/userAssignedIdentities/read', planes: ['control'] },
  ]);
});

test('a default ClusterRole shows its effective (aggregated) rules and sensitive grants', () => {
  const r = found('edit');
  assert.equal(r.kind, 'clusterrole');
  assert.ok(r.markdown.startsWith('**edit** — Kubernetes default ClusterRole'));
  assert.ok(r.markdown.includes('Aggregated: its rules come from ClusterRoles labelled `rbac.authorization.k8s.io/aggregate-to-edit`.'));
  assert.ok(r.markdown.includes('**Effective rules** (23)'));
  assert.ok(r.markdown.includes('| "" | serviceaccounts | impersonate |'));
  assert.ok(r.markdown.includes('`serviceaccounts/token (create)`'));
  assert.ok(found('cluster-admin').markdown.includes('**Sensitive:** `every verb on every resource`, `every verb on every non-resource URL`'));
  assert.ok(r.markdown.includes('`impersonate on serviceaccounts`'));
  const view = found('view');
  assert.ok(!view.markdown.includes('secrets'), 'view does not include Secrets');
});

test('an RBAC verb and a resource carry their risk', () => {
  const v = found('escalate');
  assert.equal(v.kind, 'rbac-verb');
  assert.ok(v.markdown.startsWith('**`escalate`** — Kubernetes RBAC verb · risk: **high**'));
  const res = found('nodes/proxy');
  assert.equal(res.kind, 'rbac-resource');
  assert.ok(res.markdown.includes('The kubelet API can run commands in any pod on the node'));
  assert.equal(found('get').json.risk, 'low');
});

test('an identity key: meaning, where it goes, allowed values', () => {
  const r = found('azure.workload.identity/use');
  assert.equal(r.kind, 'identity-key');
  assert.ok(r.markdown.startsWith('**`azure.workload.identity/use`** — Azure Workload Identity label'));
  assert.ok(r.markdown.includes('- **Where:** metadata.labels of the pod template'));
  assert.ok(r.markdown.includes('- **Allowed values:** `true` (a quoted string in YAML)'));
  const exp = found('azure.workload.identity/service-account-token-expiration');
  assert.ok(exp.markdown.includes('- **Allowed values:** `3600-86400`'));
  assert.ok(exp.markdown.includes('- **Default:** 3600'));
  const custom = found('azure.workload.identity/use-identity-binding');
  assert.ok(custom.markdown.includes('Custom token endpoint form `azure.workload.identity/use-<suffix>`.'));
  assert.ok(found('eks.amazonaws.com/role-arn').markdown.includes('EKS IAM roles for service accounts annotation'));
  assert.ok(found('iam.gke.io/gcp-service-account').markdown.includes('GSA\\_NAME@GSA\\_PROJECT.iam.gserviceaccount.com'));
  assert.ok(found('aadpodidbinding').markdown.includes('aad-pod-identity (deprecated) label'));
});

test('unknown terms return the closest known terms', () => {
  assert.deepEqual(explainTerm('rbac readr'), {
    found: false,
    suggestions: ['Defender Unified RBAC Reader', 'Azure Kubernetes Service RBAC Reader', 'Azure AIManager and namespace RBAC Reader', 'Azure Kubernetes Fleet Manager RBAC Reader'],
  });
  assert.deepEqual(closestTerms('escalat').slice(0, 1), ['escalate']);
  assert.deepEqual(closestTerms('azure.workload.identity/client_id').slice(0, 1), ['azure.workload.identity/client-id']);
  const none = explainTerm('zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz');
  assert.deepEqual(none, { found: false, suggestions: [] });
});
