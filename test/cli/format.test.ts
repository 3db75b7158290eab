import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeTexts, type Finding } from '../../src/core/analyze';
import { formatText } from '../../src/cli/format/text';
import { formatJson } from '../../src/cli/format/json';
import { formatSarif } from '../../src/cli/format/sarif';

const TEXT = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  annotations:\n    # aks-iam-disable-next-line yaml-syntax\n    azure.workload.identity/client-id: nope\n';

function findings(): (Finding & { display: string })[] {
  return analyzeTexts([{ path: '/repo/sa.yaml', text: TEXT }]).map((f) => ({ ...f, display: 'sa.yaml' }));
}

test('text: colour only when asked, and the same words either way', () => {
  const plain = formatText(findings(), false, 1);
  const coloured = formatText(findings(), true, 1);
  assert.ok(!plain.includes('\u001b['));
  assert.ok(coloured.includes('\u001b[31merror\u001b[0m'));
  assert.ok(coloured.includes('\u001b[36minfo\u001b[0m'));
  assert.equal(coloured.replace(/\u001b\[\d+m/g, ''), plain);
  assert.equal(plain.split('\n')[0], 'sa.yaml:6:33 info suppression-unused Unused suppression: no yaml-syntax finding here any more; remove it so it does not hide a future one.');
  assert.match(plain, /^sa\.yaml:7:40 error wi-client-id-format /m);
  assert.match(plain, /\n2 problems \(1 errors, 0 warnings, 1 infos\) in 1 file\.\n$/);
});

test('json: positions are 0-based and the counts are passed through', () => {
  const doc = JSON.parse(formatJson(findings(), 1, 1));
  assert.deepEqual(doc.findings.map((f: { range: unknown }) => f.range), [
    { start: { line: 5, character: 32 }, end: { line: 5, character: 43 } },
    { start: { line: 6, character: 39 }, end: { line: 6, character: 43 } },
  ]);
});

test('sarif: levels map error/warning/info to error/warning/note, regions are 1-based', () => {
  const s = JSON.parse(formatSarif(findings()));
  const results = s.runs[0].results;
  assert.deepEqual(results.map((r: { level: string }) => r.level), ['note', 'error']);
  assert.deepEqual(results[1].locations[0].physicalLocation.region, { startLine: 7, startColumn: 40, endLine: 7, endColumn: 44 });
  assert.equal(s.runs[0].columnKind, 'utf16CodeUnits');
});
