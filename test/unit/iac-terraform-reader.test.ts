import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadTerraformReader } from '../support/iac';
import type { IacFacts, IacValue } from '../../src/core/iac/types';

const show = (v: IacValue<string | boolean> | undefined) => (!v ? 'absent' : v.kind === 'literal' ? `${v.value}${v.implicit ? ' (implicit)' : ''}` : v.kind === 'ref' ? `ref ${v.target}.${v.attribute}` : `unknown: ${v.why}`);

async function read(files: Record<string, string>): Promise<IacFacts> {
  const reader = await loadTerraformReader();
  return reader.read(Object.entries(files).map(([path, text]) => ({ path, text })));
}

const MAIN = `
locals {
  prefix = "\${var.env}-x"
}
resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks-\${local.prefix}"
  oidc_issuer_enabled = true
  # workload_identity_enabled = true
}
resource "azurerm_user_assigned_identity" "id" {
  for_each = var.workloads
  name     = "id-\${each.key}"
}
resource "azurerm_federated_identity_credential" "fic" {
  for_each  = var.workloads
  name      = "fic-\${each.key}"
  parent_id = azurerm_user_assigned_identity.id[each.key].id
  issuer    = azurerm_kubernetes_cluster.aks.oidc_issuer_url
  subject   = "system:serviceaccount:\${each.value.namespace}:\${each.value.sa}"
  audience  = ["api://AzureADTokenExchange"]
}
resource "kubernetes_namespace" "n" {
  metadata { name = "ns1" }
}
resource "kubernetes_service_account_v1" "sa" {
  metadata {
    name      = lower("SA1")
    namespace = kubernetes_namespace.n.metadata[0].name
    annotations = {
      "azure.workload.identity/client-id" = azurerm_user_assigned_identity.id["api"].client_id
    }
  }
}
module "w" {
  source    = "./modules/w"
  namespace = "from-root"
}
resource "azurerm_role_assignment" "ra" {
  scope                = data.azurerm_resource_group.rg.id
  role_definition_name = "Contributor"
  principal_id         = module.w.principal
}
`;
const VARIABLES = `
variable "env" {
  default = "dev"
}
variable "workloads" {
  default = {
    api = { namespace = "api", sa = "api-sa" }
    web = { namespace = "web", sa = "web-sa" }
  }
}
`;
const MODULE = `variable "namespace" {}
resource "azurerm_user_assigned_identity" "m" {
  name = "m-\${var.namespace}"
}
output "principal" {
  value = azurerm_user_assigned_identity.m.principal_id
}
`;

test('variables, tfvars, locals, for_each, module inputs and outputs, and references resolve as Terraform would', async () => {
  const f = await read({ 'infra/main.tf': MAIN, 'infra/variables.tf': VARIABLES, 'infra/terraform.tfvars': 'env = "prod"\n', 'infra/modules/w/main.tf': MODULE });
  assert.deepEqual(f.problems, []);
  assert.deepEqual(f.identities.map((i) => `${i.address} ${show(i.name)}`), [
    'azurerm_user_assigned_identity.id["api"] id-api',
    'azurerm_user_assigned_identity.id["web"] id-web',
    'module.w.azurerm_user_assigned_identity.m m-from-root',
  ]);
  assert.deepEqual(f.federatedCredentials.map((c) => [c.address, show(c.parent), show(c.issuer), show(c.subject)]), [
    ['azurerm_federated_identity_credential.fic["api"]', 'ref azurerm_user_assigned_identity.id["api"].id', 'ref azurerm_kubernetes_cluster.aks.oidcIssuerUrl', 'system:serviceaccount:api:api-sa'],
    ['azurerm_federated_identity_credential.fic["web"]', 'ref azurerm_user_assigned_identity.id["web"].id', 'ref azurerm_kubernetes_cluster.aks.oidcIssuerUrl', 'system:serviceaccount:web:web-sa'],
  ]);
  const [cluster] = f.clusters;
  assert.equal(show(cluster.name), 'aks-prod-x', 'terraform.tfvars overrides the default');
  assert.equal(show(cluster.oidcIssuerEnabled), 'true');
  assert.equal(show(cluster.workloadIdentityEnabled), 'false (implicit)', 'a commented-out argument is its default');
  const [sa] = f.serviceAccounts;
  assert.deepEqual([show(sa.namespace), show(sa.name)], ['ns1', 'sa1']);
  assert.ok(sa.annotations.kind === 'map');
  assert.equal(show(sa.annotations.entries[0].value), 'ref azurerm_user_assigned_identity.id["api"].clientId');
  const [ra] = f.roleAssignments;
  assert.equal(show(ra.principal), 'ref module.w.azurerm_user_assigned_identity.m.principalId');
  assert.match(show(ra.scope), /^unknown: data sources are read at plan time/);
  // Spans point at the attribute where the value is used, origins at the literal it came from.
  assert.equal(MAIN.slice(sa.namespace.span.start, sa.namespace.span.end), 'kubernetes_namespace.n.metadata[0].name');
  assert.ok(sa.namespace.kind === 'literal' && sa.namespace.origin);
  assert.equal(MAIN.slice(sa.namespace.origin.start, sa.namespace.origin.end), '"ns1"');
});

