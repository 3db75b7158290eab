import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer, analyzeTexts } from '../../src/core/analyze';

/**
 * Correct, least-privilege manifests of a small platform. Every rule must stay below warning here:
 * a finding on this corpus is a false alarm, and false alarms are why people switch linters off.
 */
const DIR = join(__dirname, '..', 'fixtures', 'clean');
const files = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
  .map((f) => ({ path: f, text: readFileSync(join(DIR, f), 'utf8') }));

test('the clean corpus has at least 15 objects of mixed kinds across several files', () => {
  const a = new Analyzer({});
  const kinds = new Map<string, number>();
  let objects = 0;
  for (const f of files) {
    const entry = a.setFile(f.path, f.text);
    assert.deepEqual(entry.parsed.errors, [], `${f.path} does not parse cleanly`);
    for (const o of entry.objects) {
      objects++;
      kinds.set(o.kind ?? '?', (kinds.get(o.kind ?? '?') ?? 0) + 1);
    }
  }
  assert.ok(files.length >= 5, `only ${files.length} files`);
  assert.ok(objects >= 15, `only ${objects} objects`);
  for (const kind of ['ServiceAccount', 'Deployment', 'StatefulSet', 'CronJob', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'DaemonSet', 'Job']) {
    assert.ok(kinds.has(kind), `no ${kind} in the corpus`);
  }
});

test('no rule reports a warning or an error on the clean corpus', () => {
  const a = new Analyzer({});
  for (const f of files) a.setFile(f.path, f.text);
  a.analyzeAll();
  assert.deepEqual(a.internalErrors, []);

  const offending = analyzeTexts(files)
    .filter((f) => f.severity === 'warning' || f.severity === 'error')
    .map((f) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId} (${f.severity}): ${f.message}`);
  assert.deepEqual(offending, [], `false alarms on correct manifests:\n${offending.join('\n')}`);
});
