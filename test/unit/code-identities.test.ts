import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Analyzer } from '../../src/core/analyze';
import { explainServiceAccount } from '../../src/core/explain/service-account';
import { readIacFacts } from '../../src/core/iac/registry';
import { buildIdentityMap } from '../../src/core/map/index';
import type { IacSpan } from '../../src/core/iac/types';
import { codeFederationOf, codeIdentities } from '../../src/core/identity/code-identities';
import type { IdentityGraph } from '../../src/core/identity/graph';
import { LineIndex } from '../../src/core/text/line-index';
import { loadTerraformReader, readTree } from '../support/iac';

const REPO = join(__dirname, '..', 'fixtures', 'iac', 'repo');

async function fixture() {
  const reader = await loadTerraformReader();
  const files = readTree(REPO, /\.(tf|tfvars|ya?ml)$/);
  const facts = readIacFacts(files.filter((f) => /\.tf(vars)?$/.test(f.path)), [reader]);
  const text = new Map(files.map((f) => [f.path, f.text]));
  /** `file:line` (1-based) of a span, as a reviewer reads it. */
  const at = (s: IacSpan) => `${s.file}:${new LineIndex(text.get(s.file)!).positionAt(s.start).line + 1}`;
  return { files, facts, at };
}

test('identities declared in Terraform carry their credentials and role assignments, each with its line', async () => {
  const { facts, at } = await fixture();
  const model = codeIdentities(facts);
  const api = model.identities.find((i) => i.address === 'azurerm_user_assigned_identity.api')!;
  assert.equal(api.label, 'id-api');
  assert.equal(at(api.at), 'infra/identities.tf:7');
  assert.deepEqual(api.credentials.map((c) => [c.name, c.subject, c.issuer, at(c.at)]), [
    ['fic-api', 'system:serviceaccount:shop:api-sv', 'OIDC issuer of azurerm_kubernetes_cluster.aks', 'infra/identities.tf:13'],
    ['fic-worker', 'system:serviceaccount:jobs:Worker', 'OIDC issuer of azurerm_kubernetes_cluster.aks', 'infra/identities.tf:22'],
    ['fic-web', 'system:serviceaccount:frontend:web', 'OIDC issuer of azurerm_kubernetes_cluster.aks', 'infra/identities.tf:31'],
    ['fic-cart', 'system:serviceaccounts:shop:cart', 'https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/11111111-1111-1111-1111-111111111111', 'infra/identities.tf:40'],
    ['fic-legacy', 'system:serviceaccount:shop:cart', 'OIDC issuer of azurerm_kubernetes_cluster.legacy', 'infra/identities.tf:49'],
  ]);
  assert.deepEqual(api.roleAssignments.map((r) => [r.role, r.scope, at(r.at)]), [
    ['Storage Blob Data Reder', 'azurerm_storage_account.data', 'infra/roles.tf:1'],
    ['Key Vault Secrets User', 'azurerm_storage_account.data', 'infra/roles.tf:7'],
    ['Contributor', 'azurerm_resource_group.rg', 'infra/roles.tf:13'],
  ]);
  assert.deepEqual(model.clusters.map((c) => [c.label, c.oidcIssuerEnabled, c.workloadIdentityEnabled, at(c.at)]), [
    ['aks-shop', true, true, 'infra/main.tf:6'],
    ['aks-legacy', true, false, 'infra/main.tf:19'],
  ]);
});

test('a ServiceAccount joins the identity whose credential names its subject, or whose client id its Terraform annotation is', async () => {
  const { facts, at } = await fixture();
  const model = codeIdentities(facts);
  const cart = codeFederationOf(model, facts, 'shop', 'cart');
  assert.deepEqual(cart.map((f) => [f.identity.label, f.credentials.map((c) => c.name), f.annotation]), [['id-api', ['fic-legacy'], null]]);
  const reporting = codeFederationOf(model, facts, 'reports', 'reporting');
  assert.deepEqual(reporting.map((f) => [f.identity.label, f.credentials.length, f.annotation && at(f.annotation)]), [['id-reporting', 0, 'infra/identities.tf:100']]);
  assert.deepEqual(codeFederationOf(model, facts, 'shop', 'Cart'), [], 'subjects compare exactly, as Entra does');
  assert.deepEqual(codeFederationOf(model, facts, 'shop', 'orders').map((f) => f.identity.label), ['id-orders'], 'a module instance is joined by its subject too');
});

