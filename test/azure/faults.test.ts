import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { createClients } from '../../src/azure/clients';
import { AzureLoader } from '../../src/azure/loader';
import { LiveSource } from '../../src/vscode/azure/sources';
import { describeTree, ErrorNode, rootNodes, type TreeEnv, type TreeNode } from '../../src/vscode/azure/tree-model';
import { FakeArm, makePki, type Behaviour } from './fake-arm';
import { SUB, seed } from './world';

/**
 * A session as VS Code keeps it: getToken returns its current token. `refreshes` models VS Code renewing
 * the session in the background (a new token the next time anyone asks); without it the session is stuck.
 */
class SessionCredential implements TokenCredential {
  calls = 0;
  token = 'token-1';
  async getToken(): Promise<AccessToken> {
    this.calls++;
    return { token: this.token, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

const arm = new FakeArm(makePki());
let unhandled = 0;
const countUnhandled = () => void unhandled++;
let scenarios = 0;

before(async () => {
  process.on('unhandledRejection', countUnhandled);
  await arm.start();
  seed(arm);
});
after(async () => {
  await arm.stop();
  process.off('unhandledRejection', countUnhandled);
});
beforeEach(() => arm.reset());

const RETRY = { maxRetries: 1, retryDelayInMs: 10, maxRetryDelayInMs: 20 };

function live(credential: TokenCredential = new SessionCredential(), timeoutMs = 60_000): TreeEnv {
  const clients = createClients({ credential, endpoint: arm.endpoint, agent: arm.agent, retry: RETRY, timeoutMs });
  const source = new LiveSource(new AzureLoader(clients, { maxItems: 100 }));
  return { source, signal: () => new AbortController().signal, workspace: () => null };
}

const root = (env: TreeEnv) => rootNodes({ trusted: true, live: { status: 'signedIn', accounts: ['dev@contoso.com'], cloud: 'AzureCloud', env }, snapshot: { status: 'none' } });

async function childrenAt(env: TreeEnv, path: string[]): Promise<TreeNode[]> {
  let cur = root(env);
  for (const label of path) {
    const hit = cur.find((n) => n.view().label === label);
    assert.ok(hit, `no node ${label} among ${cur.map((n) => n.view().label).join(', ')}`);
    cur = await hit.children();
  }
  return cur;
}

const IDENTITIES = ['Azure', 'shop-prod', 'User-assigned managed identities'];
const FICS = [...IDENTITIES, 'id-api', 'Federated credentials'];
const CLUSTERS = ['Azure', 'shop-prod', 'AKS clusters'];
const ROLES = [...IDENTITIES, 'id-api', 'Role assignments'];
/** What each level shows once Resource Manager answers again. */
const HEALED: Record<string, string[]> = {
  [IDENTITIES.join('/')]: ['id-api', 'id-web', 'id-batch'],
  [FICS.join('/')]: ['shop-api', 'shop-api-staging', 'github'],
  [CLUSTERS.join('/')]: ['shop-aks'],
  [ROLES.join('/')]: ['Shop Secrets Reader'],
  Azure: ['shop-prod', 'lab'],
};

interface Scenario {
  name: string;
  route: RegExp;
  behaviour: Behaviour;
  path: string[];
  label: string;
  description: string;
  contextValue: string;
  command: 'aksIam.azure.signIn' | 'aksIam.azure.retry';
  /** Requests the failing listing made before it gave up: bounded, whatever the server keeps saying. */
  requests: number;
  /** The whole tooltip: what happened and what to do, then the server's own message where it sent one. */
  tooltip: string;
  timeoutMs?: number;
}

const listing = (p: string) => new RegExp(`${p}$`);
const status = (s: number, code: string, headers?: Record<string, string>): Behaviour => ({ kind: 'status', status: s, code, message: `${code} from the fake.`, headers });
const SIGN_IN_AGAIN = 'Azure Resource Manager no longer accepts the session\'s token, also after asking for a new one. Sign in again.\n\n';
const SERVER_SIDE = (n: number, code: string) => `Azure Resource Manager had a server-side problem (HTTP ${n}). Retry later.\n\n${code} from the fake.`;
const INTERRUPTED = 'The connection to Azure Resource Manager broke off while the response was being read.';
const AUTH_FAILED = `The client 'dev@contoso.com' with object id '0f0f0f0f-0000-4000-8000-000000000000' does not have authorization to perform action 'Microsoft.ContainerService/managedClusters/read' over scope '/subscriptions/${SUB}' or the scope is invalid. If access was recently granted, please refresh your credentials.`;

const SCENARIOS: Scenario[] = [
  {
    name: '401 ExpiredAuthenticationToken on every request (a 401 storm)', route: /./, behaviour: { kind: 'unauthorized', code: 'ExpiredAuthenticationToken' },
    path: ['Azure'], label: 'Sign in to Azure again to list subscriptions', description: 'Azure rejected the session (expired or revoked)',
    contextValue: 'error unauthenticated', command: 'aksIam.azure.signIn', requests: 2, tooltip: `${SIGN_IN_AGAIN}The access token expiry UTC time is earlier than current UTC time.`,
  },
  {
    name: '401 InvalidAuthenticationTokenExpired on a deep level', route: listing('federatedidentitycredentials'), behaviour: { kind: 'unauthorized', code: 'InvalidAuthenticationTokenExpired' },
    path: FICS, label: 'Sign in to Azure again to list federated credentials', description: 'Azure rejected the session (expired or revoked)',
    contextValue: 'error unauthenticated', command: 'aksIam.azure.signIn', requests: 2, tooltip: `${SIGN_IN_AGAIN}The provided authentication token has expired.`,
  },
  {
    name: '403 AuthorizationFailed from the AKS client (whose errors drop ARM\'s message)', route: listing('managedclusters'),
    behaviour: { kind: 'status', status: 403, code: 'AuthorizationFailed', message: AUTH_FAILED },
    path: CLUSTERS, label: 'No permission to list AKS clusters', description: 'needs Microsoft.ContainerService/managedClusters/read',
    contextValue: 'error forbidden', command: 'aksIam.azure.retry', requests: 1,
    tooltip: `Missing permission Microsoft.ContainerService/managedClusters/read over /subscriptions/${SUB}. Retry after access is granted, or select another tenant.\n\n${AUTH_FAILED}`,
  },
  {
    name: '403 without a named permission', route: listing('managedclusters'), behaviour: status(403, 'Forbidden'),
    path: CLUSTERS, label: 'No permission to list AKS clusters', description: 'access denied — retry after access is granted, or select another tenant',
    contextValue: 'error forbidden', command: 'aksIam.azure.retry', requests: 1, tooltip: 'Access denied. Retry after access is granted, or select another tenant.\n\nForbidden from the fake.',
  },
  {
    name: '404 on a level', route: listing('managedclusters'), behaviour: status(404, 'ResourceNotFound'),
    path: CLUSTERS, label: 'No AKS clusters found', description: 'not found — retry', contextValue: 'error notFound', command: 'aksIam.azure.retry', requests: 1, tooltip: 'ResourceNotFound from the fake.',
  },
  {
    name: '429 storm with a short Retry-After', route: listing('userassignedidentities'), behaviour: status(429, 'TooManyRequests', { 'retry-after': '1' }),
    path: IDENTITIES, label: 'Azure is throttling requests for managed identities', description: 'retry after 1 s', contextValue: 'error throttled', command: 'aksIam.azure.retry', requests: 2, tooltip: 'TooManyRequests from the fake.',
  },
  {
    name: '429 storm asking to wait an hour (not slept inside the request)', route: listing('userassignedidentities'), behaviour: status(429, 'TooManyRequests', { 'retry-after': '3600' }),
    path: IDENTITIES, label: 'Azure is throttling requests for managed identities', description: 'retry after 3600 s', contextValue: 'error throttled', command: 'aksIam.azure.retry', requests: 1, tooltip: 'TooManyRequests from the fake.',
  },
  {
    name: '429 storm without Retry-After', route: listing('roleassignments'), behaviour: status(429, 'TooManyRequests'),
    path: ROLES, label: 'Azure is throttling requests for role assignments', description: 'retry later', contextValue: 'error throttled', command: 'aksIam.azure.retry', requests: 1, tooltip: 'TooManyRequests from the fake.',
  },
  {
    name: '502 Bad Gateway', route: listing('managedclusters'), behaviour: status(502, 'BadGateway'),
    path: CLUSTERS, label: 'Could not list AKS clusters', description: 'HTTP 502 — retry', contextValue: 'error other', command: 'aksIam.azure.retry', requests: 2, tooltip: SERVER_SIDE(502, 'BadGateway'),
  },
  {
    name: '502 with Retry-After', route: listing('managedclusters'), behaviour: status(502, 'BadGateway', { 'retry-after': '5' }),
    path: CLUSTERS, label: 'Could not list AKS clusters', description: 'HTTP 502 — retry after 5 s', contextValue: 'error other', command: 'aksIam.azure.retry', requests: 2, tooltip: SERVER_SIDE(502, 'BadGateway'),
  },
  {
    name: '503 without Retry-After', route: listing('roleassignments'), behaviour: status(503, 'ServiceUnavailable'),
    path: ROLES, label: 'Could not list role assignments', description: 'HTTP 503 — retry', contextValue: 'error other', command: 'aksIam.azure.retry', requests: 2, tooltip: SERVER_SIDE(503, 'ServiceUnavailable'),
  },
  {
    name: '503 with a short Retry-After', route: listing('managedclusters'), behaviour: status(503, 'ServiceUnavailable', { 'retry-after': '1' }),
    path: CLUSTERS, label: 'Could not list AKS clusters', description: 'HTTP 503 — retry after 1 s', contextValue: 'error other', command: 'aksIam.azure.retry', requests: 2, tooltip: SERVER_SIDE(503, 'ServiceUnavailable'),
  },
  {
    name: '503 with a long Retry-After', route: listing('managedclusters'), behaviour: status(503, 'ServiceUnavailable', { 'retry-after': '120' }),
    path: CLUSTERS, label: 'Could not list AKS clusters', description: 'HTTP 503 — retry after 120 s', contextValue: 'error other', command: 'aksIam.azure.retry', requests: 1, tooltip: SERVER_SIDE(503, 'ServiceUnavailable'),
  },
  {
    name: '504 Gateway Timeout', route: listing('federatedidentitycredentials'), behaviour: status(504, 'GatewayTimeout'),
    path: FICS, label: 'Could not list federated credentials', description: 'HTTP 504 — retry', contextValue: 'error other', command: 'aksIam.azure.retry', requests: 2, tooltip: SERVER_SIDE(504, 'GatewayTimeout'),
  },
  {
    name: 'truncated JSON with a matching Content-Length', route: listing('userassignedidentities'), behaviour: { kind: 'truncated', contentLength: 'matching' },
    path: IDENTITIES, label: 'Azure returned an incomplete response for managed identities', description: 'retry', contextValue: 'error other', command: 'aksIam.azure.retry', requests: 1, tooltip: 'Azure Resource Manager returned an incomplete or malformed response (HTTP 200); it was not used.',
  },
  {
    name: 'truncated JSON, Content-Length of the whole body, then the connection closes', route: listing('userassignedidentities'), behaviour: { kind: 'truncated', contentLength: 'full' },
    path: IDENTITIES, label: 'The connection broke off while listing managed identities', description: 'connection reset — retry', contextValue: 'error offline', command: 'aksIam.azure.retry', requests: 1, tooltip: INTERRUPTED,
  },
  {
    name: 'connection reset after the headers', route: listing('roleassignments'), behaviour: { kind: 'reset-after-headers' },
    path: ROLES, label: 'The connection broke off while listing role assignments', description: 'connection reset — retry', contextValue: 'error offline', command: 'aksIam.azure.retry', requests: 1, tooltip: INTERRUPTED,
  },
  {
    name: 'connection dropped before any answer', route: /^\/subscriptions$/, behaviour: { kind: 'drop' },
    path: ['Azure'], label: 'Cannot reach Azure Resource Manager to list subscriptions', description: 'offline — retry', contextValue: 'error offline', command: 'aksIam.azure.retry', requests: 2, tooltip: 'Cannot reach Azure Resource Manager (socket hang up). Check the network connection or proxy, then retry.',
  },
  {
    name: 'no answer at all on a deep level (request deadline)', route: listing('federatedidentitycredentials'), behaviour: { kind: 'hang' }, timeoutMs: 2500,
    path: FICS, label: 'Azure Resource Manager did not answer in time for federated credentials', description: 'timed out — retry', contextValue: 'error offline', command: 'aksIam.azure.retry', requests: 1, tooltip: 'Azure Resource Manager did not answer in time.',
  },
];

describe('Resource Manager faults as the identities tree shows them', () => {
  for (const s of SCENARIOS) {
    test(`${s.name}: one clear node, then retry against a healed server lists the real nodes`, async () => {
      const before = unhandled;
      const env = live(new SessionCredential(), s.timeoutMs);
      // Levels above the failing one load first, so that the count below is of the failing listing only.
      if (s.path.length > 1) await childrenAt(env, s.path.slice(0, -1));
      const counted = arm.log.length;
      arm.on(s.route, s.behaviour);
      const nodes = await childrenAt(env, s.path);
      assert.equal(nodes.length, 1, nodes.map((n) => n.view().label).join(', '));
      const [err] = nodes;
      assert.ok(err instanceof ErrorNode);
      const v = err.view();
      assert.deepEqual([v.label, v.description, v.contextValue, v.command?.command], [s.label, s.description, s.contextValue, s.command]);
      assert.equal(v.tooltip, s.tooltip);
      assert.equal(arm.log.length - counted, s.requests, `requests: ${arm.log.slice(counted).map((l) => `${l.status} ${l.path}`).join(', ')}`);

      arm.reset();
      err.retry();
      const healed = await childrenAt(env, s.path);
      assert.deepEqual(healed.map((n) => n.view().label), HEALED[s.path.join('/')]);
      assert.equal(unhandled, before, 'no unhandled rejection');
      scenarios++;
    });
  }

  test('a token that expires mid-load: the credential is asked again and every level loads', async () => {
    const session = new SessionCredential();
    const env = live(session);
    await childrenAt(env, IDENTITIES);
    await childrenAt(env, CLUSTERS);
    // The clients hold token-1 (valid for an hour, they were told); ARM accepts it for 2 more requests.
    // VS Code has meanwhile renewed the session, so asking again gives token-2.
    arm.expireToken('token-1', 2);
    session.token = 'token-2';
    session.calls = 0;
    const [azure] = await describeTree(root(env), 7);
    assert.doesNotMatch(JSON.stringify(azure), /Sign in|Could not|error/);
    assert.deepEqual(azure.children!.map((c) => c.label), ['shop-prod', 'lab']);
    assert.deepEqual(azure.children![0].children![1].children!.map((c) => c.label), ['id-api', 'id-web', 'id-batch']);
    assert.equal(arm.log.filter((l) => l.status === 401).length, 1, 'one request was refused, then a new token was used');
    assert.ok(session.calls >= 1, 'the credential was asked again');
    const refused = arm.log.findIndex((l) => l.status === 401);
    assert.deepEqual([...new Set(arm.log.slice(refused + 1).map((l) => l.authorization))], ['Bearer token-2'], 'the renewed token is used from then on');
    assert.equal(unhandled, 0);
    scenarios++;
  });

  test('a token that expires mid-load and a session that cannot give a new one: "sign in again", then a refresh recovers', async () => {
    const stuck = new SessionCredential();
    const env = live(stuck);
    await childrenAt(env, IDENTITIES);
    arm.expireToken('token-1', 0);
    const asked = stuck.calls;
    const [err] = await childrenAt(env, CLUSTERS);
    assert.deepEqual([err.view().label, err.view().description, err.view().command?.command],
      ['Sign in to Azure again to list AKS clusters', 'Azure rejected the session (expired or revoked)', 'aksIam.azure.signIn']);
    // The listing went through the pipeline that already held token-1: the one ask is the one after the 401.
    assert.equal(stuck.calls - asked, 1, 'the credential was asked once more after the first 401');
    assert.deepEqual(arm.log.filter((l) => l.path.endsWith('/managedclusters')).map((l) => l.status), [401, 401]);
    // Signing in again gives a new session, and the controller builds a new source with it.
    const signedIn = new SessionCredential();
    signedIn.token = 'token-9';
    assert.deepEqual((await childrenAt(live(signedIn), CLUSTERS)).map((n) => n.view().label), ['shop-aks']);
    assert.equal(unhandled, 0);
    scenarios++;
  });

  test('the count of fault scenarios', (t) => {
    t.diagnostic(`fault scenarios passed: ${scenarios} of ${SCENARIOS.length + 2}; unhandled rejections: ${unhandled}`);
    assert.equal(scenarios, SCENARIOS.length + 2);
    assert.equal(unhandled, 0);
  });
});

