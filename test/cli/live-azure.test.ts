import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { FakeArm, makePki } from '../azure/fake-arm';
import { FakeLogin } from '../azure/fake-login';
import { API, PATHS, SUB, SUB2, TENANT, seed } from '../azure/world';
import { main } from '../../src/cli/main';
import type { Io } from '../../src/cli/io';
import { tempWorkspace } from '../support/temp-workspace';
import { assertBuilt } from './built';

/**
 * The built CLI reading live Azure: DefaultAzureCredential of @azure/identity signs in against the fake token
 * endpoint (AZURE_AUTHORITY_HOST), the Azure CLI or a workload identity token file, then the real SDK clients
 * read the fake Resource Manager. The child process trusts the fake's CA as a user behind a TLS-inspecting
 * proxy would: NODE_EXTRA_CA_CERTS. Nothing leaves 127.0.0.1.
 */

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const CLIENT_ID = '3c3c3c3c-0000-4000-8000-0000000000c1';
const OBJECT_ID = '0f0f0f0f-0000-4000-8000-0000000000c1';
const SECRET = 'client-secret-5b1f0a9e7c2d4e8f';
/** A GitHub OIDC token as azure/login leaves it in the token file (its own header, so it shares no prefix with the issued tokens). */
const FEDERATED = `${Buffer.from('{"kid":"gh-oidc","alg":"RS256"}').toString('base64url')}.${Buffer.from('{"sub":"repo:contoso/shop:ref:refs/heads/main"}').toString('base64url')}.federated-sig-77aa0c`;
const OTHER_TENANT = '4a4a4a4a-0000-4000-8000-00000000004a';

const pki = makePki();
const arm = new FakeArm(pki);
const login = new FakeLogin({ tenant: TENANT, clientId: CLIENT_ID, secret: SECRET, assertion: FEDERATED, objectId: OBJECT_ID });
let home: string;
let closedPort: number;

const MANIFESTS = {
  'sa.yaml': [
    'apiVersion: v1',
    'kind: ServiceAccount',
    'metadata:',
    '  name: api',
    '  namespace: shop',
    '  annotations:',
    '    azure.workload.identity/client-id: 6b6b6b6b-0000-4000-8000-000000000001',
    '---',
    'apiVersion: v1',
    'kind: ServiceAccount',
    'metadata:',
    '  name: batch',
    '  namespace: shop',
    '  annotations:',
    '    azure.workload.identity/client-id: 6b6b6b6b-0000-4000-8000-000000000003',
    '---',
    'apiVersion: v1',
    'kind: ServiceAccount',
    'metadata:',
    '  name: ghost',
    '  namespace: shop',
    '  annotations:',
    '    azure.workload.identity/client-id: 99999999-0000-4000-8000-000000000009',
    '',
  ].join('\n'),
};
let ws: string;

interface Run { code: number | null; out: string; err: string; ms: number }

/** Runs dist/cli.js with only the environment given (plus PATH without az, HOME and the fake's CA). */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ws,
      env: { PATH: join(home, 'bin'), HOME: home, NODE_EXTRA_CA_CERTS: join(home, 'ca.pem'), ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => void (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => void (err += d.toString('utf8')));
    const timer = setTimeout(() => child.kill(), 90_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, out, err, ms: Date.now() - started });
    });
  });
}

/** A service principal with a client secret, as environment variables (EnvironmentCredential). */
const secretEnv = (): Record<string, string> => ({ AZURE_AUTHORITY_HOST: arm.endpoint, AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT_ID, AZURE_CLIENT_SECRET: SECRET });
/** Workload identity federation as azure/login or a pod sets it up: a token file instead of a secret. */
const federatedEnv = (): Record<string, string> => ({ AZURE_AUTHORITY_HOST: arm.endpoint, AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT_ID, AZURE_FEDERATED_TOKEN_FILE: join(home, 'federated-token') });
const live = (): string[] => ['--arm-endpoint', arm.endpoint];

