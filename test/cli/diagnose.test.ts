import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempWorkspace } from '../support/temp-workspace';
import { assertBuilt } from './built';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const WS = join(ROOT, 'test', 'fixtures', 'diagnose', 'workspace');
const ERRORS = join(ROOT, 'test', 'fixtures', 'diagnose', 'errors');

function cli(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'diagnose', ...args], { cwd: WS, encoding: 'utf8', timeout: 60_000, input: input ?? '' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(assertBuilt);

const READ = 'Read 6 ServiceAccounts, 9 identities with 8 federated credentials, 2 clusters (from manifest, code, snapshot).';
const ISSUER = 'https://eastus.oic.prod-aks.azure.com/7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f/';

test('a subject that differs only in case (Python, AADSTS7002138), against a snapshot', () => {
  const r = cli(['--file', join(ERRORS, 'python-7002138-case.txt'), '--snapshot', 'identity-snapshot.json']);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, [
    'AADSTS7002138, WorkloadIdentityCredential, Python: No federated identity credential matches the token the pod presented.',
    '  subject  system:serviceaccount:shop:api',
    '',
    '- Entra says a credential\'s subject matches "system:serviceaccount:shop:api" only when letter case is ignored; since 2024 subjects are compared case-sensitively.',
    '- k8s/service-accounts.yaml:4:9: ServiceAccount shop/api is the one the pod\'s token names (client-id 11111111-1111-4111-8111-111111111111).',
    '- The client id 11111111-1111-4111-8111-111111111111 belongs to identity id-api.',
    '- Federated credential shop-api on identity id-api: subject "system:serviceaccount:shop:API" differs only in letter case (Entra compares subjects case-sensitively since 2024).',
    '  fix: set the subject to "system:serviceaccount:shop:api"',
    '  run: az identity federated-credential update --name shop-api --identity-name id-api --resource-group rg-identities --subject system:serviceaccount:shop:api',
    '',
    READ,
    'See https://login.microsoftonline.com/error?code=7002138',
    'See https://learn.microsoft.com/entra/workload-id/workload-identity-federation',
    '',
  ].join('\n'));
});

test('each federation mismatch names its field: slash, namespace, audience, other cluster, other identity', () => {
  const lines = (file: string) => cli(['--file', join(ERRORS, file), '--snapshot', 'identity-snapshot.json']).stdout.split('\n');
  const slash = lines('go-70021-slash.txt');
  assert.equal(slash[0], 'AADSTS70021, WorkloadIdentityCredential, Go: No federated identity credential matches the token the pod presented.');
  assert.ok(slash.includes(`- Federated credential shop-worker on identity id-worker: issuer "${ISSUER.slice(0, -1)}" lacks the trailing "/" of the token's issuer (Entra compares issuers exactly).`), slash.join('\n'));
  assert.ok(slash.includes(`  fix: set the issuer to "${ISSUER}"`));

  const ns = lines('dotnet-700213-namespace.txt');
  assert.ok(ns.includes('- Federated credential orders-orders on identity id-orders: subject "system:serviceaccount:orders:orders" names namespace orders, the pod runs in shop.'), ns.join('\n'));

  const aud = lines('js-70021-audience.txt');
  assert.ok(aud.includes('- Federated credential shop-batch on identity id-batch: audiences "api://AzureADTokenExchange/" do not include the token\'s audience "api://AzureADTokenExchange".'), aud.join('\n'));
  assert.ok(aud.includes('  fix: set the audiences to ["api://AzureADTokenExchange"]'));

  const other = lines('java-70021-other-cluster.txt');
  assert.ok(other.some((l) => l.startsWith('- Federated credential shop-report on identity id-report: issuer is cluster aks-dev\'s ("https://eastus.oic.prod-aks.azure.com/7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d/"), but the pod\'s token comes from')), other.join('\n'));

  const moved = lines('msal-json-70021-other-identity.txt');
  assert.deepEqual(moved.slice(6, 9), [
    '- The client id 66666666-6666-4666-8666-666666666666 belongs to identity id-billing.',
    '- k8s/service-accounts.yaml:47:40: The federated credential shop-billing that matches issuer, subject and audience exactly is on identity id-billing-old, not on identity id-billing that the client id points to.',
    '  fix: set azure.workload.identity/client-id to 77777777-7777-4777-8777-777777777777 (identity id-billing-old), or give identity id-billing a federated credential for this subject',
  ]);
});

