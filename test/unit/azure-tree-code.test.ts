import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readIacFacts } from '../../src/core/iac/registry';
import { codeIdentities } from '../../src/core/identity/code-identities';
import { describeTree, rootNodes, type CodeView } from '../../src/vscode/azure/tree-model';
import { LineIndex } from '../../src/core/text/line-index';
import { loadTerraformReader, readTree } from '../support/iac';

const REPO = join(__dirname, '..', 'fixtures', 'iac', 'repo');

async function codeView(): Promise<CodeView> {
  const files = readTree(REPO, /\.tf(vars)?$/);
  const facts = readIacFacts(files, [await loadTerraformReader()]);
  const text = new Map(files.map((f) => [f.path, f.text]));
  const line = (s: { file: string; start: number }) => new LineIndex(text.get(s.file)!).positionAt(s.start).line + 1;
  return {
    model: codeIdentities(facts),
    open: (s) => ({ command: 'vscode.open', title: 'Open', arguments: [s.file, line(s)] }),
    where: (s) => `${s.file}:${line(s)}`,
  };
}

test('the tree lists what the infrastructure code declares, without signing in, each row opening its line', async () => {
  const code = await codeView();
  const roots = rootNodes({ trusted: true, live: { status: 'signedOut' }, snapshot: { status: 'none' }, code });
  assert.deepEqual(roots.map((r) => r.view().label), ['Sign in to Azure…', 'Load identity snapshot…', 'Infrastructure code']);
  const tree = await describeTree([roots[2]], 3);
  assert.equal(tree[0].description, '2 clusters · 4 identities');
  const rows = tree[0].children!;
  assert.deepEqual(rows.map((r) => [r.label, r.description, r.icon]), [
    ['aks-shop', 'OIDC issuer on · workload identity on', 'server-environment'],
    ['aks-legacy', 'OIDC issuer on · workload identity off', 'warning'],
    ['id-api', '5 federated credentials · 3 role assignments', 'person'],
    ['id-batch', '21 federated credentials · 0 role assignments', 'person'],
    ['id-reporting', '2 federated credentials · 1 role assignment', 'person'],
    ['id-orders', '1 federated credential · 0 role assignments', 'person'],
  ]);
  assert.deepEqual(rows[2].children!.map((r) => [r.label, r.description]), [
    ['fic-api', 'system:serviceaccount:shop:api-sv'],
    ['fic-worker', 'system:serviceaccount:jobs:Worker'],
    ['fic-web', 'system:serviceaccount:frontend:web'],
    ['fic-cart', 'system:serviceaccounts:shop:cart'],
    ['fic-legacy', 'system:serviceaccount:shop:cart'],
    ['Storage Blob Data Reder', 'azurerm_storage_account.data'],
    ['Key Vault Secrets User', 'azurerm_storage_account.data'],
    ['Contributor', 'azurerm_resource_group.rg'],
  ]);
  const legacy = (await roots[2].children())[1].view();
  assert.equal(legacy.tooltip, 'AKS cluster azurerm_kubernetes_cluster.legacy\ninfra/main.tf:19\nWorkload identity needs both the OIDC issuer and workload identity turned on.');
  assert.deepEqual(legacy.command, { command: 'vscode.open', title: 'Open', arguments: ['infra/main.tf', 19] });
});

test('no "Infrastructure code" row when the code declares no identity or cluster', async () => {
  const roots = rootNodes({ trusted: true, live: { status: 'signedOut' }, snapshot: { status: 'none' }, code: { model: { identities: [], clusters: [] }, open: () => ({ command: 'x', title: 'x' }), where: () => '' } });
  assert.deepEqual(roots.map((r) => r.view().label), ['Sign in to Azure…', 'Load identity snapshot…']);
});