test('what the repository does not spell out stays unknown, with why', async () => {
  const f = await read({
    'a/main.tf': `variable "ns" {}
variable "env" {
  default = "dev"
}
resource "azurerm_federated_identity_credential" "x" {
  name     = "fic-\${var.env}"
  subject  = "system:serviceaccount:\${var.ns}:app"
  issuer   = data.azurerm_kubernetes_cluster.aks.oidc_issuer_url
  audience = [format("%s", var.ns)]
}
resource "azurerm_user_assigned_identity" "many" {
  for_each = toset(var.names)
  name     = each.key
}
`,
    'a/prod.tfvars': 'env = "prod"\n',
  });
  const [c] = f.federatedCredentials;
  assert.equal(show(c.subject), 'unknown: var.ns has no default and no tfvars file sets it');
  assert.equal(show(c.name), 'unknown: var.env differs between its default and a/prod.tfvars');
  assert.equal(show(c.issuer), 'unknown: data sources are read at plan time (data.azurerm_kubernetes_cluster)');
  assert.ok(c.audiences.kind === 'list');
  assert.equal(show(c.audiences.items[0]), 'unknown: var.ns has no default and no tfvars file sets it');
  const [many] = f.identities;
  assert.equal(many.address, 'azurerm_user_assigned_identity.many[?]');
  assert.equal(many.repeatedUnknown, true);
  assert.match(show(many.name), /^unknown: for_each of azurerm_user_assigned_identity\.many is unknown/);
});

test('strings: escapes, heredocs, count instances and for expressions', async () => {
  const f = await read({
    'main.tf': `locals {
  names = [for n in ["a", "b"] : "sa-\${n}"]
  by_ns = { for n in local.names : n => upper(n) }
}
resource "kubernetes_service_account" "s" {
  count = 2
  metadata {
    name      = local.names[count.index]
    namespace = "ns-\\u00e9"
    annotations = {
      note = <<-EOT
        line \${"$"}
        EOT
      dollars = "$\${x}"
      up = local.by_ns["sa-b"]
    }
  }
}
`,
  });
  assert.deepEqual(f.serviceAccounts.map((s) => `${s.address} ${show(s.namespace)}/${show(s.name)}`), ['kubernetes_service_account.s[0] ns-é/sa-a', 'kubernetes_service_account.s[1] ns-é/sa-b']);
  const ann = f.serviceAccounts[0].annotations;
  assert.ok(ann.kind === 'map');
  assert.deepEqual(ann.entries.map((e) => `${e.key}=${show(e.value)}`), ['note=unknown: heredoc with interpolation', 'dollars=${x}', 'up=SA-B']);
});

