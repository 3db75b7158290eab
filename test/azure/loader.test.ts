import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { createClients, type AzureClients } from '../../src/azure/clients';
import { AzureLoader } from '../../src/azure/loader';
import { LiveSource } from '../../src/vscode/azure/sources';
import { parseAuthorizationFailed, toAzureError } from '../../src/azure/errors';
import { FakeArm, makePki } from './fake-arm';
import { API, ISSUER, MG_ROLE_ID, PATHS, ROLES, SUB, SUB2, seed } from './world';

class StaticCredential implements TokenCredential {
  readonly scopes: string[][] = [];
  async getToken(scopes: string | string[]): Promise<AccessToken> {
    this.scopes.push(Array.isArray(scopes) ? scopes : [scopes]);
    return { token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

const arm = new FakeArm(makePki());
let credential: StaticCredential;
let clients: AzureClients;
let loader: AzureLoader;

function fresh(retry = { maxRetries: 1, retryDelayInMs: 10, maxRetryDelayInMs: 20 }): void {
  credential = new StaticCredential();
  clients = createClients({ credential, endpoint: arm.endpoint, agent: arm.agent, retry });
  loader = new AzureLoader(clients, { maxItems: 50 });
}

before(async () => {
  await arm.start();
  seed(arm);
});
after(() => arm.stop());
beforeEach(() => {
  arm.reset();
  fresh();
});

/** Everything at once, the way the extension loads it for the cloud rules and the export (LiveSource.warm). */
const loadAll = (subscriptionIds: string[] = [], signal = new AbortController().signal) => new LiveSource(loader, subscriptionIds).warm(signal);

const AUTH_FAILED = (action: string, scope: string) =>
  `The client 'dev@contoso.com' with object id '0f0f0f0f-0000-4000-8000-000000000000' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`;

describe('the real SDK clients against the fake Resource Manager', () => {
  test('the extension\'s load (LiveSource.warm) pages through every level and fills the identity graph', async () => {
    const { graph, failures } = await loadAll();
    assert.deepEqual(failures, []);
    assert.equal(graph.source, 'azure');
    assert.deepEqual(graph.subscriptions, [
      { id: SUB, name: 'shop-prod', tenantId: '72f988bf-0000-4000-8000-000000000001' },
      { id: SUB2, name: 'lab', tenantId: '72f988bf-0000-4000-8000-000000000001' },
    ]);
    const [c] = graph.clusters;
    assert.equal(graph.clusters.length, 1);
    assert.deepEqual(
      [c.name, c.subscriptionId, c.resourceGroup, c.location, c.nodeResourceGroup, c.oidcIssuerEnabled, c.oidcIssuerUrl, c.workloadIdentityEnabled, c.azureRbacEnabled, c.localAccountsDisabled],
      ['shop-aks', SUB, 'shop-rg', 'westeurope', 'MC_shop-rg_shop-aks_westeurope', true, ISSUER, true, true, true],
    );
    assert.equal(c.controlPlaneIdentity?.principalId, '11111111-0000-4000-8000-000000000001');
    assert.equal(c.kubeletIdentity?.clientId, '22222222-0000-4000-8000-000000000002');
    assert.equal(c.vnetSubnetIds.length, 1);
    assert.deepEqual(graph.identities.map((i) => [i.name, i.clientId, i.resourceGroup, i.federatedCredentials?.length]), [
      ['id-api', '6b6b6b6b-0000-4000-8000-000000000001', 'shop-rg', 3],
      ['id-web', '6b6b6b6b-0000-4000-8000-000000000002', 'shop-rg', 1],
      ['id-batch', '6b6b6b6b-0000-4000-8000-000000000003', 'shop-rg', 0],
    ]);
    assert.equal(graph.identities[1].federatedCredentials?.[0].issuer, ISSUER.slice(0, -1));
    assert.deepEqual(graph.identities[0].federatedCredentials?.[0].audiences, ['api://AzureADTokenExchange']);
    assert.deepEqual(graph.roleAssignments.map((r) => r.roleName), ['Network Contributor', 'AcrPull', 'Shop Secrets Reader', 'Platform Identity Auditor']);
    assert.equal(graph.roleAssignments[0].scope, `/subscriptions/${SUB}/resourceGroups/net-rg`);
    // Paging really happened: the 3 identities and 4 assignments took two requests each.
    assert.equal(arm.log.filter((l) => l.path === PATHS.identities(SUB).toLowerCase()).length, 2);
    assert.equal(arm.log.filter((l) => l.path === PATHS.assignments(SUB).toLowerCase()).length, 2);
    // The role defined in a management group was fetched by id, once.
    assert.equal(arm.log.filter((l) => l.path === MG_ROLE_ID.toLowerCase()).length, 1);
  });

  test('every client sends the endpoint\'s scope, the bearer token and the api-version the fake serves', async () => {
    await loadAll();
    assert.ok(credential.scopes.length > 0);
    for (const s of credential.scopes) assert.deepEqual(s, [`${arm.endpoint}/.default`]);
    for (const l of arm.log) assert.equal(l.authorization, 'Bearer test-token');
    const versions = new Map(arm.log.map((l) => [l.path.split('/').slice(-1)[0], l.apiVersion]));
    assert.equal(versions.get('subscriptions'), API.subscriptions);
    assert.equal(versions.get('managedclusters'), API.aks);
    assert.equal(versions.get('userassignedidentities'), API.msi);
    assert.equal(versions.get('federatedidentitycredentials'), API.msi);
    assert.equal(versions.get('roleassignments'), API.authz);
    assert.equal(versions.get('roledefinitions'), API.authz);
    // No request was answered "unknown path" or "wrong api-version" (or anything but 200).
    assert.deepEqual(arm.log.filter((l) => l.status !== 200).map((l) => `${l.status} ${l.path}?api-version=${l.apiVersion}`), []);
    // Not even the scope-taking operations (a stray `//` in their path would land elsewhere).
    assert.ok(arm.log.some((l) => l.path === PATHS.definitions(SUB).toLowerCase()));
  });

  test('levels load lazily: one subscription\'s identities without touching anything else', async () => {
    const r = await loader.listIdentities(SUB);
    assert.ok(r.ok);
    assert.equal(r.value.length, 3);
    assert.ok(r.value.every((i) => i.federatedCredentials === null), 'credentials are the next level');
    assert.deepEqual([...new Set(arm.log.map((l) => l.path))], [PATHS.identities(SUB).toLowerCase()]);
  });

  test('403 AuthorizationFailed becomes forbidden with the missing permission; the other levels still load', async () => {
    const action = 'Microsoft.ManagedIdentity/userAssignedIdentities/read';
    arm.on(/userassignedidentities$/, { kind: 'status', status: 403, code: 'AuthorizationFailed', message: AUTH_FAILED(action, `/subscriptions/${SUB}`) });
    const { graph, failures } = await loadAll([SUB]);
    assert.equal(failures.length, 1);
    const f = failures[0];
    assert.equal(f.level, 'identities');
    assert.equal(f.subscriptionId, SUB);
    assert.equal(f.error.kind, 'forbidden');
    assert.ok(f.error.kind === 'forbidden');
    assert.equal(f.error.permission, action);
    assert.equal(f.error.scope, `/subscriptions/${SUB}`);
    assert.equal(graph.clusters.length, 1);
    assert.equal(graph.identities.length, 0);
    assert.equal(graph.roleAssignments.length, 4);
  });

  test('404 becomes notFound (an identity deleted between two levels)', async () => {
    const r = await loader.listFederatedCredentials({ id: `/subscriptions/${SUB}/resourceGroups/shop-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/gone` });
    assert.equal(r.ok, false);
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'notFound');
    assert.match(r.error.message, /was not found/);
  });

  test('429 with Retry-After is retried after the delay and then succeeds', async () => {
    arm.on(/managedclusters$/, { kind: 'status', status: 429, code: 'TooManyRequests', message: 'Too many requests, retry later.', headers: { 'retry-after': '1' }, times: 1 });
    const t0 = Date.now();
    const r = await loader.listClusters(SUB);
    const waited = Date.now() - t0;
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.length, 1);
    assert.equal(arm.log.length, 2);
    assert.ok(waited >= 900, `waited only ${waited} ms`);
  });

  test('429 that persists becomes throttled with the server\'s Retry-After', async () => {
    arm.on(/managedclusters$/, { kind: 'status', status: 429, code: 'TooManyRequests', message: 'Too many requests, retry later.', headers: { 'retry-after': '1' } });
    const r = await loader.listClusters(SUB);
    assert.ok(!r.ok);
    assert.deepEqual(r.error, { kind: 'throttled', message: r.error.message, retryAfterSeconds: 1 });
    assert.equal(arm.log.length, 2, 'one try and one retry (maxRetries 1)');
  });

  test('500 is retried, then reported as other with its status', async () => {
    arm.on(/roleassignments$/, { kind: 'status', status: 500, code: 'InternalServerError', message: 'Something went wrong.' });
    const r = await loader.listRoleAssignments(SUB);
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'other');
    assert.ok(r.error.kind === 'other' && r.error.status === 500);
    assert.equal(arm.log.length, 2);
  });

  test('a dropped connection becomes offline', async () => {
    arm.on(/^\/subscriptions$/, { kind: 'drop' });
    const r = await loader.listSubscriptions();
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'offline', r.error.message);
    const { failures } = await loadAll();
    assert.deepEqual(failures.map((f) => [f.level, f.error.kind]), [['subscriptions', 'offline']]);
  });

