import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IdentityGraph } from '../../src/core/identity/graph';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { GraphSource } from '../../src/vscode/azure/sources';
import { CredentialNode, describeTree, ErrorNode, MissingCredentialNode, RequirementTreeNode, rootNodes, type TreeEnv, type TreeNode } from '../../src/vscode/azure/tree-model';

const SUB = '00000000-0000-4000-8000-0000000000aa';
const TENANT = '72f988bf-0000-4000-8000-000000000001';
const ISSUER = 'https://westeurope.oic.prod-aks.azure.com/t/c/';
const RG = `/subscriptions/${SUB}/resourceGroups/shop-rg`;
const uami = (name: string) => `${RG}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;

function graph(): IdentityGraph {
  return {
    source: 'snapshot',
    subscriptions: [{ id: SUB, name: 'shop-prod', tenantId: TENANT }],
    clusters: [{
      id: `${RG}/providers/Microsoft.ContainerService/managedClusters/shop-aks`, name: 'shop-aks', subscriptionId: SUB, resourceGroup: 'shop-rg',
      location: 'westeurope', nodeResourceGroup: 'MC_shop', oidcIssuerEnabled: true, oidcIssuerUrl: ISSUER, workloadIdentityEnabled: true,
      azureRbacEnabled: false, localAccountsDisabled: true,
      controlPlaneIdentity: { type: 'SystemAssigned', principalId: '11111111-0000-4000-8000-000000000001', clientId: null, resourceId: null },
      kubeletIdentity: { type: 'UserAssigned', principalId: '22222222-0000-4000-8000-0000000000b2', clientId: '22222222-0000-4000-8000-000000000002', resourceId: uami('kubelet') },
      vnetSubnetIds: [],
    }],
    identities: [
      {
        id: uami('id-orders'), name: 'id-orders', subscriptionId: SUB, resourceGroup: 'shop-rg', location: 'westeurope', tenantId: TENANT,
        clientId: '6f1c4e2a-9b7d-4c3e-8a15-2d9e7b0c4f61', principalId: '5a5a5a5a-0000-4000-8000-000000000001',
        federatedCredentials: [{ id: `${uami('id-orders')}/federatedIdentityCredentials/orders-api`, name: 'orders-api', issuer: ISSUER, subject: 'system:serviceaccount:orders:orders-api', audiences: ['api://AzureADTokenExchange'] }],
      },
      {
        id: uami('id-billing'), name: 'id-billing', subscriptionId: SUB, resourceGroup: 'shop-rg', location: 'westeurope', tenantId: TENANT,
        clientId: '7a2b3c4d-0000-4000-8000-000000000002', principalId: '5a5a5a5a-0000-4000-8000-000000000002', federatedCredentials: [],
      },
      {
        id: uami('id-listed-only'), name: 'id-listed-only', subscriptionId: SUB, resourceGroup: 'shop-rg', location: null, tenantId: TENANT,
        clientId: '8b3c4d5e-0000-4000-8000-000000000003', principalId: '5a5a5a5a-0000-4000-8000-000000000003', federatedCredentials: null,
      },
    ],
    roleAssignments: [
      { id: `${RG}/providers/Microsoft.Authorization/roleAssignments/a1`, scope: RG, principalId: '5a5a5a5a-0000-4000-8000-000000000001', principalType: 'ServicePrincipal', roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6', roleName: 'Key Vault Secrets User' },
      { id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleAssignments/a2`, scope: `/subscriptions/${SUB}`, principalId: '22222222-0000-4000-8000-0000000000b2', principalType: 'ServicePrincipal', roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d', roleName: 'AcrPull' },
      { id: `${RG}/providers/Microsoft.Authorization/roleAssignments/a3`, scope: `${RG}/providers/Microsoft.KeyVault/vaults/orders-kv`, principalId: '5a5a5a5a-0000-4000-8000-000000000001', principalType: 'ServicePrincipal', roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/c0ffee00-0000-4000-8000-0000000000c1', roleName: null },
    ],
  };
}

const SA = (name: string, ns: string, clientId: string) =>
  `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  annotations:\n    azure.workload.identity/client-id: "${clientId}"\n`;

