import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Analyzer } from '../../src/core/analyze';
import { main } from '../../src/cli/main';
import { detectItemKind, exportSnapshot, parseSnapshot, SnapshotError } from '../../src/core/identity/snapshot';
import { parentIdentityId } from '../../src/core/identity/azure-mappers';
import { tempWorkspace } from '../support/temp-workspace';

const DIR = join(__dirname, '..', 'fixtures', 'snapshots', 'az');
const load = (name: string) => ({ source: name, value: JSON.parse(readFileSync(join(DIR, name), 'utf8')) as unknown });
const SUB = '00000000-0000-4000-8000-0000000000aa';

test('az aks show: one cluster object with OIDC, workload identity, Azure RBAC, kubelet identity and subnets', () => {
  const { graph, warnings } = parseSnapshot([load('aks-show.json')]);
  assert.deepEqual(warnings, []);
  assert.equal(graph.source, 'snapshot');
  assert.equal(graph.clusters.length, 1);
  const c = graph.clusters[0];
  assert.equal(c.name, 'shop-aks');
  assert.equal(c.subscriptionId, SUB);
  assert.equal(c.resourceGroup, 'shop-rg');
  assert.equal(c.location, 'westeurope');
  assert.equal(c.nodeResourceGroup, 'MC_shop-rg_shop-aks_westeurope');
  assert.equal(c.oidcIssuerEnabled, true);
  assert.equal(c.oidcIssuerUrl, 'https://westeurope.oic.prod-aks.azure.com/72f988bf-0000-4000-8000-000000000001/33333333-0000-4000-8000-000000000003/');
  assert.equal(c.workloadIdentityEnabled, true);
  assert.equal(c.azureRbacEnabled, true);
  assert.equal(c.localAccountsDisabled, true);
  assert.deepEqual(c.controlPlaneIdentity, { type: 'SystemAssigned', principalId: '11111111-0000-4000-8000-000000000001', clientId: null, resourceId: null });
  assert.equal(c.kubeletIdentity?.clientId, '22222222-0000-4000-8000-000000000002');
  assert.equal(c.kubeletIdentity?.principalId, '22222222-0000-4000-8000-0000000000b2');
  assert.match(c.kubeletIdentity?.resourceId ?? '', /userAssignedIdentities\/shop-aks-agentpool$/);
  // Two pools on the same subnet: listed once.
  assert.equal(c.vnetSubnetIds.length, 1);
  assert.deepEqual(graph.subscriptions, [{ id: SUB, name: SUB, tenantId: null }]);
});

test('az aks list: user-assigned control plane, service principal cluster, and missing fields default', () => {
  const { graph } = parseSnapshot([load('aks-list.json')]);
  const [lab, old] = graph.clusters;
  assert.equal(lab.controlPlaneIdentity?.type, 'UserAssigned');
  assert.equal(lab.controlPlaneIdentity?.clientId, '44444444-0000-4000-8000-000000000004');
  assert.match(lab.controlPlaneIdentity?.resourceId ?? '', /lab-control-plane$/);
  assert.equal(lab.oidcIssuerEnabled, false);
  assert.equal(lab.oidcIssuerUrl, null);
  assert.deepEqual(lab.vnetSubnetIds, []);
  assert.equal(lab.kubeletIdentity, null);
  assert.equal(old.resourceGroup, 'old-rg', 'resource group read from the id when the field is missing');
  assert.equal(old.location, null);
  assert.equal(old.nodeResourceGroup, null);
  assert.equal(old.workloadIdentityEnabled, false);
  assert.deepEqual(old.controlPlaneIdentity, { type: 'ServicePrincipal', principalId: null, clientId: '55555555-0000-4000-8000-000000000005', resourceId: null });
});

test('identities, federated credentials and role assignments from separate files merge into one graph, in any order', () => {
  const files = ['fic-list-id-api.json', 'role-assignment-list.json', 'identity-list.json', 'aks-show.json'].map(load);
  const { graph, warnings } = parseSnapshot(files);
  assert.deepEqual(warnings, []);
  assert.equal(graph.identities.length, 2);
  const api = graph.identities.find((i) => i.name === 'id-api');
  assert.ok(api);
  assert.equal(api.clientId, '66666666-0000-4000-8000-000000000006');
  assert.equal(api.resourceGroup, 'shop-rg');
  assert.equal(api.subscriptionId, SUB);
  assert.deepEqual(api.federatedCredentials?.map((f) => [f.name, f.subject, f.audiences]), [['shop-api', 'system:serviceaccount:shop:api', ['api://AzureADTokenExchange']]]);
  // No federated-credential listing for id-worker: unknown, not "none".
  assert.equal(graph.identities.find((i) => i.name === 'id-worker')?.federatedCredentials, null);
  assert.equal(graph.roleAssignments.length, 2);
  assert.equal(graph.roleAssignments[0].roleName, 'Network Contributor');
  assert.equal(graph.roleAssignments[0].principalType, 'ServicePrincipal');
  assert.equal(graph.roleAssignments[1].roleName, null, 'missing roleDefinitionName stays unknown');
  assert.equal(graph.roleAssignments[1].principalType, null);
  assert.deepEqual(graph.subscriptions.map((s) => [s.id, s.tenantId]), [[SUB, '72f988bf-0000-4000-8000-000000000001']]);
});

