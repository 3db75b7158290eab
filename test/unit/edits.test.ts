import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, mergeNonOverlapping } from '../../src/core/text/edits';
import type { TextEdit } from '../../src/core/text/types';

const e = (start: number, end: number, newText: string): TextEdit => ({ start, end, newText });

test('applyEdits applies edits in any given order and keeps the rest byte for byte', () => {
  const text = 'a: 1\r\nb: 2\r\n# keep\r\n';
  const out = applyEdits(text, [e(9, 10, '3'), e(3, 4, '"x"')]);
  assert.equal(out, 'a: "x"\r\nb: 3\r\n# keep\r\n');
});

test('applyEdits: insertion, deletion and replacement together; an insertion before a deletion at the same offset', () => {
  assert.equal(applyEdits('abcdef', [e(6, 6, '!'), e(0, 1, ''), e(2, 4, 'XY'), e(2, 2, '>')]), 'b>XYef!');
  assert.equal(applyEdits('abc', []), 'abc');
});

test('applyEdits refuses overlapping edits instead of corrupting text', () => {
  assert.throws(() => applyEdits('abcdef', [e(1, 4, 'x'), e(3, 5, 'y')]), /overlapping/);
});

test('mergeNonOverlapping takes a group whole or not at all', () => {
  const groups = [
    [e(0, 1, 'A'), e(10, 11, 'B')],
    [e(5, 6, 'C'), e(10, 12, 'D')], // overlaps the first group at 10..11: dropped entirely, C too
    [e(5, 6, 'E')],
  ];
  const { edits, skipped } = mergeNonOverlapping(groups);
  assert.equal(skipped, 1);
  assert.deepEqual(edits.map((x) => x.newText), ['A', 'E', 'B']);
  assert.equal(applyEdits('0123456789abcdef', edits), 'A1234E6789Bbcdef');
});

test('mergeNonOverlapping: two insertions at the same offset conflict (their order is not ours to choose)', () => {
  const { edits, skipped } = mergeNonOverlapping([[e(3, 3, 'x')], [e(3, 3, 'y')], [e(4, 4, 'z')]]);
  assert.equal(skipped, 1);
  assert.deepEqual(edits.map((x) => x.newText), ['x', 'z']);
});

test('mergeNonOverlapping: an insertion inside a replaced range conflicts; at its edges it does not', () => {
  assert.equal(mergeNonOverlapping([[e(2, 6, 'r')], [e(4, 4, 'i')]]).skipped, 1);
  assert.equal(mergeNonOverlapping([[e(2, 6, 'r')], [e(2, 2, 'i')], [e(6, 6, 'j')]]).skipped, 0);
  assert.equal(mergeNonOverlapping([[e(2, 6, 'r')], [e(6, 7, 'k')]]).skipped, 0);
  assert.equal(mergeNonOverlapping([[e(2, 6, 'r')], [e(5, 7, 'k')]]).skipped, 1);
});

test('mergeNonOverlapping result can always be applied', () => {
  const groups = [[e(0, 2, 'a')], [e(1, 3, 'b')], [e(2, 2, 'c')], [e(2, 4, 'd')], [e(4, 4, 'e'), e(0, 0, 'f')]];
  const { edits } = mergeNonOverlapping(groups);
  assert.doesNotThrow(() => applyEdits('0123456', edits));
});
