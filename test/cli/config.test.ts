import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempWorkspace } from '../support/temp-workspace';
import { assertBuilt } from './built';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

interface Run { code: number | null; stdout: string; stderr: string }
function cli(cwd: string, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
/** A repository (a `.git` folder stops the configuration lookup) holding the files. */
function repo(files: Record<string, string>): string {
  const dir = tempWorkspace(files, 'aks-iam-config-');
  mkdirSync(join(dir, '.git'));
  return dir;
}
interface JsonFinding { ruleId: string; severity: string; file: string; range: { start: { line: number } } }
const findings = (r: Run) => (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
const sa = (name: string, clientId: string, ns?: string) =>
  `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}  annotations:\n    azure.workload.identity/client-id: ${clientId}\n`;
const wildcardRole = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: all\n  namespace: ops\nrules:\n- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]\n';

before(assertBuilt);

describe('lint reads .aks-iam.yaml', () => {
  test('nested configurations: nearest wins, extends, rules, exclude, namespace, ignore, placeholders', () => {
    const dir = repo({
      '.aks-iam.yaml': 'rules:\n  rbac-wildcard: error\nexclude: ["generated/**"]\nignore:\n  - path: wi-client-id-format@legacy/**\n    reason: retired next quarter\n',
      'root.yaml': sa('root', 'not-a-guid', 'a'),
      'generated/g.yaml': sa('gen', 'not-a-guid', 'a'),
      'legacy/l.yaml': sa('legacy', 'not-a-guid', 'a'),
      'ops/role.yaml': wildcardRole,
      'team/.aks-iam.yml': 'extends: ../.aks-iam.yaml\nrules:\n  wi-client-id-format: warning\nplaceholders: ["^@@[A-Z]+@@$"]\n',
      'team/t.yaml': sa('team', 'not-a-guid', 'a') + '---\n' + sa('templated', '"@@CLIENT@@"', 'a'),
      'team/role.yaml': wildcardRole,
      'solo/.aks-iam.yaml': 'rules:\n  wi-client-id-format: off\n',
      'solo/s.yaml': sa('solo', 'not-a-guid', 'a'),
      'solo/role.yaml': wildcardRole,
    });
    const r = cli(dir, 'lint', '--format', 'json', '--fail-on', 'none');
    assert.equal(r.code, 0, r.stderr);
    const got = findings(r).map((f) => `${f.file} ${f.ruleId} ${f.severity}`);
    const wildcard = got.filter((g) => g.includes('rbac-wildcard'));
    assert.ok(wildcard.includes('ops/role.yaml rbac-wildcard error'), got.join('\n'));
    assert.ok(wildcard.includes('team/role.yaml rbac-wildcard error'), 'extends brings the base\'s rules');
    assert.ok(!wildcard.some((g) => g.startsWith('solo/') && g.endsWith(' error')), 'nearest wins: solo/ does not extend the root');
    const ids = got.filter((g) => g.includes('wi-client-id-format'));
    assert.deepEqual(ids, ['root.yaml wi-client-id-format error', 'team/t.yaml wi-client-id-format warning'], 'excluded, ignored, off and placeholder values are not reported');
    assert.equal(cli(dir, 'lint', '--no-config', '--format', 'json', '--fail-on', 'none').stdout.includes('legacy/l.yaml'), true, '--no-config reads none');
  });

  test('--rule and --namespace override the file', () => {
    const dir = repo({ '.aks-iam.yaml': 'namespace: shop\nrules:\n  wi-client-id-format: off\n', 'sa.yaml': sa('api', 'not-a-guid') });
    assert.deepEqual(findings(cli(dir, 'lint', '--format', 'json')), []);
    const r = cli(dir, 'lint', '--rule', 'wi-client-id-format=warning');
    assert.match(r.stdout, /\(namespace shop\).*\n/);
    assert.match(cli(dir, 'lint', '--rule', 'wi-client-id-format=warning', '--namespace', 'web').stdout, /\(namespace web\)/);
  });

  test('an invalid configuration is exit 2 with every problem\'s file:line:col, never a silently ignored setting', () => {
    const dir = repo({ 'app/.aks-iam.yaml': 'rules:\n  wi-client-id-formt: off\nexlude: []\n', 'app/sa.yaml': sa('api', 'not-a-guid') });
    const r = cli(dir, 'lint');
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /invalid configuration:\n {2}app\/\.aks-iam\.yaml:2:3: unknown rule id "wi-client-id-formt" \(did you mean "wi-client-id-format"\?\)/);
    assert.match(r.stderr, /app\/\.aks-iam\.yaml:3:1: unknown key "exlude" \(did you mean "exclude"\?\)/);
  });

  test('a file named on the command line but excluded is said to be excluded', () => {
    const dir = repo({ '.aks-iam.yaml': 'exclude: ["gen/**"]\n', 'gen/a.yaml': sa('a', 'not-a-guid') });
    const r = cli(dir, 'lint', 'gen/a.yaml');
    assert.equal(r.code, 0);
    assert.match(r.stderr, /gen\/a\.yaml is excluded by \.aks-iam\.yaml/);
  });
});

