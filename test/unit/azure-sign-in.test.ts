// The real sign-in path of the Azure view — VS Code session → credential → tenants → subscriptions → tree — with only
// `vscode.authentication` (and the settings it reads) standing in, and the Resource Manager SDK talking HTTPS to the
// fake Resource Manager on 127.0.0.1. Covers two accounts, a guest tenant, the shared subscription filter, a sovereign
// cloud, an expired session, a claims challenge, and a sign-in that is cancelled or cannot reach its sign-in host.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Module from 'node:module';
import { Agent } from 'node:https';
import { connect as tlsConnect } from 'node:tls';
import { createServer } from 'node:net';
import { FakeArm, makePki } from '../azure/fake-arm';
import { API, PATHS, SUB, SUB2, TENANT, seed } from '../azure/world';

// --- the `vscode` module as far as the Azure view and Microsoft's sign-in helper use it -------------------------------

interface Account { id: string; label: string }
interface SessionCall { providerId: string; scopes: unknown; options: Record<string, unknown> }

class EventEmitter<T> {
  private readonly listeners: ((e: T) => void)[] = [];
  readonly event = (l: (e: T) => void) => (this.listeners.push(l), { dispose() {} });
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {}
}

const settings = new Map<string, unknown>();
const auth = {
  version: '1.100.0',
  accounts: new Map<string, Account[]>(),
  calls: [] as SessionCall[],
  /** What a session request answers: a token, undefined (no session), or a thrown error. */
  answer: (_c: SessionCall, _account: Account | undefined, _tenant: string | null): string | undefined => undefined,
};

const vscodeStub = {
  get version() {
    return auth.version;
  },
  EventEmitter,
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  l10n: { t: (s: string, ...args: unknown[]) => s.replace(/\{(\d+)\}/g, (_m, i) => String(args[Number(i)])) },
  env: { shell: '/bin/bash' },
  commands: { executeCommand: async () => undefined },
  window: { showInformationMessage: async () => undefined, showWarningMessage: async () => undefined },
  workspace: {
    isTrusted: true,
    workspaceFolders: [],
    getConfiguration: (section: string) => ({
      get: <T>(key: string, fallback?: T) => (settings.has(`${section}.${key}`) ? settings.get(`${section}.${key}`) : fallback) as T,
      inspect: () => undefined,
      update: async (key: string, value: unknown) => void settings.set(`${section}.${key}`, value),
    }),
  },
  authentication: {
    getAccounts: async (providerId: string) => auth.accounts.get(providerId) ?? [],
    getSession: async (providerId: string, scopes: unknown, options: Record<string, unknown> = {}) => {
      const call = { providerId, scopes, options };
      auth.calls.push(call);
      const list = Array.isArray(scopes) ? scopes : ((scopes as { fallbackScopes?: string[] }).fallbackScopes ?? []);
      const tenant = (list.find((s: string) => s.startsWith('VSCODE_TENANT:')) ?? '').slice('VSCODE_TENANT:'.length) || null;
      const known = auth.accounts.get(providerId) ?? [];
      const account = (options.account as Account | undefined) ?? (options.createIfNone ? known[0] : undefined);
      const token = auth.answer(call, account, tenant);
      return token && account ? { id: `${account.id}-${tenant}`, accessToken: token, account, scopes: list } : undefined;
    },
    onDidChangeSessions: () => ({ dispose() {} }),
  },
};
const mod = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = mod._load;
mod._load = (request: string, ...rest: unknown[]) => (request === 'vscode' ? vscodeStub : load(request, ...rest));

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { AzureController } = require('../../src/vscode/azure/controller') as typeof import('../../src/vscode/azure/controller');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { describeTree, ErrorNode } = require('../../src/vscode/azure/tree-model') as typeof import('../../src/vscode/azure/tree-model');

// --- the estate: two accounts, three tenants, four subscriptions --------------------------------------------------------

const FABRIKAM = 'f0f0f0f0-0000-4000-8000-00000000000f';
const NORTHWIND = '0a0a0a0a-0000-4000-8000-00000000000a';
const SUB3 = '00000000-0000-4000-8000-0000000000cc';
const SUB4 = '00000000-0000-4000-8000-0000000000dd';
const dev: Account = { id: 'dev-id', label: 'dev@contoso.com' };
const ops: Account = { id: 'ops-id', label: 'ops@fabrikam.com' };