function workspace(): WorkspaceIndex {
  const idx = new WorkspaceIndex({ defaultNamespace: 'default', maxFileSize: 1 << 20 });
  idx.setFile('/ws/orders.yaml', SA('orders-api', 'orders', '6F1C4E2A-9B7D-4C3E-8A15-2D9E7B0C4F61'));
  idx.setFile('/ws/billing.yaml', `${SA('billing', 'billing', '7a2b3c4d-0000-4000-8000-000000000002')}---\n${SA('billing-jobs', 'billing', '7a2b3c4d-0000-4000-8000-000000000002')}`);
  return idx;
}

function snapshotEnv(index: WorkspaceIndex | null = null): TreeEnv {
  const ctl = new AbortController();
  return { source: new GraphSource(graph()), signal: () => ctl.signal, workspace: () => index };
}

const snapshotRoot = (env: TreeEnv, warnings: string[] = []) =>
  rootNodes({ trusted: true, live: { status: 'signedOut' }, snapshot: { status: 'loaded', label: '.aks-iam', warnings, env } });

async function find(nodes: TreeNode[], path: string[]): Promise<TreeNode> {
  let cur = nodes;
  let hit: TreeNode | undefined;
  for (const label of path) {
    hit = cur.find((n) => n.view().label === label);
    assert.ok(hit, `no node ${label} among ${cur.map((n) => n.view().label).join(', ')}`);
    cur = await hit.children();
  }
  return hit!;
}

