import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseYaml } from '../../src/core/yaml/parse';
import { reparse } from '../../src/core/yaml/incremental';

// Document bodies: Kubernetes-like maps and the YAML that makes a parser work (block and flow collections,
// block scalars, quoted strings, comments, anchors, duplicate keys, errors, empty documents).
const bodies = [
  'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  namespace: shop\n',
  'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader\nrules:\n  - apiGroups: [""]\n    resources: ["pods", secrets]\n    verbs: [get, list]\n',
  'kind: ConfigMap\ndata:\n  script: |\n    echo hi\n    exit 0\n  other: >-\n    folded\n    text\n',
  'a: "double \\" quoted"\nb: \'single\'\nc: {x: 1, y: [2, 3]}\n',
  '# only a comment\n',
  '',
  'key: value # trailing comment\nlist:\n- one\n- two: 2\n  three: 3\n',
  'anchor: &a {k: v}\nref: *a\n',
  'plain multi\n  line scalar\n',
  'n: 12\nf: 1.5e3\nb: true\nz: ~\n',
  '? complex key\n: value\n',
  'x:\n  y:\n    z: deep\n',
];
// Documents with errors: rarer, or almost every file would hold one.
const broken = ['dup: 1\ndup: 2\n', 'bad: [1, 2\nnext: x\n', 'str: "unterminated\n', 'k: v\n bad indent: 1\n'];
const bodyArb = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...bodies) }, { weight: 1, arbitrary: fc.constantFrom(...broken) });
const separators = ['---\n', '--- \n', '---\n# lead comment\n', '--- # marker comment\n', '---\n\n'];

const fileArb = fc.record({
  head: fc.constantFrom('', '# file comment\n', '---\n'),
  docs: fc.array(fc.tuple(fc.constantFrom(...separators), bodyArb), { minLength: 2, maxLength: 7 }),
  tail: fc.constantFrom('', '# end\n', '\n'),
}).map(({ head, docs, tail }) => head + docs.map(([sep, body], i) => (i === 0 ? body : sep + body)).join('') + tail);

// Edits: typing or deleting anywhere, with the characters that change YAML structure.
const editArb = fc.record({
  at: fc.noBias(fc.integer({ min: 0, max: 9999 })).map((n) => n / 10000),
  del: fc.nat(4),
  ins: fc.array(fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('a', 'b', '1', ' ', 'x: 1\n', '  y: 2\n', '- z\n') },
    { weight: 3, arbitrary: fc.constantFrom(':', '-', '.', '\n', '"', "'", '[', ']', '{', '}', ',', '#', '|', '>', '&', '*', '?', '  ') },
    { weight: 1, arbitrary: fc.constantFrom('---', '...', '%', '\r\n', '\ufeff', '{{ .V }}', '\n---\n', '\n...\n', '\n%YAML 1.2\n') },
  ), { maxLength: 3 }).map((xs) => xs.join('')),
});

function applyEdit(text: string, e: { at: number; del: number; ins: string }): string {
  const at = Math.floor(e.at * text.length);
  return text.slice(0, at) + e.ins + text.slice(Math.min(text.length, at + e.del));
}

test('incremental re-parse equals a full parse of the new text, for random files and random edit sequences', () => {
  let incremental = 0;
  let total = 0;
  fc.assert(fc.property(fileArb, fc.array(editArb, { minLength: 1, maxLength: 8 }), (text, edits) => {
    let old = parseYaml(text);
    for (const e of edits) {
      const next = applyEdit(old.text, e);
      const full = parseYaml(next);
      const r = reparse(old, next);
      total++;
      if (r) {
        incremental++;
        assert.deepStrictEqual(r.parsed, full, JSON.stringify({ before: old.text, after: next }));
        for (let i = 0; i < r.kept; i++) assert.equal(r.parsed.docs[i], old.docs[i], 'documents before the edit are the same objects');
        old = r.parsed;
      } else old = full;
    }
  }), { numRuns: 500, seed: 42 });
  // Most random edits break the YAML or touch a marker; enough must still take the incremental path.
  assert.ok(incremental > total / 10, `only ${incremental} of ${total} edits were re-parsed incrementally`);
});

test('incremental re-parse equals a full parse for sequences of typing and deleting plain text', () => {
  let incremental = 0;
  let total = 0;
  const typing = fc.record({
    at: fc.noBias(fc.integer({ min: 0, max: 9999 })).map((n) => n / 10000),
    del: fc.nat(2),
    ins: fc.constantFrom('', 'a', 'Z9', ' ', '\n', 'x: 1\n', '-'),
  });
  fc.assert(fc.property(fileArb, fc.array(typing, { minLength: 1, maxLength: 12 }), (text, edits) => {
    let old = parseYaml(text);
    for (const e of edits) {
      const next = applyEdit(old.text, e);
      const full = parseYaml(next);
      const r = reparse(old, next);
      total++;
      if (r) {
        incremental++;
        assert.deepStrictEqual(r.parsed, full, JSON.stringify({ before: old.text, after: next }));
      }
      old = r ? r.parsed : full;
    }
  }), { numRuns: 300, seed: 11 });
  assert.ok(incremental > total / 6, `only ${incremental} of ${total} edits were re-parsed incrementally`);
});