test('the ServiceAccount hover shows what the code declares for it, with links to the lines', async () => {
  const { files, facts, at } = await fixture();
  const a = new Analyzer();
  for (const f of files.filter((x) => /\.ya?ml$/.test(x.path))) a.setFile(f.path, f.text);
  const md = explainServiceAccount(a.index, { namespace: 'shop', name: 'cart' }, null, [], { facts, link: (s) => `[${at(s)}](#)` });
  const parts = md.split('\n\n');
  assert.deepEqual(parts.slice(-2), [
    '**Declared in infrastructure code:** managed identity `id-api` ([infra/identities.tf:7](#)); federated for `system:serviceaccount:shop:cart` by `fic-legacy` (OIDC issuer of azurerm_kubernetes_cluster.legacy, [infra/identities.tf:49](#)).',
    'Azure role assignments in the code:\n- `Storage Blob Data Reder` on `azurerm_storage_account.data` ([infra/roles.tf:1](#))\n- `Key Vault Secrets User` on `azurerm_storage_account.data` ([infra/roles.tf:7](#))\n- `Contributor` on `azurerm_resource_group.rg` ([infra/roles.tf:13](#))',
  ]);
  const none = explainServiceAccount(a.index, { namespace: 'shop', name: 'api-svc' }, null, [], { facts, link: () => '' });
  assert.ok(!none.includes('Declared in infrastructure code'), 'nothing is said when the code declares nothing for the account');
});

test('the identity map draws the identity the code declares for an account, its credential and role assignments, with their findings', async () => {
  const { files, facts, at } = await fixture();
  const a = new Analyzer();
  for (const f of files) a.setFile(f.path, f.text);
  a.setIac({ files: files.filter((f) => /\.tf(vars)?$/.test(f.path)), facts });
  const map = buildIdentityMap({ index: a.index, graph: null, findings: a.analyzeAll(), iac: facts }, { kind: 'service-account', namespace: 'shop', name: 'cart' });
  const label = new Map(map.nodes.map((n) => [n.id, n.label]));
  assert.deepEqual(map.nodes.filter((n) => n.source?.type === 'iac').map((n) => [n.label, n.detail, n.source?.type === 'iac' ? at(n.source) : null]), [
    ['Managed identity id-api', 'declared in identities.tf', 'infra/identities.tf:7'],
    ['Federated credential fic-legacy', 'system:serviceaccount:shop:cart', 'infra/identities.tf:49'],
    ['Storage Blob Data Reder', 'Azure role assignment in code', 'infra/roles.tf:1'],
    ['Key Vault Secrets User', 'Azure role assignment in code', 'infra/roles.tf:7'],
    ['Contributor', 'Azure role assignment in code', 'infra/roles.tf:13'],
  ]);
  assert.deepEqual(map.edges.map((e) => [label.get(e.from), e.label, label.get(e.to), e.problems.map((p) => p.ruleId).join()]), [
    ['ServiceAccount cart', 'federated in code', 'Managed identity id-api', ''],
    ['Managed identity id-api', 'federated credential', 'Federated credential fic-legacy', 'iac-fic-cluster-disabled'],
    ['Managed identity id-api', 'role assignment', 'Storage Blob Data Reder', 'iac-role-unknown'],
    ['Storage Blob Data Reder', 'at scope', 'azurerm_storage_account.data', ''],
    ['Managed identity id-api', 'role assignment', 'Key Vault Secrets User', 'iac-role-scope'],
    ['Key Vault Secrets User', 'at scope', 'azurerm_storage_account.data', ''],
    ['Managed identity id-api', 'role assignment', 'Contributor', 'iac-role-privileged'],
    ['Contributor', 'at scope', 'azurerm_resource_group.rg', ''],
  ]);
  const reporting = buildIdentityMap({ index: a.index, graph: null, findings: [], iac: facts }, { kind: 'service-account', namespace: 'reports', name: 'reporting' });
  assert.deepEqual(reporting.edges.map((e) => [e.from, e.label, e.to]), [
    ['sa:reports/reporting', 'client-id (code)', 'code-identity:azurerm_user_assigned_identity.reporting'],
    ['code-identity:azurerm_user_assigned_identity.reporting', 'federated credential', 'code-credential:azurerm_user_assigned_identity.reporting/missing/reports/reporting'],
    ['code-identity:azurerm_user_assigned_identity.reporting', 'role assignment', 'code-assignment:azurerm_role_assignment.reporting_reader'],
    ['code-assignment:azurerm_role_assignment.reporting_reader', 'at scope', 'scope:code:azurerm_storage_account.data'],
  ]);
});

