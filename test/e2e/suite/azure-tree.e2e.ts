// The Azure Identities view inside a real VS Code: live data from a fake Resource Manager started here
// in the extension host (so each test can make it fail), a snapshot from az CLI output, and the
// "Insert client-id" edit. The extension reaches the fake through its opt-in test seams
// (AKS_IAM_TEST_ARM_ENDPOINT / _CA_FILE / _TOKEN), read again at every refresh.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { FakeArm, makePki } from '../../azure/fake-arm';
import { ISSUER, SUB, SUB2, seed } from '../../azure/world';
import { ARM_SEAMS, EXTENSION_ID, activate, dropFakeArm, leaveFakeArm, openFixture, settled, useFakeArm, workspaceUri } from './helpers';

interface Described { label: string; description?: string; contextValue: string; children?: Described[] }

const describeTree = async (depth = 7) => (await vscode.commands.executeCommand<Described[]>('aksIam.azure.testDescribeTree', depth)) ?? [];

function child(nodes: Described[] | undefined, label: string): Described {
  const hit = nodes?.find((n) => n.label === label);
  assert.ok(hit, `no node "${label}" among ${JSON.stringify(nodes?.map((n) => n.label))}`);
  return hit;
}

const at = (nodes: Described[], first: string, ...rest: string[]) => rest.reduce<Described>((n, label) => child(n.children, label), child(nodes, first));