test('errors that are not federation errors get their documented cause', () => {
  const first = (file: string, snapshot = true) => {
    const r = cli(['--file', join(ERRORS, file), ...(snapshot ? ['--snapshot', 'identity-snapshot.json'] : [])]);
    assert.equal(r.code, 0, file);
    return r.stdout.split('\n')[0];
  };
  assert.equal(first('python-700016-client-id.txt'), 'AADSTS700016, WorkloadIdentityCredential, Python: Entra has no application with this client id in the tenant the pod signs in to.');
  assert.equal(first('python-50020-tenant.txt'), 'AADSTS50020, WorkloadIdentityCredential, Python: The pod signs in to a tenant the identity does not belong to.');
  assert.equal(first('go-700024-expired.txt'), 'AADSTS700024, WorkloadIdentityCredential, Go: The ServiceAccount token the pod presented has expired (or is not yet valid).');
  assert.equal(first('dotnet-90061-issuer.txt'), 'AADSTS90061, ClientAssertionCredential, .NET: Entra could not fetch the OIDC discovery document of the issuer the pod\'s token names.');
  assert.equal(first('go-network.txt'), 'WorkloadIdentityCredential, Go: The pod could not reach the Microsoft Entra token endpoint.');
  assert.equal(first('python-imds.txt', false), 'WorkloadIdentityCredential, Python: The pod did not get a workload identity token, so the SDK fell back to the managed identity endpoint (IMDS, 169.254.169.254).');

  const notFound = cli(['--file', join(ERRORS, 'python-700016-client-id.txt'), '--snapshot', 'identity-snapshot.json']).stdout;
  assert.ok(notFound.includes('\n- k8s/service-accounts.yaml:47:40: ServiceAccount shop/billing uses the client id 66666666-6666-4666-8666-666666666666.\n'), notFound);
  assert.ok(notFound.includes('\n- Identity id-billing has this client id, so the identity exists: the pod signs in to another tenant than the identity\'s.\n'));

  const imds = cli(['--file', join(ERRORS, 'python-imds.txt')]).stdout;
  assert.ok(imds.includes('\n- k8s/deployments.yaml:24:9: Deployment shop/worker runs as ServiceAccount worker, which has a client-id, but its pods lack the label azure.workload.identity/use: "true".\n'), imds);
  assert.ok(imds.endsWith('Read 6 ServiceAccounts, 2 identities with 2 federated credentials, 0 clusters (from manifest, code).\nSee https://azure.github.io/azure-workload-identity/docs/troubleshooting.html\n'));
});

test('input from an argument, from standard input and as JSON; exit codes', () => {
  const text = readFileSync(join(ERRORS, 'python-7002138-case.txt'), 'utf8');
  const fromFile = cli(['--file', join(ERRORS, 'python-7002138-case.txt')]);
  assert.equal(cli([text]).stdout, fromFile.stdout);
  assert.equal(cli([], text).stdout, fromFile.stdout);
  assert.equal(cli(['-'], text).stdout, fromFile.stdout);

  const json = JSON.parse(cli(['--format', 'json', '--snapshot', 'identity-snapshot.json'], text).stdout);
  assert.equal(json.kind, 'federation-mismatch');
  assert.equal(json.code, 7002138);
  assert.deepEqual(json.items[1].at, { file: 'k8s/service-accounts.yaml', line: 3, character: 8 });

  const md = cli(['--format', 'markdown', '--snapshot', 'identity-snapshot.json'], text).stdout;
  assert.ok(md.startsWith('# AADSTS7002138, WorkloadIdentityCredential, Python: No federated identity credential matches the token the pod presented.\n'), md);
  assert.ok(md.includes('- [k8s/service-accounts.yaml:4:9](k8s/service-accounts.yaml#L4): ServiceAccount shop/api'), md);

  const unrelated = cli(['--file', join(ERRORS, 'unrelated.txt')]);
  assert.equal(unrelated.code, 1);
  assert.equal(unrelated.stdout.split('\n')[0], 'No Microsoft Entra error code, azure-identity credential failure or network failure was found in the text.');

  assert.deepEqual(cli([], ' \n'), { code: 2, stdout: '', stderr: 'aks-iam diagnose: the error text is empty\n' });
  assert.deepEqual(cli(['--file', 'missing.log']), { code: 2, stdout: '', stderr: 'aks-iam: cannot read missing.log: ENOENT\n' });
  assert.equal(cli(['--file', 'x', 'AADSTS70021']).stderr, 'aks-iam diagnose: give the error text either as arguments or with --file, not both\n');
  assert.equal(cli(['--format', 'xml', 'AADSTS70021']).code, 2);
  const help = cli(['--help']);
  assert.equal(help.code, 0);
  assert.ok(help.stdout.startsWith('Usage: aks-iam diagnose ["<error text>"] [options]\n'));
});