/** A stand-in `az` on PATH: logs its arguments, prints a file, exits with a status (what AzureCliCredential runs). */
function fakeAz(stdout: string, status: number, stderr = ''): void {
  writeFileSync(join(home, 'az-out'), stdout);
  writeFileSync(join(home, 'az-err'), stderr);
  writeFileSync(join(home, 'bin', 'az'), `#!/bin/sh\nprintf '%s\\n' "$*" >> "${join(home, 'az-args')}"\n/bin/cat "${join(home, 'az-out')}"\n/bin/cat "${join(home, 'az-err')}" >&2\nexit ${status}\n`);
  chmodSync(join(home, 'bin', 'az'), 0o755);
  writeFileSync(join(home, 'az-args'), '');
}

/** The role assignments world.ts seeds for SUB, as the fake serves them. */
function seededAssignments(): Record<string, unknown>[] {
  let items: Record<string, unknown>[] = [];
  seed({ list: (path: string, _v: string, list: Record<string, unknown>[]) => void (path === PATHS.assignments(SUB) && (items = list)), single: () => undefined } as unknown as FakeArm);
  return items;
}

function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

before(async () => {
  assertBuilt();
  await arm.start();
  seed(arm);
  arm.login = login;
  home = tempWorkspace({ 'ca.pem': pki.ca, 'federated-token': FEDERATED, 'bin/.keep': '' }, 'aks-iam-live-');
  ws = tempWorkspace(MANIFESTS, 'aks-iam-live-ws-');
  closedPort = await freePort();
});
after(() => arm.stop());
beforeEach(() => {
  rmSync(join(home, 'bin', 'az'), { force: true });
  arm.reset();
  login.requests.length = 0;
  login.failWith = null;
});

const CHECK_OUT = (sub = SUB) => [
  'Cluster shop-aks (resource group shop-rg, node resource group MC_shop-rg_shop-aks_westeurope)',
  '',
  'Control-plane identity (SystemAssigned, object id 11111111-0000-4000-8000-000000000001)',
  '  ✓ Subnet vnet/aks (resource group net-rg)',
  `      scope: /subscriptions/${sub}/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aks`,
  `      ✓ Microsoft.Network/virtualNetworks/subnets/read         granted by Network Contributor at /subscriptions/${sub}/resourceGroups/net-rg`,
  `      ✓ Microsoft.Network/virtualNetworks/subnets/join/action  granted by Network Contributor at /subscriptions/${sub}/resourceGroups/net-rg`,
  '  ✓ Route table aks-routes (resource group net-rg)',
  `      scope: /subscriptions/${sub}/resourceGroups/net-rg/providers/Microsoft.Network/routeTables/aks-routes`,
  `      ✓ Microsoft.Network/routeTables/routes/read   granted by Network Contributor at /subscriptions/${sub}/resourceGroups/net-rg`,
  `      ✓ Microsoft.Network/routeTables/routes/write  granted by Network Contributor at /subscriptions/${sub}/resourceGroups/net-rg`,
  '  ✓ Network security group aks-nsg (resource group net-rg)',
  `      scope: /subscriptions/${sub}/resourceGroups/net-rg/providers/Microsoft.Network/networkSecurityGroups/aks-nsg`,
  `      ✓ Microsoft.Network/networkSecurityGroups/write  granted by Network Contributor at /subscriptions/${sub}/resourceGroups/net-rg`,
  `      ✓ Microsoft.Network/networkSecurityGroups/read   granted by Network Contributor at /subscriptions/${sub}/resourceGroups/net-rg`,
  '  ~ Node resource group MC_shop-rg_shop-aks_westeurope (AKS grants these): 43 permissions assumed (AKS gives its control-plane identity Contributor on the node resource group; --all lists them)',
  '',
  'Kubelet identity (shop-aks-agentpool, object id 22222222-0000-4000-8000-0000000000b2)',
  '  no requirement applies (no attached registry found; name one with --acr)',
  '',
  'No required permission is missing',
  '',
].join('\n');

