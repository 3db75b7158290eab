import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { tempWorkspace } from '../support/temp-workspace';
import { assertBuilt } from './built';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const SUB = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-apps';
const CLIENT = '7d3c1a52-5b7e-4c1e-9f0a-2b8d6e4f1a90';
const ISSUER = 'https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-0000-0000-0000-000000000000/';

const workspace = (files: Record<string, string>): string => tempWorkspace(files, 'aks-iam-snap-');

const cluster = { id: `${SUB}/providers/Microsoft.ContainerService/managedClusters/aks-prod`, name: 'aks-prod', type: 'Microsoft.ContainerService/ManagedClusters', oidcIssuerProfile: { enabled: true, issuerUrl: ISSUER } };
const identity = { id: `${SUB}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders`, name: 'id-orders', type: 'Microsoft.ManagedIdentity/userAssignedIdentities', clientId: CLIENT, principalId: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' };
const orphanFic = { id: `${SUB}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-gone/federatedIdentityCredentials/fic-gone`, name: 'fic-gone', type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials', issuer: ISSUER, subject: 'system:serviceaccount:shop:gone', audiences: ['api://AzureADTokenExchange'] };
const otherFic = { id: `${SUB}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders/federatedIdentityCredentials/fic-billing`, name: 'fic-billing', type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials', issuer: ISSUER, subject: 'system:serviceaccount:shop:billing', audiences: ['api://AzureADTokenExchange'] };
const manifest = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: orders
  namespace: shop
  annotations:
    azure.workload.identity/client-id: ${CLIENT}
`;

before(assertBuilt);

test('lint --snapshot: a directory of az outputs feeds the cloud rules, and its warnings go to stderr', () => {
  const dir = workspace({
    'sa.yaml': manifest,
    'snap/aks.json': JSON.stringify(cluster),
    'snap/identities.json': JSON.stringify([identity]),
    'snap/fics.json': JSON.stringify([otherFic, orphanFic]),
  });
  const r = spawnSync(process.execPath, [CLI, 'lint', 'sa.yaml', '--snapshot', 'snap', '--format', 'json', '--fail-on', 'none'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const ids = (JSON.parse(r.stdout) as { findings: { ruleId: string; range: { start: { line: number } } }[] }).findings.map((f) => `${f.ruleId}@${f.range.start.line}`);
  assert.deepEqual(ids, ['wi-federation-missing@6']);
  assert.match(r.stdout, /id-orders \(client-id of ServiceAccount orders \(namespace shop\)\) has no federated credential for subject system:serviceaccount:shop:orders \(its credentials are for system:serviceaccount:shop:billing\)/);
  assert.match(r.stderr, /^aks-iam: snapshot: federated credential\(s\) fic-gone belong to identity .*id-gone, which no snapshot file lists/m);
  assert.doesNotMatch(r.stdout, /fic-gone/);
});

test('lint --snapshot with a missing file exits 2 naming it', () => {
  const dir = workspace({ 'sa.yaml': manifest });
  const r = spawnSync(process.execPath, [CLI, 'lint', 'sa.yaml', '--snapshot', 'nope.json'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot read snapshot nope\.json: no such file or directory/);
});