test('syntax errors become problems, and the rest of the file is still read', async () => {
  const f = await read({ 'broken.tf': 'resource "azurerm_user_assigned_identity" "ok" {\n  name = "ok"\n}\nresource "x" "y" {\n  a = [1,\n' });
  assert.deepEqual(f.identities.map((i) => show(i.name)), ['ok']);
  assert.equal(f.problems.length, 1);
  assert.equal(f.problems[0].message, 'Terraform syntax error: this part is not read');
});

test('the reader never throws on arbitrary text', async () => {
  const reader = await loadTerraformReader();
  const pieces = ['resource', '"azurerm_federated_identity_credential"', '"x"', '{', '}', '[', ']', '(', ')', '=', '${', '"', 'var.a', 'local.b', 'each.value', 'for', 'in', ':', '=>', '<<EOT\n', 'EOT\n', '\n', ' ', 'module.m.o', 'count.index', '?', ',', '.', '*', '%{', '#', '/*'];
  fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), fc.string({ maxLength: 40 }), (parts, noise) => {
    const text = parts.join(' ') + noise;
    const f = reader.read([{ path: 'm/main.tf', text }, { path: 'm/terraform.tfvars', text: noise }]);
    assert.ok(Array.isArray(f.problems));
  }), { numRuns: 400 });
});

test('a Terraform ServiceAccount knows its cluster from the kubernetes provider\'s host: default, aliased, inherited by a module', async () => {
  const cluster = (name: string) => `resource "azurerm_kubernetes_cluster" "${name}" {\n  name = "${name}"\n}\n`;
  const sa = (res: string, extra = '') => `resource "kubernetes_service_account_v1" "${res}" {\n${extra}  metadata {\n    name = "${res}"\n  }\n}\n`;
  const facts = await read({
    'main.tf': [
      cluster('a'), cluster('b'),
      'provider "kubernetes" {\n  host = azurerm_kubernetes_cluster.a.kube_config[0].host\n}\n',
      'provider "kubernetes" {\n  alias = "b"\n  host  = azurerm_kubernetes_cluster.b.kube_admin_config.0.host\n}\n',
      'provider "kubernetes" {\n  alias       = "file"\n  config_path = "~/.kube/config"\n}\n',
      sa('in_a'), sa('in_b', '  provider = kubernetes.b\n'), sa('in_file', '  provider = kubernetes.file\n'),
      'module "apps" {\n  source = "./apps"\n}\n',
    ].join(''),
    'apps/main.tf': sa('in_module'),
  });
  assert.deepEqual(facts.serviceAccounts.map((s) => [s.address, show(s.cluster)]), [
    ['kubernetes_service_account_v1.in_a', 'ref azurerm_kubernetes_cluster.a.apiServerHost'],
    ['kubernetes_service_account_v1.in_b', 'ref azurerm_kubernetes_cluster.b.apiServerHost'],
    ['kubernetes_service_account_v1.in_file', 'absent'],
    ['module.apps.kubernetes_service_account_v1.in_module', 'ref azurerm_kubernetes_cluster.a.apiServerHost'],
  ]);
  // Once a module block hands providers over, a module's default is no longer the root's.
  const passed = await read({
    'main.tf': `${cluster('a')}provider "kubernetes" {\n  host = azurerm_kubernetes_cluster.a.kube_config[0].host\n}\nmodule "apps" {\n  source    = "./apps"\n  providers = { kubernetes = kubernetes }\n}\n`,
    'apps/main.tf': sa('in_module'),
  });
  assert.deepEqual(passed.serviceAccounts.map((s) => show(s.cluster)), ['absent']);
});