describe('signing in', () => {
  test('a client secret in the environment: check-cluster reads the cluster and role assignments live, exit 0', async () => {
    const r = await cli(['check-cluster', 'shop-aks', '--subscription', SUB, ...live()], secretEnv());
    assert.equal(r.out, CHECK_OUT());
    assert.equal(r.err, `aks-iam: read from ${arm.endpoint}: 1 subscription, 1 AKS cluster, 3 managed identities, 4 role assignments\n`);
    assert.equal(r.code, 0);
    // One token, for the Resource Manager's scope, from the tenant and client given; every ARM call carried it.
    assert.deepEqual(login.requests, [{ tenant: TENANT, clientId: CLIENT_ID, scope: `${arm.endpoint}/.default`, proof: 'secret', accepted: true }]);
    const token = login.issued[login.issued.length - 1];
    assert.ok(arm.log.length >= 6);
    assert.deepEqual([...new Set(arm.log.map((l) => l.authorization))], [`Bearer ${token}`]);
    assert.equal(arm.log[0].path, `/subscriptions/${SUB}`, 'the subscription is read first');
    assert.equal(arm.log.filter((l) => l.path.includes('federatedidentitycredentials')).length, 0, 'check-cluster needs no federated credentials');
  });

  test('a cluster named by resource id needs no --subscription', async () => {
    const id = `/subscriptions/${SUB}/resourceGroups/shop-rg/providers/Microsoft.ContainerService/managedClusters/shop-aks`;
    const r = await cli(['check-cluster', id, ...live()], secretEnv());
    assert.equal(r.out, CHECK_OUT());
    assert.equal(r.code, 0);
  });

  test('the subnet\'s route table and NSG and the subscription\'s registries are read too: --acr by name, a missing grant exits 1', async () => {
    const granted = await cli(['check-cluster', 'shop-aks', '--subscription', SUB, '--acr', 'shopacr', ...live()], secretEnv());
    assert.equal(granted.code, 0);
    assert.match(granted.out, /\n {2}✓ Pull images from registry shopacr\n {6}scope: \/subscriptions\/[^/]+\/resourceGroups\/shop-rg\/providers\/Microsoft\.ContainerRegistry\/registries\/shopacr\n {6}✓ Microsoft\.ContainerRegistry\/registries\/pull\/read {2}granted by AcrPull at \/subscriptions\/[^/\n]+\n/);
    // The network team's Network Contributor grant is gone: the subnet, route table and NSG rows fail.
    const all = seededAssignments();
    arm.list(PATHS.assignments(SUB), API.authz, all.slice(1));
    try {
      const r = await cli(['check-cluster', 'shop-aks', '--subscription', SUB, '--shell', 'bash', ...live()], secretEnv());
      assert.equal(r.code, 1);
      const lines = r.out.split('\n');
      assert.deepEqual(lines.filter((l) => /^ {2}[✓✗~] /.test(l)), [
        '  ✗ Subnet vnet/aks (resource group net-rg)',
        '  ✗ Route table aks-routes (resource group net-rg)',
        '  ✗ Network security group aks-nsg (resource group net-rg)',
        '  ~ Node resource group MC_shop-rg_shop-aks_westeurope (AKS grants these): 43 permissions assumed (AKS gives its control-plane identity Contributor on the node resource group; --all lists them)',
      ]);
      assert.ok(lines.includes(`      fix (Network Contributor): az role assignment create --assignee-object-id 11111111-0000-4000-8000-000000000001 --assignee-principal-type ServicePrincipal --role 'Network Contributor' --scope ${PATHS.subnet}`));
      assert.equal(lines[lines.length - 2], '6 missing permissions');
    } finally {
      arm.list(PATHS.assignments(SUB), API.authz, all);
    }
  });

  test('a cluster or registry that is not there names the subscription read, exit 2', async () => {
    const r = await cli(['check-cluster', 'shop-aks-old', '--subscription', SUB, ...live()], secretEnv());
    assert.equal(r.err, `aks-iam: read from ${arm.endpoint}: 1 subscription, 1 AKS cluster, 3 managed identities, 4 role assignments\naks-iam: no cluster named shop-aks-old in subscription ${SUB} (it has shop-aks)\n`);
    assert.equal(r.code, 2);
    const acr = await cli(['check-cluster', 'shop-aks', '--subscription', SUB, '--acr', 'shopacr', '--acr', 'labacr', ...live()], secretEnv());
    assert.equal(acr.err.split('\n')[1], `aks-iam: no container registry named labacr in subscription ${SUB}; pass its resource id for a registry elsewhere`);
    assert.equal(acr.code, 2);
  });

  test('a subnet the credential may not read is named on stderr and left out of the check', async () => {
    arm.on(/\/subnets\/aks$/, { kind: 'status', status: 403, code: 'AuthorizationFailed', message: `The client '${OBJECT_ID}' with object id '${OBJECT_ID}' does not have authorization to perform action 'Microsoft.Network/virtualNetworks/subnets/read' over scope '${PATHS.subnet}' or the scope is invalid.` });
    const r = await cli(['check-cluster', 'shop-aks', '--subscription', SUB, ...live()], secretEnv());
    assert.equal(r.err, [
      `aks-iam: cannot read subnet ${PATHS.subnet} (permission denied: no Microsoft.Network/virtualNetworks/subnets/read); its route table and network security group are not checked`,
      `aks-iam: read from ${arm.endpoint}: 1 subscription, 1 AKS cluster, 3 managed identities, 4 role assignments`,
      '',
    ].join('\n'));
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.out, /Route table|Network security group/);
  });

  test('workload identity federation (a token file, as azure/login and AKS pods leave it): lint --azure, exit 1 on the findings', async () => {
    const r = await cli(['lint', '--azure', '--format', 'json', ...live()], federatedEnv());
    assert.equal(r.err, `aks-iam: read from ${arm.endpoint}: 2 subscriptions, 1 AKS cluster, 3 managed identities, 4 federated credentials, 4 role assignments\n`);
    const report = JSON.parse(r.out) as { findings: { ruleId: string; file: string; range: { start: { line: number } }; message: string }[] };
    assert.deepEqual(report.findings.map((f) => [f.ruleId, f.file, f.range.start.line]), [
      ['wi-federation-missing', 'sa.yaml', 14],
      ['wi-unknown-client-id', 'sa.yaml', 22],
    ]);
    assert.match(report.findings[0].message, /id-batch/);
    assert.match(report.findings[1].message, /99999999-0000-4000-8000-000000000009/);
    assert.equal(r.code, 0, 'a warning and an info stay below the default --fail-on error');
    assert.deepEqual(login.requests.map((q) => [q.proof, q.accepted, q.scope]), [['assertion', true, `${arm.endpoint}/.default`]]);
  });

  test('az login on a laptop: the Azure CLI gives the token for the Resource Manager of the run', async () => {
    const token = 'eyJ0eXAiOiJKV1QifQ.eyJ0aWQiOiI3MmY5ODhiZi0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDEifQ.az-cli-sig';
    fakeAz(JSON.stringify({ accessToken: token, expiresOn: '2099-01-01 00:00:00.000000', expires_on: 4070908800, subscription: SUB, tenant: TENANT, tokenType: 'Bearer' }), 0);
    const r = await cli(['check-cluster', 'shop-rg/shop-aks', '--subscription', SUB, ...live()], { AZURE_TOKEN_CREDENTIALS: 'dev' });
    assert.equal(r.out, CHECK_OUT());
    assert.equal(r.code, 0);
    assert.deepEqual(readFileSync(join(home, 'az-args'), 'utf8').trim().split('\n'), [`account get-access-token --output json --resource ${arm.endpoint}`], 'az ran once for the whole run');
    assert.deepEqual([...new Set(arm.log.map((l) => l.authorization))], [`Bearer ${token}`]);
  });
});

