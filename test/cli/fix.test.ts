import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
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