describe('init and rules', () => {
  test('init writes a starter file lint accepts, and refuses to overwrite without --force', () => {
    const dir = repo({ 'sa.yaml': sa('api', 'not-a-guid') });
    assert.equal(cli(dir, 'init').code, 0);
    assert.match(readFileSync(join(dir, '.aks-iam.yaml'), 'utf8'), /^# yaml-language-server: \$schema=/);
    assert.equal(cli(dir, 'lint').code, 1);
    const again = cli(dir, 'init');
    assert.equal(again.code, 2);
    assert.match(again.stderr, /exists already \(--force replaces it\)/);
    assert.equal(cli(dir, 'init', '--force').code, 0);
  });

  test('rules --format markdown and json document every rule', () => {
    const md = cli(ROOT, 'rules', '--format', 'markdown');
    assert.equal(md.code, 0);
    assert.match(md.stdout, /^# aks-iam rules\n\n\| Rule \| Severity \| Category \| Offers \| Title \|/);
    assert.match(md.stdout, /\n## wi-client-id-format\n\n\*\*.+\*\* \(error\)\n\n\*\*Why:\*\* /);
    const js = JSON.parse(cli(ROOT, 'rules', '--format', 'json').stdout) as { id: string; why: string; docs: string }[];
    assert.ok(js.length > 20 && js.every((r) => r.why && r.docs.endsWith(`#${r.id}`)));
    assert.equal(cli(ROOT, 'rules', '--format', 'html').code, 2);
  });
});

describe('github format', () => {
  test('one workflow command per finding, escaped, then a summary', () => {
    const dir = repo({ 'a,b.yaml': sa('api', 'not-a-guid') });
    const r = cli(dir, 'lint', '--format', 'github');
    assert.equal(r.code, 1);
    const [first, summary] = r.stdout.trimEnd().split('\n');
    assert.match(first, /^::error file=a%2Cb\.yaml,line=6,col=40,endLine=6,endColumn=50,title=aks-iam wi-client-id-format::Client-id is not a GUID: azure\.workload\.identity\/client-id of ServiceAccount api \(namespace default\) is "not-a-guid"/);
    assert.equal(summary, 'aks-iam: 1 problem in 1 file.');
  });
});

describe('baseline', () => {
  // 100 findings: 10 files of 10 ServiceAccounts with a malformed client id.
  const files = (extraTop = '') => Object.fromEntries(Array.from({ length: 10 }, (_, i) => [
    `k8s/app${i}.yaml`, extraTop + Array.from({ length: 10 }, (_, j) => sa(`sa${j}`, `bad-${i}-${j}`, 'shop')).join('---\n'),
  ]));

  test('adopting on 100 findings: write, then only new findings fail; lines moving keep the old ones known', () => {
    const dir = repo(files());
    const w = cli(dir, 'lint', '--baseline', '.aks-iam-baseline.json', '--write-baseline');
    assert.equal(w.code, 0, w.stderr);
    assert.match(w.stderr, /wrote 100 findings to the baseline/);
    const baseline = JSON.parse(readFileSync(join(dir, '.aks-iam-baseline.json'), 'utf8')) as { version: number; findings: { ruleId: string; file: string; fingerprint: string }[] };
    assert.equal(baseline.version, 1);
    assert.equal(baseline.findings.length, 100);
    assert.equal(new Set(baseline.findings.map((f) => `${f.file}:${f.fingerprint}`)).size, 100);

    const clean = cli(dir, 'lint', '--baseline', '.aks-iam-baseline.json');
    assert.equal(clean.code, 0);
    assert.match(clean.stdout, /No problems found in 10 files/);
    assert.match(clean.stderr, /100 findings in the baseline not shown/);

    // Lines move (comments on top of every file, one document reordered), one new finding appears, one is fixed.
    for (const [f, text] of Object.entries(files('# moved down\n# by two lines\n'))) writeFileSync(join(dir, f), text);
    const app0 = join(dir, 'k8s/app0.yaml');
    writeFileSync(app0, readFileSync(app0, 'utf8').replace('bad-0-3', '00000000-1111-2222-3333-444444444444') + '---\n' + sa('new', 'also-bad', 'shop'));
    const r = cli(dir, 'lint', '--baseline', '.aks-iam-baseline.json', '--format', 'json');
    assert.equal(r.code, 1);
    assert.deepEqual(findings(r).map((f) => `${f.file} ${f.ruleId}`), ['k8s/app0.yaml wi-client-id-format']);
    assert.equal(findings(r)[0].range.start.line, 88, "the new ServiceAccount at the end");
    assert.match(r.stderr, /99 findings in the baseline not shown; 1 baseline entry is gone/);

    // SARIF carries the same fingerprints, for code scanning.
    const sarif = JSON.parse(cli(dir, 'lint', '--format', 'sarif').stdout);
    const prints = new Set(sarif.runs[0].results.map((x: { partialFingerprints: Record<string, string> }) => x.partialFingerprints['aksIamFinding/v2']));
    assert.equal(baseline.findings.filter((f) => prints.has(f.fingerprint)).length, 99);
  });

  test('a missing or malformed baseline is exit 2; --write-baseline needs --baseline', () => {
    const dir = repo({ 'sa.yaml': sa('api', 'not-a-guid'), 'bad.json': '{"version": 2}' });
    assert.equal(cli(dir, 'lint', '--baseline', 'nope.json').code, 2);
    assert.match(cli(dir, 'lint', '--baseline', 'bad.json').stderr, /not an aks-iam baseline/);
    assert.match(cli(dir, 'lint', '--write-baseline').stderr, /--write-baseline needs --baseline/);
  });
});