describe('identities tree from a snapshot', () => {
  test('renders subscription, cluster facts, identities, credentials and role names, marked as snapshot', async () => {
    const tree = await describeTree(snapshotRoot(snapshotEnv()), 6);
    assert.deepEqual(tree.map((n) => [n.label, n.description]), [['Sign in to Azure…', 'to list clusters and managed identities'], ['Identity snapshot', '.aks-iam']]);
    const [sub] = tree[1].children!;
    assert.deepEqual([sub.label, sub.description, sub.contextValue], ['shop-prod', `${SUB}`, 'subscription portal']);
    const [clusters, identities] = sub.children!;
    assert.equal(clusters.label, 'AKS clusters');
    const [cluster] = clusters.children!;
    assert.deepEqual([cluster.label, cluster.description], ['shop-aks', 'shop-rg · westeurope · 1 missing permission']);
    assert.deepEqual(cluster.children!.map((c) => [c.label, c.description]), [
      ['Control plane identity', 'SystemAssigned · principal 11111111-0000-4000-8000-000000000001'],
      ['Kubelet identity', 'UserAssigned · client 22222222-0000-4000-8000-000000000002'],
      ['OIDC issuer', ISSUER],
      ['Workload identity', 'enabled'],
      ['Azure RBAC for Kubernetes', 'disabled'],
      ['Local accounts', 'disabled'],
    ]);
    // The kubelet identity's role assignments, by role name.
    assert.deepEqual(cluster.children![1].children!.map((c) => [c.label, c.description]), [['AcrPull', 'subscription']]);
    // The kubelet identity lives outside the node resource group: the control plane needs Managed Identity Operator on it.
    const [required] = cluster.children![0].children!;
    assert.deepEqual([required.label, required.description, required.contextValue], ['Required permissions', '1 missing', 'requiredPermissions']);
    assert.deepEqual(required.children!.map((c) => [c.label, c.description, c.contextValue]), [
      ['✗ Managed Identity Operator on kubelet identity kubelet (resource group shop-rg)', '1 of 1 permission missing · assign Managed Identity Operator', 'requirement missingPermission'],
      ['~ Node resource group MC_shop (AKS grants these)', '43 permissions AKS grants itself', 'requirement'],
    ]);
    assert.equal(identities.label, 'User-assigned managed identities');
    assert.deepEqual(identities.children!.map((c) => [c.label, c.description]), [
      ['id-orders', '6f1c4e2a-9b7d-4c3e-8a15-2d9e7b0c4f61'],
      ['id-billing', '7a2b3c4d-0000-4000-8000-000000000002'],
      ['id-listed-only', '8b3c4d5e-0000-4000-8000-000000000003'],
    ]);
    const [fics, roles] = identities.children![0].children!;
    assert.deepEqual(fics.children!.map((c) => [c.label, c.description]), [['orders-api', 'system:serviceaccount:orders:orders-api']]);
    // A role whose name is unknown shows its definition GUID; scopes are shortened (full id in the tooltip).
    assert.deepEqual(roles.children!.map((c) => [c.label, c.description]), [
      ['Key Vault Secrets User', 'resource group shop-rg'],
      ['Role c0ffee00-0000-4000-8000-0000000000c1', 'shop-rg/orders-kv'],
    ]);
    assert.deepEqual(identities.children![1].children![0].children!.map((c) => c.label), ['No federated credentials']);
  });

  test('a missing required permission carries the az command that grants it', async () => {
    const required = await find(snapshotRoot(snapshotEnv()), ['Identity snapshot', 'shop-prod', 'AKS clusters', 'shop-aks', 'Control plane identity', 'Required permissions']);
    const [missing] = await required.children();
    assert.ok(missing instanceof RequirementTreeNode);
    assert.equal(missing.model.fixCommand, `az role assignment create --assignee-object-id 11111111-0000-4000-8000-000000000001 --assignee-principal-type ServicePrincipal --role 'Managed Identity Operator' --scope ${uami('kubelet')}`);
    assert.match(missing.view().tooltip!, /Microsoft.ManagedIdentity\/userAssignedIdentities\/assign\/action/);
  });

  test('a PowerShell terminal gets the fix command quoted for PowerShell, in the tooltip and for copying', async () => {
    const env = { ...snapshotEnv(), shell: () => 'powershell' as const };
    const required = await find(snapshotRoot(env), ['Identity snapshot', 'shop-prod', 'AKS clusters', 'shop-aks', 'Control plane identity', 'Required permissions']);
    const [missing] = await required.children();
    assert.ok(missing instanceof RequirementTreeNode);
    const ps = `az role assignment create --assignee-object-id '11111111-0000-4000-8000-000000000001' --assignee-principal-type ServicePrincipal --role 'Managed Identity Operator' --scope '${uami('kubelet')}'`;
    assert.equal(missing.fixCommand(), ps);
    assert.equal(missing.fixCommand('posix'), missing.model.fixCommand);
    assert.ok(missing.view().tooltip!.endsWith(`\n\nFix (PowerShell): ${ps}`), missing.view().tooltip);
    assert.ok(!missing.view().tooltip!.includes('Fix: '));
    assert.equal(missing.view().contextValue, 'requirement missingPermission');
  });

  test('an identity whose credentials the snapshot lacks shows a not-found node saying which az output to add', async () => {
    const root = snapshotRoot(snapshotEnv());
    const fics = await find(root, ['Identity snapshot', 'shop-prod', 'User-assigned managed identities', 'id-listed-only', 'Federated credentials']);
    const [err] = await fics.children();
    assert.ok(err instanceof ErrorNode);
    assert.equal(err.view().label, 'No federated credentials found');
    assert.match(err.view().tooltip!, /az identity federated-credential list/);
  });

  test('snapshot warnings are listed above its subscriptions', async () => {
    const tree = await describeTree(snapshotRoot(snapshotEnv(), ['federated credential(s) x belong to identity y, which no snapshot file lists']), 1);
    assert.deepEqual(tree[1].children!.map((c) => [c.label, c.contextValue]), [
      ['federated credential(s) x belong to identity y, which no snapshot file lists', 'snapshotWarning'],
      ['shop-prod', 'subscription portal'],
    ]);
  });
});