test('typing a character at the end of a line of a large file re-parses one document, reused ones keep identity', () => {
  const doc = (i: number) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-${i}\n  namespace: shop\n`;
  const text = Array.from({ length: 40 }, (_, i) => doc(i)).join('---\n');
  const old = parseYaml(text);
  const at = text.indexOf('sa-20') + 'sa-20'.length;
  const next = text.slice(0, at) + 'x' + text.slice(at);
  const r = reparse(old, next);
  assert.ok(r);
  assert.equal(r.kept, 20);
  assert.deepStrictEqual(r.parsed, parseYaml(next));
  assert.equal(r.parsed.docs[19], old.docs[19]);
  assert.notEqual(r.parsed.docs[21], old.docs[21], 'later documents are shifted copies, not mutated originals');
  assert.equal(r.parsed.docs[21].start, old.docs[21].start + 1);
});

test('errors of kept documents are kept, and those after the edit are shifted', () => {
  const text = 'a: 1\n---\nx: [1, 2\ny: 3\n---\nb: 2\n---\ndup: 1\ndup: 2\n';
  const old = parseYaml(text);
  assert.ok(old.errors.length >= 2);
  const at = text.indexOf('b: 2') + 4;
  const next = text.slice(0, at) + '22' + text.slice(at);
  const r = reparse(old, next);
  assert.ok(r);
  assert.deepStrictEqual(r.parsed, parseYaml(next));
  assert.deepEqual(r.parsed.errors.find((e) => e.code === 'DUPLICATE_KEY')?.start, old.errors.find((e) => e.code === 'DUPLICATE_KEY')!.start + 2);
});

test('an edit that breaks a document re-parses it with the next one, and keeps the rest when the break stays inside', () => {
  const doc = (i: number) => `kind: Pod\nmetadata:\n  name: p${i}\nspec:\n  resources: { cpu: 1m, memory: 2Mi }\n  verbs: ["get", "list"]\n`;
  const text = Array.from({ length: 6 }, (_, i) => doc(i)).join('---\n');
  for (const [after, ins] of [['2Mi }', 'x'], ['"list"]', 'y'], ['name: p2', ': x']] as const) {
    const at = text.indexOf(after, text.indexOf('name: p2')) + after.length;
    const next = text.slice(0, at) + ins + text.slice(at);
    const full = parseYaml(next);
    assert.ok(full.errors.length > 0, `${ins} breaks the document`);
    const r = reparse(parseYaml(text), next);
    assert.ok(r, `typing ${ins} after ${after}`);
    assert.equal(r.kept, 2);
    assert.deepStrictEqual(r.parsed, full);
    // Typing on in the broken document keeps its error and stays incremental.
    const more = next.slice(0, at + ins.length) + 'z' + next.slice(at + ins.length);
    const r2 = reparse(r.parsed, more);
    assert.ok(r2);
    assert.deepStrictEqual(r2.parsed, parseYaml(more));
  }
  // An opened quote: the parser ends it at the next marker here, and the re-parse says the same.
  const at = text.indexOf('name: p2') + 'name: '.length;
  const quoted = `${text.slice(0, at)}"${text.slice(at)}`;
  assert.deepStrictEqual(reparse(parseYaml(text), quoted)?.parsed, parseYaml(quoted));
});

test('doubtful edits and files fall back to a full parse', () => {
  const three = 'a: 1\n---\nb: 2\n---\nc: 3\n';
  const typed = (text: string, after: string, ins: string) => {
    const at = text.indexOf(after) + after.length;
    return text.slice(0, at) + ins + text.slice(at);
  };
  const cases: [string, string, string][] = [
    [three, 'b: 2', ''], // no change
    ['a: 1\n---\nb: 2\n', 'b: 2', 'x'], // too few documents for the bookkeeping to pay
    [three, 'b: 2\n', '---\n'], // a new document marker
    [three, 'b: 2\n-', 'x'], // the marker line itself
    [three, 'b: 2\n', '...\n'], // a document end marker
    [`%YAML 1.2\n---\n${three}`, 'b: 2', 'x'], // a directive
    [three.replace(/\n/g, '\r\n'), 'b: 2', 'x'], // CRLF
    [`\ufeff${three}`, 'b: 2', 'x'], // BOM
    [three, 'b: 2', ' {{ .Values.x }}'], // becomes a template
    [three, 'b: ', '"open'], // an unterminated string runs over the next marker
    ['a: 1\n---\nb: "x\n---\nc: 3\n---\nd: 4\n', 'd: 4', 'x'], // an error on a document bound
  ];
  for (const [text, after, ins] of cases) {
    const next = typed(text, after, ins);
    assert.equal(reparse(parseYaml(text), next), null, JSON.stringify(next));
  }
  assert.equal(reparse(parseYaml(three, { forceTemplate: true }), typed(three, 'b: 2', 'x'), { forceTemplate: true }), null, 'a Helm template path');
  assert.ok(reparse(parseYaml(three), typed(three, 'b: 2', 'x')), 'the same edit without the doubt is incremental');
});
