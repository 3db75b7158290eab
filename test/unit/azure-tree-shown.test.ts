import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IdentityGraph } from '../../src/core/identity/graph';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { GraphSource } from '../../src/vscode/azure/sources';
import { rootNodes, type TreeEnv, type TreeNode } from '../../src/vscode/azure/tree-model';
import { ShownTree } from '../../src/vscode/azure/tree-shown';

// A workspace edit redraws only the levels of the AKS IAM view that now read differently; the view is played here by
// a reader that asks for levels and rows the way VS Code does (a level, then each of its rows).

const SUB = '00000000-0000-4000-8000-0000000000aa';
const TENANT = '72f988bf-0000-4000-8000-000000000001';
const ISSUER = 'https://westeurope.oic.prod-aks.azure.com/t/c/';
const RG = `/subscriptions/${SUB}/resourceGroups/shop-rg`;
const uami = (name: string) => `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
const ORDERS = '6f1c4e2a-9b7d-4c3e-8a15-2d9e7b0c4f61';
const BILLING = '7a2b3c4d-0000-4000-8000-000000000002';

const graph = (): IdentityGraph => ({
  source: 'snapshot',
  subscriptions: [{ id: SUB, name: 'shop-prod', tenantId: TENANT }],
  clusters: [],
  identities: [
    {
      id: uami('id-orders'), name: 'id-orders', subscriptionId: SUB, resourceGroup: 'shop-rg', location: 'westeurope', tenantId: TENANT,
      clientId: ORDERS, principalId: '5a5a5a5a-0000-4000-8000-000000000001',
      federatedCredentials: [{ id: `${uami('id-orders')}/federatedIdentityCredentials/orders-api`, name: 'orders-api', issuer: ISSUER, subject: 'system:serviceaccount:orders:orders-api', audiences: ['api://AzureADTokenExchange'] }],
    },
    {
      id: uami('id-billing'), name: 'id-billing', subscriptionId: SUB, resourceGroup: 'shop-rg', location: 'westeurope', tenantId: TENANT,
      clientId: BILLING, principalId: '5a5a5a5a-0000-4000-8000-000000000002', federatedCredentials: [],
    },
  ],
  roleAssignments: [],
});

const SA = (name: string, ns: string, clientId: string) =>
  `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  annotations:\n    azure.workload.identity/client-id: "${clientId}"\n`;

function setup() {
  const index = new WorkspaceIndex({ defaultNamespace: 'default', maxFileSize: 1 << 20 });
  index.setFile('/ws/orders.yaml', SA('orders-api', 'orders', ORDERS));
  const ctl = new AbortController();
  const env: TreeEnv = { source: new GraphSource(graph()), signal: () => ctl.signal, workspace: () => index };
  let label = '.aks-iam';
  const roots = () => rootNodes({ trusted: true, live: { status: 'signedOut' }, snapshot: { status: 'loaded', label, warnings: [], env } });
  const read = (parent: TreeNode | null) => (parent ? parent.children() : Promise.resolve(roots()));
  const shown = new ShownTree();
  /** What VS Code does when it draws a level: reads it, then each row; expanded rows are drawn too. */
  const draw = async (parent: TreeNode | null, depth: number): Promise<TreeNode[]> => {
    const rows = await read(parent);
    shown.level(parent, rows);
    for (const row of rows) {
      const v = row.view();
      shown.item(row, v);
      if (depth > 0 && v.collapsible !== 'none') await draw(row, depth - 1);
    }
    return rows;
  };
  return { index, shown, read, draw, changeRoots: () => { label = '.aks-iam, prod.json'; } };
}

const labelOf = (n: TreeNode) => n.view().label;

describe('AKS IAM view: what a workspace change redraws', () => {
  test('an edit that changes no row redraws nothing', async () => {
    const t = setup();
    await t.draw(null, 6);
    t.index.setFile('/ws/config.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: orders\ndata:\n  a: "1"\n');
    t.index.setFile('/ws/orders.yaml', `# the orders API\n${SA('orders-api', 'orders', ORDERS)}`);
    assert.deepEqual(await t.shown.changed(t.read), []);
  });

  test('a ServiceAccount taking an identity\'s client-id redraws the identities level once, not each level below it', async () => {
    const t = setup();
    await t.draw(null, 6);
    t.index.setFile('/ws/billing.yaml', SA('billing', 'billing', BILLING));
    const stale = await t.shown.changed(t.read);
    assert.ok(Array.isArray(stale));
    assert.deepEqual(stale.map(labelOf), ['User-assigned managed identities']);
  });

  test('a row whose badge changes while its parent level is unchanged redraws that parent only', async () => {
    const t = setup();
    const roots = await t.draw(null, 6);
    // id-orders is used by orders/orders-api, which has a credential; a second account on it has none: a badge.
    t.index.setFile('/ws/orders-jobs.yaml', SA('orders-jobs', 'orders', ORDERS));
    const stale = await t.shown.changed(t.read);
    assert.ok(Array.isArray(stale));
    assert.deepEqual(stale.map((n) => n.id), [(await findId(roots, ['Identity snapshot', 'shop-prod', 'User-assigned managed identities'])).id]);
    // Once the view has drawn that level again, nothing more is stale.
    await t.draw(stale[0], 6);
    assert.deepEqual(await t.shown.changed(t.read), []);
  });

  test('a change of the roots redraws everything', async () => {
    const t = setup();
    await t.draw(null, 6);
    t.changeRoots();
    assert.equal(await t.shown.changed(t.read), 'all');
  });

  test('levels the view has not drawn are not compared, and a level drawn again forgets what was below it', async () => {
    const t = setup();
    const roots = await t.draw(null, 1);
    // Only the roots and their rows were drawn: the identities level is unknown to the view, so an edit there is not
    // the view's concern until it draws it.
    t.index.setFile('/ws/billing.yaml', SA('billing', 'billing', BILLING));
    assert.deepEqual(await t.shown.changed(t.read), []);
    const identities = await findId(roots, ['Identity snapshot', 'shop-prod', 'User-assigned managed identities']);
    await t.draw(identities, 2);
    t.index.removeFile('/ws/billing.yaml');
    const stale = await t.shown.changed(t.read);
    assert.ok(Array.isArray(stale));
    assert.deepEqual(stale.map(labelOf), ['User-assigned managed identities']);
  });
});

async function findId(nodes: TreeNode[], path: string[]): Promise<TreeNode> {
  let cur = nodes;
  let hit: TreeNode | undefined;
  for (const label of path) {
    hit = cur.find((n) => labelOf(n) === label);
    assert.ok(hit, `no node ${label} among ${cur.map(labelOf).join(', ')}`);
    cur = await hit.children();
  }
  return hit!;
}
