// Byte-level mutations of every example and fixture file, half 2 of 2 (the halves run in parallel).
// Part of `npm run test:fuzz`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOutcome, describeViolations, runMutations, seedFromEnv, seedGroups } from './suites';
import { writeCounts } from './report';

const PER_GROUP = Number(process.env.FUZZ_MUTATIONS ?? 670);

test(`every example and fixture, then ${PER_GROUP} mutations of each: no throw, no internal error, fixes verified on every 4th`, (t) => {
  const seed = seedFromEnv(7) + 1;
  const groups = seedGroups().filter((_, i) => i % 2 === 1);
  const o = runMutations(PER_GROUP, seed, groups, 4);
  t.diagnostic(describeOutcome(`mutations 1 (seed ${seed}, ${groups.length} seed groups)`, o));
  console.log(describeOutcome(`mutations 1 (seed ${seed}, ${groups.length} seed groups)`, o));
  writeCounts('mutations-1', o, { seed, groups: groups.length });
  assert.equal(o.violations.length, 0, describeViolations(o.violations));
});