test('wi-federation-missing points at the identity\'s declaration in code, and says to deploy a credential the code already has', async () => {
  const { files, facts, at } = await fixture();
  const CLIENT = '0b5e7a35-5c3f-4a2e-9a7c-3f0f2f7f9c11';
  const identity = (name: string, clientId: string) => ({
    id: `/subscriptions/s/resourceGroups/rg-shop/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`, name, subscriptionId: 's',
    resourceGroup: 'rg-shop', location: null, clientId, principalId: `p-${name}`, tenantId: null, federatedCredentials: [],
  });
  const graph: IdentityGraph = {
    source: 'snapshot', subscriptions: [], clusters: [], roleAssignments: [],
    identities: [identity('id-api', CLIENT), identity('id-reporting', '1b5e7a35-5c3f-4a2e-9a7c-3f0f2f7f9c12'), identity('id-elsewhere', '2b5e7a35-5c3f-4a2e-9a7c-3f0f2f7f9c13')],
  };
  const sa = (ns: string, name: string, client: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  annotations:\n    azure.workload.identity/client-id: ${client}\n`;
  const a = new Analyzer({ cloud: graph });
  a.setIac({ files: files.filter((f) => /\.tf(vars)?$/.test(f.path)), facts });
  a.setFile('sa.yaml', [sa('shop', 'cart', CLIENT), sa('shop', 'billing', CLIENT), sa('shop', 'api-svc', CLIENT), sa('reports', 'audit', '1b5e7a35-5c3f-4a2e-9a7c-3f0f2f7f9c12'), sa('ops', 'tool', '2b5e7a35-5c3f-4a2e-9a7c-3f0f2f7f9c13')].join('---\n'));
  const found = a.analyzeFile('sa.yaml').filter((f) => f.ruleId === 'wi-federation-missing');
  assert.deepEqual(found.map((f) => [f.message.slice(f.message.indexOf('token. ') + 7), (f.related ?? []).map((r) => `${at(r)} ${r.message}`)]), [
    ['azurerm_federated_identity_credential.legacy declares it in code: deploy it, or correct it there.', ['infra/identities.tf:49 credential for system:serviceaccount:shop:cart in code']],
    ['Fix it in code: declare a federated credential for system:serviceaccount:shop:billing on azurerm_user_assigned_identity.api.', ['infra/identities.tf:7 azurerm_user_assigned_identity.api declares managed identity id-api']],
    ['azurerm_federated_identity_credential.api has subject system:serviceaccount:shop:api-sv in code: change it to system:serviceaccount:shop:api-svc.', ['infra/identities.tf:13 subject system:serviceaccount:shop:api-sv in code']],
    ['Fix it in code: declare a federated credential for system:serviceaccount:reports:audit on azurerm_user_assigned_identity.reporting.', ['infra/identities.tf:74 azurerm_user_assigned_identity.reporting declares managed identity id-reporting']],
    [`Fix: az identity federated-credential create --name ops-tool --identity-name id-elsewhere --resource-group rg-shop --issuer '<cluster-oidc-issuer-url>' --subject system:serviceaccount:ops:tool --audience api://AzureADTokenExchange`, []],
  ]);
});
