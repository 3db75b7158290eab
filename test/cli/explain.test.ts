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
  assert.equal(r.stderr, [
    'aks-iam explain: unknown term "rbac readr". Closest known terms:',
    '  Defender Unified RBAC Reader',
    '  Azure Kubernetes Service RBAC Reader',
    '  Azure AIManager and namespace RBAC Reader',
    '  Azure Kubernetes Fleet Manager RBAC Reader',
    '',
  ].join('\n'));
  const usage = cli('explain');
  assert.equal(usage.code, 2);
  assert.equal(usage.stderr, 'aks-iam explain: missing <term>\n');
});

const FOOTER = 'Azure data: 928 built-in roles, 22,497 operations, as of 2026-08-22 (easimon/azure-builtin-roles@db0b225)';

test('who-grants lists built-in roles by plane, narrowest first, with the matching pattern and the data date', () => {
  const r = cli('who-grants', 'Microsoft.ContainerService/managedClusters/pods/exec/action');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, [
    'Microsoft.ContainerService/managedClusters/pods/exec/action — data action: Exec into pods resource',
    '',
    'Data plane (dataActions): 3 of 928 built-in roles, narrowest first',
    '  Azure Kubernetes Service RBAC Writer         Microsoft.ContainerService/managedClusters/pods/*',
    '  Azure Kubernetes Service RBAC Admin          Microsoft.ContainerService/managedClusters/*',
    '  Azure Kubernetes Service RBAC Cluster Admin  Microsoft.ContainerService/managedClusters/*',
    '',
    FOOTER,
    '',
  ].join('\n'));
  const control = cli('who-grants', 'Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action', '--format', 'json');
  const j = JSON.parse(control.stdout);
  assert.deepEqual(j.planes, ['control']);
  assert.equal(j.data.date, '2026-08-22');
  assert.equal(j.builtInRoles, 928);
  assert.ok(j.control.some((g: { role: string; pattern: string }) => g.role === 'Contributor' && g.pattern === '*'));
  assert.ok(!j.control.some((g: { role: string }) => g.role === 'Reader'));
});

test('who-grants getSecret: only the four Key Vault data roles, never Owner, Contributor or Reader', () => {
  const r = cli('who-grants', 'Microsoft.KeyVault/vaults/secrets/getSecret/action');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, [
    'Microsoft.KeyVault/vaults/secrets/getSecret/action — data action: Gets the value of a secret.',
    '',
    'Data plane (dataActions): 4 of 928 built-in roles, narrowest first',
    '  Key Vault Secrets User      Microsoft.KeyVault/vaults/secrets/getSecret/action',
    '  Key Vault Certificate User  Microsoft.KeyVault/vaults/secrets/getSecret/action',
    '  Key Vault Secrets Officer   Microsoft.KeyVault/vaults/secrets/*',
    '  Key Vault Administrator     Microsoft.KeyVault/vaults/*',
    '',
    FOOTER,
    '',
  ].join('\n'));
});

test('who-grants roleAssignments/write: 28 roles, the ones restricted by a condition flagged', () => {
  const r = cli('who-grants', 'Microsoft.Authorization/roleAssignments/write');
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], 'Microsoft.Authorization/roleAssignments/write — control-plane action: Create a role assignment at the specified scope.');
  assert.equal(lines[2], 'Control plane (actions): 28 of 928 built-in roles, narrowest first');
  const rows = lines.slice(3, 31);
  assert.equal(rows.filter((l) => l.endsWith('(restricted by a condition)')).length, 25);
  assert.deepEqual(rows.slice(-3).map((l) => l.trim().split(/\s{2,}/)), [
    ['Role Based Access Control Administrator', 'Microsoft.Authorization/roleAssignments/write'],
    ['User Access Administrator', 'Microsoft.Authorization/*'],
    ['Owner', '*'],
  ]);
  assert.ok(rows.some((l) => l.startsWith('  Key Vault Data Access Administrator ')));
  assert.deepEqual(lines.slice(31), ['', FOOTER, '']);
  const j = JSON.parse(cli('who-grants', 'Microsoft.Authorization/roleAssignments/write', '--format', 'json').stdout);
  assert.equal(j.control.length, 28);
  assert.deepEqual(j.control.at(-1), { role: 'Owner', id: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', pattern: '*', conditional: false, operationsGranted: { control: 18263, data: 0 } });
});

