import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml } from '../../src/core/yaml/parse';
import { appendDocument, ensurePath, insertMapEntry, removePair, removeSeqItem, renderDocument, setPairValue } from '../../src/core/yaml/edit';
import { applyEdits } from '../../src/core/text/edits';
import { getPath, pairOf, type YMap, type YSeq } from '../../src/core/yaml/node';
import type { TextEdit } from '../../src/core/text/types';

function root(text: string, doc = 0): YMap {
  const r = parseYaml(text).docs[doc].root;
  assert.ok(r && r.kind === 'map');
  return r;
}
function map(text: string, path: string[]): YMap {
  const n = getPath(root(text), path);
  assert.ok(n && n.kind === 'map', `map at ${path.join('.')}`);
  return n;
}
function seq(text: string, path: string[]): YSeq {
  const n = getPath(root(text), path);
  assert.ok(n && n.kind === 'seq');
  return n;
}
/** Applies the edit, checks the result parses cleanly and that text before and after the edit is untouched. */
function apply(text: string, edit: TextEdit | null): string {
  assert.ok(edit, 'an edit was produced');
  const out = applyEdits(text, [edit]);
  assert.equal(out.slice(0, edit.start), text.slice(0, edit.start));
  assert.equal(out.slice(out.length - (text.length - edit.end)), text.slice(edit.end));
  assert.deepEqual(parseYaml(out).errors, [], `result parses:\n${out}`);
  return out;
}

test('insertMapEntry appends to a block map at its indent, after nested values and before trailing comments', () => {
  const text = 'metadata:\n  name: api # the name\n  labels:\n    app: api\n  # end of metadata\nspec: {}\n';
  const out = apply(text, insertMapEntry(text, map(text, ['metadata']), 'namespace', 'shop'));
  assert.equal(out, 'metadata:\n  name: api # the name\n  labels:\n    app: api\n  namespace: shop\n  # end of metadata\nspec: {}\n');
});

test('insertMapEntry quotes values that YAML would read as something else', () => {
  const text = 'labels:\n  app: api\n';
  const out = apply(text, insertMapEntry(text, map(text, ['labels']), 'azure.workload.identity/use', 'true'));
  assert.equal(out, 'labels:\n  app: api\n  azure.workload.identity/use: "true"\n');
});

test('insertMapEntry into flow maps, empty or not', () => {
  const text = 'a: {x: 1, y: "2"}\nb: {}\n';
  assert.equal(apply(text, insertMapEntry(text, map(text, ['a']), 'z', 'q')), 'a: {x: 1, y: "2", z: q}\nb: {}\n');
  assert.equal(apply(text, insertMapEntry(text, map(text, ['b']), 'z', 'q')), 'a: {x: 1, y: "2"}\nb: {z: q}\n');
});

test('insertMapEntry at the end of a file without a final newline, and before a --- marker', () => {
  const t1 = 'a:\n  b: 1';
  assert.equal(apply(t1, insertMapEntry(t1, map(t1, ['a']), 'c', 2)), 'a:\n  b: 1\n  c: 2\n');
  const t2 = 'a:\n  b: 1\n---\nc: 2\n';
  assert.equal(apply(t2, insertMapEntry(t2, map(t2, ['a']), 'd', 'x')), 'a:\n  b: 1\n  d: x\n---\nc: 2\n');
});

test('insertMapEntry follows the file indentation unit (4 spaces) and the map in a sequence item', () => {
  const text = 'spec:\n    containers:\n    -   name: app\n        image: nginx\n';
  const m = seq(text, ['spec', 'containers']).items[0] as YMap;
  assert.equal(apply(text, insertMapEntry(text, m, 'env', [{ name: 'A', value: 'b' }])),
    'spec:\n    containers:\n    -   name: app\n        image: nginx\n        env:\n        - name: A\n          value: b\n');
});

test('CRLF files stay CRLF', () => {
  const text = 'metadata:\r\n  name: api\r\nspec:\r\n  x: 1\r\n';
  const out = apply(text, ensurePath(text, root(text), ['metadata', 'labels', 'app'], 'api'));
  assert.equal(out, 'metadata:\r\n  name: api\r\n  labels:\r\n    app: api\r\nspec:\r\n  x: 1\r\n');
  assert.ok(!/[^\r]\n/.test(out));
});

test('ensurePath creates every missing map on the way', () => {
  const text = 'kind: Deployment\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers: []\n';
  const out = apply(text, ensurePath(text, root(text), ['spec', 'template', 'metadata', 'labels', 'azure.workload.identity/use'], 'true'));
  assert.equal(out, 'kind: Deployment\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers: []\n    metadata:\n      labels:\n        azure.workload.identity/use: "true"\n');
});

test('ensurePath under `labels:` with no value writes the children below it, keeping the comment', () => {
  const text = 'metadata:\n  name: a\n  labels: # none yet\nspec: {}\n';
  const out = apply(text, ensurePath(text, map(text, ['metadata']), ['labels', 'app'], 'a'));
  assert.equal(out, 'metadata:\n  name: a\n  labels: # none yet\n    app: a\nspec: {}\n');
});

