import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedMemo } from '../../src/core/rules/bounded-memo';
import { editDistance as explainDistance } from '../../src/core/explain/distance';
import { levenshteinWithin, osaDistanceWithin as editDistance } from '../../src/core/text/edit-distance';
import { KNOWN_KEYS } from '../../src/core/rules/other/identity-keys';
import {
  computeIntendedKey, intendedKey, intendedKeyMemoSize, INTENDED_KEY_MEMO_LIMIT,
} from '../../src/core/rules/other/identity-annotation-typo';

/** The distance as first written: the whole table, one array per row. */
function referenceDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length][b.length];
}

/** Levenshtein as the explain view first had it: one array per row, giving up when a whole row exceeds max. */
function referenceLevenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('osaDistanceWithin with reused rows answers as the full table does, swaps and cut-offs included', () => {
  const rnd = prng(7);
  const alphabet = 'abc-/é';
  const word = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
  for (let k = 0; k < 5000; k++) {
    const a = word(Math.floor(rnd() * 9));
    // Half of the pairs are near each other: a copy with a swap, an insertion or a deletion.
    let b = word(Math.floor(rnd() * 9));
    if (k % 2 && a.length > 1) {
      const i = Math.floor(rnd() * (a.length - 1));
      b = a.slice(0, i) + a[i + 1] + a[i] + a.slice(i + 2) + (k % 4 === 1 ? word(1) : '');
    }
    const max = [0, 1, 2, 3, 8][k % 5];
    assert.equal(editDistance(a, b, max), referenceDistance(a, b, max), `${JSON.stringify(a)} ${JSON.stringify(b)} max ${max}`);
  }
  assert.equal(editDistance('eks.amazon.com/role-arn', 'eks.amazonaws.com/role-arn', 2), 3);
  assert.equal(editDistance('azure.workload.identity/cleint-id', 'azure.workload.identity/client-id', 2), 1);
  assert.equal(editDistance('a', '', 2), 3, 'an empty second string gives up, as the full table did');
  assert.equal(editDistance('', 'ab', 2), 2);
});

test('intendedKey remembers the same answers it computes', () => {
  const keys = [
    'eks.amazon.com/role-arn', 'azure.workload.identity/client_id', 'iam.gke.io/gcp-serviceaccount',
    'azure.workload.identity/cleint-id', 'Azure.Workload.Identity/Use', 'app', 'app.kubernetes.io/name',
    'azure.workload.identity/use', 'azure.workload.identity/use-mycloud', 'aadpodidbinding', 'eks.amazonaws.com/role-arn',
    'eks.amazonaws.com/rolearn', 'iam.gke.io/gcp-service-acount', 'example.com/role-arn',
  ];
  const expected = [
    'eks.amazonaws.com/role-arn', 'azure.workload.identity/client-id', 'iam.gke.io/gcp-service-account',
    'azure.workload.identity/client-id', 'azure.workload.identity/use', null, null,
    null, null, null, null,
    'eks.amazonaws.com/role-arn', 'iam.gke.io/gcp-service-account', null,
  ];
  for (let round = 0; round < 2; round++) {
    assert.deepEqual(keys.map(intendedKey), expected, `round ${round}`);
    assert.deepEqual(keys.map(computeIntendedKey), expected, `round ${round}, computed`);
  }
  for (const known of KNOWN_KEYS.keys()) assert.equal(intendedKey(known), null, known);
});

test('intendedKey keeps at most its limit of keys and still answers right after forgetting', () => {
  for (let i = 0; i < INTENDED_KEY_MEMO_LIMIT + 500; i++) intendedKey(`example.com/generated-${i}`);
  assert.equal(intendedKeyMemoSize(), INTENDED_KEY_MEMO_LIMIT);
  assert.equal(intendedKey('eks.amazon.com/role-arn'), 'eks.amazonaws.com/role-arn');
  assert.equal(intendedKey('example.com/generated-0'), null);
  assert.equal(intendedKeyMemoSize(), INTENDED_KEY_MEMO_LIMIT);
});

test('BoundedMemo computes once per remembered key, null answers included, and forgets the oldest first', () => {
  const asked: string[] = [];
  const memo = new BoundedMemo<string | null>(3, (k) => {
    asked.push(k);
    return k.startsWith('x') ? null : k.toUpperCase();
  });
  assert.equal(memo.get('a'), 'A');
  assert.equal(memo.get('x1'), null);
  assert.equal(memo.get('a'), 'A');
  assert.equal(memo.get('x1'), null);
  assert.deepEqual(asked, ['a', 'x1']);
  memo.get('b');
  memo.get('c');
  assert.equal(memo.size, 3);
  assert.deepEqual(asked, ['a', 'x1', 'b', 'c']);
  assert.equal(memo.get('x1'), null, 'still remembered');
  assert.equal(memo.get('a'), 'A', 'forgotten: computed again');
  assert.deepEqual(asked, ['a', 'x1', 'b', 'c', 'a']);
  assert.equal(memo.size, 3);
  assert.throws(() => new BoundedMemo(0, () => 1), /limit of at least 1/);
});

test('levenshteinWithin, and the explain view\'s editDistance through it, answer as the one-array-per-row Levenshtein, cut-off included', () => {
  const rnd = prng(11);
  const alphabet = 'ab-:é';
  const word = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
  for (let k = 0; k < 5000; k++) {
    const a = word(Math.floor(rnd() * 10));
    const b = k % 3 ? word(Math.floor(rnd() * 10)) : a.slice(1) + word(Math.floor(rnd() * 3));
    const max = [0, 1, 2, 3, Infinity][k % 5];
    assert.equal(levenshteinWithin(a, b, max), referenceLevenshtein(a, b, max), `${JSON.stringify(a)} ${JSON.stringify(b)} max ${max}`);
    assert.equal(explainDistance(a, b, max), referenceLevenshtein(a, b, max));
  }
  assert.equal(levenshteinWithin('app-reader', 'app-raeder', 2), 2);
  assert.equal(levenshteinWithin('system:node', 'view', 2), 3);
  assert.equal(levenshteinWithin('', 'ab', 2), 2);
});