test('a cluster read by a data source is a cluster fact with unknown flags, and its issuer and API server are references to it', async () => {
  const facts = await read({
    'main.tf': [
      'data "azurerm_kubernetes_cluster" "main" {\n  name                = "aks-prod"\n  resource_group_name = var.rg\n}\n',
      'provider "kubernetes" {\n  host = data.azurerm_kubernetes_cluster.main.kube_config.0.host\n}\n',
      'resource "kubernetes_service_account_v1" "sa" {\n  metadata {\n    name = "sa"\n  }\n}\n',
      'resource "azurerm_federated_identity_credential" "fic" {\n  issuer  = data.azurerm_kubernetes_cluster.main.oidc_issuer_url\n  subject = "system:serviceaccount:default:sa"\n}\n',
      'data "azurerm_resource_group" "rg" {\n  name = "rg"\n}\n',
      'resource "azurerm_role_assignment" "ra" {\n  scope        = data.azurerm_resource_group.rg.id\n  principal_id = "p"\n}\n',
    ].join(''),
  });
  assert.deepEqual(facts.clusters.map((c) => [c.address, c.dataSource, show(c.name), show(c.resourceGroup), show(c.oidcIssuerEnabled)]), [
    ['data.azurerm_kubernetes_cluster.main', true, 'aks-prod', 'unknown: var.rg has no default and no tfvars file sets it', 'unknown: the cluster is declared elsewhere (read by a data source)'],
  ]);
  assert.equal(show(facts.serviceAccounts[0].cluster), 'ref data.azurerm_kubernetes_cluster.main.apiServerHost');
  assert.equal(show(facts.federatedCredentials[0].issuer), 'ref data.azurerm_kubernetes_cluster.main.oidcIssuerUrl');
  assert.match(show(facts.roleAssignments[0].scope), /^unknown: data sources are read at plan time/, 'other data sources stay unknown');
});

test('a Helm release that sets its ServiceAccount\'s client-id is a ServiceAccount of the release namespace, named by serviceAccount.name', async () => {
  const identity = 'resource "azurerm_user_assigned_identity" "dns" {\n  name = "id-dns"\n}\n';
  const release = (name: string, body: string) => `resource "helm_release" "${name}" {\n  chart = "x"\n${body}}\n`;
  const set = (key: string, val: string) => `  set {\n    name  = "${key}"\n    value = ${val}\n  }\n`;
  const CLIENT = 'serviceAccount.annotations.azure\\\\.workload\\\\.identity/client-id';
  const facts = await read({
    'main.tf': [
      identity,
      release('dns', `  namespace = "kube-system"\n${set(CLIENT, 'azurerm_user_assigned_identity.dns.client_id')}${set('serviceAccount.name', '"external-dns"')}`),
      release('v3', `  set = [\n    { name = "${CLIENT}", value = azurerm_user_assigned_identity.dns.client_id },\n  ]\n`),
      release('off', `${set(CLIENT, 'azurerm_user_assigned_identity.dns.client_id')}${set('serviceAccount.create', '"false"')}`),
      release('dyn', `  dynamic "set" {\n    for_each = {}\n    content {\n      name  = set.key\n      value = set.value\n    }\n  }\n`),
      release('plain', set('replicaCount', '"2"')),
      release('argo', `  namespace = "argocd"\n${set(`repoServer.${CLIENT}`, 'azurerm_user_assigned_identity.dns.client_id')}${set('repoServer.serviceAccount.name', '"argocd-repo-server"')}`),
    ].join(''),
  });
  const annotation = (s: IacFacts['serviceAccounts'][number]) => (s.annotations.kind === 'map' ? s.annotations.entries.map((e) => `${e.key}=${show(e.value)}`).join() : 'unknown');
  assert.deepEqual(facts.serviceAccounts.map((s) => [s.address, show(s.namespace), show(s.name), annotation(s)]), [
    ['helm_release.dns', 'kube-system', 'external-dns', 'azure.workload.identity/client-id=ref azurerm_user_assigned_identity.dns.clientId'],
    ['helm_release.v3', 'default (implicit)', 'unknown: the chart names the ServiceAccount (the release does not set serviceAccount.name)', 'azure.workload.identity/client-id=ref azurerm_user_assigned_identity.dns.clientId'],
    ['helm_release.argo (repoServer)', 'argocd', 'argocd-repo-server', 'azure.workload.identity/client-id=ref azurerm_user_assigned_identity.dns.clientId'],
  ]);
});