const tenant = (tenantId: string, displayName: string, defaultDomain: string) => ({ id: `/tenants/${tenantId}`, tenantId, displayName, defaultDomain, tenantCategory: 'Home' });
const subscription = (id: string, displayName: string, tenantId: string) => ({ id: `/subscriptions/${id}`, subscriptionId: id, displayName, tenantId, state: 'Enabled' });

/** Token of a session: who, which tenant (home: none), which issue of it. */
const tok = (a: Account, t: string | null, n = 1) => `${a.id}.${t ?? 'home'}.${n}`;

const pki = makePki();
const arm = new FakeArm(pki);
before(async () => {
  await arm.start();
  seed(arm);
  // dev is at home in Contoso and a guest of Fabrikam and Northwind (three tenants: two pages of GET /tenants).
  arm.listFor(tok(dev, null), '/tenants', API.subscriptions, [tenant(TENANT, 'Contoso', 'contoso.onmicrosoft.com'), tenant(FABRIKAM, 'Fabrikam', 'fabrikam.onmicrosoft.com'), tenant(NORTHWIND, 'Northwind', 'northwind.onmicrosoft.com')]);
  arm.listFor(tok(ops, null), '/tenants', API.subscriptions, [tenant(FABRIKAM, 'Fabrikam', 'fabrikam.onmicrosoft.com')]);
  arm.listFor(tok(dev, TENANT), PATHS.subscriptions, API.subscriptions, [subscription(SUB, 'shop-prod', TENANT), subscription(SUB2, 'lab', TENANT)]);
  arm.listFor(tok(dev, FABRIKAM), PATHS.subscriptions, API.subscriptions, [subscription(SUB3, 'fabrikam-dev', FABRIKAM)]);
  arm.listFor(tok(ops, FABRIKAM), PATHS.subscriptions, API.subscriptions, [subscription(SUB3, 'fabrikam-dev', FABRIKAM), subscription(SUB4, 'fabrikam-prod', FABRIKAM)]);
});
after(() => arm.stop());

/** Sessions VS Code holds: every (account, tenant) pair but dev in Northwind (a guest tenant asking for MFA). */
const holds = (a: Account | undefined, t: string | null) => !!a && !(a.id === dev.id && t === NORTHWIND);

beforeEach(() => {
  arm.reset();
  settings.clear();
  settings.set('aksIam.azure.preload', false);
  // A custom cloud whose Resource Manager is the fake; its sign-in host is the fake too (reachable).
  settings.set('microsoft-sovereign-cloud.environment', 'custom');
  settings.set('microsoft-sovereign-cloud.customEnvironment', customEnvironment(arm.endpoint, arm.endpoint));
  auth.version = '1.100.0';
  auth.calls.length = 0;
  auth.accounts = new Map([['microsoft-sovereign-cloud', [dev, ops]]]);
  auth.answer = (_c, a, t) => (holds(a, t) ? tok(a!, t) : undefined);
});

function customEnvironment(armEndpoint: string, loginEndpoint: string) {
  return {
    name: 'FakeCloud', portalUrl: 'https://portal.fake.test', managementEndpointUrl: `${armEndpoint}/`, resourceManagerEndpointUrl: `${armEndpoint}/`,
    activeDirectoryEndpointUrl: `${loginEndpoint}/`, activeDirectoryResourceId: `${armEndpoint}/`,
  };
}

const logged: string[] = [];
const log = { info: (l: string) => logged.push(l), warn: (l: string) => logged.push(l), error: (l: string) => logged.push(l), debug() {}, trace() {} };

function controller(agent: Agent = arm.agent) {
  const state = new Map<string, unknown>();
  const memento = { get: (k: string) => state.get(k), update: async (k: string, v: unknown) => void state.set(k, v), keys: () => [...state.keys()] };
  const context = { globalState: memento, workspaceState: memento, subscriptions: [] };
  return new AzureController(context as never, { log: log as never, setIdentityGraph() {}, getIndex: () => { throw new Error('no index'); }, testHooks: false, armAgent: agent });
}

type Tree = Awaited<ReturnType<typeof describeTree>>;
function at(nodes: Tree, ...labels: string[]): Tree[number] {
  let cur: Tree[number] | undefined;
  let list = nodes;
  for (const l of labels) {
    cur = list.find((n) => n.label === l);
    assert.ok(cur, `no ${l} among ${list.map((n) => n.label).join(', ')}`);
    list = cur.children ?? [];
  }
  return cur!;
}

