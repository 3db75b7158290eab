// who-can and access read a folder's .aks-iam.yaml as lint and map do: its namespace for manifests that name none,
// its exclude globs, and an invalid configuration stops them; --no-config and --default-namespace override it.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { tempWorkspace } from '../support/temp-workspace';
import { assertBuilt } from './built';

const CLI = join(resolve(__dirname, '..', '..'), 'dist', 'cli.js');

const RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: secret-reader
rules:
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: api-reads-secrets
subjects:
  - kind: ServiceAccount
    name: api
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: secret-reader
`;
const LEGACY = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: old-admin
subjects:
  - kind: User
    name: old-admin
    apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
`;
const BUILTIN = 'Also every cluster\'s built-in bindings: Group system:masters, User system:kube-controller-manager, ServiceAccount kube-system/generic-garbage-collector and 1 more (--builtin lists them with their paths).';

function run(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const workspace = (config: string) => tempWorkspace({ '.aks-iam.yaml': config, 'rbac.yaml': RBAC, 'legacy/old.yaml': LEGACY }, 'aks-iam-access-config-');

before(assertBuilt);

test('who-can: the configuration\'s namespace places manifests that name none, and its exclude leaves files out', () => {
  const dir = workspace('namespace: shop\nexclude:\n  - legacy/**\n');
  const r = run(dir, 'who-can', 'get', 'secrets', '-n', 'shop');
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, [
    'Who can get secrets in namespace shop: 1 subject can.',
    '',
    'In a namespace only',
    '  ServiceAccount shop/api',
    '    RoleBinding shop/api-reads-secrets → Role shop/secret-reader → rule rbac.yaml:6: get on secrets, in namespace shop',
    '',
    BUILTIN,
    '',
  ].join('\n'));

  // Without the configuration: the binding is in namespace default, and the excluded file's cluster-admin counts.
  assert.equal(run(dir, 'who-can', 'get', 'secrets', '-n', 'shop', '--no-config').stdout, [
    'Who can get secrets in namespace shop: 1 subject can.',
    '',
    'Cluster-wide',
    '  User old-admin',
    '    ClusterRoleBinding old-admin → ClusterRole cluster-admin (built-in): * on *.*, cluster-wide',
    '',
    BUILTIN,
    '',
  ].join('\n'));

  // --default-namespace wins over the configuration, as --namespace does for lint.
  const web = JSON.parse(run(dir, 'who-can', 'get', 'secrets', '-n', 'web', '--default-namespace', 'web', '--format', 'json').stdout);
  assert.deepEqual(web.holders.map((h: { subject: unknown }) => h.subject), [{ kind: 'ServiceAccount', namespace: 'web', name: 'api' }]);
});

test('access: the ServiceAccount in the configuration\'s namespace has the access its binding grants', () => {
  const dir = workspace('namespace: shop\nexclude:\n  - legacy/**\n');
  const r = run(dir, 'access', 'system:serviceaccount:shop:api');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, [
    'Access of ServiceAccount shop/api',
    '✔ allowed   ~ only for some names   ✖ not allowed',
    '',
    'In namespace shop',
    '  RESOURCE  GET  LIST  WATCH  CREATE  UPDATE  PATCH  DELETE  DELCOLL  OTHER',
    '  secrets   ✔    ✖     ✖      ✖       ✖       ✖      ✖       ✖',
    '',
  ].join('\n'));
});

test('an invalid configuration stops who-can and access with exit code 2, as it stops lint', () => {
  const dir = workspace('nmespace: shop\n');
  for (const args of [['who-can', 'get', 'secrets'], ['access', 'user:old-admin']]) {
    const r = run(dir, ...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'aks-iam: invalid configuration:\n  .aks-iam.yaml:1:1: unknown key "nmespace" (did you mean "namespace"?); the keys are extends, rules, exclude, namespace, placeholders, snapshot, ignore\n');
  }
});
