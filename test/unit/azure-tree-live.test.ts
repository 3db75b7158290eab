import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { createClients } from '../../src/azure/clients';
import { AzureLoader } from '../../src/azure/loader';
import { LiveSource } from '../../src/vscode/azure/sources';
import { describeTree, ErrorNode, rootNodes, SubscriptionNode, type TreeEnv, type TreeNode } from '../../src/vscode/azure/tree-model';
import { FakeArm, makePki } from '../azure/fake-arm';
import { API, ISSUER, PATHS, SUB, SUB2, seed } from '../azure/world';

const credential: TokenCredential = {
  getToken: async (): Promise<AccessToken> => ({ token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

const arm = new FakeArm(makePki());
before(async () => {
  await arm.start();
  seed(arm);
});
after(() => arm.stop());
beforeEach(() => arm.reset());

function live(filter: string[] = [], ctl = new AbortController(), maxItems = 100): { env: TreeEnv; source: LiveSource } {
  const clients = createClients({ credential, endpoint: arm.endpoint, agent: arm.agent, retry: { maxRetries: 1, retryDelayInMs: 10, maxRetryDelayInMs: 20 } });
  const source = new LiveSource(new AzureLoader(clients, { maxItems }), filter);
  return { source, env: { source, signal: () => ctl.signal, workspace: () => null } };
}

const root = (env: TreeEnv) => rootNodes({ trusted: true, live: { status: 'signedIn', accounts: ['dev@contoso.com'], cloud: 'AzureCloud', env }, snapshot: { status: 'none' } });

async function childrenAt(nodes: TreeNode[], path: string[]): Promise<TreeNode[]> {
  let cur = nodes;
  for (const label of path) {
    const hit = cur.find((n) => n.view().label === label);
    assert.ok(hit, `no node ${label} among ${cur.map((n) => n.view().label).join(', ')}`);
    cur = await hit.children();
  }
  return cur;
}

describe('identities tree over the real SDK clients and the fake Resource Manager', () => {
  test('renders subscriptions, the cluster, identities with their credentials and resolved role names', async () => {
    const { env } = live();
    const [account] = await describeTree(root(env), 7);
    assert.deepEqual([account.label, account.description], ['Azure', 'dev@contoso.com']);
    assert.deepEqual(account.children!.map((c) => [c.label, c.description]), [['shop-prod', SUB], ['lab', SUB2]]);
    const [clusters, identities] = account.children![0].children!;
    const [cluster] = clusters.children!;
    assert.deepEqual([cluster.label, cluster.description], ['shop-aks', 'shop-rg · westeurope']);
    assert.deepEqual(cluster.children!.map((c) => [c.label, c.description]), [
      ['Control plane identity', 'SystemAssigned · principal 11111111-0000-4000-8000-000000000001'],
      ['Kubelet identity', 'UserAssigned · client 22222222-0000-4000-8000-000000000002'],
      ['OIDC issuer', ISSUER],
      ['Workload identity', 'enabled'],
      ['Azure RBAC for Kubernetes', 'enabled'],
      ['Local accounts', 'disabled'],
    ]);
    assert.deepEqual(cluster.children![0].children!.map((c) => [c.label, c.description]), [['Required permissions', 'all granted'], ['Network Contributor', 'resource group net-rg']], 'the custom subnet is covered by Network Contributor on its resource group');
    assert.deepEqual(identities.children!.map((c) => c.label), ['id-api', 'id-web', 'id-batch']);
    const [fics, roles] = identities.children![0].children!;
    assert.deepEqual(fics.children!.map((c) => [c.label, c.description]), [
      ['shop-api', 'system:serviceaccount:shop:api'],
      ['shop-api-staging', 'system:serviceaccount:staging:api'],
      ['github', 'repo:contoso/shop:ref:refs/heads/main'],
    ]);
    assert.deepEqual(roles.children!.map((c) => [c.label, c.description]), [['Shop Secrets Reader', 'resource group shop-rg']]);
    assert.deepEqual(identities.children![1].children![1].children!.map((c) => c.label), ['Platform Identity Auditor']);
    assert.deepEqual(account.children![1].children!.map((g) => g.children!.map((c) => c.label)), [
      ['No AKS clusters in this subscription'], ['No user-assigned managed identities in this subscription'],
    ]);
  });

  test('a level is read lazily, once: opening a subscription lists nothing below it', async () => {
    const { env } = live();
    await childrenAt(root(env), ['Azure', 'shop-prod']);
    assert.deepEqual(arm.log.map((l) => l.path), ['/subscriptions']);
    await childrenAt(root(env), ['Azure', 'shop-prod', 'AKS clusters']);
    await childrenAt(root(env), ['Azure', 'shop-prod', 'AKS clusters']);
    assert.equal(arm.log.filter((l) => l.path.endsWith('/managedclusters')).length, 1);
  });

  test('403 AuthorizationFailed becomes an error node naming the missing permission; retry then lists', async () => {
    arm.on(/userassignedidentities$/, {
      kind: 'status', status: 403, code: 'AuthorizationFailed', times: 1,
      message: `The client 'dev@contoso.com' with object id '0f0f' does not have authorization to perform action 'Microsoft.ManagedIdentity/userAssignedIdentities/read' over scope '/subscriptions/${SUB}' or the scope is invalid.`,
    });
    const { env } = live();
    const [err] = await childrenAt(root(env), ['Azure', 'shop-prod', 'User-assigned managed identities']);
    assert.ok(err instanceof ErrorNode);
    const v = err.view();
    assert.deepEqual([v.label, v.description, v.icon?.id, v.command?.command, v.contextValue],
      ['No permission to list managed identities', 'needs Microsoft.ManagedIdentity/userAssignedIdentities/read', 'lock', 'aksIam.azure.retry', 'error forbidden']);
    assert.match(v.tooltip!, new RegExp(`over /subscriptions/${SUB}`));
    err.retry();
    const again = await childrenAt(root(env), ['Azure', 'shop-prod', 'User-assigned managed identities']);
    assert.deepEqual(again.map((n) => n.view().label), ['id-api', 'id-web', 'id-batch']);
  });

  test('a failure is not remembered: without retry the next read asks again too', async () => {
    arm.on(/managedclusters$/, { kind: 'status', status: 500, code: 'InternalServerError', message: 'boom', times: 2 });
    const { env } = live();
    const [err] = await childrenAt(root(env), ['Azure', 'shop-prod', 'AKS clusters']);
    assert.deepEqual([err.view().label, err.view().description], ['Could not list AKS clusters', 'HTTP 500 — retry']);
    const again = await childrenAt(root(env), ['Azure', 'shop-prod', 'AKS clusters']);
    assert.deepEqual(again.map((n) => n.view().label), ['shop-aks']);
  });

  test('429 that persists shows a throttled node with the server\'s Retry-After', async () => {
    arm.on(/roleassignments$/, { kind: 'status', status: 429, code: 'TooManyRequests', message: 'Too many requests.', headers: { 'retry-after': '1' } });
    const { env } = live();
    const [err] = await childrenAt(root(env), ['Azure', 'shop-prod', 'User-assigned managed identities', 'id-api', 'Role assignments']);
    assert.deepEqual([err.view().label, err.view().description, err.view().icon?.id], ['Azure is throttling requests for role assignments', 'retry after 1 s', 'watch']);
  });

  test('a dropped connection shows an offline node at the top', async () => {
    arm.on(/^\/subscriptions$/, { kind: 'drop' });
    const { env } = live();
    const [err] = await childrenAt(root(env), ['Azure']);
    assert.deepEqual([err.view().label, err.view().description, err.view().command?.command],
      ['Cannot reach Azure Resource Manager to list subscriptions', 'offline — retry', 'aksIam.azure.retry']);
  });

  test('the subscription filter hides other subscriptions', async () => {
    const { env } = live([SUB2.toUpperCase()]);
    const subs = await childrenAt(root(env), ['Azure']);
    assert.deepEqual(subs.map((n) => n.view().label), ['lab']);
  });

  test('a cancelled load shows a cancelled node and is asked again later', async () => {
    const ctl = new AbortController();
    const { env, source } = live([], ctl);
    const pending = arm.nextRequest(/managedclusters$/);
    arm.on(/managedclusters$/, { kind: 'hang' });
    const loading = childrenAt(root(env), ['Azure', 'shop-prod', 'AKS clusters']);
    await pending;
    ctl.abort();
    const [err] = await loading;
    assert.equal(err.view().label, 'Loading AKS clusters was cancelled');
    arm.reset();
    const r = await source.clusters(SUB, new AbortController().signal);
    assert.ok(r.ok && r.value.length === 1);
  });

  test('warm() loads the graph for the rules through the same cache the tree reads', async () => {
    const { env, source } = live();
    const published: number[] = [];
    source.onDidLoad(() => published.push(source.graph().identities.length));
    await source.warm(new AbortController().signal);
    const g = source.graph();
    assert.deepEqual(g.subscriptions.map((s) => s.name), ['shop-prod', 'lab']);
    assert.deepEqual(g.identities.map((i) => [i.name, i.federatedCredentials?.length]), [['id-api', 3], ['id-web', 1], ['id-batch', 0]]);
    assert.equal(g.clusters[0].oidcIssuerUrl, ISSUER);
    assert.equal(g.roleAssignments.length, 4);
    assert.ok(published.length > 0);
    const requests = arm.log.length;
    await describeTree(root(env), 7);
    assert.equal(arm.log.length, requests, 'the tree made no further requests');
  });

  test('a subscription with hundreds of identities lists them in a few pages and reads nothing below until opened', async () => {
    const SUB3 = '00000000-0000-4000-8000-0000000000cc';
    const many = Array.from({ length: 300 }, (_, n) => ({
      id: `/subscriptions/${SUB3}/resourceGroups/big-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-${String(n).padStart(3, '0')}`,
      name: `id-${String(n).padStart(3, '0')}`, type: 'Microsoft.ManagedIdentity/userAssignedIdentities', location: 'westeurope',
      properties: { tenantId: null, principalId: `5a5a5a5a-0000-4000-8000-${String(n).padStart(12, '0')}`, clientId: `6b6b6b6b-0000-4000-8000-${String(n).padStart(12, '0')}` },
    }));
    arm.list(PATHS.identities(SUB3), API.msi, many);
    const pageSize = arm.pageSize;
    arm.pageSize = 100;
    try {
      const { env } = live([], new AbortController(), 1000);
      const sub = new SubscriptionNode(null, { id: SUB3, name: 'big', tenantId: null }, env);
      const [, identities] = await sub.children();
      const nodes = await identities.children();
      assert.equal(nodes.length, 300);
      assert.deepEqual([nodes[0].view().label, nodes[299].view().label], ['id-000', 'id-299']);
      assert.deepEqual(arm.log.map((l) => l.path), Array(3).fill(PATHS.identities(SUB3).toLowerCase()));
    } finally {
      arm.pageSize = pageSize;
    }
  });
});