/** Polls a condition the extension reaches asynchronously (a settings change); never a fixed sleep. */
async function until<T>(what: string, get: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Azure identities tree', () => {
  const pki = makePki();
  const arm = new FakeArm(pki);
  const dir = mkdtempSync(join(tmpdir(), 'aks-iam-e2e-azure-'));

  before(async function () {
    this.timeout(60_000);
    // The tree does not depend on the diagnostics being idle: activation is enough.
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
    await ext.activate();
    await arm.start();
    seed(arm);
    useFakeArm(arm.endpoint, pki.ca, dir, 'e2e-token');
  });

  beforeEach(async () => {
    arm.reset();
    await vscode.commands.executeCommand('aksIam.azure.refresh');
  });

  after(() => leaveFakeArm(arm, dir));

  it('renders subscriptions, the cluster and identities from Resource Manager', async () => {
    const tree = await describeTree();
    const azure = child(tree, 'Azure');
    assert.equal(azure.description, 'test account');
    assert.deepEqual(azure.children?.map((c) => [c.label, c.description]), [['shop-prod', SUB], ['lab', SUB2]]);
    const cluster = at(tree, 'Azure', 'shop-prod', 'AKS clusters', 'shop-aks');
    assert.equal(cluster.description, 'shop-rg · westeurope');
    assert.equal(child(cluster.children, 'OIDC issuer').description, ISSUER);
    assert.deepEqual(at(tree, 'Azure', 'shop-prod', 'User-assigned managed identities').children?.map((c) => c.label), ['id-api', 'id-web', 'id-batch']);
    // The fixture workspace defines ServiceAccount shop/api: its credential says so once the workspace is indexed.
    const fics = await until('the workspace cross-check', async () => {
      const list = at(await describeTree(), 'Azure', 'shop-prod', 'User-assigned managed identities', 'id-api', 'Federated credentials').children;
      return list?.[0]?.description?.includes('in workspace') ? list : undefined;
    });
    assert.deepEqual(fics.map((c) => [c.description, c.contextValue]), [
      ['system:serviceaccount:shop:api · in workspace', 'credential hasIssuer workspaceServiceAccount'],
      ['system:serviceaccount:staging:api', 'credential hasIssuer'],
      ['repo:contoso/shop:ref:refs/heads/main', 'credential hasIssuer'],
    ]);
    assert.deepEqual(at(tree, 'Azure', 'shop-prod', 'User-assigned managed identities', 'id-api', 'Role assignments').children?.map((c) => c.label), ['Shop Secrets Reader']);
    // Required permissions of the control-plane identity: the custom subnet is covered by Network Contributor on its resource group.
    const required = at(tree, 'Azure', 'shop-prod', 'AKS clusters', 'shop-aks', 'Control plane identity', 'Required permissions');
    assert.deepEqual([required.description, required.contextValue], ['all granted', 'requiredPermissions']);
    assert.ok(required.children?.length && required.children.every((c) => c.label.startsWith('✓ ') || c.label.startsWith('~ ')), JSON.stringify(required.children?.map((c) => c.label)));
    // Every request carried the seam's token.
    assert.ok(arm.log.length > 0 && arm.log.every((l) => l.authorization === 'Bearer e2e-token'));
  });

  it('shows 403 AuthorizationFailed as an error node naming the missing permission', async () => {
    arm.on(/userassignedidentities$/, {
      kind: 'status', status: 403, code: 'AuthorizationFailed',
      message: `The client 'dev@contoso.com' with object id '0f0f' does not have authorization to perform action 'Microsoft.ManagedIdentity/userAssignedIdentities/read' over scope '/subscriptions/${SUB}' or the scope is invalid.`,
    });
    await vscode.commands.executeCommand('aksIam.azure.refresh');
    const [err] = at(await describeTree(), 'Azure', 'shop-prod', 'User-assigned managed identities').children ?? [];
    assert.deepEqual(err, { label: 'No permission to list managed identities', description: 'needs Microsoft.ManagedIdentity/userAssignedIdentities/read', contextValue: 'error forbidden', icon: 'lock' });
  });

  it('shows a persistent 429 as a throttled node with Retry-After', async () => {
    arm.on(/managedclusters$/, { kind: 'status', status: 429, code: 'TooManyRequests', message: 'Too many requests.', headers: { 'retry-after': '1' } });
    await vscode.commands.executeCommand('aksIam.azure.refresh');
    const [err] = at(await describeTree(3), 'Azure', 'shop-prod', 'AKS clusters').children ?? [];
    assert.deepEqual(err, { label: 'Azure is throttling requests for AKS clusters', description: 'retry after 1 s', contextValue: 'error throttled', icon: 'watch' });
  });

  it('shows a dropped connection as an offline node', async () => {
    arm.on(/^\/subscriptions$/, { kind: 'drop' });
    await vscode.commands.executeCommand('aksIam.azure.refresh');
    const azure = child(await describeTree(2), 'Azure');
    assert.deepEqual(azure.children, [{ label: 'Cannot reach Azure Resource Manager to list subscriptions', description: 'offline — retry', contextValue: 'error offline', icon: 'debug-disconnect' }]);
  });

  it('renders a snapshot of az CLI output, marked as such, cross-checked with the workspace and reloaded on change', async () => {
    // Inside the (throwaway copy of the) fixture workspace, where the setting's relative path points.
    const snap = workspaceUri('.aks-iam-e2e').fsPath;
    const id = (name: string, clientId: string) => ({
      id: `/subscriptions/${SUB}/resourcegroups/shop-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`,
      name, type: 'Microsoft.ManagedIdentity/userAssignedIdentities', location: 'westeurope', resourceGroup: 'shop-rg',
      clientId, principalId: '5a5a5a5a-0000-4000-8000-000000000009', tenantId: '72f988bf-0000-4000-8000-000000000001', tags: {},
    });
    rmSync(snap, { recursive: true, force: true });
    mkdirSync(snap);
    writeFileSync(join(snap, 'identities.json'), JSON.stringify([id('id-shop-api', '00000000-0000-0000-0000-000000000001'), id('id-other', '11111111-2222-4333-8444-555555555555')]));
    await vscode.workspace.getConfiguration('aksIam').update('identitySnapshot', '.aks-iam-e2e', vscode.ConfigurationTarget.Global);
    try {
      await snapshotShownAndReloaded(snap, id);
    } finally {
      await vscode.workspace.getConfiguration('aksIam').update('identitySnapshot', undefined, vscode.ConfigurationTarget.Global);
      rmSync(snap, { recursive: true, force: true });
    }
    await until('the snapshot to go', async () => ((await describeTree(0)).some((n) => n.label === 'Identity snapshot') ? undefined : true));
  });

  async function snapshotShownAndReloaded(snap: string, id: (name: string, clientId: string) => object): Promise<void> {
    const tree = await until('the snapshot in the tree', async () => {
      const t = await describeTree();
      return t.some((n) => n.label === 'Identity snapshot' && n.children?.length) ? t : undefined;
    });
    // The source is named once, on the root; the rows below carry no marker.
    assert.equal(child(tree, 'Identity snapshot').description, '.aks-iam-e2e');
    const ids = at(tree, 'Identity snapshot', `Subscription ${SUB}`, 'User-assigned managed identities').children;
    assert.deepEqual(ids?.map((c) => [c.label, c.description]), [
      // The fixture workspace's ServiceAccount shop/api carries this client id.
      ['id-shop-api', '00000000-0000-0000-0000-000000000001 · used by shop/api'],
      ['id-other', '11111111-2222-4333-8444-555555555555'],
    ]);
    // Saving the file again reloads it.
    writeFileSync(join(snap, 'identities.json'), JSON.stringify([id('id-shop-api', '00000000-0000-0000-0000-000000000001'), id('id-late', '22222222-3333-4444-8555-666666666666')]));
    await until('the changed snapshot in the tree', async () => {
      const t = await describeTree();
      const labels = at(t, 'Identity snapshot', `Subscription ${SUB}`, 'User-assigned managed identities').children?.map((c) => c.label);
      return labels?.join() === 'id-shop-api,id-late' ? true : undefined;
    });
  }

  it('without the test seam and without a Microsoft session the view offers sign-in and a snapshot, and calls nothing', async () => {
    const saved = Object.fromEntries(ARM_SEAMS.map((k) => [k, process.env[k]]));
    dropFakeArm();
    try {
      await vscode.commands.executeCommand('aksIam.azure.refresh');
      // Requests the previous (seamed) connection had in flight are not this test's concern.
      arm.reset();
      const tree = await describeTree(1);
      assert.deepEqual(tree.map((n) => [n.label, n.contextValue]), [['Sign in to Azure…', 'signIn'], ['Load identity snapshot…', 'loadSnapshot']]);
      assert.equal(arm.log.length, 0);
    } finally {
      Object.assign(process.env, saved);
    }
  });

  it('redraws the view only when a workspace change alters what it shows', async function () {
    this.timeout(90_000);
    const api = await activate();
    const redrawn = async () => (await vscode.commands.executeCommand<{ redraws: string[]; shown: string[] }>('aksIam.azure.testTreeRedraws'))!;
    const saved = Object.fromEntries(ARM_SEAMS.map((k) => [k, process.env[k]]));
    dropFakeArm();
    const tf = workspaceUri('infra-e2e/identity.tf');
    const doc = await openFixture('apps/api.yaml');
    try {
      await vscode.commands.executeCommand('aksIam.azure.refresh');
      await vscode.commands.executeCommand('aksIam.identities.focus');
      await until('the view to read its roots', async () => ((await redrawn()).shown.includes('') ? true : undefined));
      await settled(api);
      await redrawn();
      // An annotation on a ServiceAccount changes the workspace's index, but no row of the view shows it.
      const editor = await vscode.window.showTextDocument(doc);
      assert.match(doc.lineAt(7).text, /azure\.workload\.identity\/client-id/);
      await editor.edit((b) => b.insert(new vscode.Position(7, 0), '    example.com/owner: shop-team\n'));
      await settled(api);
      assert.deepEqual((await redrawn()).redraws, []);
      // Refreshing while signed out (as VS Code's session events do) reads nothing new either.
      await vscode.commands.executeCommand('aksIam.azure.refresh');
      assert.deepEqual((await redrawn()).redraws, []);
      // Infrastructure code that declares an identity adds a root row: everything is drawn again.
      await vscode.workspace.fs.writeFile(tf, Buffer.from('resource "azurerm_user_assigned_identity" "api" {\n  name                = "id-api"\n  resource_group_name = "shop-rg"\n  location            = "westeurope"\n}\n'));
      await until('the Infrastructure code row', async () => ((await describeTree(0)).some((n) => n.label === 'Infrastructure code') ? true : undefined), 30_000);
      await settled(api);
      const { redraws } = await redrawn();
      assert.deepEqual([...new Set(redraws)], ['(all)']);
    } finally {
      Object.assign(process.env, saved);
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(tf, '..'), { recursive: true }).then(undefined, () => undefined);
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('"Insert client-id" sets the annotation on the ServiceAccount at the cursor, keeping comments', async () => {
    const text = '# team api\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api   # the app\n  namespace: shop\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n';
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: text });
    const editor = await vscode.window.showTextDocument(doc);
    const cursor = doc.positionAt(text.indexOf('namespace: shop'));
    editor.selection = new vscode.Selection(cursor, cursor);
    const changed = await vscode.commands.executeCommand<boolean>('aksIam.azure.insertClientId', { clientId: '6b6b6b6b-0000-4000-8000-000000000001' });
    assert.equal(changed, true);
    assert.equal(doc.getText(), text.replace('  namespace: shop\n', '  namespace: shop\n  annotations:\n    azure.workload.identity/client-id: "6b6b6b6b-0000-4000-8000-000000000001"\n'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