describe('cross-checks against the workspace', () => {
  test('an identity shows the workspace ServiceAccounts that use its client id', async () => {
    const root = snapshotRoot(snapshotEnv(workspace()));
    const ids = await find(root, ['Identity snapshot', 'shop-prod', 'User-assigned managed identities']);
    const views = (await ids.children()).map((n) => n.view());
    assert.deepEqual(views.map((v) => v.description), [
      '6f1c4e2a-9b7d-4c3e-8a15-2d9e7b0c4f61 · used by orders/orders-api',
      '2 missing federated credentials · 7a2b3c4d-0000-4000-8000-000000000002 · used by billing/billing, billing/billing-jobs',
      '8b3c4d5e-0000-4000-8000-000000000003',
    ]);
    assert.match(views[0].contextValue, /\busedByWorkspace\b/);
    assert.doesNotMatch(views[2].contextValue, /\busedByWorkspace\b/);
  });

  test('a credential whose subject is a workspace ServiceAccount opens it; ServiceAccounts lacking one get a node', async () => {
    const root = snapshotRoot(snapshotEnv(workspace()));
    const [fic] = await (await find(root, ['Identity snapshot', 'shop-prod', 'User-assigned managed identities', 'id-orders', 'Federated credentials'])).children();
    assert.ok(fic instanceof CredentialNode);
    assert.equal(fic.serviceAccount?.file, '/ws/orders.yaml');
    const v = fic.view();
    assert.equal(v.description, 'system:serviceaccount:orders:orders-api · in workspace');
    assert.match(v.contextValue, /\bworkspaceServiceAccount\b/);
    assert.deepEqual(v.command?.command, 'aksIam.azure.openServiceAccount');

    const missing = await (await find(root, ['Identity snapshot', 'shop-prod', 'User-assigned managed identities', 'id-billing', 'Federated credentials'])).children();
    assert.deepEqual(missing.map((n) => [n.view().label, n.view().description]), [
      ['No credential for billing/billing', 'system:serviceaccount:billing:billing'],
      ['No credential for billing/billing-jobs', 'system:serviceaccount:billing:billing-jobs'],
    ]);
    assert.ok(missing[0] instanceof MissingCredentialNode);
    assert.equal(missing[0].identity.name, 'id-billing');
  });

  test('an identity and its cluster with a missing federated credential are badged before anything is expanded', async () => {
    const [, snap] = snapshotRoot(snapshotEnv(workspace()));
    const [sub] = await snap.children();
    const [clusters, identities] = await sub.children();
    const [cluster] = await clusters.children();
    const c = cluster.view();
    assert.deepEqual([c.label, c.description, c.icon, c.collapsible], ['shop-aks', '2 missing federated credentials · shop-rg · westeurope · 1 missing permission', { id: 'warning', color: 'list.warningForeground' }, 'collapsed']);
    assert.match(c.tooltip!, /without a federated credential on its identities: billing\/billing → id-billing, billing\/billing-jobs → id-billing$/);
    assert.match(c.contextValue, /\bhasMissingCredential\b/);
    const views = (await identities.children()).map((n) => n.view());
    assert.deepEqual(views.map((v) => [v.label, v.icon]), [
      ['id-orders', { id: 'person', color: 'charts.blue' }],
      ['id-billing', { id: 'warning', color: 'list.warningForeground' }],
      ['id-listed-only', { id: 'person' }],
    ]);
    assert.match(views[1].tooltip!, /No federated credential for: billing\/billing, billing\/billing-jobs/);
    assert.doesNotMatch(views[0].contextValue, /hasMissingCredential/);
  });

  test('without a workspace ServiceAccount lacking a credential there is no badge', async () => {
    const [, snap] = snapshotRoot(snapshotEnv());
    const [sub] = await snap.children();
    const [clusters, identities] = await sub.children();
    const [cluster] = await clusters.children();
    assert.deepEqual([cluster.view().description, cluster.view().icon], ['shop-rg · westeurope · 1 missing permission', { id: 'server' }]);
    assert.deepEqual((await identities.children()).map((n) => n.view().icon?.id), ['person', 'person', 'person']);
  });
});

describe('one icon language for granted and missing', () => {
  test('granted by a role and granted by AKS show the same check; missing the same cross, on both cluster identities', async () => {
    const { STATUS_ICON } = await import('../../src/vscode/azure/tree-model');
    assert.deepEqual(STATUS_ICON.granted, { id: 'pass', color: 'testing.iconPassed' });
    assert.deepEqual(STATUS_ICON.assumed, STATUS_ICON.granted);
    assert.deepEqual(STATUS_ICON.missing, { id: 'error', color: 'testing.iconFailed' });
    const required = await find(snapshotRoot(snapshotEnv()), ['Identity snapshot', 'shop-prod', 'AKS clusters', 'shop-aks', 'Control plane identity', 'Required permissions']);
    assert.deepEqual(required.view().icon, STATUS_ICON.missing);
    assert.deepEqual((await required.children()).map((n) => [n.view().label.slice(0, 1), n.view().icon?.id]), [['✗', 'error'], ['~', 'pass']]);
  });
});

