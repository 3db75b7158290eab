import { test } from 'node:test';
import assert from 'node:assert/strict';
import { neutraliseTemplates, parseYaml } from '../../src/core/yaml/parse';
import { get, getPath, knownStr, pairOf, type YNode } from '../../src/core/yaml/node';

test('multi-document files: each document range starts at its --- marker and they tile the text', () => {
  const text = 'a: 1\n---\nb: 2\n...\n---\n# only a comment\n';
  const p = parseYaml(text);
  assert.equal(p.docs.length, 3);
  assert.deepEqual(p.docs.map((d) => [d.start, d.end]), [[0, 5], [5, 18], [18, text.length]]);
  assert.equal(text.slice(p.docs[1].start, p.docs[1].start + 3), '---');
  assert.equal(p.docs[2].root, null);
  assert.equal(knownStr(get(p.docs[1].root, 'b')), '2');
});

test('node offsets point at the source text, quotes included for quoted scalars', () => {
  const text = 'metadata:\n  name: "api"\n  labels: {app: web}\n';
  const root = parseYaml(text).docs[0].root;
  const name = getPath(root, ['metadata', 'name'])!;
  assert.equal(text.slice(name.start, name.end), '"api"');
  assert.ok(name.kind === 'scalar' && name.quoted && name.value === 'api');
  const app = getPath(root, ['metadata', 'labels', 'app'])!;
  assert.equal(text.slice(app.start, app.end), 'web');
  const pair = pairOf(getPath(root, ['metadata']), 'labels')!;
  assert.equal(text.slice(pair.start, pair.end), 'labels: {app: web}');
});

test('Helm templates are neutralised with the same length, so offsets stay exact', () => {
  const text = 'name: {{ .Values.name }}\nmeta:\n  {{- include "labels" . | nindent 2 }}\n  a: "{{ .b }}"\r\n';
  const n = neutraliseTemplates(text);
  assert.equal(n.length, text.length);
  const include = '{{- include "labels" . | nindent 2 }}';
  assert.equal(n, `name: ${'x'.repeat(18)}\nmeta:\n  #${' '.repeat(include.length - 1)}\n  a: "xxxxxxxx"\r\n`);
});

test('a template spanning lines keeps its line breaks', () => {
  const text = 'a: 1\n{{- if .Values.x\n  }}\nb: 2\n';
  const n = neutraliseTemplates(text);
  assert.equal(n.length, text.length);
  assert.deepEqual(n.split('\n').length, text.split('\n').length);
  assert.deepEqual(parseYaml(text).errors, []);
});

test('template values are unknown, with the original text as source; a template line in a map makes the map unknown', () => {
  const text = 'metadata:\n  name: {{ .Values.name }}\n  labels:\n    {{- include "x.labels" . | nindent 4 }}\n    app: web\n  annotations:\n    k: v\n';
  const p = parseYaml(text);
  assert.equal(p.isTemplate, true);
  const root = p.docs[0].root;
  const name = getPath(root, ['metadata', 'name'])!;
  assert.ok(name.kind === 'scalar');
  assert.equal(name.unknown, true);
  assert.equal(name.source, '{{ .Values.name }}');
  assert.equal(text.slice(name.start, name.end), '{{ .Values.name }}');
  assert.equal(knownStr(name), null);
  assert.equal(getPath(root, ['metadata', 'labels'])!.unknown, true);
  assert.equal(getPath(root, ['metadata', 'labels', 'app'])!.unknown, false);
  assert.equal(getPath(root, ['metadata', 'annotations'])!.unknown, false);
});

test('placeholders are unknown: ${VAR}, ${VAR:-x}, $VAR, $(VAR), <client-id>; ordinary values are not', () => {
  const text = 'a: ${A}\nb: "${B:-x}"\nc: $C\nd: $(D)\ne: <client-id>\nf: plain\ng: "a < b > c"\nh: 5$\n';
  const root = parseYaml(text).docs[0].root;
  const u = (k: string) => get(root, k)!.unknown;
  for (const k of ['a', 'b', 'c', 'd', 'e']) assert.equal(u(k), true, k);
  assert.equal(u('f'), false);
  assert.equal(u('h'), false);
  assert.equal(parseYaml(text).isTemplate, false);
});

test('aliases are not dereferenced: the alias node is unknown and points at *name', () => {
  const text = 'base: &b {x: 1}\nuse: *b\n';
  const root = parseYaml(text).docs[0].root;
  const a = get(root, 'use')!;
  assert.equal(a.kind, 'alias');
  assert.ok(a.kind === 'alias' && a.name === 'b');
  assert.equal(a.unknown, true);
  assert.equal(text.slice(a.start, a.end), '*b');
});

test('an alias bomb (billion laughs) stays cheap', () => {
  let text = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i < 10; i++) text += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]\n`;
  const t0 = performance.now();
  const p = parseYaml(text);
  assert.ok(performance.now() - t0 < 1000);
  assert.equal(JSON.stringify(p.docs[0].root).length < 50_000, true);
});

function depth(n: YNode | null): number {
  let d = 0;
  let cur: YNode | null = n;
  while (cur && (cur.kind === 'seq' || cur.kind === 'map')) {
    d++;
    cur = cur.kind === 'seq' ? cur.items[0] ?? null : cur.pairs[0]?.value ?? null;
  }
  return d;
}

test('deep nesting does not overflow: beyond the depth limit nodes are unknown', () => {
  const n = 5000;
  const text = `a: ${'['.repeat(n)}1${']'.repeat(n)}\n`;
  const p = parseYaml(text);
  const d = depth(p.docs[0].root);
  assert.ok(d > 100 && d < 300, `depth ${d}`);
});

test('duplicate keys are a YAML error at the second key, and the last value is what get() reads', () => {
  const text = 'a: 1\na: 2\n';
  const p = parseYaml(text);
  assert.equal(p.errors.length, 1);
  assert.equal(p.errors[0].code, 'DUPLICATE_KEY');
  assert.equal(text.slice(p.errors[0].start, p.errors[0].end), 'a');
  assert.equal(p.errors[0].start, 5);
  assert.equal(knownStr(get(p.docs[0].root, 'a')), '2');
});

test('syntax errors are collected, never thrown; empty input has no documents', () => {
  assert.doesNotThrow(() => parseYaml('a: [1, 2\nb: }\n\t- x'));
  assert.ok(parseYaml('a: [1, 2\n').errors.length > 0);
  assert.deepEqual(parseYaml('').docs, []);
  assert.deepEqual(parseYaml('').errors, []);
});

test('forceTemplate marks a file as a template even without {{', () => {
  assert.equal(parseYaml('a: 1\n', { forceTemplate: true }).isTemplate, true);
});

test('a key whose only content is a template line is unknown, not empty', () => {
  const text = 'metadata:\n  labels:\n    {{- include "x.labels" . | nindent 4 }}\n  annotations:\n  name: x\n';
  const root = parseYaml(text).docs[0].root;
  const labels = getPath(root, ['metadata', 'labels'])!;
  assert.equal(labels.kind, 'scalar');
  assert.equal(labels.unknown, true);
  // A plain empty value in the same template file stays known.
  assert.equal(getPath(root, ['metadata', 'annotations'])!.unknown, false);
});
