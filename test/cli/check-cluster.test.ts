import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main';
import type { Io } from '../../src/cli/io';
import { tempWorkspace } from '../support/temp-workspace';
import { assertBuilt } from './built';

const ROOT = resolve(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'permissions');
const SUB = '/subscriptions/6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const SUBNET = `${SUB}/resourceGroups/network-rg/providers/Microsoft.Network/virtualNetworks/payments-vnet/subnets/aks-nodes`;
const ACR = `${SUB}/resourceGroups/registry-rg/providers/Microsoft.ContainerRegistry/registries/paymentsacr`;
const KUBELET_UAI = `${SUB}/resourceGroups/identities-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-payments-kubelet`;

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), isTTY: false, cwd: FIXTURES };
  const code = await main(['check-cluster', ...args], io);
  return { code, out, err };
}

describe('text', () => {
  test('a custom subnet without join: the exact table, exit 1', async () => {
    const r = await run('payments-aks', '--snapshot', 'custom-vnet-missing');
    assert.equal(r.err, '');
    assert.equal(r.code, 1);
    assert.equal(r.out, [
      'Cluster payments-aks (resource group payments-rg, node resource group MC_payments-rg_payments-aks_westeurope)',
      '',
      'Control-plane identity (SystemAssigned, object id 3c6a9e12-7b4d-4f8e-a1c2-5d6e7f8a9b01)',
      '  ✗ Subnet payments-vnet/aks-nodes (resource group network-rg)',
      `      scope: ${SUBNET}`,
      `      ✓ Microsoft.Network/virtualNetworks/subnets/read         granted by Reader at ${SUB}/resourceGroups/network-rg/providers/Microsoft.Network/virtualNetworks/payments-vnet`,
      '      ✗ Microsoft.Network/virtualNetworks/subnets/join/action  missing',
      '      why: Required if using a subnet in another resource group such as a custom VNET.',
      `      fix (Network Contributor): az role assignment create --assignee-object-id 3c6a9e12-7b4d-4f8e-a1c2-5d6e7f8a9b01 --assignee-principal-type ServicePrincipal --role 'Network Contributor' --scope ${SUBNET}`,
      '  ~ Node resource group MC_payments-rg_payments-aks_westeurope (AKS grants these): 43 permissions assumed (AKS gives its control-plane identity Contributor on the node resource group; --all lists them)',
      '',
      'Kubelet identity (payments-aks-agentpool, object id 8d2e4f61-0a3b-4c5d-9e7f-1a2b3c4d5e02)',
      '  no requirement applies (no attached registry found; name one with --acr)',
      '',
      '1 missing permission',
      '',
    ].join('\n'));
  });

  test('a correct cluster exits 0 and says so; --all lists the node resource group permissions one by one', async () => {
    const r = await run('payments-rg/payments-aks', '--snapshot', 'fully-correct');
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.out, /✗/);
    assert.match(r.out, /\n {2}✓ Pull images from registry paymentsacr\n {6}scope: .*\/registries\/paymentsacr\n {6}✓ Microsoft\.ContainerRegistry\/registries\/pull\/read {2}granted by AcrPull at .*\/registries\/paymentsacr\n/);
    assert.ok(r.out.endsWith('\nNo required permission is missing\n'));
    const all = await run('payments-aks', '--snapshot', 'fully-correct', '--all');
    assert.equal(all.code, 0);
    assert.match(all.out, /\n {2}~ Node resource group MC_payments-rg_payments-aks_westeurope \(AKS grants these\)\n {6}scope: \/subscriptions\/6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b\/resourceGroups\/MC_payments-rg_payments-aks_westeurope\n {6}~ Microsoft\.ContainerService\/managedClusters\/\* +assumed\n/);
    assert.equal(all.out.split('\n').filter((l) => /^ {6}~ /.test(l)).length, 43);
  });

  test('--acr names a registry; the kubelet identity in another resource group needs Managed Identity Operator', async () => {
    const acr = await run('payments-aks', '--snapshot', 'acr-pull-missing', '--acr', 'paymentsacr');
    assert.equal(acr.code, 1);
    assert.match(acr.out, /\n {6}✗ Microsoft\.ContainerRegistry\/registries\/repositories\/content\/read {3}missing \(AcrPull at \/subscriptions\/.*\/registries\/platformacr is not honoured by a registry in ABAC mode\)\n/);
    assert.ok(acr.out.includes(`      fix (AcrPull): az role assignment create --assignee-object-id 8d2e4f61-0a3b-4c5d-9e7f-1a2b3c4d5e02 --assignee-principal-type ServicePrincipal --role AcrPull --scope ${ACR}\n`));
    assert.ok(acr.out.endsWith('\n3 missing permissions\n'));
    const mio = await run('payments-aks', '--snapshot', 'kubelet-other-rg');
    assert.equal(mio.code, 1);
    assert.ok(mio.out.includes(`      fix (Managed Identity Operator): az role assignment create --assignee-object-id 4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a704 --assignee-principal-type ServicePrincipal --role 'Managed Identity Operator' --scope ${KUBELET_UAI}\n`));
  });
});