describe('snapshot export', () => {
  test('writes the snapshot format; lint --snapshot and check-cluster --snapshot of it print what the live runs print', async () => {
    const file = join(ws, 'estate.json');
    const exp = await cli(['snapshot', 'export', '--subscription', SUB, '--subscription', SUB2, '-o', 'estate.json', ...live()], secretEnv());
    assert.equal(exp.err, `aks-iam: read from ${arm.endpoint}: 2 subscriptions, 1 AKS cluster, 3 managed identities, 4 federated credentials, 4 role assignments\naks-iam: wrote the snapshot to estate.json\n`);
    assert.equal(exp.out, '');
    assert.equal(exp.code, 0);
    const snap = JSON.parse(readFileSync(file, 'utf8')) as { kind: string; version: number; graph: { identities: { name: string; federatedCredentials: unknown[] }[]; roleDefinitions: { roleName: string }[] } };
    assert.deepEqual([snap.kind, snap.version], ['aks-iam/identity-snapshot', 1]);
    assert.deepEqual(snap.graph.identities.map((i) => [i.name, i.federatedCredentials.length]), [['id-api', 3], ['id-web', 1], ['id-batch', 0]]);
    assert.deepEqual(snap.graph.roleDefinitions.map((d) => d.roleName), ['Shop Secrets Reader', 'Platform Identity Auditor'], 'the custom roles the assignments use');

    const viaAzure = await cli(['lint', '--azure', ...live()], secretEnv());
    const viaSnapshot = await cli(['lint', '--snapshot', 'estate.json', 'sa.yaml']);
    assert.equal(viaSnapshot.err, '');
    assert.equal(viaSnapshot.out, viaAzure.out);
    assert.match(viaAzure.out, /wi-federation-missing/);
    assert.equal(viaSnapshot.code, viaAzure.code);
    const check = await cli(['check-cluster', 'shop-aks', '--snapshot', 'estate.json']);
    assert.equal(check.out, CHECK_OUT());
  });

  test('to standard output without -o', async () => {
    const r = await cli(['snapshot', 'export', '--subscription', SUB2, ...live()], secretEnv());
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.out), { kind: 'aks-iam/identity-snapshot', version: 1, graph: { source: 'azure', subscriptions: [{ id: SUB2, name: 'lab', tenantId: TENANT }], clusters: [], identities: [], roleAssignments: [] } });
  });
});

