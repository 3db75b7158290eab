import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { assertBuilt } from './built';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(assertBuilt);

test('explain a role by name and by GUID', () => {
  const byName = cli('explain', 'Azure Kubernetes Service RBAC Reader');
  assert.equal(byName.code, 0);
  assert.ok(byName.stdout.startsWith('**Azure Kubernetes Service RBAC Reader** — Azure built-in role\n'));
  assert.ok(byName.stdout.includes('**Cannot:** read Kubernetes Secrets'));
  // Unquoted words are joined into one term.
  const words = cli('explain', 'Azure', 'Kubernetes', 'Service', 'RBAC', 'Reader');
  assert.equal(words.stdout, byName.stdout);
  const byGuid = cli('explain', '3498e952-d568-435e-9b2c-8d77e338d7f7', '--format', 'json');
  assert.equal(byGuid.code, 0);
  const j = JSON.parse(byGuid.stdout);
  assert.equal(j.kind, 'azure-role');
  assert.equal(j.name, 'Azure Kubernetes Service RBAC Admin');
  assert.deepEqual(j.notDataActions, [
    'Microsoft.ContainerService/managedClusters/resourcequotas/write',
    'Microsoft.ContainerService/managedClusters/resourcequotas/delete',
    'Microsoft.ContainerService/managedClusters/namespaces/write',
    'Microsoft.ContainerService/managedClusters/namespaces/delete',
  ]);
});

test('explain a permission, a ClusterRole, a verb and an annotation key', () => {
  const p = cli('explain', 'Microsoft.ContainerService/managedClusters/secrets/read');
  assert.equal(p.code, 0);
  assert.ok(p.stdout.includes('— data action (data plane)\n\nReads secrets\n'));
  assert.ok(p.stdout.includes('- Azure Kubernetes Service RBAC Writer — via `Microsoft.ContainerService/managedClusters/secrets/*`'));
  assert.ok(cli('explain', 'cluster-admin').stdout.startsWith('**cluster-admin** — Kubernetes default ClusterRole'));
  assert.ok(cli('explain', 'impersonate').stdout.startsWith('**`impersonate`** — Kubernetes RBAC verb · risk: **high**'));
  const key = JSON.parse(cli('explain', 'azure.workload.identity/client-id', '--format=json').stdout);
  assert.equal(key.kind, 'identity-key');
  assert.deepEqual(key.appliesTo, ['ServiceAccount']);
});

test('an unknown term exits 1 with the closest terms on stderr', () => {
  const r = cli('explain', 'rbac readr');
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'aks-iam explain: unknown term "rbac readr". Closest known terms:\n  Azure Kubernetes Service RBAC Reader\n  Azure Kubernetes Fleet Manager RBAC Reader\n');
  const usage = cli('explain');
  assert.equal(usage.code, 2);
  assert.equal(usage.stderr, 'aks-iam explain: missing <term>\n');
});

test('who-grants lists built-in roles by plane with the matching pattern', () => {
  const r = cli('who-grants', 'Microsoft.ContainerService/managedClusters/pods/exec/action');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, [
    'Microsoft.ContainerService/managedClusters/pods/exec/action — data action: Exec into pods resource',
    '',
    'Data plane (dataActions):',
    '  Azure Kubernetes Service RBAC Admin          Microsoft.ContainerService/managedClusters/*',
    '  Azure Kubernetes Service RBAC Cluster Admin  Microsoft.ContainerService/managedClusters/*',
    '  Azure Kubernetes Service RBAC Writer         Microsoft.ContainerService/managedClusters/pods/*',
    '',
  ].join('\n'));
  const control = cli('who-grants', 'Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action', '--format', 'json');
  const j = JSON.parse(control.stdout);
  assert.equal(j.plane, 'control');
  assert.deepEqual(j.data, []);
  assert.ok(j.control.some((g: { role: string; pattern: string }) => g.role === 'Contributor' && g.pattern === '*'));
  assert.ok(!j.control.some((g: { role: string }) => g.role === 'Reader'));
  const unknown = cli('who-grants', 'Microsoft.Storage/storageAccounts/listKeys/action');
  assert.ok(unknown.stdout.startsWith('Microsoft.Storage/storageAccounts/listKeys/action — not in the bundled operation list; checked both planes\n\nControl plane (actions):\n'));
  assert.ok(unknown.stdout.includes('\nData plane (dataActions):\n  (no built-in role)\n'));
});
