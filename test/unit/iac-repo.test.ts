import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Analyzer } from '../../src/core/analyze';
import { readIacFacts, setIacReaders } from '../../src/core/iac/registry';
import { loadTerraformReader, readTree } from '../support/iac';

const REPO = join(__dirname, '..', 'fixtures', 'iac', 'repo');

async function analyzer(): Promise<Analyzer> {
  setIacReaders([await loadTerraformReader()]);
  const a = new Analyzer();
  for (const f of readTree(REPO, /\.(ya?ml|tf|tfvars)$/)) a.setFile(f.path, f.text);
  return a;
}

test('the fixture repository: facts resolved through tfvars, locals, for_each and a module', async () => {
  setIacReaders([await loadTerraformReader()]);
  const facts = readIacFacts(readTree(REPO, /\.(tf|tfvars)$/));
  assert.deepEqual(facts.problems, []);
  assert.deepEqual(facts.identities.map((i) => i.address), [
    'azurerm_user_assigned_identity.api', 'azurerm_user_assigned_identity.batch', 'azurerm_user_assigned_identity.reporting',
    'module.workload["orders"].azurerm_user_assigned_identity.this',
  ]);
  const orders = facts.federatedCredentials.find((f) => f.address.startsWith('module.workload'));
  assert.ok(orders && orders.subject.kind === 'literal');
  assert.equal(orders.subject.value, 'system:serviceaccount:shop:orders');
  assert.deepEqual(orders.issuer.kind === 'ref' && [orders.issuer.target, orders.issuer.attribute], ['azurerm_kubernetes_cluster.aks', 'oidcIssuerUrl']);
  assert.equal(facts.federatedCredentials.filter((f) => f.address.startsWith('azurerm_federated_identity_credential.batch[')).length, 21);
});

test('a manifest finding points at the Terraform line it is about, and the Terraform finding back at the manifest', async () => {
  const a = await analyzer();
  const onManifest = a.analyzeFile('manifests/shop.yaml');
  assert.deepEqual(onManifest.map((f) => [f.ruleId, f.range.start.line + 1, f.related.map((r) => `${r.file}:${r.range.start.line + 1}:${r.range.start.character + 1} ${r.message}`)]), [
    ['iac-fic-subject-not-found', 4, ['infra/identities.tf:18:25 subject of azurerm_federated_identity_credential.api']],
  ]);
  const onTf = a.analyzeFile('infra/identities.tf').filter((f) => f.range.start.line === 17);
  assert.deepEqual(onTf.map((f) => f.related.map((r) => `${r.file}:${r.range.start.line + 1}:${r.range.start.character + 1} ${r.message}`)), [['manifests/shop.yaml:4:9 ServiceAccount api-svc']]);
});

test('editing a .tf file re-reads the facts: fixing the subject clears the finding on both sides', async () => {
  const a = await analyzer();
  const tf = readTree(REPO, /identities\.tf$/)[0];
  a.setFile(tf.path, tf.text.replace('api-sv"', 'api-svc"'));
  assert.deepEqual(a.analyzeFile('manifests/shop.yaml'), []);
  assert.equal(a.analyzeFile('infra/identities.tf').filter((f) => f.range.start.line === 17).length, 0);
  a.removeFile(tf.path);
  assert.deepEqual(a.analyzeFile('infra/identities.tf'), []);
});