test('the same file twice does not duplicate anything (ids compare case-insensitively)', () => {
  const a = load('identity-list.json');
  const upper = { source: 'b.json', value: (a.value as { id: string }[]).map((i) => ({ ...i, id: i.id.toUpperCase() })) };
  const { graph } = parseSnapshot([a, upper, load('fic-list-id-api.json'), load('fic-list-id-api.json')]);
  assert.equal(graph.identities.length, 2);
  assert.equal(graph.identities.find((i) => i.name === 'id-api')?.federatedCredentials?.length, 1);
});

test('a federated credential whose identity is not listed is reported as a warning, not lost silently', () => {
  const { graph, warnings } = parseSnapshot([load('fic-list-id-api.json')]);
  assert.equal(graph.identities.length, 0);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /shop-api .*id-api.*az identity list/);
});

test('items with nearly every field missing are still read, by shape', () => {
  const { graph } = parseSnapshot([
    { source: 'x.json', value: [{ clientId: 'c', principalId: 'p' }] },
    { source: 'y.json', value: [{ principalId: 'p', roleDefinitionId: 'r' }] },
    { source: 'z.json', value: { oidcIssuerProfile: {} } },
  ]);
  assert.deepEqual(graph.identities.map((i) => [i.clientId, i.name, i.resourceGroup, i.tenantId, i.federatedCredentials]), [['c', '', '', null, null]]);
  assert.deepEqual(graph.roleAssignments.map((r) => [r.principalId, r.roleDefinitionId, r.scope, r.roleName]), [['p', 'r', '', null]]);
  assert.equal(graph.clusters.length, 1);
  assert.equal(graph.clusters[0].oidcIssuerUrl, null);
  assert.equal(graph.clusters[0].oidcIssuerEnabled, false);
});

test('shape detection: ARM type first, then distinctive fields', () => {
  assert.equal(detectItemKind({ type: 'Microsoft.ContainerService/ManagedClusters' }), 'cluster');
  assert.equal(detectItemKind({ kind: 'Base', agentPoolProfiles: [] }), 'cluster');
  assert.equal(detectItemKind({ issuer: 'i', subject: 's' }), 'federated-credential');
  assert.equal(detectItemKind({ clientId: 'c', principalId: 'p' }), 'identity');
  assert.equal(detectItemKind({ principalId: 'p', roleDefinitionId: 'r' }), 'role-assignment');
  assert.equal(detectItemKind({ id: '/subscriptions/s/providers/Microsoft.Authorization/roleAssignments/x' }), 'role-assignment');
  assert.equal(detectItemKind({ name: 'x' }), null);
  assert.equal(detectItemKind('text'), null);
  assert.equal(parentIdentityId('/subscriptions/s/resourceGroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/u/federatedIdentityCredentials/f'), '/subscriptions/s/resourceGroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/u');
  assert.equal(parentIdentityId('f'), null);
});

test('unknown shapes fail with the file name and what was found', () => {
  assert.throws(() => parseSnapshot([{ source: 'vms.json', value: [{ name: 'vm1', hardwareProfile: {} }] }]), (e: unknown) => {
    assert.ok(e instanceof SnapshotError);
    assert.equal(e.source, 'vms.json');
    assert.match(e.message, /^vms\.json: item 0 is not the output of az aks show\/list.*keys: name, hardwareProfile/);
    return true;
  });
  assert.throws(() => parseSnapshot([{ source: 'n.json', value: 42 }]), /n\.json: expected a JSON array or object .* found number/);
  assert.throws(() => parseSnapshot([{ source: 'n.json', value: null }]), /found null/);
  assert.throws(() => parseSnapshot([{ source: 'k.json', value: { kind: 'other/thing', version: 1 } }]), /k\.json: unknown kind "other\/thing"/);
  assert.throws(() => parseSnapshot([{ source: 'v.json', value: { kind: 'aks-iam/identity-snapshot', version: 2, graph: {} } }]), /unsupported aks-iam\/identity-snapshot version 2/);
  // Anything else a snapshot holds stays out of messages (they reach the log and the tree).
  const secret = 'eyJ0eXAiOiJKV1QiLCJhbGciOi-secret value';
  assert.throws(() => parseSnapshot([{ source: 'k.json', value: { kind: secret, version: 1 } }]), (e: Error) => e.message === 'k.json: unknown kind (a string value) (expected "aks-iam/identity-snapshot")');
  assert.throws(() => parseSnapshot([{ source: 'v.json', value: { kind: 'aks-iam/identity-snapshot', version: { token: secret }, graph: {} } }]), (e: Error) => !e.message.includes('secret') && /version \(an object value\)/.test(e.message));
  assert.throws(() => parseSnapshot([{ source: 'g.json', value: { kind: 'aks-iam/identity-snapshot', version: 1 } }]), /without a "graph" object/);
  assert.throws(() => parseSnapshot([{ source: 'g.json', value: { kind: 'aks-iam/identity-snapshot', version: 1, graph: { clusters: {} } } }]), /graph\.clusters must be an array/);
});