const HOW = 'sign in with az login, set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, or in CI use workload identity federation (azure/login with OIDC in GitHub Actions, a workload identity service connection in Azure Pipelines)';

describe('what goes wrong, in one line and an exit code', () => {
  test('no credential at all: what was tried and how to sign in, exit 3', async () => {
    const r = await cli(['lint', '--azure', ...live()], { AZURE_TOKEN_CREDENTIALS: 'dev' });
    assert.equal(r.err, `aks-iam: no Azure credential found (tried VS Code, Azure CLI (not installed), Azure PowerShell, Azure Developer CLI); ${HOW}\n`);
    assert.equal(r.out, '');
    assert.equal(r.code, 3);
    assert.equal(arm.log.length, 0);
  });

  test('the Azure CLI is installed but nobody signed in', async () => {
    fakeAz('', 1, "ERROR: Please run 'az login' to setup account.\n");
    const r = await cli(['check-cluster', 'shop-aks', '--subscription', SUB, ...live()], { AZURE_TOKEN_CREDENTIALS: 'AzureCliCredential' });
    assert.equal(r.err, `aks-iam: no Azure credential found (tried Azure CLI (not signed in)); ${HOW}\n`);
    assert.equal(r.code, 3);
  });

  test('Entra ID refuses the secret: its AADSTS reason, never the secret, exit 3', async () => {
    const r = await cli(['lint', '--azure', ...live()], { ...secretEnv(), AZURE_CLIENT_SECRET: 'wrong-secret-value-1234' });
    assert.equal(r.err, 'aks-iam: sign-in failed (EnvironmentCredential): AADSTS7000215: Invalid client secret provided; check the tenant, client id and secret, certificate or federated credential the credential uses, or sign in again with az login\n');
    assert.equal(r.code, 3);
    assert.doesNotMatch(r.err, /wrong-secret/);
  });

  test('a subscription of another tenant: which tenant holds it and how to sign in there, exit 3', async () => {
    arm.on(new RegExp(`^/subscriptions/${SUB}$`), { kind: 'status', status: 401, code: 'InvalidAuthenticationTokenTenant', message: `The access token is from the wrong issuer 'https://sts.windows.net/${TENANT}/'. It must match the tenant 'https://sts.windows.net/${OTHER_TENANT}/' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/${OTHER_TENANT}' to get the token.` });
    const r = await cli(['check-cluster', 'shop-aks', '--subscription', SUB, ...live()], secretEnv());
    assert.equal(r.err, `aks-iam: subscription ${SUB} belongs to tenant ${OTHER_TENANT}, not to tenant ${TENANT} the credential signed in to; sign in to its tenant (az login --tenant ${OTHER_TENANT}, or AZURE_TENANT_ID=${OTHER_TENANT} for a service principal or workload identity)\n`);
    assert.equal(r.code, 3);
  });

  test('a subscription the signed-in tenant does not have, exit 3', async () => {
    const missing = '00000000-0000-4000-8000-0000000000cc';
    arm.on(new RegExp(`^/subscriptions/${missing}$`), { kind: 'status', status: 404, code: 'SubscriptionNotFound', message: `The subscription '${missing}' could not be found.` });
    const r = await cli(['snapshot', 'export', '--subscription', missing, '-o', 'never.json', ...live()], secretEnv());
    assert.equal(r.err, `aks-iam: subscription ${missing} was not found in tenant ${TENANT} the credential signed in to; check the id (az account list shows yours) or sign in to the subscription's tenant (az login --tenant <tenant id>)\n`);
    assert.equal(r.code, 3);
    assert.throws(() => readFileSync(join(ws, 'never.json')), /ENOENT/);
  });

  test('a credential that sees no subscription at all (signed in to the wrong tenant), exit 3', async () => {
    arm.list(PATHS.subscriptions, API.subscriptions, []);
    try {
      const r = await cli(['lint', '--azure', ...live()], secretEnv());
      assert.equal(r.err, `aks-iam: the credential sees no subscription in tenant ${TENANT}; sign in to the tenant that holds yours (az login --tenant <tenant id>) or ask for Reader on one\n`);
      assert.equal(r.code, 3);
    } finally {
      seed(arm);
    }
  });

  test('403: the missing permission and its scope, exit 3', async () => {
    const scope = `/subscriptions/${SUB}`;
    arm.on(/userassignedidentities$/, { kind: 'status', status: 403, code: 'AuthorizationFailed', message: `The client '${OBJECT_ID}' with object id '${OBJECT_ID}' does not have authorization to perform action 'Microsoft.ManagedIdentity/userAssignedIdentities/read' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.` });
    const r = await cli(['lint', '--azure', '--subscription', SUB, ...live()], secretEnv());
    assert.equal(r.err, `aks-iam: permission denied listing managed identities of subscription ${SUB}: the signed-in identity does not have Microsoft.ManagedIdentity/userAssignedIdentities/read on ${scope}; assign it a role that grants this there (Reader grants every read aks-iam makes)\n`);
    assert.equal(r.out, '', 'no lint report from half the data');
    assert.equal(r.code, 3);
  });

  test('429 with Retry-After: waited as asked, then the run goes on', async () => {
    arm.on(/roleassignments$/, { kind: 'status', status: 429, code: 'TooManyRequests', message: 'Too many requests.', headers: { 'retry-after': '1' }, times: 1 });
    const r = await cli(['check-cluster', 'shop-aks', '--subscription', SUB, '--verbose', ...live()], secretEnv());
    assert.equal(r.out, CHECK_OUT());
    assert.equal(r.code, 0);
    const lines = r.err.split('\n').filter((l) => /roleAssignments\?/.test(l));
    assert.match(lines[0], new RegExp(`^aks-iam: GET /subscriptions/${SUB}/providers/Microsoft\\.Authorization/roleAssignments\\?api-version=${API.authz} -> 429 \\(Retry-After 1\\) in \\d+ ms$`));
    assert.match(lines[1], / -> 200 in \d+ ms$/);
    const at = (i: number) => arm.log.findIndex((l, k) => k >= i && l.path === PATHS.assignments(SUB).toLowerCase());
    assert.equal(arm.log[at(0)].status, 429);
    assert.equal(arm.log[at(at(0) + 1)].status, 200);
    assert.ok(r.ms >= 1000, `the retry waited the second Retry-After asked (run took ${r.ms} ms)`);
  });

  test('429 that persists: a clear message after the retries, exit 4', async () => {
    arm.on(/managedclusters$/, { kind: 'status', status: 429, code: 'TooManyRequests', message: 'Too many requests.', headers: { 'retry-after': '1' } });
    const r = await cli(['lint', '--azure', '--subscription', SUB, ...live()], secretEnv());
    assert.equal(r.err, `aks-iam: Azure Resource Manager is still throttling requests listing AKS clusters of subscription ${SUB} after 3 retries that waited as it asked; try again in 1 s\n`);
    assert.equal(r.code, 4);
    assert.equal(arm.log.filter((l) => l.status === 429).length, 4, 'the first try and 3 retries');
  });

  test('429 asking for longer than the CLI waits ends at once, exit 4', async () => {
    arm.on(/managedclusters$/, { kind: 'status', status: 429, code: 'TooManyRequests', message: 'Too many requests.', headers: { 'retry-after': '600' } });
    const r = await cli(['lint', '--azure', '--subscription', SUB, ...live()], secretEnv());
    assert.equal(r.err, `aks-iam: Azure Resource Manager is throttling requests listing AKS clusters of subscription ${SUB} and asks to wait 600 s, longer than aks-iam waits (30 s); try again later\n`);
    assert.equal(r.code, 4);
    assert.equal(arm.log.filter((l) => l.status === 429).length, 1, 'no retry, no sleep');
  });

  test('Resource Manager unreachable: offline or blocked, exit 4', async () => {
    const endpoint = `https://127.0.0.1:${closedPort}`;
    const r = await cli(['lint', '--azure', '--subscription', SUB, '--arm-endpoint', endpoint], secretEnv());
    assert.equal(r.err, `aks-iam: cannot reach Azure Resource Manager at ${endpoint} reading subscription ${SUB} (connect ECONNREFUSED 127.0.0.1:${closedPort}): offline, or blocked by a proxy or firewall\n`);
    assert.equal(r.code, 4);
  });

  test('the sign-in endpoint unreachable, exit 4', async () => {
    const host = `https://127.0.0.1:${closedPort}`;
    const r = await cli(['lint', '--azure', ...live()], { ...secretEnv(), AZURE_AUTHORITY_HOST: host });
    assert.equal(r.err, `aks-iam: cannot reach the sign-in endpoint ${host} (EnvironmentCredential): offline, or blocked by a proxy or firewall\n`);
    assert.equal(r.code, 4);
  });
});

