import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml } from '../../src/core/yaml/parse';
import { getPath, type YNode } from '../../src/core/yaml/node';
import { LineIndex } from '../../src/core/text/line-index';

// The conversion shares strings and skips work where it can; these check that what readers see is unchanged.

function scalars(n: YNode | null, out: YNode[] = []): YNode[] {
  if (!n) return out;
  if (n.kind === 'map') for (const p of n.pairs) {
    scalars(p.keyNode, out);
    scalars(p.value, out);
  }
  else if (n.kind === 'seq') for (const x of n.items) scalars(x, out);
  else out.push(n);
  return out;
}

test('every scalar source is the exact text of its range: plain, quoted, multi-line, block and flow scalars', () => {
  const text = [
    'plain: value',
    'same: value',
    'quoted: "value"',
    "single: 'it''s'",
    'multi: first',
    '  second',
    'spaces: a   b',
    'folded: >-',
    '  text',
    'literal: |',
    '  text',
    'flow: {k: v, "q": [1, two, 3.0]}',
    'number: 0x1F',
    'bool: true',
    'empty:',
    'tilde: ~',
    'unicode: é😀',
  ].join('\n');
  const root = parseYaml(text).docs[0].root;
  const all = scalars(root);
  assert.equal(all.length, 33);
  for (const s of all) assert.ok(s.kind === 'scalar' && s.source === text.slice(s.start, s.end), JSON.stringify(s));
  const multi = getPath(root, ['multi'])!;
  assert.ok(multi.kind === 'scalar' && multi.value === 'first second' && multi.source === 'first\n  second');
  const single = getPath(root, ['single'])!;
  assert.ok(single.kind === 'scalar' && single.value === "it's" && single.source === "'it''s'");
});

test('in a template, a value neutralised for the parser keeps its original text as source and is unknown', () => {
  const text = 'name: {{ .Values.name }}\nplain: x\nimage: "repo:{{ .Values.tag }}"\n';
  const root = parseYaml(text).docs[0].root;
  const name = getPath(root, ['name'])!;
  assert.ok(name.kind === 'scalar' && name.source === '{{ .Values.name }}' && name.unknown);
  const plain = getPath(root, ['plain'])!;
  assert.ok(plain.kind === 'scalar' && plain.source === 'x' && plain.value === 'x' && !plain.unknown);
  const image = getPath(root, ['image'])!;
  assert.ok(image.kind === 'scalar' && image.source === '"repo:{{ .Values.tag }}"' && image.unknown);
});

test('placeholders are found only by their own patterns: $, < and {{ alone are not enough', () => {
  const root = parseYaml('a: cost $5\nb: 1 < 2\nc: "{ {x} }"\nd: <id>\ne: $HOME\nf: plain\n').docs[0].root;
  const unknown = (k: string) => getPath(root, [k])!.unknown;
  assert.deepEqual(['a', 'b', 'c', 'd', 'e', 'f'].map(unknown), [false, false, false, true, true, false]);
});

test('duplicate keys: the same in small maps and in maps beyond the small-map size, by value and type', () => {
  // `0x1` is the number 1, `~` and `null` are null, `'a'` is the string a, `"1"` and `"true"` are strings;
  // NaN never equals itself. Each list is tested alone (a small map) and padded to 40 keys (a large one).
  const cases: [string[], [number, string][]][] = [
    [['a', '"1"', '1', '~', 'null', '.nan', '.nan', "'a'"], [[4, 'null'], [7, "'a'"]]],
    [['true', '"true"', '1', '0x1', 'b', '"b"'], [[3, '0x1'], [5, '"b"']]],
  ];
  for (const [keys, expected] of cases) {
    for (const size of [keys.length, 40]) {
      const extra = Array.from({ length: size - keys.length }, (_, i) => `k${i}: v`);
      const text = [...keys.map((k) => `${k}: v`), ...extra].join('\n') + '\n';
      const lineOf = (offset: number) => text.slice(0, offset).split('\n').length - 1;
      const errors = parseYaml(text).errors;
      assert.deepEqual(errors.map((e) => [lineOf(e.start), text.slice(e.start, e.end)]), expected, `${keys.join(' ')} in a map of ${size} keys`);
      assert.ok(errors.every((e) => e.code === 'DUPLICATE_KEY' && e.message === 'Map keys must be unique'));
    }
  }
});

test('strings shared between files and documents keep each file its own values and ranges', () => {
  const a = parseYaml('kind: Role\nmetadata:\n  name: reader\n');
  const b = parseYaml('---\nmetadata:\n    name: reader\nkind: Role\n');
  const nameA = getPath(a.docs[0].root, ['metadata', 'name'])!;
  const nameB = getPath(b.docs[0].root, ['metadata', 'name'])!;
  assert.ok(nameA.kind === 'scalar' && nameB.kind === 'scalar');
  assert.equal(nameA.value, nameB.value);
  assert.deepEqual([nameA.start, nameA.end, nameB.start, nameB.end], [29, 35, 24, 30]);
});

test('a line index built on first use answers as one built from every line break', () => {
  const texts = ['', 'one line', 'a\nb\n', '\n\n\n', 'x: 1\r\ny: 2\r\n', 'tail\nwithout break', '😀\n\r\n\rz'];
  for (const text of texts) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
    const li = new LineIndex(text);
    assert.equal(li.lineCount, starts.length, JSON.stringify(text));
    for (let off = 0; off <= text.length; off++) {
      let line = 0;
      while (line + 1 < starts.length && starts[line + 1] <= off) line++;
      assert.deepEqual(li.positionAt(off), { line, character: off - starts[line] });
    }
    for (let line = 0; line < starts.length; line++) {
      assert.equal(li.lineStart(line), starts[line]);
      const next = line + 1 < starts.length ? starts[line + 1] : text.length;
      assert.equal(li.lineEndWithBreak(line), next);
      const content = line + 1 < starts.length ? next - 1 : next;
      assert.equal(li.lineEnd(line), content > starts[line] && text[content - 1] === '\r' ? content - 1 : content);
    }
    assert.equal(li.offsetAt({ line: starts.length, character: 0 }), text.length);
    assert.deepEqual(li.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(li.positionAt(text.length + 5), li.positionAt(text.length));
  }
});