const SHOP_CLUSTERS = new RegExp(`^/subscriptions/${SUB}/providers/microsoft.containerservice/managedclusters$`);
const bearer = (path: RegExp) => arm.log.filter((l) => path.test(l.path)).map((l) => `${l.status} ${l.authorization?.slice('Bearer '.length)}`);

describe('sign-in through VS Code sessions, accounts → tenants → subscriptions → tree', () => {
  test('two accounts and a guest tenant: every subscription once, each read with its own account and tenant', async () => {
    const c = controller();
    await c.connect(false);
    const tree = await describeTree(c.roots(), 4);
    assert.deepEqual(tree.map((n) => [n.label, n.description]), [['Azure', 'dev@contoso.com, ops@fabrikam.com · FakeCloud']]);
    assert.deepEqual(tree[0].children!.map((n) => [n.label, n.description]), [
      ['fabrikam-dev', `${SUB3} · Fabrikam · dev@contoso.com`],
      ['fabrikam-prod', `${SUB4} · Fabrikam · ops@fabrikam.com`],
      ['lab', `${SUB2} · Contoso · dev@contoso.com`],
      ['shop-prod', `${SUB} · Contoso · dev@contoso.com`],
      ['Sign in to tenant Northwind…', 'dev@contoso.com · not signed in to this tenant yet'],
    ]);
    assert.deepEqual(at(tree, 'Azure', 'shop-prod', 'AKS clusters').children!.map((n) => [n.label, n.description]), [['shop-aks', 'shop-rg · westeurope']]);
    // The tenants listing paged (3 tenants, 2 a page) with each account's home-tenant token.
    assert.deepEqual(bearer(/^\/tenants$/), ['200 dev-id.home.1', '200 dev-id.home.1', '200 ops-id.home.1']);
    // Subscriptions per (account, tenant); the clusters of shop-prod with the token of the tenant that listed it.
    assert.deepEqual(bearer(/^\/subscriptions$/), [`200 ${tok(dev, TENANT)}`, `200 ${tok(dev, FABRIKAM)}`, `200 ${tok(ops, FABRIKAM)}`]);
    assert.deepEqual(bearer(new RegExp(`${SUB}/providers/microsoft.containerservice/managedclusters$`)), [`200 ${tok(dev, TENANT)}`]);
    // Every session request named the account (no account picker) and the tenant, silently.
    const tenantCalls = auth.calls.filter((x) => (x.scopes as string[]).some((s) => s.startsWith('VSCODE_TENANT:')));
    assert.ok(tenantCalls.length > 0 && tenantCalls.every((x) => x.options.silent === true && !!x.options.account && x.providerId === 'microsoft-sovereign-cloud'));
    assert.ok(auth.calls.every((x) => (x.scopes as string[]).includes(`${arm.endpoint}/.default`)), JSON.stringify(auth.calls.map((x) => x.scopes)));
  });

  test('the tenant row signs in to that tenant with that account', async () => {
    const c = controller();
    await c.connect(false);
    const [root] = c.roots();
    const row = (await root.children()).at(-1)!.view();
    assert.deepEqual([row.label, row.icon?.id, row.contextValue, row.command?.command, row.command?.arguments], [
      'Sign in to tenant Northwind…', 'sign-in', 'tenantSignIn', 'aksIam.azure.selectTenant', [{ tenantId: NORTHWIND, accountId: dev.id }],
    ]);
    assert.match(row.tooltip!, /dev@contoso\.com belongs to tenant Northwind \(0a0a0a0a-0000-4000-8000-00000000000a, northwind\.onmicrosoft\.com\)/);
  });

  test('the shared filter azureResourceGroups.selectedSubscriptions: only its subscriptions, and tenants it does not name are not read', async () => {
    settings.set('azureResourceGroups.selectedSubscriptions', [`${TENANT}/${SUB2}`]);
    const c = controller();
    await c.connect(false);
    const tree = await describeTree(c.roots(), 1);
    assert.deepEqual(tree[0].children!.map((n) => n.label), ['lab']);
    assert.deepEqual(bearer(/^\/subscriptions$/), [`200 ${tok(dev, TENANT)}`]);
  });

  test('one account in one tenant: no tenant or account in the descriptions', async () => {
    auth.accounts = new Map([['microsoft-sovereign-cloud', [ops]]]);
    const c = controller();
    await c.connect(false);
    const tree = await describeTree(c.roots(), 1);
    assert.deepEqual(tree.map((n) => [n.label, n.description]), [['Azure', 'ops@fabrikam.com · FakeCloud']]);
    assert.deepEqual(tree[0].children!.map((n) => [n.label, n.description]), [['fabrikam-dev', SUB3], ['fabrikam-prod', SUB4]]);
  });

  test('no account with a session: the sign-in row, and nothing was sent to Resource Manager', async () => {
    auth.answer = () => undefined;
    const c = controller();
    await c.connect(false);
    const tree = await describeTree(c.roots(), 1);
    assert.deepEqual(tree.map((n) => [n.label, n.description]), [['Sign in to Azure…', 'to list clusters and managed identities'], ['Load identity snapshot…', 'az CLI output or an exported snapshot']]);
    assert.equal(arm.log.length, 0);
  });

  test('an expired session: Resource Manager rejects the token, the credential asks VS Code again and the listing completes', async () => {
    auth.accounts = new Map([['microsoft-sovereign-cloud', [dev]]]);
    // VS Code renews the session once Resource Manager has refused the old token.
    auth.answer = (_c, a, t) => (!holds(a, t) ? undefined : t === TENANT ? tok(a!, t, arm.log.some((l) => l.status === 401) ? 2 : 1) : tok(a!, t));
    arm.expireToken(tok(dev, TENANT, 1), 0);
    const c = controller();
    await c.connect(false);
    const tree = await describeTree(c.roots(), 1);
    assert.deepEqual(tree[0].children!.map((n) => n.label), ['fabrikam-dev', 'lab', 'shop-prod', 'Sign in to tenant Northwind…']);
    assert.deepEqual(bearer(/^\/subscriptions$/).slice(0, 2), [`401 ${tok(dev, TENANT, 1)}`, `200 ${tok(dev, TENANT, 2)}`]);
  });

  test('an expired session VS Code cannot renew: that tenant asks for a sign-in instead of failing the whole view', async () => {
    auth.accounts = new Map([['microsoft-sovereign-cloud', [dev]]]);
    arm.expireToken(tok(dev, TENANT), 0);
    const c = controller();
    await c.connect(false);
    const tree = await describeTree(c.roots(), 1);
    assert.deepEqual(tree[0].children!.map((n) => [n.label, n.description]), [
      ['fabrikam-dev', `${SUB3} · Fabrikam`],
      ['Sign in to tenant Contoso…', 'dev@contoso.com · not signed in to this tenant yet'],
      ['Sign in to tenant Northwind…', 'dev@contoso.com · not signed in to this tenant yet'],
    ]);
  });

  for (const version of ['1.100.0', '1.105.0']) {
    test(`a claims challenge (Conditional Access) goes back to the provider, which may prompt (VS Code ${version})`, async () => {
      auth.version = version;
      auth.accounts = new Map([['microsoft-sovereign-cloud', [dev]]]);
      const claims = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
      const challenge = `Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="${Buffer.from(claims).toString('base64')}"`;
      arm.on(SHOP_CLUSTERS, { kind: 'status', status: 401, code: 'InvalidAuthenticationToken', message: 'Continuous access evaluation resulted in challenge.', headers: { 'www-authenticate': challenge }, times: 1 });
      auth.answer = (call, a, t) => {
        if (!holds(a, t)) return undefined;
        return call.options.createIfNone || call.options.forceNewSession ? `${tok(a!, t)}.mfa` : tok(a!, t);
      };
      const c = controller();
      await c.connect(false);
      const tree = await describeTree(c.roots(), 3);
      assert.deepEqual(at(tree, 'Azure', 'shop-prod', 'AKS clusters').children!.map((n) => n.label), ['shop-aks']);
      assert.deepEqual(bearer(SHOP_CLUSTERS), [`401 ${tok(dev, TENANT)}`, `200 ${tok(dev, TENANT)}.mfa`]);
      const asked = auth.calls.filter((x) => x.options.createIfNone || x.options.forceNewSession);
      assert.equal(asked.length, 1);
      assert.equal((asked[0].options.account as Account).id, dev.id);
      if (version === '1.105.0') {
        const req = asked[0].scopes as { wwwAuthenticate: string; fallbackScopes: string[] };
        assert.match(req.wwwAuthenticate, new RegExp(`claims="${Buffer.from(claims).toString('base64')}"`));
        assert.deepEqual(req.fallbackScopes, [`${arm.endpoint}/.default`, `VSCODE_TENANT:${TENANT}`]);
      } else {
        // VS Code before 1.105 takes no challenge: a new session is forced (the sign-in satisfies the policy).
        assert.deepEqual(asked[0].scopes, [`${arm.endpoint}/.default`, `VSCODE_TENANT:${TENANT}`]);
        assert.match(String((asked[0].options.forceNewSession as { detail: string }).detail), /Conditional Access/);
      }
    });
  }

  test('a claims challenge the user cancels: a sign-in node for that level, no exception', async () => {
    auth.accounts = new Map([['microsoft-sovereign-cloud', [dev]]]);
    const challenge = `Bearer error="insufficient_claims", claims="${Buffer.from('{"access_token":{}}').toString('base64')}"`;
    arm.on(SHOP_CLUSTERS, { kind: 'status', status: 401, code: 'InvalidAuthenticationToken', message: 'challenge', headers: { 'www-authenticate': challenge }, times: 1 });
    auth.answer = (call, a, t) => {
      if (call.options.forceNewSession) throw new Error('Canceled');
      return holds(a, t) ? tok(a!, t) : undefined;
    };
    const c = controller();
    await c.connect(false);
    const [root] = c.roots();
    const shop = (await root.children()).find((n) => n.view().label === 'shop-prod')!;
    const [clusters] = await shop.children();
    const [err] = await clusters.children();
    assert.ok(err instanceof ErrorNode);
    assert.deepEqual([err.view().label, err.view().command?.command], ['Sign in to Azure to list AKS clusters', 'aksIam.azure.signIn']);
    assert.match(err.view().tooltip!, /Conditional Access\) and it did not complete: Canceled/);
  });
});

