import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { Analyzer } from '../../src/core/analyze';

const opts = () => ({ defaultNamespace: 'default', maxFileSize: 1024 * 1024 });
const sa = (name: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: shop\n`;
const deployment = (name: string, account: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      serviceAccountName: ${account}\n      containers:\n        - name: main\n          image: nginx\n`;
const role = (name: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: ${name}\n  namespace: shop\nrules:\n  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ["get", "*"]\n`;

test('an edit inside one document keeps the objects of the documents before it and reads the others anew', () => {
  const idx = new WorkspaceIndex(opts());
  const text = [sa('a'), deployment('web', 'a'), sa('b'), role('r'), sa('c')].join('---\n');
  const before = idx.setFile('f.yaml', text).objects;
  const at = text.indexOf('name: b') + 'name: b'.length;
  const after = idx.setFile('f.yaml', `${text.slice(0, at)}x${text.slice(at)}`).objects;
  assert.deepEqual(after.map((o) => o.name), ['a', 'web', 'bx', 'r', 'c']);
  assert.equal(after[0], before[0]);
  assert.equal(after[1], before[1]);
  assert.notEqual(after[3], before[3]);
  assert.equal(after[3].nameNode!.start, before[3].nameNode!.start + 1);
  assert.equal(before[3].nameNode!.start, text.indexOf('name: r') + 6, 'the old objects are not mutated');
  assert.equal(idx.find('ServiceAccount', 'shop', 'b').length, 0);
  assert.equal(idx.find('ServiceAccount', 'shop', 'bx').length, 1);
});

test('a new default namespace re-reads the objects even when the text is unchanged', () => {
  const a = new Analyzer({ defaultNamespace: 'one' });
  const text = ['apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: b\n', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: c\n'].join('---\n');
  a.setFile('f.yaml', text);
  a.configure({ defaultNamespace: 'two' });
  const at = text.indexOf('name: c') + 7;
  const objects = a.setFile('f.yaml', `${text.slice(0, at)}x${text.slice(at)}`).objects;
  assert.deepEqual(objects.map((o) => `${o.namespace}/${o.name}`), ['two/a', 'two/b', 'two/cx']);
});

test('an index updated edit by edit holds the same files, objects and findings as one built from the final texts', () => {
  const docArb = fc.oneof(
    fc.constantFrom('a', 'b', 'default').map(sa),
    fc.tuple(fc.constantFrom('web', 'api'), fc.constantFrom('a', 'b', 'missing')).map(([n, s]) => deployment(n, s)),
    fc.constantFrom('r1', 'r2').map(role),
    fc.constant('# comment only\n'),
  );
  const fileArb = fc.array(docArb, { minLength: 3, maxLength: 6 }).map((docs) => docs.join('---\n'));
  const editArb = fc.record({
    path: fc.constantFrom('a.yaml', 'b.yaml'),
    at: fc.noBias(fc.integer({ min: 0, max: 9999 })).map((n) => n / 10000),
    del: fc.nat(3),
    ins: fc.constantFrom('', 'x', 'Z', ' ', '\n', '-', 'b', '\n---\n'),
  });
  fc.assert(fc.property(fileArb, fileArb, fc.array(editArb, { minLength: 1, maxLength: 10 }), (ta, tb, edits) => {
    const live = new Analyzer();
    const texts = new Map([['a.yaml', ta], ['b.yaml', tb]]);
    for (const [p, t] of texts) live.setFile(p, t);
    for (const e of edits) {
      const t = texts.get(e.path)!;
      const at = Math.floor(e.at * t.length);
      const next = t.slice(0, at) + e.ins + t.slice(Math.min(t.length, at + e.del));
      texts.set(e.path, next);
      live.setFile(e.path, next);
    }
    const fresh = new Analyzer();
    for (const [p, t] of texts) fresh.setFile(p, t);
    for (const p of texts.keys()) {
      const l = live.index.getFile(p)!;
      const f = fresh.index.getFile(p)!;
      assert.deepStrictEqual(l.parsed, f.parsed);
      assert.deepStrictEqual(l.objects, f.objects);
    }
    assert.deepStrictEqual(live.analyzeAll(), fresh.analyzeAll());
  }), { numRuns: 150, seed: 3 });
});
