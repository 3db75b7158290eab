import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IdentityGraph } from '../../src/core/identity/graph';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { GraphSource } from '../../src/vscode/azure/sources';
import { IdentityNode, rootNodes, type TreeEnv, type TreeNode } from '../../src/vscode/azure/tree-model';
import { providerClassesUsing } from '../../src/vscode/azure/workspace-model';

const SUB = '00000000-0000-4000-8000-0000000000aa';
const TENANT = '72f988bf-0000-4000-8000-000000000001';
const RG = `/subscriptions/${SUB}/resourceGroups/shop-rg`;
const CLIENT = '6f1c4e2a-9b7d-4c3e-8a15-2d9e7b0c4f61';

const graph: IdentityGraph = {
  source: 'snapshot',
  subscriptions: [{ id: SUB, name: 'shop-prod', tenantId: TENANT }],
  clusters: [],
  identities: [{
    id: `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders`, name: 'id-orders', subscriptionId: SUB, resourceGroup: 'shop-rg',
    location: 'westeurope', tenantId: TENANT, clientId: CLIENT, principalId: '5a5a5a5a-0000-4000-8000-000000000001', federatedCredentials: [],
  }],
  roleAssignments: [],
};

const spc = (name: string, ns: string, params: string, provider = 'azure') =>
  `apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  provider: ${provider}\n  parameters:\n${params}`;

function workspace(): WorkspaceIndex {
  const idx = new WorkspaceIndex({ defaultNamespace: 'default', maxFileSize: 1 << 20 });
  idx.setFile('/ws/kv.yaml', [
    spc('orders-kv', 'orders', `    clientID: "${CLIENT.toUpperCase()}"\n    keyvaultName: orders-kv\n`),
    spc('archive-kv', 'orders', `    clientID: ${CLIENT}\n`),
    spc('other-kv', 'orders', '    clientID: 00000000-0000-4000-8000-000000000009\n'),
    spc('node-kv', 'orders', `    useVMManagedIdentity: "true"\n    userAssignedIdentityID: ${CLIENT}\n`),
    spc('vault-kv', 'orders', `    clientID: ${CLIENT}\n`, 'vault'),
  ].join('---\n'));
  return idx;
}

async function identityNode(index: WorkspaceIndex | null): Promise<IdentityNode> {
  const ctl = new AbortController();
  const env: TreeEnv = { source: new GraphSource(graph), signal: () => ctl.signal, workspace: () => index };
  let nodes: TreeNode[] = rootNodes({ trusted: true, live: { status: 'signedOut' }, snapshot: { status: 'loaded', label: '.aks-iam', warnings: [], env } });
  for (const label of ['Identity snapshot', 'shop-prod', 'User-assigned managed identities']) nodes = await nodes.find((n) => n.view().label === label)!.children();
  const node = nodes.find((n) => n.view().label === 'id-orders');
  assert.ok(node instanceof IdentityNode);
  return node;
}

test('the identity node lists the SecretProviderClasses whose clientID is its client id', async () => {
  assert.deepEqual(providerClassesUsing(workspace(), CLIENT).map((c) => c.name), ['archive-kv', 'orders-kv']);
  const v = (await identityNode(workspace())).view();
  assert.equal(v.description, `${CLIENT} · SecretProviderClass orders/archive-kv, orders/orders-kv`);
  assert.match(v.tooltip!, /SecretProviderClasses with this clientID: orders\/archive-kv, orders\/orders-kv/);
  const bare = (await identityNode(null)).view();
  assert.equal(bare.description, `${CLIENT}`);
});