describe('clouds from microsoft-sovereign-cloud.environment', () => {
  test('US Government: its provider, its Resource Manager host and token scope, all the way to the tree', async () => {
    settings.set('microsoft-sovereign-cloud.environment', 'USGovernment');
    settings.delete('microsoft-sovereign-cloud.customEnvironment');
    const gov: Account = { id: 'gov-id', label: 'admin@agency.onmicrosoft.us' };
    auth.accounts = new Map([['microsoft-sovereign-cloud', [gov]], ['microsoft', [dev]]]);
    arm.listFor(tok(gov, null), '/tenants', API.subscriptions, [tenant(TENANT, 'Agency', 'agency.onmicrosoft.us')]);
    arm.listFor(tok(gov, TENANT), PATHS.subscriptions, API.subscriptions, [subscription(SUB, 'shop-prod', TENANT)]);
    // Connections to the cloud's real host land on the fake (certificate checked against the fake's CA, not its name).
    const hosts: string[] = [];
    const port = Number(new URL(arm.endpoint).port);
    const mapped = new Agent({ keepAlive: false });
    (mapped as unknown as { createConnection: (o: { host: string }) => unknown }).createConnection = (o) => {
      hosts.push(o.host);
      return tlsConnect({ host: '127.0.0.1', port, ca: pki.ca, servername: 'localhost', checkServerIdentity: () => undefined });
    };
    try {
      const c = controller(mapped);
      await c.connect(false);
      const tree = await describeTree(c.roots(), 3);
      assert.deepEqual(tree.map((n) => [n.label, n.description]), [['Azure', 'admin@agency.onmicrosoft.us · AzureUSGovernment']]);
      assert.deepEqual(at(tree, 'Azure', 'shop-prod', 'AKS clusters').children!.map((n) => n.label), ['shop-aks']);
      assert.ok(hosts.length > 0 && hosts.every((h) => h === 'management.usgovcloudapi.net'), hosts.join(', '));
      assert.ok(auth.calls.every((x) => x.providerId === 'microsoft-sovereign-cloud'));
      assert.ok(auth.calls.every((x) => (x.scopes as string[])[0] === 'https://management.usgovcloudapi.net/.default'), JSON.stringify(auth.calls.map((x) => x.scopes)));
      assert.ok(!auth.calls.some((x) => (x.options.account as Account | undefined)?.id === dev.id), 'the public-cloud account is not used');
    } finally {
      mapped.destroy();
    }
  });

  test('a custom cloud chosen but not configured: the tree says what to set', async () => {
    settings.delete('microsoft-sovereign-cloud.customEnvironment');
    const c = controller();
    await c.connect(false);
    const [v] = c.roots().map((n) => n.view());
    assert.deepEqual([v.label, v.description], ['Sign in to Azure…', 'The custom cloud choice is not configured. Please configure the setting `microsoft-sovereign-cloud.customEnvironment`.']);
  });
});

