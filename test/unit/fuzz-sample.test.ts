// A small sample of the fuzz campaigns (`npm run test:fuzz` runs the full ones), and the inputs they found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../../src/core/analyze';
import { applyEdits } from '../../src/core/text/edits';
import { parseYaml } from '../../src/core/yaml/parse';
import { checkWorkspace } from '../fuzz/check';
import { describeOutcome, describeViolations, runGenerated, runMutations, seedGroups } from '../fuzz/suites';

const REGRESSIONS = join(__dirname, '..', 'fuzz', 'regressions');

test('generated workspaces (sample of 25): every property holds', (t) => {
  const o = runGenerated(25, 424242, 2);
  t.diagnostic(describeOutcome('generated sample', o));
  assert.ok(o.counts.findings > 60, `the generator reaches the rules (${o.counts.findings} findings)`);
  assert.ok(o.counts.fixesVerified > 15, `and their fixes (${o.counts.fixesVerified} verified)`);
  assert.equal(o.violations.length, 0, describeViolations(o.violations));
});

test('every example and fixture, and one mutation of each: every property holds', (t) => {
  const groups = seedGroups();
  assert.ok(groups.length > 100, `${groups.length} seed groups`);
  const o = runMutations(1, 99, groups, 2);
  t.diagnostic(describeOutcome('mutation sample', o));
  assert.equal(o.counts.inputs, groups.length * 2);
  assert.equal(o.violations.length, 0, describeViolations(o.violations));
});

function fixFirst(text: string, ruleId: string): string {
  const a = new Analyzer();
  a.setFile('in.yaml', text);
  const f = a.analyzeFile('in.yaml').find((x) => x.ruleId === ruleId);
  const first = f && [...f.fixes, ...f.suggestions][0];
  assert.ok(first, `${ruleId} fires with a fix or a suggestion`);
  return applyEdits(text, first.edits);
}

test('regression: setting a value that was a block map replaces it after the colon, keeping the next keys', () => {
  const text = readFileSync(join(REGRESSIONS, 'roleref-apigroup-block-map.yaml'), 'utf8');
  const fixed = fixFirst(text, 'rbac-roleref-invalid');
  assert.equal(fixed, text.replace('  apiGroup:\n    f: 1 # a map where a string belongs\n', '  apiGroup: rbac.authorization.k8s.io\n'));
});

test('regression: an entry added to an unclosed flow map stays in that map, not in an earlier document', () => {
  const text = readFileSync(join(REGRESSIONS, 'unclosed-flow-pod-spec.yaml'), 'utf8');
  const fixed = fixFirst(text, 'sa-automount-token');
  assert.equal(fixed, text.replace('restartPolicy: Never,...', 'restartPolicy: Never,..., automountServiceAccountToken: false'));
  assert.ok(fixed.includes('labels: {app: web}\n'), 'the other document is untouched');
});

test('regression inputs found by fuzzing satisfy every property', () => {
  const files = readdirSync(REGRESSIONS).filter((f) => f.endsWith('.yaml'));
  assert.ok(files.length >= 2);
  for (const f of files) {
    const { violations, counts } = checkWorkspace([{ path: f, text: readFileSync(join(REGRESSIONS, f), 'utf8') }]);
    assert.ok(counts.fixesVerified + counts.fixesOnBrokenYaml > 0, `${f}: a fix was checked`);
    assert.deepEqual(violations, [], f);
  }
});

test('duplicate keys are found by the engine, as the parser defines equal keys, in block and flow maps', () => {
  const text = 'a: 1\n"a": 2\n1: x\n"1": y\ntrue: t\n"true": u\nm: {k: 1, \'k\': 2}\n';
  const dups = parseYaml(text).errors.filter((e) => e.code === 'DUPLICATE_KEY');
  assert.deepEqual(dups.map((e) => text.slice(e.start, e.end)), ['"a"', "'k'"]);
  assert.deepEqual(dups.map((e) => e.message), ['Map keys must be unique', 'Map keys must be unique']);
  // A map of 20,000 keys (once seconds of pairwise comparisons) with one repeated key at the end.
  const big = `${Array.from({ length: 20_000 }, (_, i) => `k${i}: v`).join('\n')}\nk7: again\n`;
  const bigDups = parseYaml(big).errors;
  assert.deepEqual(bigDups.map((e) => [e.code, big.slice(e.start, e.end)]), [['DUPLICATE_KEY', 'k7']]);
});