describe('json', () => {
  test('cluster, counts and one result per permission with requirement, status, grant or fix', async () => {
    const r = await run('payments-aks', '--snapshot', 'custom-vnet-rg-scope', '--format', 'json');
    assert.equal(r.code, 0);
    const json = JSON.parse(r.out) as { cluster: unknown; missing: number; unknown: number; results: Record<string, unknown>[] };
    assert.deepEqual(json.cluster, {
      id: `/subscriptions/6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b/resourcegroups/payments-rg/providers/Microsoft.ContainerService/managedClusters/payments-aks`,
      name: 'payments-aks', resourceGroup: 'payments-rg', nodeResourceGroup: 'MC_payments-rg_payments-aks_westeurope',
    });
    assert.equal(json.missing, 0);
    assert.equal(json.unknown, 0);
    assert.equal(json.results.length, 6 + 43);
    assert.deepEqual(json.results[1], {
      identity: 'controlPlane',
      principalId: '3c6a9e12-7b4d-4f8e-a1c2-5d6e7f8a9b01',
      requirement: {
        id: 'custom-subnet', title: 'Subnet payments-vnet/aks-nodes (resource group network-rg)', permission: 'Microsoft.Network/virtualNetworks/subnets/join/action',
        plane: 'control', scope: SUBNET, reason: 'Required if using a subnet in another resource group such as a custom VNET.',
      },
      status: 'granted',
      grantedBy: { assignmentId: `${SUB}/resourceGroups/network-rg/providers/Microsoft.Authorization/roleAssignments/d52b8f31-2c3d-4e4f-9a5b-6c7d8e9f0a11`, roleName: 'Network Contributor', scope: `${SUB}/resourceGroups/network-rg` },
    });
    const missing = await run('payments-aks', '--snapshot', 'custom-vnet-missing', '--format=json');
    assert.equal(missing.code, 1);
    const row = (JSON.parse(missing.out) as { results: Record<string, unknown>[] }).results[1];
    assert.equal(row.status, 'missing');
    assert.equal(row.suggestedRole, 'Network Contributor');
    assert.match(String(row.fixCommand), /^az role assignment create --assignee-object-id 3c6a9e12-7b4d-4f8e-a1c2-5d6e7f8a9b01 /);
  });
});

describe('errors', () => {
  test('usage and input errors exit 2 with a message', async () => {
    const cases: [string[], string][] = [
      [['--snapshot', 'fully-correct'], 'aks-iam check-cluster: missing <cluster name or id>\n'],
      [['a', 'b', '--snapshot', 'fully-correct'], 'aks-iam check-cluster: expected one cluster, got 2: a b\n'],
      [['payments-aks'], 'aks-iam check-cluster: --subscription <id> (read from Azure) or --snapshot <file|dir> (saved az aks show and az role assignment list --all output) is required\n'],
      [['payments-aks', '--snapshot', 'fully-correct', '--format', 'sarif'], 'aks-iam check-cluster: --format must be text or json, not "sarif"\n'],
      [['orders-aks', '--snapshot', 'fully-correct'], 'aks-iam: no cluster named orders-aks in the snapshot (it has payments-aks)\n'],
      [['payments-aks', '--snapshot', 'fully-correct', '--acr', 'nosuchacr'], 'aks-iam: registry nosuchacr is not in the snapshot (add the output of az acr list, or pass its resource id)\n'],
      [['payments-aks', '--snapshot', 'nope'], 'aks-iam: cannot read snapshot nope: no such file or directory\n'],
    ];
    for (const [args, err] of cases) {
      const r = await run(...args);
      assert.deepEqual([r.code, r.err, r.out], [2, err, ''], args.join(' '));
    }
    const help = await run('--help');
    assert.equal(help.code, 0);
    assert.match(help.out, /^Usage: aks-iam check-cluster <cluster name, resource-group\/name or id> --subscription <id> \[options\]\n {7}aks-iam check-cluster <cluster name, resource-group\/name or id> --snapshot <file\|dir> \[options\]\n/);
    assert.ok(help.out.split('\n').every((l) => l.length <= 110), 'the help fits a terminal');
  });
});

describe('built CLI', () => {
  before(assertBuilt);

  test('check-cluster is listed and runs from the bundle', () => {
    const dir = tempWorkspace({}, 'aks-iam-check-');
    const cli = join(ROOT, 'dist', 'cli.js');
    const list = spawnSync(process.execPath, [cli, '--help'], { cwd: dir, encoding: 'utf8' });
    assert.match(list.stdout, /\n {2}check-cluster +check the required permissions of an AKS cluster's identities\n/);
    const r = spawnSync(process.execPath, [cli, 'check-cluster', 'payments-aks', '--snapshot', join(FIXTURES, 'kubelet-other-rg')], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /\n {2}✗ Managed Identity Operator on kubelet identity id-payments-kubelet \(resource group identities-rg\)\n/);
  });
});
