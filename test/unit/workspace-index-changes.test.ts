import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';

const opts = () => ({ defaultNamespace: 'default', maxFileSize: 1024 * 1024 });
const sa = (name: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n`;

test('changesSince lists each path touched after a version once, as changed or removed by its current state', () => {
  const idx = new WorkspaceIndex(opts());
  assert.deepEqual(idx.changesSince(0), { changed: [], removed: [] });
  idx.setFile('a.yaml', sa('a'));
  idx.setFile('b.yaml', sa('b'));
  const v = idx.version;
  assert.deepEqual(idx.changesSince(0), { changed: ['a.yaml', 'b.yaml'], removed: [] });
  assert.deepEqual(idx.changesSince(v), { changed: [], removed: [] });
  idx.setFile('a.yaml', sa('a2'));
  idx.removeFile('b.yaml');
  idx.setFile('c.yaml', sa('c'));
  idx.removeFile('c.yaml');
  idx.setFile('a.yaml', sa('a3'));
  assert.deepEqual(idx.changesSince(v), { changed: ['a.yaml'], removed: ['b.yaml', 'c.yaml'] });
  assert.deepEqual(idx.changesSince(v + 1), { changed: ['a.yaml'], removed: ['b.yaml', 'c.yaml'] });
  assert.deepEqual(idx.changesSince(idx.version - 1), { changed: ['a.yaml'], removed: [] });
  // Removing a file the index does not have is no change.
  const w = idx.version;
  idx.removeFile('never.yaml');
  assert.equal(idx.version, w);
  assert.deepEqual(idx.changesSince(w), { changed: [], removed: [] });
  assert.equal(idx.changesSince(idx.version + 1), 'too-old');
});

test('the change log is bounded: a version it no longer reaches is too old, recent ones still answer', () => {
  const idx = new WorkspaceIndex(opts());
  idx.setFile('first.yaml', sa('first'));
  for (let i = 0; i < 5_000; i++) idx.setFile(`f${i % 50}.yaml`, sa(`s${i}`));
  assert.equal(idx.changesSince(0), 'too-old');
  assert.equal(idx.changesSince(1), 'too-old');
  const recent = idx.changesSince(idx.version - 3);
  assert.notEqual(recent, 'too-old');
  assert.deepEqual(recent, { changed: ['f47.yaml', 'f48.yaml', 'f49.yaml'], removed: [] });
});

test('ofKindIn gives one namespace\'s objects of a kind in index order, and follows replacements', () => {
  const idx = new WorkspaceIndex(opts());
  const inNs = (name: string, ns: string) => `${sa(name)}  namespace: ${ns}\n`;
  idx.setFile('a.yaml', `${inNs('a1', 'shop')}---\n${inNs('a2', 'billing')}`);
  idx.setFile('b.yaml', `${inNs('b1', 'shop')}---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: t\n  namespace: {{ .Release.Namespace }}\n`);
  const names = (ns: string | null) => [...idx.ofKindIn('ServiceAccount', ns)].map((o) => o.name);
  assert.deepEqual(names('shop'), ['a1', 'b1']);
  assert.deepEqual(names('billing'), ['a2']);
  assert.deepEqual(names(null), ['t']);
  idx.setFile('a.yaml', inNs('a3', 'shop'));
  assert.deepEqual(names('shop'), ['b1', 'a3']);
  assert.deepEqual(names('shop'), [...idx.ofKind('ServiceAccount')].filter((o) => o.namespace === 'shop').map((o) => o.name));
  assert.deepEqual(names('billing'), []);
  assert.equal(idx.hasKindIn('ServiceAccount', 'billing'), false);
});

test('rolesNamed finds Roles and ClusterRoles of a name in every namespace, and forgets replaced ones', () => {
  const idx = new WorkspaceIndex(opts());
  const r = (kind: string, name: string, ns: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nrules: []\n`;
  idx.setFile('a.yaml', `${r('Role', 'reader', 'shop')}---\n${r('ClusterRole', 'reader', 'x')}`);
  idx.setFile('b.yaml', `${r('Role', 'reader', 'billing')}---\n${r('Role', 'writer', 'shop')}`);
  const where = (kind: 'Role' | 'ClusterRole', name: string) => [...idx.rolesNamed(kind, name)].map((o) => `${o.file}:${o.namespace}`);
  assert.deepEqual(where('Role', 'reader'), ['a.yaml:shop', 'b.yaml:billing']);
  assert.deepEqual(where('ClusterRole', 'reader'), ['a.yaml:null']);
  idx.setFile('a.yaml', r('Role', 'other', 'shop'));
  assert.deepEqual(where('Role', 'reader'), ['b.yaml:billing']);
  assert.deepEqual(where('ClusterRole', 'reader'), []);
  assert.deepEqual(where('Role', 'other'), ['a.yaml:shop']);
});
