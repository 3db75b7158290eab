import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, type AnalyzerOptions } from '../../src/core/analyze';

function run(text: string, options: AnalyzerOptions = {}) {
  const a = new Analyzer(options);
  a.setFile('m.yaml', text);
  const findings = a.analyzeFile('m.yaml');
  assert.deepEqual(a.internalErrors, []);
  return findings.map((f) => ({ ruleId: f.ruleId, text: text.slice(f.start, f.end), line: f.range.start.line, severity: f.severity, message: f.message }));
}

const BAD_ID = '    azure.workload.identity/client-id: not-a-guid\n';
const sa = (annotations: string, name = 'api') =>
  `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: shop\n  annotations:\n${annotations}`;
const pod = (labels: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n${labels}spec:\n  serviceAccountName: api\n  containers: [{name: a, image: nginx}]\n`;

test('without a suppression the findings are there (the other tests would prove nothing otherwise)', () => {
  assert.deepEqual(run(sa(BAD_ID)).map((f) => f.ruleId), ['wi-client-id-format']);
  assert.deepEqual(run(pod('    azure.workload.identity/use: true\n')).map((f) => f.ruleId), ['wi-use-label-value']);
});

test('# aks-iam-disable-next-line suppresses the listed ids on the next line only', () => {
  const text = sa(`    # aks-iam-disable-next-line wi-client-id-format\n${BAD_ID}    other: x\n`);
  assert.deepEqual(run(text), []);
  // Two lines below is out of reach.
  const far = sa(`    # aks-iam-disable-next-line wi-client-id-format\n    other: x\n${BAD_ID}`);
  assert.deepEqual(run(far).map((f) => f.ruleId).sort(), ['suppression-unused', 'wi-client-id-format']);
});

test('disable-next-line with several ids: the used one is silent, the unused one is reported on its id token', () => {
  const text = pod('    # aks-iam-disable-next-line wi-client-id-format, wi-use-label-value\n    azure.workload.identity/use: True\n');
  const f = run(text);
  assert.equal(f.length, 1);
  assert.equal(f[0].ruleId, 'suppression-unused');
  assert.equal(f[0].severity, 'info');
  assert.equal(f[0].text, 'wi-client-id-format');
  assert.equal(f[0].line, 5);
  assert.match(f[0].message, /wi-client-id-format/);
});

test('# aks-iam-disable id lasts until the end of the document; --- ends it', () => {
  const doc1 = sa(`    # aks-iam-disable wi-client-id-format\n    x: y\n${BAD_ID}`, 'one');
  const doc2 = sa(BAD_ID, 'two');
  const f = run(`${doc1}---\n${doc2}`);
  assert.deepEqual(f.map((x) => [x.ruleId, x.line]), [['wi-client-id-format', 16]]);
  assert.match(f[0].message, /ServiceAccount two/);
});

test('a disable comment at the top of a document covers the whole document', () => {
  const text = `# aks-iam-disable wi-use-label-value\n${pod('    azure.workload.identity/use: "yes"\n')}`;
  assert.deepEqual(run(text), []);
});

test('annotation aks-iam.io/ignore: "a,b" suppresses on the whole object; the unused id is reported exactly', () => {
  const text = sa(`    aks-iam.io/ignore: "wi-client-id-format,wi-use-label-value"\n${BAD_ID}`);
  const f = run(text);
  assert.deepEqual(f.map((x) => [x.ruleId, x.text, x.line]), [['suppression-unused', 'wi-use-label-value', 6]]);
});

test('an unknown id in a suppression is reported as such', () => {
  const text = sa(`    # aks-iam-disable-next-line wi-client-id-fromat\n${BAD_ID}`);
  const f = run(text);
  const unused = f.find((x) => x.ruleId === 'suppression-unused')!;
  assert.equal(unused.text, 'wi-client-id-fromat');
  assert.match(unused.message, /not an aks-iam rule id/);
  assert.ok(f.some((x) => x.ruleId === 'wi-client-id-format'));
});

test('a suppression of a rule turned off is not reported as unused', () => {
  const text = sa(`    # aks-iam-disable-next-line wi-client-id-format\n${BAD_ID}`);
  assert.deepEqual(run(text, { rules: { 'wi-client-id-format': 'off' } }), []);
});

test('suppression-unused itself can be turned off, or ignored by the object annotation', () => {
  const text = sa('    # aks-iam-disable-next-line yaml-syntax\n    k: v\n');
  assert.deepEqual(run(text).map((x) => x.ruleId), ['suppression-unused']);
  assert.deepEqual(run(text, { rules: { 'suppression-unused': 'off' } }), []);
  const ignored = sa('    aks-iam.io/ignore: suppression-unused\n    # aks-iam-disable-next-line yaml-syntax\n    k: v\n');
  assert.deepEqual(run(ignored), []);
});

test('a # inside a quoted string, or glued to text, is not a comment', () => {
  const text = sa(`    note: "see # aks-iam-disable wi-client-id-format"\n    other: 'x # aks-iam-disable-next-line wi-client-id-format'\n${BAD_ID}    url: http://x/#aks-iam-disable wi-client-id-format\n`);
  assert.deepEqual(run(text).map((x) => x.ruleId), ['wi-client-id-format']);
});

test('a comment after a value on the same line is a real comment', () => {
  const text = sa(`    other: x # aks-iam-disable-next-line wi-client-id-format\n${BAD_ID}`);
  assert.deepEqual(run(text), []);
});

test('yaml-syntax findings can be suppressed too', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: 1\n  # aks-iam-disable-next-line yaml-syntax\n  a: 2\n';
  assert.deepEqual(run(text), []);
  assert.deepEqual(run(text.replace('  # aks-iam-disable-next-line yaml-syntax\n', '')).map((x) => [x.ruleId, x.text]), [['yaml-syntax', 'a']]);
});

test('suppressions work the same in CRLF files', () => {
  const text = sa(`    # aks-iam-disable-next-line wi-client-id-format\n${BAD_ID}`).replace(/\n/g, '\r\n');
  assert.deepEqual(run(text), []);
});

test('text after -- is a description, not more ids', () => {
  const text = sa(`    # aks-iam-disable-next-line wi-client-id-format -- migrated next sprint, see OPS-12\n${BAD_ID}`);
  assert.deepEqual(run(text), []);
});

test('ids in a block-scalar or single-quoted ignore annotation are located exactly', () => {
  const block = sa(`    aks-iam.io/ignore: |\n      wi-client-id-format, wi-use-label-value\n${BAD_ID}`);
  assert.deepEqual(run(block).map((x) => [x.ruleId, x.text, x.line]), [['suppression-unused', 'wi-use-label-value', 7]]);
  const single = sa(`    aks-iam.io/ignore: 'wi-use-label-value'\n${BAD_ID}`);
  assert.deepEqual(run(single).map((x) => [x.ruleId, x.text]), [['suppression-unused', 'wi-use-label-value'], ['wi-client-id-format', 'not-a-guid']]);
});
