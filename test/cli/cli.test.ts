import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempWorkspace } from '../support/temp-workspace';
import { assertBuilt } from './built';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const GUID = '00000000-1111-2222-3333-444444444444';

interface Run { code: number | null; stdout: string; stderr: string }

function cli(cwd: string, ...args: string[]): Run {
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const workspace = (files: Record<string, string>): string => tempWorkspace(files, 'aks-iam-cli-');

interface JsonFinding { ruleId: string; severity: string; message: string; file: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; fixable: boolean }
interface JsonReport { version: number; tool: { name: string; version: string }; files: number; documents: number; findings: JsonFinding[] }

function json(cwd: string, ...args: string[]): { code: number | null; report: JsonReport; stderr: string } {
  const r = cli(cwd, 'lint', '--format', 'json', ...args);
  return { code: r.code, report: JSON.parse(r.stdout) as JsonReport, stderr: r.stderr };
}

const sa = (name: string, clientId: string, ns?: string) =>
  `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}  annotations:\n    azure.workload.identity/client-id: ${clientId}\n`;
const deployment = (name: string, saName: string, useLabel: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels:
        app: ${name}
        azure.workload.identity/use: ${useLabel}
    spec:
      serviceAccountName: ${saName}
      containers:
      - name: app
        image: mcr.microsoft.com/azure-cli:2.61.0
`;

before(assertBuilt);

describe('text format', () => {
  test('one line per finding: file:line:col severity rule-id message, 1-based, no ANSI colour when piped', () => {
    const dir = workspace({ 'sa.yaml': sa('api', 'not-a-guid', 'shop') });
    const r = cli(dir, 'lint', 'sa.yaml');
    assert.equal(r.code, 1);
    assert.ok(!r.stdout.includes('\u001b['), 'no escape sequences');
    const lines = r.stdout.split('\n');
    assert.match(lines[0], /^sa\.yaml:7:40 error wi-client-id-format Client-id is not a GUID: azure\.workload\.identity\/client-id of ServiceAccount api \(namespace shop\) is "not-a-guid"/);
    assert.match(r.stdout, /\n1 problem \(1 errors, 0 warnings, 0 infos\) in 1 file\.\n$/);
  });

  test('a clean workspace says so and exits 0', () => {
    const dir = workspace({ 'sa.yaml': sa('api', GUID, 'shop') });
    const r = cli(dir, 'lint');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'No problems found in 1 file.\n');
  });
});

describe('json format', () => {
  test('exact top-level shape with 0-based positions', () => {
    const dir = workspace({ 'sa.yaml': sa('api', 'not-a-guid', 'shop'), 'notes.txt': 'kind: Pod\n' });
    const { code, report } = json(dir, '.');
    assert.equal(code, 1);
    assert.deepEqual(Object.keys(report), ['version', 'tool', 'files', 'documents', 'findings']);
    assert.equal(report.version, 1);
    assert.equal(report.tool.name, 'aks-iam');
    assert.match(report.tool.version, /^\d+\.\d+\.\d+/);
    assert.equal(report.files, 1);
    assert.equal(report.documents, 1);
    assert.deepEqual(report.findings, [{
      ruleId: 'wi-client-id-format',
      severity: 'error',
      message: report.findings[0].message,
      file: 'sa.yaml',
      range: { start: { line: 6, character: 39 }, end: { line: 6, character: 49 } },
      fixable: false,
    }]);
  });

  test('a fixable finding says so', () => {
    const dir = workspace({ 'd.yaml': deployment('web', 'default', 'True') });
    const { report } = json(dir);
    const f = report.findings.find((x) => x.ruleId === 'wi-use-label-value')!;
    assert.equal(f.fixable, true);
    assert.deepEqual(f.range, { start: { line: 11, character: 37 }, end: { line: 11, character: 41 } });
  });
});

describe('sarif format', () => {
  test('valid 2.1.0 shape with every rule described and 1-based regions', () => {
    const dir = workspace({
      'sa.yaml': sa('api', 'not-a-guid', 'shop'),
      'other.yaml': `${sa('web', GUID, 'shop').replace('  annotations:', '  annotations:\n    # aks-iam-disable-next-line yaml-syntax')}`,
    });
    const r = cli(dir, 'lint', '--format', 'sarif', '--fail-on', 'none');
    assert.equal(r.code, 0);
    const s = JSON.parse(r.stdout);
    assert.equal(s.version, '2.1.0');
    assert.match(s.$schema, /sarif-2\.1\.0/);
    assert.equal(s.runs.length, 1);
    const driver = s.runs[0].tool.driver;
    assert.equal(driver.name, 'aks-iam');
    const ids = driver.rules.map((x: { id: string }) => x.id);
    assert.ok(ids.includes('wi-client-id-format') && ids.includes('suppression-unused') && ids.includes('yaml-syntax'));
    for (const rule of driver.rules) {
      assert.match(rule.helpUri, /^https:\/\//);
      assert.ok(rule.shortDescription.text.length > 0);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    }
    const results = s.runs[0].results as { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[] }[];
    const err = results.find((x) => x.ruleId === 'wi-client-id-format')!;
    assert.equal(err.level, 'error');
    assert.equal(driver.rules[err.ruleIndex].id, 'wi-client-id-format');
    assert.equal(err.locations[0].physicalLocation.artifactLocation.uri, 'sa.yaml');
    assert.deepEqual(err.locations[0].physicalLocation.region, { startLine: 7, startColumn: 40, endLine: 7, endColumn: 50 });
    const note = results.find((x) => x.ruleId === 'suppression-unused')!;
    assert.equal(note.level, 'note');
    assert.equal(note.locations[0].physicalLocation.artifactLocation.uri, 'other.yaml');
  });

  test('artifact URIs are percent-encoded relative paths, or file: URIs outside the working directory', () => {
    const dir = workspace({ 'team #1/sa v2.yaml': sa('api', 'bad', 'shop') });
    const rel = JSON.parse(cli(dir, 'lint', '--format', 'sarif').stdout);
    assert.deepEqual(rel.runs[0].results[0].locations[0].physicalLocation.artifactLocation, { uri: 'team%20%231/sa%20v2.yaml', uriBaseId: '%SRCROOT%' });
    const other = workspace({});
    const abs = JSON.parse(cli(other, 'lint', '--format', 'sarif', join(dir, 'team #1')).stdout);
    const loc = abs.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    assert.equal(loc.uriBaseId, undefined);
    assert.equal(new URL(loc.uri).protocol, 'file:');
    assert.ok(decodeURIComponent(loc.uri).endsWith('team #1/sa v2.yaml'));
  });

  test('warning level when a rule is set to warning', () => {
    const dir = workspace({ 'sa.yaml': sa('api', 'x', 'shop') });
    const s = JSON.parse(cli(dir, 'lint', '--format', 'sarif', '--rule', 'wi-client-id-format=warning').stdout);
    assert.deepEqual(s.runs[0].results.map((x: { level: string }) => x.level), ['warning']);
  });
});

describe('exit codes and options', () => {
  const files = {
    'sa.yaml': sa('api', 'not-a-guid', 'shop'),
    'unused.yaml': sa('web', GUID, 'shop').replace('  annotations:', '  annotations:\n    # aks-iam-disable-next-line yaml-syntax'),
  };

  test('--fail-on decides between 0 and 1', () => {
    const dir = workspace(files);
    assert.equal(cli(dir, 'lint').code, 1);
    assert.equal(cli(dir, 'lint', '--fail-on', 'none').code, 0);
    assert.equal(cli(dir, 'lint', '--fail-on', 'error', '--rule', 'wi-client-id-format=warning').code, 0);
    assert.equal(cli(dir, 'lint', '--fail-on', 'warning', '--rule', 'wi-client-id-format=warning').code, 1);
    // Only the info finding is left:
    assert.equal(cli(dir, 'lint', 'unused.yaml', '--fail-on', 'warning').code, 0);
    assert.equal(cli(dir, 'lint', 'unused.yaml', '--fail-on', 'info').code, 1);
  });

  test('--rule id=off silences a rule', () => {
    const dir = workspace(files);
    const { code, report } = json(dir, '--rule', 'wi-client-id-format=off', '--rule=suppression-unused=off');
    assert.equal(code, 0);
    assert.deepEqual(report.findings, []);
  });

  test('usage errors exit 2 with a message on stderr', () => {
    const dir = workspace(files);
    const cases: [string[], RegExp][] = [
      [['lint', '--rule', 'no-such-rule=off'], /unknown rule id "no-such-rule"/],
      [['lint', '--rule', 'wi-client-id-format=loud'], /--rule takes <id>=off\|info\|warning\|error/],
      [['lint', '--format', 'xml'], /--format must be text, json, sarif or github, not "xml"/],
      [['lint', '--fail-on', 'sometimes'], /--fail-on must be/],
      [['lint', '--fail-on', 'toString'], /--fail-on must be/],
      [['lint', '--bogus'], /unknown option --bogus/],
      [['lint', '--format'], /--format needs a value/],
      [['frobnicate'], /unknown command "frobnicate"/],
    ];
    for (const [args, msg] of cases) {
      const r = cli(dir, ...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, msg, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
    }
  });

  test('a missing path exits 2 naming the path', () => {
    const dir = workspace(files);
    const r = cli(dir, 'lint', 'sa.yaml', 'manifests/nope.yaml');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read manifests\/nope\.yaml: no such file or directory/);
  });

  test('an unreadable file exits 2 naming it (permissions when not root, a dangling symlink always)', () => {
    const dir = workspace(files);
    symlinkSync(join(dir, 'gone.yaml'), join(dir, 'link.yaml'));
    const direct = cli(dir, 'lint', 'link.yaml');
    assert.equal(direct.code, 2);
    assert.match(direct.stderr, /cannot read link\.yaml: no such file or directory/);
    // Found while walking a directory it must not vanish silently either.
    const walked = cli(dir, 'lint', '.');
    assert.equal(walked.code, 2);
    assert.match(walked.stderr, /cannot read link\.yaml/);
    if (process.getuid?.() !== 0) {
      const locked = workspace({ 'locked.yaml': sa('api', GUID) });
      chmodSync(join(locked, 'locked.yaml'), 0o000);
      const r = cli(locked, 'lint', 'locked.yaml');
      assert.equal(r.code, 2);
      assert.match(r.stderr, /cannot read locked\.yaml: permission denied/);
    }
  });

  test('a symlink to a manifest is followed', () => {
    const dir = workspace({ 'real/sa.yaml': sa('api', 'bad', 'shop') });
    mkdirSync(join(dir, 'deploy'));
    symlinkSync(join(dir, 'real', 'sa.yaml'), join(dir, 'deploy', 'sa.yaml'));
    const { report } = json(dir, 'deploy');
    assert.deepEqual(report.findings.map((f) => f.file), ['deploy/sa.yaml']);
  });

  test('--namespace is the namespace of objects that name none', () => {
    const dir = workspace({ 'sa.yaml': sa('api', 'bad') });
    assert.match(json(dir).report.findings[0].message, /ServiceAccount api \(namespace default\)/);
    assert.match(json(dir, '--namespace', 'payments').report.findings[0].message, /ServiceAccount api \(namespace payments\)/);
  });

  test('several files are analysed together: a ServiceAccount in one file, its Deployment in another', () => {
    const dir = workspace({
      'app/serviceaccount.yaml': sa('orders', 'bad-id'),
      'app/deployment.yaml': deployment('orders', 'orders', '"true"'),
      'app/deployment-bad.yml': deployment('billing', 'orders', 'yes'),
    });
    const { report } = json(dir, 'app', '--namespace', 'shop');
    assert.equal(report.files, 3);
    assert.equal(report.documents, 3);
    const own = report.findings.filter((f) => ['wi-client-id-format', 'wi-use-label-value'].includes(f.ruleId));
    assert.deepEqual(own.map((f) => [f.file, f.ruleId]), [
      ['app/deployment-bad.yml', 'wi-use-label-value'],
      ['app/serviceaccount.yaml', 'wi-client-id-format'],
    ]);
    assert.match(own[1].message, /ServiceAccount orders \(namespace shop\)/);
    assert.match(own[0].message, /Deployment billing/);
  });

  test('directories are searched recursively for .yaml/.yml, skipping .git and node_modules', () => {
    const dir = workspace({
      'a/b/c/sa.yaml': sa('deep', 'bad'),
      'a/x.YML': sa('upper', GUID),
      '.git/hooks/sa.yaml': sa('git', 'bad'),
      'node_modules/pkg/sa.yaml': sa('nm', 'bad'),
      'a/readme.md': 'kind: Pod\n',
    });
    const { report } = json(dir);
    assert.equal(report.files, 2);
    assert.deepEqual(report.findings.map((f) => f.file), ['a/b/c/sa.yaml']);
  });

  test('binary files are skipped with a note on stderr; the rest is still linted', () => {
    const dir = workspace({ 'sa.yaml': sa('api', 'bad'), 'blob.yaml': 'kind: Pod\u0000\u0001' });
    const r = cli(dir, 'lint');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /skipped blob\.yaml: binary file/);
    assert.match(r.stdout, /^sa\.yaml:/);
  });
});

describe('other commands', () => {
  test('aks-iam rules lists every rule id with its default severity', () => {
    const r = cli(ROOT, 'rules');
    assert.equal(r.code, 0);
    const ids = r.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0]);
    for (const id of ['wi-use-label-value', 'wi-client-id-format', 'yaml-syntax', 'suppression-unused']) assert.ok(ids.includes(id), id);
    assert.match(r.stdout, /^wi-client-id-format\s+error\s+/m);
    // A rule whose findings take two levels says so, the same in the listing and in what lint reports.
    assert.match(r.stdout, /^rbac-cluster-admin-binding\s+warning\/error\s+Binding to cluster-admin\n/m);
    assert.match(r.stdout, /^sa-not-found\s+warning\s+.*\(suggestions\)\n/m);
    assert.match(r.stdout, /^rbac-deprecated-api\s+error\s+.*\(fix\)\n/m);
    const asJson = JSON.parse(cli(ROOT, 'rules', '--format', 'json').stdout) as { id: string; alsoReports: string[]; suggests: boolean }[];
    assert.deepEqual(asJson.map((x) => x.id), ids);
    assert.deepEqual(asJson.find((x) => x.id === 'rbac-cluster-admin-binding')?.alsoReports, ['error']);
  });

  test('--version and --help', () => {
    assert.match(cli(ROOT, '--version').stdout, /^\d+\.\d+\.\d+/);
    const h = cli(ROOT, 'lint', '--help');
    assert.equal(h.code, 0);
    assert.match(h.stdout, /--fail-on/);
    assert.equal(cli(ROOT).code, 2);
  });
});

describe('examples/', () => {
  const ex = (...p: string[]) => join('examples', ...p);

  test('the correct app, the good RBAC file and the Helm chart are clean', () => {
    const { code, report } = json(ROOT, ex('workload-identity', 'good'), ex('rbac', 'good.yaml'), ex('charts'), '--fail-on', 'info');
    assert.deepEqual(report.findings, []);
    assert.equal(code, 0);
    assert.equal(report.files, 7);
    assert.equal(report.documents, 8);
  });

  test('the broken examples fail the lint and the Helm chart has no syntax findings', () => {
    const { code, report } = json(ROOT, 'examples');
    assert.equal(code, 1);
    const has = (file: string, ruleId: string) => report.findings.some((f) => f.file === `examples/${file}` && f.ruleId === ruleId);
    assert.ok(has('workload-identity/broken/unquoted-true.yaml', 'wi-use-label-value'));
    assert.ok(has('workload-identity/broken/malformed-client-id.yaml', 'wi-client-id-format'));
    // The placeholder next to it is not reported.
    assert.equal(report.findings.filter((f) => f.ruleId === 'wi-client-id-format').length, 1);
    assert.ok(!report.findings.some((f) => f.file.startsWith('examples/charts/')));
    assert.ok(!report.findings.some((f) => f.ruleId === 'yaml-syntax'));
  });

  test('with the snapshot, the missing credential of shop/search points at the typo in infra/identities.tf', () => {
    const { report } = json(ROOT, 'examples', '--snapshot', ex('.aks-iam', 'identity-snapshot.json'));
    assert.deepEqual(report.findings.filter((f) => f.file.startsWith('examples/infra/')), [], 'the Terraform example itself is clean');
    const search = report.findings.find((f) => f.ruleId === 'wi-federation-missing' && f.file === 'examples/workload-identity/broken/env-override.yaml');
    assert.match(search?.message ?? '', /so the pod cannot get a token\. azurerm_federated_identity_credential\.search has subject system:serviceaccount:shop:serach in code: change it to system:serviceaccount:shop:search\.$/);
    assert.deepEqual((search as { related?: { file: string; range: { start: { line: number } } }[] }).related?.map((r) => [r.file, r.range.start.line]), [['examples/infra/identities.tf', 46]]);
  });
});
