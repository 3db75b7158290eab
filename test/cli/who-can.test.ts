import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { assertBuilt } from './built';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'access');

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: FIXTURE, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(assertBuilt);

test('who-can get secrets -n shop: cluster-wide, namespace-only, names-only holders, then who can gain it', () => {
  const r = cli('who-can', 'get', 'secrets', '-n', 'shop', 'manifests');
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, WHO);
});

test('who-can a non-resource URL', () => {
  const r = cli('who-can', 'get', '/healthz', 'manifests');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, HEALTHZ);
});

test('access system:serviceaccount:shop:api: a table per namespace, riskiest rows first', () => {
  const r = cli('access', 'system:serviceaccount:shop:api', 'manifests');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, ACCESS);
});

test('who-can through an Azure RBAC role assignment (JSON): role, data action, scope, and the unknown cluster said', () => {
  const r = cli('who-can', 'get', 'secrets', '-n', 'shop', 'manifests', '--snapshot', 'snapshot', '--format', 'json');
  assert.equal(r.code, 0);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.request, { verb: 'get', resource: 'secrets', subresource: null, apiGroup: '', namespaced: true, namespace: 'shop', name: null });
  const azure = j.holders.filter((h: { subject: { kind: string } }) => h.subject.kind === 'Entra');
  assert.deepEqual(azure.map((h: { subject: { id: string }; reach: string; paths: { role: string; pattern: string; azureRbac: string }[] }) => [h.subject.id, h.reach, h.paths[0].role, h.paths[0].pattern, h.paths[0].azureRbac]), [
    ['cccccccc-0000-4000-8000-000000000003', 'cluster', 'Azure Kubernetes Service RBAC Admin', 'Microsoft.ContainerService/managedClusters/*', 'enabled'],
    ['eeeeeeee-0000-4000-8000-000000000005', 'cluster', 'Azure Kubernetes Service RBAC Cluster Admin', 'Microsoft.ContainerService/managedClusters/*', 'unknown'],
    ['bbbbbbbb-0000-4000-8000-000000000002', 'namespace', 'Azure Kubernetes Service RBAC Writer', 'Microsoft.ContainerService/managedClusters/secrets/*', 'enabled'],
  ]);
  // The Reader at namespace shop cannot read Secrets; the Cluster Admin on a cluster without Azure RBAC grants nothing.
  assert.ok(!azure.some((h: { subject: { id: string } }) => h.subject.id.startsWith('aaaaaaaa') || h.subject.id.startsWith('dddddddd')));
  assert.deepEqual(j.notes, ['Azure RBAC for Kubernetes authorization is off on legacy-aks: role assignments grant nothing inside it.']);
  assert.deepEqual(j.holders[0].paths[0].at, { file: 'manifests/platform.yaml', line: 46 });
});

test('who-can --name: a rule limited to names counts for that name', () => {
  const r = cli('who-can', 'get', 'secrets', '-n', 'shop', '--name', 'db-password', 'manifests', '--format', 'json');
  const worker = JSON.parse(r.stdout).holders.find((h: { subject: { name: string } }) => h.subject.name === 'worker');
  assert.equal(worker.reach, 'namespace');
  assert.equal(worker.paths[0].onlyNames, null);
});

test('who-can --format markdown links each holder to its access command', () => {
  const r = cli('who-can', 'get', 'secrets', '-n', 'shop', 'manifests', '--format', 'markdown');
  assert.equal(r.code, 0);
  assert.ok(r.stdout.startsWith('## Who can `get secrets in namespace shop`\n\n2 subjects can, 1 only for some names, 2 can gain it.\n'));
  assert.ok(r.stdout.includes('- **ServiceAccount shop/api** (`aks-iam access system:serviceaccount:shop:api`)\n'));
});

test('who-can and access: usage errors exit 2 with one line', () => {
  assert.deepEqual([cli('who-can', 'get').code, cli('who-can', 'get').stderr], [2, 'aks-iam who-can: expected <verb> and <resource> (for example: who-can get secrets -n shop)\n']);
  assert.equal(cli('who-can', 'get', 'pods', '--format', 'xml').code, 2);
  const bad = cli('access', 'shop-api');
  assert.deepEqual([bad.code, bad.stderr], [2, 'aks-iam access: cannot read the subject "shop-api": write system:serviceaccount:<namespace>:<name>, user:<name>, group:<name> or an Entra object id\n']);
});