describe('an interactive sign-in that does not complete', () => {
  test('cancelled: the tree says so and offers to sign in again', async () => {
    auth.answer = (call) => {
      if (call.options.createIfNone) throw new Error('Canceled');
      return undefined;
    };
    const c = controller();
    await c.signIn();
    const tree = await describeTree(c.roots(), 0);
    assert.deepEqual(tree[0], { label: 'Sign-in to Azure was cancelled', description: 'click to sign in again', contextValue: 'signIn signInCancelled', icon: 'circle-slash' });
    assert.equal(c.roots()[0].view().command?.command, 'aksIam.azure.signIn');
    const interactive = auth.calls.find((x) => x.options.createIfNone)!;
    assert.equal(interactive.options.clearSessionPreference, true, 'the account picker is shown');
  });

  test('the sign-in host cannot be reached: the tree names it instead of a bare "Canceled"', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    settings.set('microsoft-sovereign-cloud.customEnvironment', customEnvironment(arm.endpoint, `https://127.0.0.1:${port}`));
    auth.answer = (call) => {
      if (call.options.createIfNone) throw new Error('Canceled');
      return undefined;
    };
    const c = controller();
    await c.signIn();
    const [v] = c.roots().map((n) => n.view());
    assert.deepEqual([v.label, v.description, v.icon?.id, v.command?.command], [`Cannot reach 127.0.0.1:${port} — offline or blocked by a proxy`, 'click to sign in again', 'debug-disconnect', 'aksIam.azure.signIn']);
    assert.match(v.tooltip!, /ECONNREFUSED; the sign-in said: Canceled/);
  });

  test('a completed sign-in lists the accounts that have a session', async () => {
    const c = controller();
    await c.signIn();
    assert.deepEqual(c.roots().map((n) => [n.view().label, n.view().description]), [['Azure', 'dev@contoso.com, ops@fabrikam.com · FakeCloud']]);
  });
});

