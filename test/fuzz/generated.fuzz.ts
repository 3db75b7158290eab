// Generated manifests (fast-check) and hostile YAML through the whole engine. Part of `npm run test:fuzz`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOutcome, describeViolations, runGenerated, runHostile, seedFromEnv } from './suites';
import { writeCounts } from './report';

const RUNS = Number(process.env.FUZZ_GENERATED ?? 5000);

test(`${RUNS} generated workspaces: no throw, no internal error, fixes byte-exact, parse, remove their finding; fix-all idempotent`, (t) => {
  const seed = seedFromEnv(20261123);
  const o = runGenerated(RUNS, seed, 4);
  t.diagnostic(describeOutcome(`generated (seed ${seed})`, o));
  console.log(describeOutcome(`generated (seed ${seed})`, o));
  writeCounts('generated', o, { seed });
  assert.equal(o.violations.length, 0, describeViolations(o.violations));
});

test('hostile YAML finishes in bounded time and reports instead of hanging', (t) => {
  const o = runHostile();
  for (const c of o.cases) t.diagnostic(`${c.name}: ${(c.bytes / 1e6).toFixed(2)} MB, ${Math.round(c.ms)} ms, findings: ${c.findings.join(', ') || 'none'}`);
  console.log(describeOutcome('hostile', o));
  writeCounts('hostile', o, { cases: o.cases });
  assert.equal(o.violations.length, 0, describeViolations(o.violations));
  for (const c of o.cases) {
    // Generous for a shared CI machine; a hang or an exponential blow-up is many times this.
    assert.ok(c.ms < 60_000, `${c.name} took ${Math.round(c.ms)} ms`);
    if (c.expected) assert.ok(c.findings.includes(c.expected), `${c.name}: expected ${c.expected}, got ${c.findings.join(', ')}`);
  }
});
