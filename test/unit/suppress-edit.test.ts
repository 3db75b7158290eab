import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../src/core/analyze';
import { suppressionEdit } from '../../src/core/fix/suppress';
import { applyEdits } from '../../src/core/text/edits';

const SA = (name: string, clientId: string) =>
  `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  annotations:\n    azure.workload.identity/client-id: "${clientId}" # keep me\n`;

function suppress(text: string, scope: 'line' | 'document', which = 0): { after: string; before: string[]; remaining: string[] } {
  const a = new Analyzer();
  a.setFile('m.yaml', text);
  const findings = a.analyzeFile('m.yaml').filter((f) => f.ruleId === 'wi-client-id-format');
  const f = findings[which];
  const after = applyEdits(text, [suppressionEdit(a.index.getFile('m.yaml')!, f.start, f.ruleId, scope)]);
  a.setFile('m.yaml', after);
  const remaining = a.analyzeFile('m.yaml').map((x) => `${x.ruleId}@${x.range.start.line}`);
  return { after, before: findings.map((x) => `${x.ruleId}@${x.range.start.line}`), remaining };
}

test('suppress for this line: a comment above the line, same indentation, and the finding is gone', () => {
  const r = suppress(SA('a', 'nope'), 'line');
  assert.deepEqual(r.before, ['wi-client-id-format@5']);
  assert.equal(r.after, 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n  annotations:\n    # aks-iam-disable-next-line wi-client-id-format\n    azure.workload.identity/client-id: "nope" # keep me\n');
  assert.deepEqual(r.remaining, []);
});

test('suppress for this line joins an existing next-line comment, before its reason', () => {
  const text = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n  annotations:\n    # aks-iam-disable-next-line identity-annotation-typo -- vendor key\n    azure.workload.identity/client-id: ""\n';
  const r = suppress(text, 'line');
  assert.equal(r.after.split('\n')[5], '    # aks-iam-disable-next-line identity-annotation-typo wi-client-id-format -- vendor key');
  assert.ok(!r.remaining.includes('wi-client-id-format@6'));
});

test('suppress for this document: first line of the finding\'s document, after its --- marker; other documents keep theirs', () => {
  const text = `${SA('a', 'x')}---\n${SA('b', 'y')}`;
  const r = suppress(text, 'document', 1);
  assert.deepEqual(r.before, ['wi-client-id-format@5', 'wi-client-id-format@12']);
  assert.equal(r.after, `${SA('a', 'x')}---\n# aks-iam-disable wi-client-id-format\n${SA('b', 'y')}`);
  assert.deepEqual(r.remaining, ['wi-client-id-format@5']);
});

test('suppress for this document in the first document of a CRLF file with a BOM keeps both', () => {
  const text = `\ufeff${SA('a', 'x')}`.replace(/\n/g, '\r\n');
  const r = suppress(text, 'document');
  assert.equal(r.after, `\ufeff# aks-iam-disable wi-client-id-format\r\n${SA('a', 'x').replace(/\n/g, '\r\n')}`);
  assert.deepEqual(r.remaining, []);
});