describe('why a sign-in did not complete', () => {
  test('the public cloud\'s sign-in host unreachable: named as such, whatever the provider said', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { signInOutcome } = require('../../src/vscode/azure/sign-in-model') as typeof import('../../src/vscode/azure/sign-in-model');
    const probed: string[] = [];
    const offline = await signInOutcome(new Error('Canceled'), 'login.microsoftonline.com', async (h) => (probed.push(h), 'ENOTFOUND'));
    assert.deepEqual(offline, { status: 'unreachable', host: 'login.microsoftonline.com', detail: 'ENOTFOUND; the sign-in said: Canceled' });
    assert.deepEqual(probed, ['login.microsoftonline.com']);
    assert.deepEqual(await signInOutcome(new Error('User did not consent to login.'), 'login.microsoftonline.com', async () => null), { status: 'cancelled' });
    assert.deepEqual(await signInOutcome(new Error('Timed out waiting for authentication provider'), 'login.microsoftonline.us', async () => null), { status: 'unavailable', reason: 'Timed out waiting for authentication provider' });
  });
});

describe('listing tenants can be cancelled', () => {
  test('an abort while GET /tenants hangs ends the listing as cancelled, with nothing listed', async () => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { AzureDirectory } = require('../../src/vscode/azure/accounts') as typeof import('../../src/vscode/azure/accounts');
    const { createClients } = require('../../src/azure/clients') as typeof import('../../src/azure/clients');
    const { NO_FILTER } = require('../../src/vscode/azure/subscription-filter') as typeof import('../../src/vscode/azure/subscription-filter');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const broker = { accounts: async () => [dev], token: async (a: Account, t: string | null) => ({ token: tok(a, t), expiresOnTimestamp: Date.now() + 60_000 }) };
    const directory = new AzureDirectory(broker, (credential) => createClients({ credential, endpoint: arm.endpoint, agent: arm.agent }), NO_FILTER, `${arm.endpoint}/.default`);
    arm.on(/^\/tenants$/, { kind: 'hang' });
    const ctl = new AbortController();
    const opened = arm.nextRequest(/^\/tenants$/);
    const listing = directory.listTenants(ctl.signal);
    await opened;
    ctl.abort();
    const r = await listing;
    assert.deepEqual(r, { ok: false, error: { kind: 'cancelled', message: 'cancelled' } });
    arm.reset();
    const again = await directory.listTenants(new AbortController().signal);
    assert.ok(again.ok);
    assert.deepEqual(again.value.map((t) => [t.name, t.signedIn]), [['Contoso', true], ['Fabrikam', true], ['Northwind', true]]);
  });
});