describe('top-level nodes', () => {
  test('untrusted workspace: no sign-in, a trust node instead; a snapshot still shows', async () => {
    const nodes = rootNodes({ trusted: false, live: { status: 'signedOut' }, snapshot: { status: 'loaded', label: 's.json', warnings: [], env: snapshotEnv() } });
    assert.deepEqual(nodes.map((n) => [n.view().label, n.view().command?.command]), [
      ['Azure is not contacted in an untrusted workspace', 'workbench.trust.manage'],
      ['Identity snapshot', undefined],
    ]);
  });

  test('signed out without snapshot: sign-in and load-snapshot nodes with their commands', () => {
    const nodes = rootNodes({ trusted: true, live: { status: 'signedOut' }, snapshot: { status: 'none' } });
    assert.deepEqual(nodes.map((n) => [n.view().label, n.view().command?.command]), [
      ['Sign in to Azure…', 'aksIam.azure.signIn'],
      ['Load identity snapshot…', 'aksIam.azure.loadSnapshot'],
    ]);
  });

  test('a snapshot that failed to load says why and offers to pick another', () => {
    const nodes = rootNodes({ trusted: true, live: { status: 'signedOut' }, snapshot: { status: 'failed', label: 'bad.json', message: 'bad.json is not valid JSON: Unexpected token' } });
    const v = nodes[1].view();
    assert.deepEqual([v.label, v.description, v.tooltip, v.command?.command], ['Identity snapshot could not be loaded', 'bad.json', 'bad.json is not valid JSON: Unexpected token', 'aksIam.azure.loadSnapshot']);
  });

  test('a cancelled sign-in says so and signs in again on click', () => {
    const [v] = rootNodes({ trusted: true, live: { status: 'cancelled' }, snapshot: { status: 'none' } }).map((n) => n.view());
    assert.deepEqual([v.label, v.description, v.icon?.id, v.command?.command], ['Sign-in to Azure was cancelled', 'click to sign in again', 'circle-slash', 'aksIam.azure.signIn']);
  });

  test('a sign-in that cannot reach the identity endpoint names its host instead of a bare "Canceled"', () => {
    const [v] = rootNodes({ trusted: true, live: { status: 'unreachable', host: 'login.microsoftonline.us', detail: 'ENOTFOUND' }, snapshot: { status: 'none' } }).map((n) => n.view());
    assert.deepEqual([v.label, v.description, v.icon?.id, v.command?.command], ['Cannot reach login.microsoftonline.us — offline or blocked by a proxy', 'click to sign in again', 'debug-disconnect', 'aksIam.azure.signIn']);
    assert.match(v.tooltip!, /\(ENOTFOUND\)/);
  });

  test('signed in: the account node names every account and a sovereign cloud', () => {
    const env = snapshotEnv();
    const nodes = rootNodes({ trusted: true, live: { status: 'signedIn', accounts: ['dev@contoso.com', 'ops@fabrikam.com'], cloud: 'AzureChinaCloud', env }, snapshot: { status: 'none' } });
    assert.deepEqual(nodes.map((n) => [n.view().label, n.view().description]), [['Azure', 'dev@contoso.com, ops@fabrikam.com · AzureChinaCloud']]);
  });

  test('node ids are unique across the tree', async () => {
    const root = snapshotRoot(snapshotEnv(workspace()));
    const ids: string[] = [];
    const walk = async (nodes: TreeNode[]) => {
      for (const n of nodes) {
        ids.push(n.id);
        await walk(await n.children());
      }
    };
    await walk(root);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.length > 20);
  });
});

test('workspace ServiceAccounts are read once per index version', async () => {
  const { workspaceServiceAccounts } = await import('../../src/vscode/azure/workspace-model');
  const idx = workspace();
  const first = workspaceServiceAccounts(idx);
  assert.equal(workspaceServiceAccounts(idx), first);
  idx.setFile('/ws/more.yaml', SA('late', 'orders', '6f1c4e2a-9b7d-4c3e-8a15-2d9e7b0c4f61'));
  const second = workspaceServiceAccounts(idx);
  assert.notEqual(second, first);
  assert.deepEqual(second.map((s) => `${s.namespace}/${s.name}`), ['billing/billing', 'billing/billing-jobs', 'orders/late', 'orders/orders-api']);
});
