import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, type Finding } from '../../src/core/analyze';
import { decode } from '../../src/cli/files';

/** Analyses one file; the engine must neither throw nor record an internal error, and must keep the text. */
function analyse(text: string, path = 'in.yaml'): { findings: Finding[]; analyzer: Analyzer; ms: number } {
  const analyzer = new Analyzer();
  const t0 = performance.now();
  const entry = analyzer.setFile(path, text);
  const findings = analyzer.analyzeAll();
  const ms = performance.now() - t0;
  assert.deepEqual(analyzer.internalErrors, []);
  assert.equal(entry.text, text, 'text kept exactly');
  for (const f of findings) {
    assert.ok(f.start >= 0 && f.end >= f.start && f.end <= text.length, `${f.ruleId} range inside the text`);
  }
  return { findings, analyzer, ms };
}

const SA_BAD = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  annotations:\n    azure.workload.identity/client-id: nope\n';

test('empty file and whitespace-only file', () => {
  assert.deepEqual(analyse('').findings, []);
  assert.deepEqual(analyse('\n\n   \n').findings, []);
  assert.deepEqual(analyse('---\n---\n').findings, []);
});

test('a file of only comments', () => {
  assert.deepEqual(analyse('# kind: Pod\n# apiVersion: v1\n').findings, []);
  assert.deepEqual(analyse('apiVersion: v1\nkind: List\n---\n# nothing here\n').findings, []);
});

test('binary bytes (NUL) are skipped, not parsed', () => {
  const { findings, analyzer } = analyse(`${SA_BAD}\u0000\u0001\u0002`);
  assert.deepEqual(findings, []);
  assert.match(analyzer.index.getFile('in.yaml')!.skipped ?? '', /binary/);
  assert.deepEqual(decode(Buffer.from([0x6b, 0x00, 0x3a])), { text: null, skipped: 'binary file (NUL bytes)' });
});

// How fast is measured by the benchmarks (bench/, docs/performance.md), not here: a shared CI machine's noise must
// not fail the build. This checks that a file this size is read completely and right.
test('a 5 MB file is analysed completely and its findings are right', () => {
  const doc = (i: number) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-${i}\n  namespace: ns-${i % 7}\n  annotations:\n    azure.workload.identity/client-id: ${i === 12345 ? 'broken' : '00000000-1111-2222-3333-444444444444'}\n    note: "${'x'.repeat(40)}"\n`;
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 5 * 1024 * 1024; i++) {
    const d = doc(i);
    parts.push(d);
    size += d.length + 4;
  }
  const text = parts.join('---\n');
  const { findings, analyzer } = analyse(text);
  assert.equal(analyzer.index.getFile('in.yaml')!.objects.length, parts.length);
  assert.deepEqual(findings.map((f) => [f.ruleId, text.slice(f.start, f.end)]), [['wi-client-id-format', 'broken']]);
});

test('YAML that is not Kubernetes gives no findings (values files, CI configs, compose files)', () => {
  assert.deepEqual(analyse('replicaCount: 2\nimage:\n  repository: nginx\n  tag: "1.27"\nserviceAccount:\n  create: true\n  annotations:\n    azure.workload.identity/client-id: nope\n').findings, []);
  assert.deepEqual(analyse('services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n').findings, []);
  assert.deepEqual(analyse('on: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n').findings, []);
  // Kubernetes-looking but not an object: a top-level list, a scalar.
  assert.deepEqual(analyse('- apiVersion: v1\n  kind: Pod\n').findings, []);
  assert.deepEqual(analyse('kind').findings, []);
});

test('duplicate keys are one yaml-syntax error at the second key; rules still run on the last value', () => {
  const text = `${SA_BAD}    azure.workload.identity/client-id: also-bad\n`;
  const f = analyse(text).findings;
  assert.deepEqual(f.map((x) => [x.ruleId, text.slice(x.start, x.end)]), [
    ['yaml-syntax', 'azure.workload.identity/client-id'],
    ['wi-client-id-format', 'also-bad'],
  ]);
  assert.equal(f[0].range.start.line, 6);
});

test('tabs used for indentation are a syntax error at their position, not a crash', () => {
  const text = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n\tname: api\n';
  const f = analyse(text).findings;
  assert.ok(f.length >= 1);
  assert.ok(f.every((x) => x.ruleId === 'yaml-syntax'));
  assert.equal(f[0].range.start.line, 3);
  // Tabs inside values and after content are fine.
  assert.deepEqual(analyse('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "x\ty"\t# tab\n').findings, []);
});

test('CRLF line endings: ranges are the same lines and characters as with LF', () => {
  const lf = analyse(SA_BAD).findings;
  const crlfText = SA_BAD.replace(/\n/g, '\r\n');
  const crlf = analyse(crlfText).findings;
  assert.deepEqual(crlf.map((f) => f.range), lf.map((f) => f.range));
  assert.equal(crlfText.slice(crlf[0].start, crlf[0].end), 'nope');
});

test('a UTF-8 BOM is stripped by the CLI decoder, and other text is decoded unchanged', () => {
  const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SA_BAD, 'utf8')]);
  const d = decode(withBom);
  assert.equal(d.text, SA_BAD);
  assert.equal(d.skipped, null);
  assert.deepEqual(analyse(d.text!).findings[0].range.start, { line: 5, character: 39 });
  assert.equal(decode(Buffer.from('名前: 😀\n', 'utf8')).text, '名前: 😀\n');
  // The engine given a BOM directly still reads the manifest.
  const direct = analyse(`\ufeff${SA_BAD}`).findings;
  assert.deepEqual(direct.map((f) => f.ruleId), ['wi-client-id-format']);
});

test('aliases: a value behind an alias is unknown, so no rule fires on it', () => {
  const text = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  annotations:\n    x-bad: &bad nope\n    azure.workload.identity/client-id: *bad\n';
  assert.deepEqual(analyse(text).findings, []);
});

test('a billion-laughs alias bomb finishes fast and small', () => {
  let text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\ndata:\n  a0: &a0 "lol"\n';
  for (let i = 1; i <= 12; i++) text += `  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  const { findings, ms } = analyse(text);
  assert.ok(ms < 2000, `took ${Math.round(ms)} ms`);
  assert.ok(JSON.stringify(findings).length < 10_000);
  assert.ok(process.memoryUsage().heapUsed < 1024 * 1024 * 1024);
});