const WHO = [
    "Who can get secrets in namespace shop: 2 subjects can, 1 only for some names, 2 can gain it.",
    "",
    "Cluster-wide",
    "  Group auditors",
    "    ClusterRoleBinding auditors \u2192 ClusterRole auditor \u2192 aggregated ClusterRole auditor-secrets \u2192 rule manifests/platform.yaml:46: get, list on secrets.*, configmaps.*, cluster-wide",
    "",
    "In a namespace only",
    "  ServiceAccount shop/api",
    "    RoleBinding shop/api-secrets \u2192 Role shop/secret-reader \u2192 rule manifests/shop.yaml:20: get, list, watch on secrets, in namespace shop",
    "",
    "Only for some names",
    "  ServiceAccount shop/worker",
    "    RoleBinding shop/worker-db-password \u2192 ClusterRole db-password-reader \u2192 rule manifests/shop.yaml:45: get on secrets named db-password, in namespace shop (only for names db-password)",
    "",
    "Can gain it",
    "  ServiceAccount platform/deployer: can bind ClusterRole cluster-admin to itself (bind on cluster-admin, create on ClusterRoleBindings), cluster-wide",
    "    ClusterRoleBinding deployer-binder \u2192 ClusterRole binder \u2192 rule manifests/platform.yaml:8: bind on clusterroles.rbac.authorization.k8s.io named cluster-admin, cluster-wide",
    "    ClusterRoleBinding deployer-binder \u2192 ClusterRole binder \u2192 rule manifests/platform.yaml:12: create on clusterrolebindings.rbac.authorization.k8s.io, cluster-wide",
    "  User support@example.com: can impersonate any user, cluster-wide",
    "    ClusterRoleBinding support-impersonator \u2192 ClusterRole impersonator \u2192 rule manifests/platform.yaml:68: impersonate on users, groups, cluster-wide",
    "",
    "Also every cluster's built-in bindings: Group system:masters, User system:kube-controller-manager, ServiceAccount kube-system/generic-garbage-collector and 1 more (--builtin lists them with their paths).",
  ].join('\n') + '\n';

const HEALTHZ = [
    "Who can get /healthz: 1 subject can, 1 can gain it.",
    "",
    "Cluster-wide",
    "  User support@example.com",
    "    ClusterRoleBinding support-impersonator \u2192 ClusterRole impersonator \u2192 rule manifests/platform.yaml:71: get on /healthz, /metrics*, cluster-wide",
    "",
    "Can gain it",
    "  ServiceAccount platform/deployer: can bind ClusterRole cluster-admin to itself (bind on cluster-admin, create on ClusterRoleBindings), cluster-wide",
    "    ClusterRoleBinding deployer-binder \u2192 ClusterRole binder \u2192 rule manifests/platform.yaml:8: bind on clusterroles.rbac.authorization.k8s.io named cluster-admin, cluster-wide",
    "    ClusterRoleBinding deployer-binder \u2192 ClusterRole binder \u2192 rule manifests/platform.yaml:12: create on clusterrolebindings.rbac.authorization.k8s.io, cluster-wide",
    "",
    "Also every cluster's built-in bindings: Group system:authenticated, Group system:masters, Group system:unauthenticated and 48 more (--builtin lists them with their paths).",
  ].join('\n') + '\n';

const ACCESS = [
    "Access of ServiceAccount shop/api",
    "\u2714 allowed   ~ only for some names   \u2716 not allowed",
    "",
    "In namespace shop",
    "  RESOURCE                GET  LIST  WATCH  CREATE  UPDATE  PATCH  DELETE  DELCOLL  OTHER",
    "  secrets                 \u2714    \u2714     \u2714      \u2716       \u2716       \u2716      \u2716       \u2716",
    "  deployments.apps        \u2714    \u2716     \u2716      \u2716       \u2716       \u2714      \u2716       \u2716",
    "  deployments.apps/scale  \u2714    \u2716     \u2716      \u2716       \u2716       \u2714      \u2716       \u2716",
  ].join('\n') + '\n';