describe('no token or secret in any output', () => {
  /** The token, secret or assertion, or any 16 characters of them. */
  function leaks(text: string): string[] {
    const found: string[] = [];
    for (const [name, value] of [['client secret', SECRET], ['federated token', FEDERATED], ...login.issued.map((t, i) => [`access token ${i}`, t])]) {
      for (let i = 0; i + 16 <= value.length; i++) if (text.includes(value.slice(i, i + 16))) found.push(`${name} part at ${i}`);
    }
    if (/\bbearer\s+\S{8}/i.test(text)) found.push('Bearer value');
    return found;
  }

  test('--verbose and the SDK\'s own AZURE_LOG_LEVEL=verbose, on success and on an ARM error that echoes the token', async () => {
    arm.on(/managedclusters$/, { kind: 'echo-token', status: 403, times: 1 });
    const runs = [
      await cli(['lint', '--azure', '--verbose', ...live()], { ...secretEnv(), AZURE_LOG_LEVEL: 'verbose' }),
      await cli(['snapshot', 'export', '--verbose', ...live()], { ...federatedEnv(), AZURE_LOG_LEVEL: 'verbose' }),
      await cli(['check-cluster', 'shop-aks', '--subscription', SUB, '--verbose', ...live()], { ...secretEnv(), AZURE_LOG_LEVEL: 'verbose' }),
    ];
    assert.equal(runs[0].code, 3, 'the echoing 403 ends the first run');
    assert.deepEqual(runs.slice(1).map((r) => r.code), [0, 0]);
    assert.ok(login.issued.length >= 3);
    for (const r of runs) {
      assert.deepEqual(leaks(r.out + r.err), []);
      assert.match(r.err, new RegExp(`^aks-iam: cloud AzureCloud: Resource Manager ${arm.endpoint}, sign-in ${arm.endpoint}, token scope ${arm.endpoint}/.default$`, 'm'));
      assert.match(r.err, new RegExp(`^aks-iam: signed in to tenant ${TENANT} as object ${OBJECT_ID}; token valid until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC$`, 'm'));
    }
    assert.ok(runs[0].err.split('\n').length > 10, 'the SDK logged too');
  });
});

