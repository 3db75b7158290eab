import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../src/core/text/line-index';

test('positions count UTF-16 code units, so an astral character takes two', () => {
  const text = 'a😀b\nc';
  const li = new LineIndex(text);
  assert.deepEqual(li.positionAt(text.indexOf('b')), { line: 0, character: 3 });
  assert.deepEqual(li.positionAt(text.indexOf('c')), { line: 1, character: 0 });
  assert.equal(li.offsetAt({ line: 0, character: 3 }), 3);
  assert.equal(li.lineCount, 2);
});

test('offsetAt and positionAt round-trip on every offset of a mixed text', () => {
  const text = 'kind: Pod\r\nname: "é😀"\n\n  x: 1\r\nlast';
  const li = new LineIndex(text);
  for (let off = 0; off <= text.length; off++) {
    const p = li.positionAt(off);
    if (text[off - 1] === '\r' && text[off] === '\n') continue; // between \r and \n is not a position of the line
    assert.equal(li.offsetAt(p), off, `offset ${off}`);
  }
});

test('CRLF: the line end excludes \\r, the break end includes it', () => {
  const text = 'ab\r\ncd\r\n';
  const li = new LineIndex(text);
  assert.equal(li.lineCount, 3);
  assert.equal(li.lineEnd(0), 2);
  assert.equal(li.lineEndWithBreak(0), 4);
  assert.equal(li.lineStart(1), 4);
  assert.equal(li.lineEnd(1), 6);
  assert.deepEqual(li.positionAt(4), { line: 1, character: 0 });
  // A character past the end of the line's content clamps to before the \r.
  assert.equal(li.offsetAt({ line: 0, character: 50 }), 2);
});

test('out-of-range input is clamped, never thrown', () => {
  const li = new LineIndex('one\ntwo');
  assert.deepEqual(li.positionAt(-5), { line: 0, character: 0 });
  assert.deepEqual(li.positionAt(999), { line: 1, character: 3 });
  assert.equal(li.offsetAt({ line: 9, character: 0 }), 7);
  assert.equal(li.offsetAt({ line: -1, character: -1 }), 0);
  assert.deepEqual(li.rangeOf(4, 7), { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
});

test('an empty text has one empty line', () => {
  const li = new LineIndex('');
  assert.equal(li.lineCount, 1);
  assert.deepEqual(li.positionAt(0), { line: 0, character: 0 });
  assert.equal(li.lineEnd(0), 0);
  assert.equal(li.lineEndWithBreak(0), 0);
});

test('a lone \\r is not a line break (VS Code would split, Kubernetes YAML never has them)', () => {
  const li = new LineIndex('a\rb\nc');
  assert.equal(li.lineCount, 2);
  assert.deepEqual(li.positionAt(2), { line: 0, character: 2 });
});