test('an empty array is no data, not an error', () => {
  const { graph } = parseSnapshot([{ source: 'empty.json', value: [] }]);
  assert.deepEqual([graph.clusters, graph.identities, graph.roleAssignments], [[], [], []]);
});

test('exportSnapshot round-trips through parseSnapshot, including "no federated credentials" ([] vs null)', () => {
  const { graph } = parseSnapshot(['aks-show.json', 'aks-list.json', 'identity-list.json', 'fic-list-id-api.json', 'role-assignment-list.json'].map(load));
  graph.identities.find((i) => i.name === 'id-worker')!.federatedCredentials = [];
  const exported = exportSnapshot(graph);
  assert.equal(exported.kind, 'aks-iam/identity-snapshot');
  assert.equal(exported.version, 1);
  assert.notEqual(exported.graph, graph, 'a copy, not the live graph');
  const again = parseSnapshot([{ source: 'export.json', value: JSON.parse(JSON.stringify(exported)) }]);
  assert.deepEqual(again.graph, graph);
  assert.deepEqual(again.warnings, []);
});

test('an export with missing fields is filled with defaults, wrong types are ignored', () => {
  const { graph } = parseSnapshot([{
    source: 'partial.json',
    value: { kind: 'aks-iam/identity-snapshot', version: 1, graph: { clusters: [{ name: 'c1', oidcIssuerUrl: 'https://i/', oidcIssuerEnabled: 'yes' }], identities: [{ clientId: 'x' }] } },
  }]);
  assert.equal(graph.clusters[0].name, 'c1');
  assert.equal(graph.clusters[0].oidcIssuerUrl, 'https://i/');
  assert.equal(graph.clusters[0].oidcIssuerEnabled, false);
  assert.deepEqual(graph.clusters[0].vnetSubnetIds, []);
  assert.equal(graph.identities[0].clientId, 'x');
  assert.equal(graph.identities[0].federatedCredentials, null);
  assert.deepEqual(graph.roleAssignments, []);
});

test('an export merges with az output: a later identity listing keeps the exported credentials', () => {
  const base = parseSnapshot(['identity-list.json', 'fic-list-id-api.json'].map(load)).graph;
  const merged = parseSnapshot([{ source: 'e.json', value: exportSnapshot(base) }, load('identity-list.json')]).graph;
  assert.equal(merged.identities.find((i) => i.name === 'id-api')?.federatedCredentials?.length, 1);
});

// --- the CLI's --snapshot reader (in-process, through main, as `aks-iam lint` runs it) ---

function runCli(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = { out: (t: string) => { out += t; }, err: (t: string) => { err += t; }, isTTY: false, cwd };
  return main(args, io).then((code) => ({ code, out, err }));
}

const workspace = (files: Record<string, string>): string => tempWorkspace(files, 'aks-iam-snap-');

const SA_YAML = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  namespace: shop\n  annotations:\n    azure.workload.identity/client-id: 99999999-0000-4000-8000-000000000009\n';

test('--snapshot: a directory of az output files loads (sorted *.json only) and the lint runs', async () => {
  const files: Record<string, string> = { 'k8s/sa.yaml': SA_YAML, 'snap/notes.txt': 'not json' };
  for (const f of ['aks-show.json', 'identity-list.json', 'fic-list-id-api.json']) files[`snap/${f}`] = readFileSync(join(DIR, f), 'utf8');
  const dir = workspace(files);
  const r = await runCli(dir, 'lint', 'k8s', '--snapshot', 'snap', '--format', 'json', '--fail-on', 'none');
  assert.equal(r.err, '');
  assert.equal(r.code, 0);
  const report = JSON.parse(r.out) as { findings: { ruleId: string; message: string }[] };
  // The cloud rule only runs with identity data: proof the snapshot reached the analyzer.
  assert.deepEqual(report.findings.filter((f) => f.ruleId === 'wi-unknown-client-id').map((f) => f.message), [
    'Unknown client-id 99999999-0000-4000-8000-000000000009: the one on ServiceAccount api (namespace shop) matches none of the 2 managed identities loaded from 1 subscription; check for a typo or a deleted identity (an app registration\'s client id cannot be checked here).',
  ]);
  const without = await runCli(dir, 'lint', 'k8s', '--format', 'json', '--fail-on', 'none');
  assert.deepEqual((JSON.parse(without.out) as { findings: { ruleId: string }[] }).findings.filter((f) => f.ruleId.startsWith('wi-unknown')), []);
});