test('credentials declared in Bicep: the fix points at the line of the template', () => {
  const repo = join(ROOT, 'test', 'fixtures', 'iac', 'repo');
  const run = (text: string) => spawnSync(process.execPath, [CLI, 'diagnose', text], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
  const slash = run("AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: 'https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/22222222-2222-2222-2222-222222222222/'. Assertion Subject: 'system:serviceaccount:batch:nightly'. Assertion Audience: 'api://AzureADTokenExchange'.");
  assert.equal(slash.status, 0);
  const lines = slash.stdout.split('\n');
  assert.ok(lines.includes('- bicep/main.bicep:84:13: Federated credential worker on identity id-jobs: issuer "https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/22222222-2222-2222-2222-222222222222" lacks the trailing "/" of the token\'s issuer (Entra compares issuers exactly).'), slash.stdout);
  assert.ok(lines.includes('  fix: set the issuer to "https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/22222222-2222-2222-2222-222222222222/"'));
  assert.ok(!slash.stdout.includes('  run: '), 'a credential in the repository is fixed there, not with az');

  const off = run("AADSTS700213: No matching federated identity record found for presented assertion subject 'system:serviceaccount:shop:reports'.").stdout.split('\n');
  assert.deepEqual(off.slice(3, 6), [
    '- The workspace defines no ServiceAccount shop/reports, the one the pod\'s token names.',
    '- bicep/main.bicep:69:15: Federated credential reports on identity id-reports: issuer refers to cluster aks-legacy, whose OIDC issuer is off, so it has no issuer URL to present.',
    '  fix: enable the OIDC issuer (and workload identity) on cluster aks-legacy',
  ]);
});

test('a credential in the workspace Bicep, next to the manifests and the snapshot', () => {
  const r = cli(["AADSTS700213: No matching federated identity record found for presented assertion subject 'system:serviceaccount:shop:export'."]);
  assert.equal(r.code, 0);
  assert.deepEqual(r.stdout.split('\n').slice(3, 7), [
    '- The workspace defines no ServiceAccount shop/export, the one the pod\'s token names.',
    '- k8s/service-accounts.yaml:28:9: Did you mean ServiceAccount shop/report? The pod runs as export.',
    '- infra/export.bicep:10:16: Federated credential shop-export on identity id-export: subject "system:serviceaccount:shop:exporter" names ServiceAccount exporter, the pod runs as export.',
    '  fix: set the subject to "system:serviceaccount:shop:export"',
  ]);
});

test('a credential in the workspace Terraform whose subject names another namespace (the editor command gives the same answer)', () => {
  const r = cli(['--file', join(ERRORS, 'dotnet-700213-terraform-namespace.txt')]);
  assert.equal(r.code, 0);
  assert.deepEqual(r.stdout.split('\n').slice(3, 6), [
    '- The workspace defines no ServiceAccount shop/ledger, the one the pod\'s token names.',
    '- infra/ledger.tf:13:25: Federated credential shop-ledger on identity id-ledger: subject "system:serviceaccount:finance:ledger" names namespace finance, the pod runs in shop.',
    '  fix: set the subject to "system:serviceaccount:shop:ledger"',
  ]);
});

test('the folder\'s .aks-iam.yaml applies as for lint: its namespace places a ServiceAccount that names none, its exclude leaves files out', () => {
  const dir = tempWorkspace({
    '.aks-iam.yaml': 'namespace: shop\nexclude:\n  - old/**\n',
    'k8s/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  annotations:\n    azure.workload.identity/client-id: "11111111-1111-4111-8111-111111111111"\n',
    'old/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  namespace: shop\n  annotations:\n    azure.workload.identity/client-id: "99999999-1111-4111-8111-111111111111"\n',
  }, 'aks-iam-diagnose-');
  const text = "AADSTS700213: No matching federated identity record found for presented assertion subject 'system:serviceaccount:shop:api'.";
  const run = (...args: string[]) => spawnSync(process.execPath, [CLI, 'diagnose', ...args, text], { cwd: dir, encoding: 'utf8', timeout: 60_000 }).stdout.split('\n');
  const configured = run();
  assert.equal(configured[3], '- k8s/sa.yaml:4:9: ServiceAccount shop/api is the one the pod\'s token names (client-id 11111111-1111-4111-8111-111111111111).', configured.join('\n'));
  assert.ok(configured.includes('Read 1 ServiceAccount, 0 identities with 0 federated credentials, 0 clusters (from manifest).'));
  const ignored = run('--no-config');
  assert.equal(ignored[3], '- old/sa.yaml:4:9: ServiceAccount shop/api is the one the pod\'s token names (client-id 99999999-1111-4111-8111-111111111111).', ignored.join('\n'));
});