  test('an unreachable endpoint becomes offline', async () => {
    const closed = createClients({ credential, endpoint: 'https://127.0.0.1:1', agent: arm.agent, retry: { maxRetries: 0 } });
    const r = await new AzureLoader(closed).listSubscriptions();
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'offline', r.error.message);
  });

  test('the test CA is trusted only through the factory\'s agent', async () => {
    const r = await new AzureLoader(createClients({ credential, endpoint: arm.endpoint, retry: { maxRetries: 0 } })).listSubscriptions();
    assert.ok(!r.ok);
    assert.match(r.error.message, /certificate/i);
    assert.equal(arm.log.length, 0);
  });

  test('a credential that cannot sign in, and a 401, become unauthenticated', async () => {
    const noSignIn: TokenCredential = {
      getToken: async () => {
        throw Object.assign(new Error('Please run az login.'), { name: 'CredentialUnavailableError' });
      },
    };
    const r = await new AzureLoader(createClients({ credential: noSignIn, endpoint: arm.endpoint, agent: arm.agent })).listSubscriptions();
    assert.ok(!r.ok);
    assert.deepEqual(r.error, { kind: 'unauthenticated', message: 'Please run az login.' });
    assert.equal(arm.log.length, 0, 'nothing is sent without a token');

    arm.on(/^\/subscriptions$/, { kind: 'status', status: 401, code: 'ExpiredAuthenticationToken', message: 'The access token expiry UTC time is earlier than current UTC time.' });
    const r2 = await loader.listSubscriptions();
    assert.ok(!r2.ok);
    assert.equal(r2.error.kind, 'unauthenticated');
  });

  test('cancelling with an AbortSignal: before the call, and while a response is pending', async () => {
    const early = new AbortController();
    early.abort();
    const r = await loader.listClusters(SUB, early.signal);
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'cancelled');
    assert.equal(arm.log.length, 0);

    arm.on(/managedclusters$/, { kind: 'hang' });
    const ctl = new AbortController();
    const seen = arm.nextRequest(/managedclusters$/);
    const pending = loader.listClusters(SUB, ctl.signal);
    await seen;
    ctl.abort();
    const r2 = await pending;
    assert.ok(!r2.ok);
    assert.equal(r2.error.kind, 'cancelled');
  });

  test('cancelling the load keeps what loaded and reports the cancel once', async () => {
    arm.on(/federatedidentitycredentials$/, { kind: 'hang' });
    const ctl = new AbortController();
    const seen = arm.nextRequest(/federatedidentitycredentials$/);
    const pending = loadAll([], ctl.signal);
    await seen;
    ctl.abort();
    const { graph, failures } = await pending;
    assert.deepEqual(failures.map((f) => [f.level, f.error.kind]), [['subscriptions', 'cancelled']]);
    assert.equal(graph.clusters.length, 1, 'loaded before the cancel');
    assert.deepEqual(graph.identities.map((i) => i.federatedCredentials), [null, null, null], 'identities listed, credentials unknown');
    assert.equal(graph.roleAssignments.length, 0);
    assert.equal(arm.log.filter((l) => /roleassignments$/.test(l.path)).length, 0, 'nothing is requested after the cancel');
  });

  test('a listing whose nextLink never ends is cut off at the item bound instead of hanging', async () => {
    arm.on(/federatedidentitycredentials$/, { kind: 'endless-paging' });
    const r = await loader.listFederatedCredentials({ id: `/subscriptions/${SUB}/resourceGroups/shop-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-api` });
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'other');
    assert.match(r.error.message, /more than 50 items/);
    assert.ok(arm.log.length <= 30, `${arm.log.length} requests`);
  });

  test('the fake answers unknown paths like ARM, with a JSON 404', async () => {
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${arm.endpoint}/subscriptions/${SUB}/providers/Microsoft.Nope/things?api-version=2020-01-01`, { agent: arm.agent, headers: { authorization: 'Bearer x' } }, (r) => {
        let body = '';
        r.on('data', (d) => (body += d));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(res.status, 404);
    assert.equal((JSON.parse(res.body) as { error: { code: string } }).error.code, 'ResourceNotFound');
  });
});

describe('one loading path', () => {
  test('the loader lists levels; loading everything is LiveSource.warm, which the extension and these tests share', () => {
    assert.equal('loadGraph' in AzureLoader.prototype, false);
    assert.equal(typeof LiveSource.prototype.warm, 'function');
  });
});

describe('client factory', () => {
  test('one client per kind and subscription, endpoint without a trailing slash', () => {
    const c = createClients({ credential: new StaticCredential(), endpoint: 'https://management.usgovcloudapi.net/' });
    assert.equal(c.endpoint, 'https://management.usgovcloudapi.net');
    assert.equal(c.msi(SUB), c.msi(SUB));
    assert.notEqual(c.msi(SUB), c.msi(SUB2));
    assert.equal(c.subscriptions(), c.subscriptions());
  });
});

describe('error mapping', () => {
  test('AuthorizationFailed messages yield action and scope', () => {
    assert.deepEqual(parseAuthorizationFailed(AUTH_FAILED('Microsoft.Authorization/roleAssignments/read', '/subscriptions/x')), {
      permission: 'Microsoft.Authorization/roleAssignments/read', scope: '/subscriptions/x',
    });
    assert.deepEqual(parseAuthorizationFailed('Forbidden.'), { permission: null, scope: null });
  });

  test('unknown throwables become other, never an exception', () => {
    assert.deepEqual(toAzureError(undefined), { kind: 'other', message: 'undefined', status: null });
    assert.deepEqual(toAzureError('boom'), { kind: 'other', message: 'boom', status: null });
    assert.equal(toAzureError({ statusCode: 503, message: 'x' }).kind, 'other');
    assert.equal(toAzureError({ code: 'ECONNREFUSED', message: 'x' }).kind, 'offline');
  });
});

void ROLES;
