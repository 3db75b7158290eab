import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assertBuilt } from './built';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const REPO = join(ROOT, 'test', 'fixtures', 'iac', 'repo');

before(assertBuilt);

function lint(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'lint', '--no-config', ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('lint reads an ARM template of a folder and reports its findings at the template\'s lines', () => {
  const r = lint(REPO, 'bicep', 'manifests');
  assert.equal(r.stderr, '');
  assert.equal(r.code, 1);
  const arm = r.stdout.split('\n').filter((l) => l.startsWith('bicep/azuredeploy.json'));
  assert.deepEqual(arm, [
    'bicep/azuredeploy.json:39:24 error iac-fic-subject-not-found Federated credential subject names no ServiceAccount of the workspace: azuredeploy.json#id-web/web has subject system:serviceaccount:frontend:web; ServiceAccount web is in namespace web, not frontend. Change it to system:serviceaccount:web:web.',
    'bicep/azuredeploy.json:51:20 error iac-fic-subject-not-found Federated credential subject names no ServiceAccount of the workspace: azuredeploy.json#id-web/web-staging has subject system:serviceaccount:frontend:web; ServiceAccount web is in namespace web, not frontend. Change it to system:serviceaccount:web:web.',
    'bicep/azuredeploy.json:53:11 error iac-fic-audience Federated credential audience is not the token-exchange audience: azuredeploy.json#id-web/web-staging has "api://AzureADTokenExchange/", and Entra accepts only the exact "api://AzureADTokenExchange". Write "api://AzureADTokenExchange".',
  ]);
  // The manifest's ServiceAccount is linked to the credentials of the template too.
  assert.ok(r.stdout.includes('manifests/web.yaml:4:9 error iac-fic-subject-not-found No federated credential names this ServiceAccount: azuredeploy.json#id-web/web has subject system:serviceaccount:frontend:web, which names namespace frontend instead of web.'));
});

test('--fix-dry-run rewrites the misspelt audience inside the template\'s JSON string', () => {
  const r = lint(REPO, '--fix-dry-run', 'bicep/azuredeploy.json');
  assert.match(r.stdout, /^--- a\/bicep\/azuredeploy\.json$/m);
  assert.match(r.stdout, /^- {10}"api:\/\/AzureADTokenExchange\/"$/m);
  assert.match(r.stdout, /^\+ {10}"api:\/\/AzureADTokenExchange"$/m);
  assert.match(r.stderr, /would apply 1 fix in 1 file; no file was changed/);
});

test('JSON files of a folder that are not ARM templates are left out without a word, however large or broken', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aks-iam-arm-'));
  try {
    copyFileSync(join(REPO, 'bicep', 'azuredeploy.json'), join(dir, 'azuredeploy.json'));
    writeFileSync(join(dir, 'package.json'), '{ "name": "x", "version": "1.0.0" }\n');
    writeFileSync(join(dir, 'tsconfig.json'), '{ // comments are fine in tsconfig\n  "compilerOptions": {\n');
    // Over --max-file-size: a template would be reported as skipped, anything else is not even opened past its start.
    writeFileSync(join(dir, 'package-lock.json'), `{ "lockfileVersion": 3, "packages": { ${'"x": {}, '.repeat(250_000)}"y": {} } }\n`);
    // A parameter file is not a template: its values are not bound to one (see the README).
    writeFileSync(join(dir, 'azuredeploy.parameters.json'), '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n  "contentVersion": "1.0.0.0",\n  "parameters": { "issuer": { "value": "https://example.com/" } }\n}\n');
    // A Kubernetes object written as JSON was never linted from a folder; it stays that way.
    writeFileSync(join(dir, 'sa.json'), '{"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "a", "namespace": "b", "labels": {"azure.workload.identity/use": true}}}\n');
    const r = lint(dir, '--max-file-size', '1', '.');
    assert.equal(r.stderr, '');
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    assert.deepEqual(lines.slice(0, -2).map((l) => l.split(' ').slice(0, 3).join(' ')), ['azuredeploy.json:53:11 error iac-fic-audience']);
    assert.equal(lines[lines.length - 1], '1 problem (1 errors, 0 warnings, 0 infos) in 1 file; 1 fixable in the editor.');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a mismatch in a template nested in a deployment is found at its line, named by the deployment', () => {
  const r = lint(join(ROOT, 'test', 'fixtures', 'iac', 'arm-nested'), '.');
  assert.equal(r.stderr, '');
  assert.equal(r.code, 1);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    'azuredeploy.json:56:28 error iac-fic-subject-not-found Federated credential subject names no ServiceAccount of the workspace: azuredeploy.json#cart-identity:id-cart/carts-fic has subject system:serviceaccount:shop:carts; the closest is ServiceAccount cart in namespace shop. Change it to system:serviceaccount:shop:cart.',
    'service-accounts.yaml:10:9 error iac-fic-subject-not-found No federated credential names this ServiceAccount: azuredeploy.json#cart-identity:id-cart/carts-fic has subject system:serviceaccount:shop:carts, which is close to this name. Change the credential\'s subject to system:serviceaccount:shop:cart.',
    '',
    '2 problems (2 errors, 0 warnings, 0 infos) in 2 files.',
  ]);
});