test('who-grants for a name outside the catalogue says so and shows what would grant it in each plane', () => {
  const unknown = cli('who-grants', 'Microsoft.Foo/bars/listKeys/action');
  assert.equal(unknown.code, 0);
  const lines = unknown.stdout.split('\n');
  assert.equal(lines[0], 'Microsoft.Foo/bars/listKeys/action — not in the operations catalogue, so its plane is unknown. What its name matches:');
  assert.match(lines[2], /^If it is an action \(actions\): \d+ of 928 built-in roles, narrowest first$/);
  assert.ok(lines.some((l) => /^ {2}Owner +\*$/.test(l)));
  assert.ok(unknown.stdout.endsWith(`\nIf it is a data action (dataActions): 0 of 928 built-in roles\n\n${FOOTER}\n`));
  const j = JSON.parse(cli('who-grants', 'Microsoft.Foo/bars/listKeys/action', '--format', 'json').stdout);
  assert.equal(j.known, false);
  assert.equal(j.planes, null);
  assert.deepEqual(j.ifDataPlane, []);
  const pattern = cli('who-grants', 'Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action');
  assert.equal(pattern.stdout, [
    'Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action — a pattern, not an operation. It matches 1 catalogue operations:',
    '  Microsoft.ManagedIdentity/userAssignedIdentities/assign/action  (control)',
    '',
    'Ask who-grants about one of them to see the roles granting it.',
    '',
    FOOTER,
    '',
  ].join('\n'));
});

test('explain Managed Identity Operator: it reads and assigns user-assigned identities', () => {
  const r = cli('explain', 'Managed Identity Operator');
  assert.equal(r.code, 0);
  assert.ok(r.stdout.includes('\n**Notably can:** read user-assigned identities (`Microsoft.ManagedIdentity/userAssignedIdentities/read`); assign user-assigned identities to resources (`Microsoft.ManagedIdentity/userAssignedIdentities/assign/action`)\n'));
  assert.ok(r.stdout.includes('\nGrants 59 control-plane and 0 data-plane operations of the catalogue.\n'));
  assert.ok(r.stdout.endsWith(`\n_${FOOTER}_\n`));
});

test('explain Key Vault Crypto User and DNS Zone Contributor: roles outside the AKS set are known', () => {
  const crypto = JSON.parse(cli('explain', 'Key Vault Crypto User', '--format', 'json').stdout);
  assert.equal(crypto.id, '12338af0-0e69-4776-bea7-57ae8d297424');
  assert.deepEqual(crypto.actions, []);
  assert.deepEqual(crypto.dataActions, [
    'Microsoft.KeyVault/vaults/keys/read', 'Microsoft.KeyVault/vaults/keys/update/action', 'Microsoft.KeyVault/vaults/keys/backup/action',
    'Microsoft.KeyVault/vaults/keys/encrypt/action', 'Microsoft.KeyVault/vaults/keys/decrypt/action', 'Microsoft.KeyVault/vaults/keys/wrap/action',
    'Microsoft.KeyVault/vaults/keys/unwrap/action', 'Microsoft.KeyVault/vaults/keys/sign/action', 'Microsoft.KeyVault/vaults/keys/verify/action',
  ]);
  assert.deepEqual(crypto.grantsOperations, { control: 0, data: 9 });
  assert.deepEqual(crypto.notablyCannot, ['Microsoft.KeyVault/vaults/secrets/getSecret/action']);
  const dns = cli('explain', 'DNS Zone Contributor');
  assert.equal(dns.code, 0);
  assert.ok(dns.stdout.startsWith('**DNS Zone Contributor** — Azure built-in role\n\nID `befefa01-2a29-4197-83a8-272ff33ce314`'));
  assert.ok(dns.stdout.includes('- `Microsoft.Network/dnsZones/*`\n'));
  assert.ok(dns.stdout.endsWith(`\n_${FOOTER}_\n`));
});
