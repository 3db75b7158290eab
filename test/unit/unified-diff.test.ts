import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { unifiedDiff } from '../../src/cli/diff';

/** Applies a unified diff the way patch does (hunks in order, context checked), as an oracle for the property. */
function applyPatch(before: string, patch: string): string {
  const lines = before.split(/(?<=\n)/).filter((l) => l !== '');
  const out: string[] = [];
  let at = 0;
  const body = patch.split('\n').slice(2);
  for (let k = 0; k < body.length; k++) {
    const h = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(body[k]);
    if (!h) continue;
    const start = Number(h[2]) === 0 ? Number(h[1]) : Number(h[1]) - 1;
    while (at < start) out.push(lines[at++]);
    for (k++; k < body.length && !body[k].startsWith('@@'); k++) {
      const line = body[k];
      if (line === '' && k === body.length - 1) break;
      const noEol = body[k + 1] === '\\ No newline at end of file';
      const text = line.slice(1) + (noEol ? '' : '\n');
      if (line[0] === ' ') { assert.equal(lines[at], text); out.push(lines[at++]); }
      else if (line[0] === '-') { assert.equal(lines[at], text); at++; }
      else if (line[0] === '+') out.push(text);
      if (noEol) k++;
    }
    k--;
  }
  while (at < lines.length) out.push(lines[at++]);
  return out.join('');
}

test('unified diff: a changed line with three lines of context, and nothing for equal texts', () => {
  const a = 'a\nb\nc\nd\ne\nf\ng\nh\n';
  assert.equal(unifiedDiff('x.yaml', a, a), '');
  assert.equal(unifiedDiff('x.yaml', a, a.replace('e\n', 'E\n')), '--- a/x.yaml\n+++ b/x.yaml\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n');
  assert.equal(unifiedDiff('/abs/x.yaml', 'a\n', 'a\nb'), '--- /abs/x.yaml\n+++ /abs/x.yaml\n@@ -1,1 +1,2 @@\n a\n+b\n\\ No newline at end of file\n');
});

test('unified diff: applying it to the old text gives the new text (property)', () => {
  const line = fc.constantFrom('a\n', 'b\n', 'kind: Role\n', '  name: x\n', '\n');
  fc.assert(fc.property(fc.array(line, { maxLength: 30 }), fc.array(line, { maxLength: 30 }), fc.boolean(), (a, b, cut) => {
    const before = a.join('');
    const after = b.join('') + (cut ? 'tail' : '');
    assert.equal(applyPatch(before, unifiedDiff('f', before, after)), after);
  }), { numRuns: 500 });
});
