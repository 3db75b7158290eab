import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempWorkspace } from '../support/temp-workspace';

const CLI = join(resolve(__dirname, '..', '..'), 'dist', 'cli.js');
const run = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });

const SA = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  annotations:\n    azure.workload.identity/client-id: "0b5e7a35-5c3f-4a2e-9a7c-3f0f2f7f9c11"\n';
const DEPLOY = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    metadata:\n      labels:\n        app: api # the app\n    spec:\n      serviceAccountName: api\n      containers:\n        - name: api\n          image: x\n';

test('lint --fix writes the fixes, keeps comments and the BOM, and reports only what is left', () => {
  const dir = tempWorkspace({ 'sa.yaml': SA, 'deploy.yaml': DEPLOY, 'clean.yaml': SA.replace('name: api', 'name: other') }, 'aks-iam-fix-');
  writeFileSync(join(dir, 'deploy.yaml'), '\ufeff' + DEPLOY);
  const before = readFileSync(join(dir, 'clean.yaml'));
  const r = run(dir, 'lint', '--fix', '--format', 'json', '--fail-on', 'warning');
  assert.equal(r.stderr, 'aks-iam: applied 1 fix in 1 file\n');
  const fixed = readFileSync(join(dir, 'deploy.yaml'), 'utf8');
  assert.equal(fixed, '\ufeff' + DEPLOY.replace('app: api # the app\n', 'app: api # the app\n        azure.workload.identity/use: "true"\n'));
  assert.deepEqual(readFileSync(join(dir, 'clean.yaml')), before, 'files without fixes are not rewritten');
  const report = JSON.parse(r.stdout) as { findings: { ruleId: string }[] };
  assert.deepEqual(report.findings.map((f) => f.ruleId).filter((id) => id.startsWith('wi-')), []);
  assert.equal(r.status, 0);
  const again = run(dir, 'lint', '--fix');
  assert.equal(again.stderr, 'aks-iam: applied 0 fixes in 0 files\n');
  assert.equal(readFileSync(join(dir, 'deploy.yaml'), 'utf8'), fixed, 'a second --fix changes nothing');
});

test('lint --fix refuses to rewrite a file that is not valid UTF-8', () => {
  const dir = tempWorkspace({ 'sa.yaml': SA }, 'aks-iam-fix-');
  const bytes = Buffer.concat([Buffer.from(DEPLOY.replace('# the app', '# caf')), Buffer.from([0xe9, 0x0a])]);
  writeFileSync(join(dir, 'deploy.yaml'), bytes);
  const r = run(dir, 'lint', '--fix', '--fail-on', 'none');
  assert.match(r.stderr, /not fixing deploy\.yaml: it is not valid UTF-8/);
  assert.deepEqual(readFileSync(join(dir, 'deploy.yaml')), bytes);
});

const ORPHAN = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    spec:\n      serviceAccountName: web # typo of webapp?\n      containers:\n        - name: web\n          image: x\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: webapp\n  namespace: shop\n';
const OLD_ROLE = 'apiVersion: rbac.authorization.k8s.io/v1beta1 # still the old API\nkind: Role\nmetadata:\n  name: reader\n  namespace: shop\nrules: []\n';
const PLAIN_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  containers:\n    - name: c\n      image: x\n';

test('lint --fix applies safe fixes only: suggestions (create a ServiceAccount, rename it, turn off automounting) are never applied', () => {
  const dir = tempWorkspace({ 'orphan.yaml': ORPHAN, 'pod.yaml': PLAIN_POD }, 'aks-iam-fix-');
  const r = run(dir, 'lint', '--fix', '--fix-min', 'info', '--format', 'json', '--fail-on', 'none');
  assert.equal(r.stderr, 'aks-iam: applied 0 fixes in 0 files\n');
  assert.equal(readFileSync(join(dir, 'orphan.yaml'), 'utf8'), ORPHAN);
  assert.equal(readFileSync(join(dir, 'pod.yaml'), 'utf8'), PLAIN_POD);
  const ids = (JSON.parse(r.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId).sort();
  assert.deepEqual(ids, ['sa-automount-token', 'sa-not-found']);
});

test('lint --fix-min decides which findings are fixed; --fix-min takes error, warning or info', () => {
  const dir = tempWorkspace({ 'role.yaml': OLD_ROLE }, 'aks-iam-fix-');
  const high = run(dir, 'lint', '--fix', '--fix-min', 'error', '--rule', 'rbac-deprecated-api=warning', '--fail-on', 'none');
  assert.equal(high.stderr, 'aks-iam: applied 0 fixes in 0 files\n');
  assert.equal(readFileSync(join(dir, 'role.yaml'), 'utf8'), OLD_ROLE);
  const low = run(dir, 'lint', '--fix', '--rule', 'rbac-deprecated-api=warning', '--fail-on', 'none');
  assert.equal(low.stderr, 'aks-iam: applied 1 fix in 1 file\n');
  assert.equal(readFileSync(join(dir, 'role.yaml'), 'utf8'), OLD_ROLE.replace('/v1beta1 #', '/v1 #'));
  const bad = run(dir, 'lint', '--fix', '--fix-min', 'none');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--fix-min must be error, warning or info, not "none"/);
});

test('lint --fix-dry-run prints the unified diff alone on stdout and changes no file', () => {
  const dir = tempWorkspace({ 'role.yaml': OLD_ROLE }, 'aks-iam-fix-');
  const r = run(dir, 'lint', '--fix-dry-run', '--format', 'json');
  assert.equal(r.stdout, [
    '--- a/role.yaml', '+++ b/role.yaml', '@@ -1,4 +1,4 @@',
    '-apiVersion: rbac.authorization.k8s.io/v1beta1 # still the old API', '+apiVersion: rbac.authorization.k8s.io/v1 # still the old API',
    ' kind: Role', ' metadata:', '   name: reader', '',
  ].join('\n'));
  assert.equal(r.stderr, 'aks-iam: would apply 1 fix in 1 file; no file was changed\n');
  assert.equal(r.status, 1, 'the exit code still follows --fail-on (the error is not fixed on disk)');
  assert.equal(readFileSync(join(dir, 'role.yaml'), 'utf8'), OLD_ROLE);
});

test('lint --fix replaces a file through a temporary file beside it: no stray file is left and the mode is kept', () => {
  const dir = tempWorkspace({ 'role.yaml': OLD_ROLE }, 'aks-iam-fix-');
  chmodSync(join(dir, 'role.yaml'), 0o640);
  const r = run(dir, 'lint', '--fix', '--fail-on', 'none');
  assert.equal(r.stderr, 'aks-iam: applied 1 fix in 1 file\n');
  assert.deepEqual(readdirSync(dir), ['role.yaml']);
  assert.equal(statSync(join(dir, 'role.yaml')).mode & 0o777, 0o640);
});
