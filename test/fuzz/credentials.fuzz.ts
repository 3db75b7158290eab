// Generated credentials of every documented shape in pods and Secrets: no finding shows one. Part of `npm run test:fuzz`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCredentialLeaks } from './credentials';
import { seedFromEnv } from './suites';

const RUNS = Number(process.env.FUZZ_CREDENTIALS ?? 1500);

test(`${RUNS} workspaces with generated credentials: no finding message shows one`, () => {
  const seed = seedFromEnv(20261206);
  const r = runCredentialLeaks(RUNS, seed);
  console.log(`credentials (seed ${seed}): ${r.inputs} inputs, ${r.findings} findings, ${r.leaks.length} leaks`);
  assert.deepEqual(r.leaks.slice(0, 5), []);
  assert.ok(r.findings > r.inputs, 'the planted credentials are found');
});