test('--snapshot: a missing, unreadable, non-JSON or unknown-shaped snapshot exits 2 naming the file', async () => {
  const dir = workspace({ 'sa.yaml': SA_YAML, 'bad.json': '{"a": ', 'vm.json': '[{"name":"vm1","hardwareProfile":{}}]', 'empty/readme.md': '' });
  const cases: [string, RegExp][] = [
    ['nope.json', /^aks-iam: cannot read snapshot nope\.json: no such file or directory\n$/],
    ['bad.json', /^aks-iam: snapshot bad\.json is not valid JSON: /],
    ['vm.json', /^aks-iam: invalid snapshot vm\.json: item 0 is not the output of az aks/],
    ['empty', /^aks-iam: snapshot empty: the directory has no \*\.json files\n$/],
  ];
  for (const [given, expected] of cases) {
    const r = await runCli(dir, 'lint', 'sa.yaml', '--snapshot', given);
    assert.equal(r.code, 2, given);
    assert.match(r.err, expected);
    assert.equal(r.out, '');
  }
});

test('Resource Manager wire format (fields under properties, REST spellings) reads like az output', () => {
  const sub = '00000000-0000-4000-8000-0000000000cc';
  const idn = `/subscriptions/${sub}/resourceGroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/u`;
  const { graph } = parseSnapshot([{
    source: 'portal.json',
    value: [
      { id: `/subscriptions/${sub}/resourceGroups/g/providers/Microsoft.ContainerService/managedClusters/c`, name: 'c', properties: { oidcIssuerProfile: { enabled: true, issuerURL: 'https://issuer/' }, agentPoolProfiles: [{ vnetSubnetID: '/x/subnets/s' }], aadProfile: { enableAzureRBAC: true } } },
      { id: idn, name: 'u', properties: { clientId: 'c1', principalId: 'p1', tenantId: 't1' } },
      { id: `${idn}/federatedIdentityCredentials/f`, name: 'f', properties: { issuer: 'https://issuer/', subject: 'system:serviceaccount:a:b', audiences: ['api://AzureADTokenExchange'] } },
      { id: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments/r`, properties: { principalId: 'p1', roleDefinitionId: 'rd', scope: `/subscriptions/${sub}` } },
    ],
  }]);
  assert.deepEqual([graph.clusters[0].oidcIssuerUrl, graph.clusters[0].vnetSubnetIds, graph.clusters[0].azureRbacEnabled], ['https://issuer/', ['/x/subnets/s'], true]);
  assert.deepEqual([graph.identities[0].clientId, graph.identities[0].federatedCredentials?.[0].subject], ['c1', 'system:serviceaccount:a:b']);
  assert.equal(graph.roleAssignments[0].scope, `/subscriptions/${sub}`);
});

test('any JSON value either loads or fails with a SnapshotError, and the cloud rules never throw on what loads', () => {
  const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  namespace: shop\n  annotations:\n    azure.workload.identity/client-id: 66666666-0000-4000-8000-000000000006\n';
  const field = fc.constantFrom('id', 'name', 'clientId', 'principalId', 'issuer', 'subject', 'audiences', 'roleDefinitionId', 'scope', 'properties',
    'oidcIssuerProfile', 'issuerUrl', 'identity', 'userAssignedIdentities', 'identityProfile', 'kubeletidentity', 'agentPoolProfiles', 'type', 'kind', 'graph',
    'clusters', 'identities', 'federatedCredentials', 'kubeletIdentity', 'controlPlaneIdentity', 'version');
  const value = fc.letrec((tie) => ({
    leaf: fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant('66666666-0000-4000-8000-000000000006'), fc.constant('aks-iam/identity-snapshot'), fc.constant(1)),
    obj: fc.dictionary(field, tie('any'), { maxKeys: 5 }),
    arr: fc.array(tie('any'), { maxLength: 3 }),
    any: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('obj'), tie('arr')),
  })).any;
  fc.assert(fc.property(value, (v) => {
    let graph;
    try {
      graph = parseSnapshot([{ source: 'f.json', value: v }]).graph;
    } catch (e) {
      assert.ok(e instanceof SnapshotError, String(e));
      return;
    }
    const a = new Analyzer({ cloud: graph });
    a.setFile('sa.yaml', sa);
    a.analyzeAll();
    assert.deepEqual(a.internalErrors, []);
  }), { numRuns: 300 });
});
