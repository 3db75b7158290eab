import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../src/core/analyze';
import { explainServiceAccount, serviceAccountAt } from '../../src/core/explain/service-account';
import type { IdentityGraph } from '../../src/core/identity/graph';

const CLIENT = '0b5e7a35-5c3f-4a2e-9a7c-3f0f2f7f9c11';
const files: Record<string, string> = {
  'sa.yaml': `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: orders\n  namespace: shop\n  annotations:\n    azure.workload.identity/client-id: "${CLIENT}"\n`,
  'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders-api\n  namespace: shop\nspec:\n  template:\n    metadata:\n      labels:\n        azure.workload.identity/use: "true"\n    spec:\n      serviceAccountName: orders\n      containers:\n        - name: api\n          image: x\n',
  'rbac.yaml': [
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: config-reader\n  namespace: shop\nrules:\n  - apiGroups: [""]\n    resources: ["configmaps"]\n    resourceNames: ["orders-config"]\n    verbs: ["get"]\n',
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: orders-config\n  namespace: shop\nsubjects:\n  - kind: ServiceAccount\n    name: orders\n    namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: config-reader\n',
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: all-sa-secrets\nsubjects:\n  - kind: Group\n    name: system:serviceaccounts:shop\n    apiGroup: rbac.authorization.k8s.io\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: secret-reader\n',
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: secret-reader\nrules:\n  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ["get", "list"]\n',
  ].join('---\n'),
};

function workspace(): Analyzer {
  const a = new Analyzer();
  for (const [p, t] of Object.entries(files)) a.setFile(p, t);
  return a;
}

const graph: IdentityGraph = {
  source: 'snapshot',
  subscriptions: [],
  clusters: [],
  identities: [{
    id: '/subscriptions/s/resourceGroups/rg-shop/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders', name: 'id-orders',
    subscriptionId: 's', resourceGroup: 'rg-shop', location: null, clientId: CLIENT, principalId: 'P-1', tenantId: null,
    federatedCredentials: [{ id: 'f', name: 'fic-orders', issuer: 'https://issuer/', subject: 'system:serviceaccount:shop:orders', audiences: ['api://AzureADTokenExchange'] }],
  }],
  roleAssignments: [{ id: 'ra', scope: '/subscriptions/s/resourceGroups/rg-shop/providers/Microsoft.Storage/storageAccounts/orders', principalId: 'p-1', principalType: 'ServicePrincipal', roleDefinitionId: 'x', roleName: 'Storage Blob Data Reader' }],
};

test('a ServiceAccount is found at its name, at serviceAccountName and at a binding subject', () => {
  const a = workspace();
  const at = (file: string, needle: string) => serviceAccountAt(a.index, file, files[file].indexOf(needle) + 2);
  assert.deepEqual(at('sa.yaml', 'orders'), { namespace: 'shop', name: 'orders', start: files['sa.yaml'].indexOf('orders'), end: files['sa.yaml'].indexOf('orders') + 6 });
  assert.equal(at('deploy.yaml', 'orders\n')?.name, 'orders');
  assert.equal(at('rbac.yaml', 'orders\n    namespace')?.namespace, 'shop');
  assert.equal(at('deploy.yaml', 'orders-api'), null, 'a Deployment name is not a ServiceAccount');
  assert.equal(at('rbac.yaml', 'config-reader'), null);
});

test('the hover lists workloads, every grant with its binding (groups included) and the risk', () => {
  const md = explainServiceAccount(workspace().index, { namespace: 'shop', name: 'orders' }, null);
  const lines = md.split('\n\n');
  assert.equal(lines[0], '### ServiceAccount `shop/orders`');
  assert.equal(lines[1], '**Runs:** Deployment `shop/orders-api`');
  assert.match(md, /- `get` on `configmaps` named orders-config in `shop` — Role `config-reader` via RoleBinding `orders-config`/);
  assert.match(md, /- `get, list` on `secrets` in every namespace — ClusterRole `secret-reader` via ClusterRoleBinding `all-sa-secrets` as member of group `system:serviceaccounts:shop`/);
  assert.match(md, /\*\*Risk:\*\* .*secrets/);
  assert.match(md, new RegExp(`\\*\\*Azure workload identity:\\*\\* client id \`${CLIENT}\``));
  assert.doesNotMatch(md, /Azure role assignments/, 'without a graph nothing is said about Azure');
});

test('with an identity graph the hover adds the managed identity, its federation and its Azure role assignments', () => {
  const md = explainServiceAccount(workspace().index, { namespace: 'shop', name: 'orders' }, graph);
  assert.match(md, /Managed identity `id-orders` \(resource group `rg-shop`\); federated for `system:serviceaccount:shop:orders` by `fic-orders`\./);
  assert.match(md, /Azure role assignments:\n- `Storage Blob Data Reader` on `\/subscriptions\/s\/resourceGroups\/rg-shop\/providers\/Microsoft.Storage\/storageAccounts\/orders`/);
});

test('an undefined ServiceAccount with no bindings says so instead of inventing access', () => {
  const md = explainServiceAccount(workspace().index, { namespace: 'other', name: 'ghost' }, graph);
  assert.equal(md, '### ServiceAccount `other/ghost`\n\nNot defined in this workspace.\n\n**Runs:** no workload of this workspace.\n\n**Kubernetes access:** no binding in this workspace grants it anything (the cluster may still have some).');
});