describe('usage', () => {
  test('usage: --azure with --snapshot, a subscription that is no id, an unknown cloud, no source for check-cluster (exit 2)', async () => {
    const cases: [string[], string][] = [
      [['lint', '--azure', '--snapshot', 'x.json'], 'aks-iam lint: --azure and --snapshot exclude each other: the cloud rules read one source\n'],
      [['lint', '--subscription', SUB], 'aks-iam lint: --subscription, --cloud and --arm-endpoint go with --azure\n'],
      [['lint', '--azure', '--subscription', 'shop-prod'], 'aks-iam lint: --subscription takes a subscription id (a GUID, as az account list shows), not "shop-prod"\n'],
      [['snapshot', 'export', '--cloud', 'AzureGermanCloud'], 'aks-iam snapshot: --cloud must be AzureCloud, AzureChinaCloud or AzureUSGovernment, not "AzureGermanCloud"\n'],
      [['check-cluster', 'shop-aks'], 'aks-iam check-cluster: --subscription <id> (read from Azure) or --snapshot <file|dir> (saved az aks show and az role assignment list --all output) is required\n'],
      [['check-cluster', 'shop-aks', '--subscription', SUB, '--snapshot', 'x.json'], 'aks-iam check-cluster: --snapshot and --subscription exclude each other: read the cluster from a snapshot or from Azure\n'],
      [['snapshot', 'export', '-o', 'no-such-folder/x.json'], 'aks-iam: cannot write no-such-folder/x.json: no such folder no-such-folder\n'],
      [['snapshot'], 'aks-iam snapshot: missing subcommand: aks-iam snapshot export\n'],
    ];
    for (const [args, err] of cases) {
      let out = '';
      let said = '';
      const io: Io = { out: (t) => void (out += t), err: (t) => void (said += t), isTTY: false, cwd: ws };
      const code = await main(args, io);
      assert.deepEqual([code, said, out], [2, err, ''], args.join(' '));
    }
    assert.equal(arm.log.length + login.requests.length, 0, 'nothing signed in or read');
  });
});
