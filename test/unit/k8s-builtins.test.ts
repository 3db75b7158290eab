import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  builtinBindingsOf,
  builtinObject,
  builtinObjects,
  builtinRolesNamed,
  findBuiltinBinding,
  findBuiltinClusterRole,
  findBuiltinRole,
  findBuiltinServiceAccount,
  isBuiltinClusterRole,
  K8S_BUILTINS_VERSION,
  k8sBuiltinsSource,
  type PolicyRule,
} from '../../src/core/knowledge/k8s-builtins';
import { findClusterRole } from '../../src/core/knowledge/data';
import { explainClusterRole } from '../../src/core/explain/clusterrole';

const REPO = resolve(__dirname, '..', '..');
const POLICY = `built-in: Kubernetes ${K8S_BUILTINS_VERSION} bootstrap policy`;

test('the generator regenerates data/k8s-builtins.json byte for byte from the inputs in the repository', () => {
  const out = mkdtempSync(join(tmpdir(), 'k8s-builtins-'));
  try {
    execFileSync(process.execPath, ['--import', 'tsx', join(REPO, 'scripts', 'gen-k8s-data.ts'), '--out', out], { cwd: REPO, stdio: 'pipe' });
    assert.ok(readFileSync(join(out, 'k8s-builtins.json')).equals(readFileSync(join(REPO, 'data', 'k8s-builtins.json'))), 'data/k8s-builtins.json is stale: run npm run data');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('the data names its upstream inputs precisely', () => {
  assert.equal(k8sBuiltinsSource.repository, 'kubernetes/kubernetes');
  assert.match(k8sBuiltinsSource.commit, /^[0-9a-f]{40}$/);
  const files = (k8sBuiltinsSource as unknown as { files: { path: string; commit: string; gitBlob: string }[] }).files;
  assert.deepEqual(
    files.map((f) => f.path.replace('plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/', '')).sort(),
    ['cluster-role-bindings.yaml', 'cluster-roles.yaml', 'controller-role-bindings.yaml', 'controller-roles.yaml', 'namespace-role-bindings.yaml', 'namespace-roles.yaml'],
  );
  for (const f of files) assert.match(f.gitBlob, /^[0-9a-f]{40}$/);
});

test('namespaced bootstrap Roles in kube-system are built-in', () => {
  assert.deepEqual(builtinObject('Role', 'kube-system', 'extension-apiserver-authentication-reader'), {
    kind: 'Role',
    namespace: 'kube-system',
    name: 'extension-apiserver-authentication-reader',
    source: `${POLICY} (default Role)`,
  });
  assert.ok(builtinObject('Role', 'kube-system', 'system::leader-locking-kube-controller-manager'));
  assert.equal(builtinObject('Role', 'default', 'extension-apiserver-authentication-reader'), undefined, 'only in its own namespace');
  assert.equal(builtinObject('Role', null, 'extension-apiserver-authentication-reader'), undefined, 'a namespaced kind needs a namespace');
  assert.deepEqual(findBuiltinRole('kube-system', 'extension-apiserver-authentication-reader')?.rules, [
    { apiGroups: [''], resourceNames: ['extension-apiserver-authentication'], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] },
  ]);
  assert.deepEqual(
    builtinRolesNamed('system:controller:bootstrap-signer').map((o) => o.namespace),
    ['kube-public', 'kube-system'],
  );
  assert.deepEqual(builtinRolesNamed('no-such-role'), []);
});

test('default RoleBindings: leader locking of kube-controller-manager', () => {
  const b = findBuiltinBinding('RoleBinding', 'kube-system', 'system::leader-locking-kube-controller-manager');
  assert.deepEqual(b?.roleRef, { kind: 'Role', name: 'system::leader-locking-kube-controller-manager' });
  assert.deepEqual(b?.subjects, [
    { kind: 'User', name: 'system:kube-controller-manager', apiGroup: 'rbac.authorization.k8s.io' },
    { kind: 'ServiceAccount', name: 'kube-controller-manager', namespace: 'kube-system' },
    { kind: 'ServiceAccount', name: 'leader-election-controller', namespace: 'kube-system' },
  ]);
  assert.equal(builtinObject('RoleBinding', 'kube-system', 'system::leader-locking-kube-controller-manager')?.source, `${POLICY} (default binding)`);
});

test('default ClusterRoleBindings: public-info-viewer to unauthenticated, discovery to authenticated', () => {
  const groups = (name: string): string[] => (findBuiltinBinding('ClusterRoleBinding', null, name)?.subjects ?? []).filter((s) => s.kind === 'Group').map((s) => s.name);
  assert.ok(groups('system:public-info-viewer').includes('system:unauthenticated'));
  assert.ok(groups('system:discovery').includes('system:authenticated'));
  assert.deepEqual(groups('cluster-admin'), ['system:masters']);
  assert.deepEqual(
    builtinBindingsOf('ClusterRole', null, 'system:public-info-viewer').map((b) => b.name),
    ['system:public-info-viewer'],
  );
  assert.equal(builtinObject('ClusterRoleBinding', 'ignored-for-cluster-scope', 'system:discovery')?.namespace, null);
});

test('controller ServiceAccounts in kube-system, and default in every namespace, are built-in', () => {
  assert.deepEqual(builtinObject('ServiceAccount', 'kube-system', 'horizontal-pod-autoscaler'), {
    kind: 'ServiceAccount',
    namespace: 'kube-system',
    name: 'horizontal-pod-autoscaler',
    source: `${POLICY} (controller ServiceAccount, subject of ClusterRoleBinding system:controller:horizontal-pod-autoscaler)`,
  });
  assert.deepEqual(findBuiltinServiceAccount('kube-system', 'deployment-controller')?.boundBy, ['ClusterRoleBinding system:controller:deployment-controller']);
  assert.equal(builtinObject('ServiceAccount', 'default', 'horizontal-pod-autoscaler'), undefined);
  for (const ns of ['default', 'team-a', 'kube-system']) {
    assert.equal(builtinObject('ServiceAccount', ns, 'default')?.name, 'default');
  }
  assert.equal(builtinObject('ServiceAccount', null, 'default'), undefined);
  const controllers = builtinObjects('ServiceAccount').filter((o) => o.source.includes('controller ServiceAccount'));
  assert.equal(controllers.length, builtinObjects('ClusterRoleBinding').filter((o) => o.name.startsWith('system:controller:')).length);
});

test('built-in ClusterRoles: cluster-admin, system:*, controller roles; others are not', () => {
  for (const n of ['cluster-admin', 'admin', 'edit', 'view', 'system:auth-delegator', 'system:discovery', 'system:controller:job-controller']) assert.ok(isBuiltinClusterRole(n), n);
  assert.equal(isBuiltinClusterRole('my-role'), false);
  assert.equal(isBuiltinClusterRole('system:not-a-role'), false);
  assert.equal(builtinObject('ClusterRole', null, 'cluster-admin')?.source, `${POLICY} (default ClusterRole)`);
  assert.equal(builtinObject('ClusterRole', null, 'system:controller:job-controller')?.source, `${POLICY} (controller role)`);
  assert.deepEqual(findBuiltinClusterRole('cluster-admin')?.rules, [
    { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
    { nonResourceURLs: ['*'], verbs: ['*'] },
  ]);
  assert.equal(findClusterRole('system:auth-delegator')?.name, 'system:auth-delegator', 'the older data.ts accessor sees every built-in role');
});

test('aggregated roles: admin collects edit and view, edit collects view, view collects system:aggregate-to-view', () => {
  const key = (r: PolicyRule): string => JSON.stringify(r);
  const eff = (n: string): Set<string> => new Set((findBuiltinClusterRole(n)?.effectiveRules ?? []).map(key));
  const admin = eff('admin');
  for (const r of eff('edit')) assert.ok(admin.has(r), `admin has edit's ${r}`);
  for (const r of eff('view')) assert.ok(eff('edit').has(r), `edit has view's ${r}`);
  for (const r of findBuiltinClusterRole('system:aggregate-to-admin')?.rules ?? []) assert.ok(admin.has(key(r)));
  assert.deepEqual(findBuiltinClusterRole('admin')?.rules, []);
  assert.deepEqual(findBuiltinClusterRole('edit')?.aggregatesInto, ['admin']);
  assert.deepEqual(findBuiltinClusterRole('view')?.aggregatesInto, ['edit']);
  assert.deepEqual(findBuiltinClusterRole('edit')?.aggregatesFrom, ['rbac.authorization.k8s.io/aggregate-to-edit']);
  assert.equal(findBuiltinClusterRole('edit')?.labels['rbac.authorization.k8s.io/aggregate-to-admin'], 'true');
  assert.equal(findBuiltinClusterRole('edit')?.effectiveRules.length, 23);
  assert.ok(![...eff('view')].some((r) => r.includes('"secrets"')), 'view grants no Secrets');
  // A non-aggregated role's effective rules are its own rules.
  assert.deepEqual(findBuiltinClusterRole('system:auth-delegator')?.effectiveRules, findBuiltinClusterRole('system:auth-delegator')?.rules);
});

test('every built-in binding refers to a built-in role, and builtinObjects lists each kind', () => {
  for (const o of builtinObjects('ClusterRoleBinding')) {
    const b = findBuiltinBinding('ClusterRoleBinding', null, o.name);
    assert.ok(b && isBuiltinClusterRole(b.roleRef.name), o.name);
  }
  for (const o of builtinObjects('RoleBinding')) {
    const b = findBuiltinBinding('RoleBinding', o.namespace, o.name);
    assert.ok(b && findBuiltinRole(o.namespace as string, b.roleRef.name), o.name);
  }
  const kinds = new Set(builtinObjects().map((o) => o.kind));
  assert.deepEqual([...kinds].sort(), ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding', 'ServiceAccount']);
  assert.deepEqual(builtinObjects('Nope'), []);
});

test('hover on a built-in ClusterRole says built-in, its version, who has it on every cluster and its rules', () => {
  const md = explainClusterRole(findBuiltinClusterRole('system:auth-delegator')!);
  assert.ok(md.startsWith(`**system:auth-delegator** — Kubernetes default ClusterRole, built-in (Kubernetes ${K8S_BUILTINS_VERSION})\n\n`));
  assert.ok(md.includes('| authentication.k8s.io | tokenreviews | create |\n| authorization.k8s.io | subjectaccessreviews | create |'));
  assert.ok(md.includes('**Effective rules** (2)'));

  const job = explainClusterRole(findBuiltinClusterRole('system:controller:job-controller')!);
  assert.ok(job.includes('Bootstrap policy: the role of the `job-controller` controller of kube-controller-manager. Every cluster has it.'));
  assert.ok(job.includes('Granted on every cluster to: ServiceAccount `kube-system/job-controller` (ClusterRoleBinding `system:controller:job-controller`).'));
  assert.ok(job.includes('| batch | jobs | get, list, patch, update, watch |'));
  assert.ok(job.endsWith('[Documentation](https://kubernetes.io/docs/reference/access-authn-authz/rbac/#controller-roles)'));

  const discovery = explainClusterRole(findBuiltinClusterRole('system:discovery')!);
  assert.ok(discovery.includes('Granted on every cluster to: Group `system:authenticated` (ClusterRoleBinding `system:discovery`).'));
  const info = explainClusterRole(findBuiltinClusterRole('system:public-info-viewer')!);
  assert.ok(info.includes('Group `system:unauthenticated` (ClusterRoleBinding `system:public-info-viewer`)'));

  const approver = explainClusterRole(findBuiltinClusterRole('system:certificates.k8s.io:kubelet-serving-approver')!);
  assert.ok(approver.includes('| certificates.k8s.io | signers (only kubernetes.io/kubelet-serving) | approve |'));
});