test('deeply nested flow collections do not overflow the stack', () => {
  for (const [open, close] of [['[', ']'], ['{a: ', '}']]) {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata: ${open.repeat(3000)}1${close.repeat(3000)}\n`;
    assert.doesNotThrow(() => analyse(text));
  }
  // Far beyond what the parser can recurse into: an error, not a crash.
  const huge = analyse(`apiVersion: v1\nkind: ConfigMap\ndata: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`).findings;
  assert.ok(huge.some((x) => x.ruleId === 'yaml-syntax'));
  // Unclosed: a syntax error, not a crash.
  const f = analyse(`apiVersion: v1\nkind: ConfigMap\ndata: ${'['.repeat(2000)}\n`).findings;
  assert.ok(f.some((x) => x.ruleId === 'yaml-syntax'));
});

test('very long lines', () => {
  const long = 'q'.repeat(1_000_000); // not x: a run of x is a masked-id placeholder
  const text = `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  annotations:\n    note: ${long}\n    azure.workload.identity/client-id: ${long}\n`;
  const f = analyse(text).findings;
  assert.deepEqual(f.map((x) => x.ruleId), ['wi-client-id-format']);
  assert.equal(f[0].range.start.line, 6);
  assert.equal(f[0].end - f[0].start, long.length);
});

test('{{ templates in odd places: keys, document separators, unclosed, inside quotes', () => {
  const samples = [
    'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  annotations:\n    {{ .Values.key }}: nope\n',
    '{{- range .Values.sas }}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ .name }}\n  annotations:\n    azure.workload.identity/client-id: {{ .id | quote }}\n{{- end }}\n',
    'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  annotations:\n    azure.workload.identity/client-id: "{{ .Values.id"\n',
    'apiVersion: v1\nkind: {{ .Values.kind }}\nmetadata: {{ toYaml .Values.meta | nindent 2 }}\n',
    'apiVersion: v1\nkind: ServiceAccount\n{{ if }}: {{ else }}\nmetadata:\n  name: x}}{{\n',
    '{{',
  ];
  for (const s of samples) {
    const f = analyse(s).findings;
    assert.ok(!f.some((x) => x.ruleId === 'yaml-syntax'), `no syntax findings in templates: ${s}`);
    assert.ok(!f.some((x) => x.ruleId === 'wi-client-id-format' && /\{\{/.test(s.slice(x.start, x.end))), s);
  }
});

test('a Helm chart templates/ file without {{ is a template: no syntax findings', () => {
  const text = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: [\n';
  assert.deepEqual(analyse(text, 'charts/api/templates/sa.yaml').findings, []);
  assert.ok(analyse(text, 'manifests/sa.yaml').findings.some((f) => f.ruleId === 'yaml-syntax'));
});

test('removing and re-adding files never throws and leaves no stale objects', () => {
  const a = new Analyzer();
  a.setFile('x.yaml', SA_BAD);
  a.setFile('x.yaml', '\u0000');
  a.setFile('x.yaml', '');
  assert.equal(a.removeFile('x.yaml'), true);
  assert.deepEqual(a.analyzeFile('x.yaml'), []);
  assert.equal([...a.index.ofKind('ServiceAccount')].length, 0);
  assert.deepEqual(a.internalErrors, []);
});
