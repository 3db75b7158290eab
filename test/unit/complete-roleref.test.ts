import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../src/core/analyze';
import { roleRefCompletions } from '../../src/core/explain/complete-roleref';

const roles = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: config-reader\n  namespace: shop\nrules: []\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: other-ns-role\n  namespace: billing\nrules: []\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ci-reader\nrules: []\n';
const binding = (kind: string, refKind: string, typed: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: b\n  namespace: shop\nsubjects: []\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ${refKind}\n  name: ${typed}`;

function complete(text: string): { labels: string[]; replace: [number, number] | null } {
  const a = new Analyzer();
  a.setFile('roles.yaml', roles);
  a.setFile('b.yaml', text);
  const c = roleRefCompletions(a.index, 'b.yaml', text.length);
  return { labels: c.map((x) => x.label), replace: c[0] ? [c[0].replaceStart, c[0].replaceEnd] : null };
}

test('a RoleBinding to a Role is offered the Roles of its own namespace only', () => {
  const text = binding('RoleBinding', 'Role', 'con');
  assert.deepEqual(complete(text), { labels: ['config-reader'], replace: [text.length - 3, text.length] });
});

test('a ClusterRoleBinding is offered workspace ClusterRoles and the bindable defaults, not aggregate-to-* roles', () => {
  assert.deepEqual(complete(binding('ClusterRoleBinding', 'ClusterRole', '')).labels, ['ci-reader', 'admin', 'cluster-admin', 'edit', 'view']);
});

test('nothing is offered outside roleRef.name', () => {
  const a = new Analyzer();
  const text = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ';
  a.setFile('sa.yaml', text);
  assert.deepEqual(roleRefCompletions(a.index, 'sa.yaml', text.length), []);
  const sub = binding('RoleBinding', 'Role', 'x').replace('subjects: []', 'subjects:\n  - kind: ServiceAccount\n    name: ');
  a.setFile('b.yaml', sub);
  assert.deepEqual(roleRefCompletions(a.index, 'b.yaml', sub.indexOf('name: ', sub.indexOf('subjects')) + 6), []);
});
