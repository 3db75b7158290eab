import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { assertBuilt } from './built';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const REPO = join(ROOT, 'test', 'fixtures', 'iac', 'repo');

before(assertBuilt);

function lint(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'lint', '--no-config', ...args], { cwd: REPO, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Every mismatch of the fixture repository, found from the files alone (no sign-in, no snapshot).
const EXPECTED = [
  'bicep/azuredeploy.json:39:24 error iac-fic-subject-not-found',
  'bicep/azuredeploy.json:51:20 error iac-fic-subject-not-found',
  'bicep/azuredeploy.json:53:11 error iac-fic-audience',
  'bicep/main.bicep:55:14 error iac-fic-subject-not-found',
  'bicep/main.bicep:69:15 error iac-fic-cluster-disabled',
  'bicep/main.bicep:70:16 error iac-fic-subject-not-found',
  'bicep/main.bicep:84:13 error iac-fic-issuer',
  'infra/identities.tf:18:25 error iac-fic-subject-not-found',
  'infra/identities.tf:27:25 error iac-fic-subject-not-found',
  'infra/identities.tf:36:25 error iac-fic-subject-not-found',
  'infra/identities.tf:37:26 error iac-fic-audience',
  'infra/identities.tf:44:25 error iac-fic-issuer',
  'infra/identities.tf:45:25 error iac-fic-subject-format',
  'infra/identities.tf:53:25 warning iac-fic-cluster-disabled',
  'infra/identities.tf:58:1 error iac-fic-limit',
  'infra/identities.tf:100:45 error iac-sa-federation-missing',
  'infra/identities.tf:117:25 warning iac-fic-cluster-disabled',
  'infra/identities.tf:117:25 error iac-fic-issuer-other-cluster',
  'infra/roles.tf:3:26 error iac-role-unknown',
  'infra/roles.tf:8:26 warning iac-role-scope',
  'infra/roles.tf:15:26 warning iac-role-privileged',
  'manifests/jobs.yaml:4:9 error iac-fic-subject-not-found',
  'manifests/shop.yaml:4:9 error iac-fic-subject-not-found',
  'manifests/web.yaml:4:9 error iac-fic-subject-not-found',
  'manifests/web.yaml:4:9 error iac-fic-subject-not-found',
  'manifests/web.yaml:4:9 error iac-fic-subject-not-found',
];

test('lint reads the Terraform, Bicep and ARM template files of the folder and reports each mismatch at its file:line', () => {
  const r = lint('.');
  assert.equal(r.stderr, '');
  assert.equal(r.code, 1);
  const lines = r.stdout.trim().split('\n');
  assert.deepEqual(lines.slice(0, -2).map((l) => l.split(' ').slice(0, 3).join(' ')), EXPECTED);
  assert.equal(lines[lines.length - 1], '26 problems (22 errors, 4 warnings, 0 infos) in 13 files; 6 fixable in the editor.');
  assert.ok(lines.includes('infra/identities.tf:53:25 warning iac-fic-cluster-disabled Federated credential trusts a cluster with workload identity turned off: azurerm_federated_identity_credential.legacy uses the issuer of azurerm_kubernetes_cluster.legacy. Set workload_identity_enabled = true on the cluster, unless it runs the workload identity webhook from its Helm chart.'));
  assert.ok(lines.includes('manifests/shop.yaml:4:9 error iac-fic-subject-not-found No federated credential names this ServiceAccount: azurerm_federated_identity_credential.api has subject system:serviceaccount:shop:api-sv, which is close to this name. Change the credential\'s subject to system:serviceaccount:shop:api-svc.'));
});

test('SARIF places findings in .tf files with their lines', () => {
  const r = lint('--format', 'sarif', 'infra');
  const sarif = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
  const got = sarif.runs[0].results.map((x) => `${x.locations[0].physicalLocation.artifactLocation.uri}:${x.locations[0].physicalLocation.region.startLine} ${x.ruleId}`);
  // Without the manifests the subject rules have no ServiceAccounts to compare with, except the Terraform ones.
  assert.deepEqual(got, [
    'infra/identities.tf:37 iac-fic-audience',
    'infra/identities.tf:44 iac-fic-issuer',
    'infra/identities.tf:45 iac-fic-subject-format',
    'infra/identities.tf:53 iac-fic-cluster-disabled',
    'infra/identities.tf:58 iac-fic-limit',
    'infra/identities.tf:100 iac-sa-federation-missing',
    'infra/identities.tf:117 iac-fic-cluster-disabled',
    'infra/identities.tf:117 iac-fic-issuer-other-cluster',
    'infra/roles.tf:3 iac-role-unknown',
    'infra/roles.tf:8 iac-role-scope',
    'infra/roles.tf:15 iac-role-privileged',
  ]);
});

test('--fix-dry-run shows the safe fixes of a .tf file as a diff and changes nothing', () => {
  const r = lint('--fix-dry-run', 'infra/identities.tf');
  assert.match(r.stdout, /^-  audience {12}= \["api:\/\/AzureADTokenExchange\/"\]$/m);
  assert.match(r.stdout, /^\+  audience {12}= \["api:\/\/AzureADTokenExchange"\]$/m);
  assert.match(r.stdout, /^\+  subject {13}= "system:serviceaccount:shop:cart"$/m);
  assert.match(r.stderr, /would apply 3 fixes in 1 file; no file was changed/);
});