test('ensurePath over an explicit null value replaces it with a flow map (nothing left dangling)', () => {
  const text = 'metadata:\n  labels: null\n';
  assert.equal(apply(text, ensurePath(text, map(text, ['metadata']), ['labels', 'app'], 'a')), 'metadata:\n  labels: {app: a}\n');
  const t2 = 'metadata:\n  labels: ~\n';
  assert.equal(apply(t2, ensurePath(t2, map(t2, ['metadata']), ['labels', 'x'], 'z')), 'metadata:\n  labels: {x: z}\n');
});

test('ensurePath sets an existing leaf, also an empty one, and refuses to go through a scalar', () => {
  const text = 'a:\n  b: 1\n  c:\nz: 1\n';
  assert.equal(apply(text, ensurePath(text, root(text), ['a', 'b'], 'two words')), 'a:\n  b: two words\n  c:\nz: 1\n');
  assert.equal(apply(text, ensurePath(text, root(text), ['a', 'c'], '3600')), 'a:\n  b: 1\n  c: "3600"\nz: 1\n');
  assert.equal(ensurePath(text, root(text), ['z', 'y'], 'x'), null);
});

test('ensurePath into a flow map', () => {
  const text = 'metadata: {name: a, labels: {}}\n';
  assert.equal(apply(text, ensurePath(text, root(text), ['metadata', 'labels', 'k'], 'v')), 'metadata: {name: a, labels: {k: v}}\n');
});

test('removePair removes the whole line(s) of a block pair, comments elsewhere kept', () => {
  const text = 'env:\n  # keep me\n  A: 1 # gone with A\n  B:\n    nested: true\n  C: 3\n';
  const m = map(text, ['env']);
  assert.equal(apply(text, removePair(text, m, pairOf(m, 'A')!)), 'env:\n  # keep me\n  B:\n    nested: true\n  C: 3\n');
  assert.equal(apply(text, removePair(text, m, pairOf(m, 'B')!)), 'env:\n  # keep me\n  A: 1 # gone with A\n  C: 3\n');
});

test('removePair in CRLF text and in flow maps', () => {
  const text = 'a:\r\n  b: 1\r\n  c: 2\r\n';
  const m = map(text, ['a']);
  assert.equal(apply(text, removePair(text, m, pairOf(m, 'b')!)), 'a:\r\n  c: 2\r\n');
  const f = 'a: {x: 1, y: 2, z: 3}\n';
  const fm = map(f, ['a']);
  assert.equal(apply(f, removePair(f, fm, pairOf(fm, 'x')!)), 'a: {y: 2, z: 3}\n');
  assert.equal(apply(f, removePair(f, fm, pairOf(fm, 'z')!)), 'a: {x: 1, y: 2}\n');
});

test('removeSeqItem removes a multi-line block item or a flow item', () => {
  const text = 'env:\n- name: A\n  value: "1"\n- name: B\n  value: "2"\nnext: 1\n';
  const s = seq(text, ['env']);
  assert.equal(apply(text, removeSeqItem(text, s, s.items[0])), 'env:\n- name: B\n  value: "2"\nnext: 1\n');
  assert.equal(apply(text, removeSeqItem(text, s, s.items[1])), 'env:\n- name: A\n  value: "1"\nnext: 1\n');
  const f = 'args: [a, b, c]\n';
  const fs = seq(f, ['args']);
  assert.equal(apply(f, removeSeqItem(f, fs, fs.items[1])), 'args: [a, c]\n');
  assert.equal(apply(f, removeSeqItem(f, fs, fs.items[2])), 'args: [a, b]\n');
});

test('setPairValue replaces a value, or writes one after a bare colon', () => {
  const text = 'a: true # bool\nb:\nc: 3';
  const r = root(text);
  assert.equal(apply(text, setPairValue(text, pairOf(r, 'a')!, '"true"')), 'a: "true" # bool\nb:\nc: 3');
  assert.equal(apply(text, setPairValue(text, pairOf(r, 'b')!, '"x"')), 'a: true # bool\nb: "x"\nc: 3');
});

test('appendDocument adds a --- document in the file line ending', () => {
  const body = renderDocument({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'api', namespace: 'shop' } });
  assert.equal(body, 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  namespace: shop\n');
  const crlf = 'kind: Pod\r\n';
  const out = apply(crlf, appendDocument(crlf, body));
  assert.equal(out, 'kind: Pod\r\n---\r\napiVersion: v1\r\nkind: ServiceAccount\r\nmetadata:\r\n  name: api\r\n  namespace: shop\r\n');
  const noEol = 'kind: Pod';
  assert.equal(apply(noEol, appendDocument(noEol, 'a: 1')), 'kind: Pod\n---\na: 1\n');
  assert.equal(parseYaml(out).docs.length, 2);
});

test('removePair of the first entry of a sequence item moves the next entry behind the dash', () => {
  const text = 'env:\n- name: A # first\n  value: "1"\n- name: B\n';
  const item = seq(text, ['env']).items[0] as YMap;
  assert.equal(apply(text, removePair(text, item, pairOf(item, 'name')!)), 'env:\n- value: "1"\n- name: B\n');
  const later = item;
  assert.equal(apply(text, removePair(text, later, pairOf(later, 'value')!)), 'env:\n- name: A # first\n- name: B\n');
});
