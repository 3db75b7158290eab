import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { tempWorkspace } from '../support/temp-workspace';
import { assertBuilt } from './built';

const ROOT = resolve(__dirname, '..', '..');
const ENTRY = join(ROOT, 'action', 'entry.mjs');
const sa = (name: string, clientId: string) =>
  `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: shop\n  annotations:\n    azure.workload.identity/client-id: ${clientId}\n`;

before(assertBuilt);

/** Runs the action's entry script as the runner would: GITHUB_* files and INPUT_* variables, the CLI from dist/. */
function runAction(workspace: string, inputs: Record<string, string>) {
  const tmp = mkdtempSync(join(tmpdir(), 'aks-iam-action-'));
  const output = join(tmp, 'output');
  const summary = join(tmp, 'summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary,
    GITHUB_ACTION_PATH: ROOT, GITHUB_REPOSITORY: 'octo/app', GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    AKS_IAM_CLI: JSON.stringify([process.execPath, join(ROOT, 'dist', 'cli.js')]),
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/-/g, '_').toUpperCase()}`] = v;
  const r = spawnSync(process.execPath, [ENTRY], { cwd: tmp, env, encoding: 'utf8', timeout: 60_000 });
  const outputs = Object.fromEntries(readFileSync(output, 'utf8').trim().split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return { ...r, outputs, summary: readFileSync(summary, 'utf8') };
}

describe('GitHub Action', () => {
  test('annotates, writes SARIF and the outputs; exit-code says the step fails', () => {
    const ws = tempWorkspace({ 'k8s/sa.yaml': sa('api', 'not-a-guid'), 'other/ok.yaml': sa('web', '00000000-1111-2222-3333-444444444444') });
    mkdirSync(join(ws, '.git'));
    const r = runAction(ws, { paths: 'k8s', 'fail-on': 'error', 'sarif-file': 'out/aks-iam.sarif', args: '--rule "rbac-wildcard=error"' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^::error file=k8s\/sa\.yaml,line=7,col=40,endLine=7,endColumn=50,title=aks-iam wi-client-id-format::/m);
    assert.equal(r.outputs['exit-code'], '1');
    assert.equal(r.outputs.findings, '1');
    assert.equal(r.outputs['sarif-file'], join(ws, 'out', 'aks-iam.sarif'));
    const sarif = JSON.parse(readFileSync(r.outputs['sarif-file'], 'utf8'));
    assert.equal(sarif.runs[0].results.length, 1);
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'k8s/sa.yaml');
    assert.match(r.summary, /### aks-iam lint failed \(findings at or above error\)/);
  });

  test('a baseline keeps known findings out; fail-on none passes', () => {
    const ws = tempWorkspace({ 'sa.yaml': sa('api', 'not-a-guid') });
    mkdirSync(join(ws, '.git'));
    const w = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'lint', '--baseline', 'baseline.json', '--write-baseline'], { cwd: ws, encoding: 'utf8' });
    assert.equal(w.status, 0);
    const r = runAction(ws, { baseline: 'baseline.json' });
    assert.equal(r.outputs['exit-code'], '0');
    assert.equal(r.outputs.findings, '0');
    assert.equal(JSON.parse(readFileSync(r.outputs['sarif-file'], 'utf8')).runs[0].results.length, 0);
    assert.match(r.summary, /### aks-iam lint passed/);
    const none = runAction(tempWorkspace({ 'sa.yaml': sa('api', 'not-a-guid') }), { 'fail-on': 'none' });
    assert.equal(none.outputs['exit-code'], '0');
    assert.equal(none.outputs.findings, '1');
  });

  test('a configuration error is exit code 2 and no SARIF to upload', () => {
    const ws = tempWorkspace({ '.aks-iam.yaml': 'rulez: {}\n', 'sa.yaml': sa('api', 'x') });
    mkdirSync(join(ws, '.git'));
    const r = runAction(ws, {});
    assert.equal(r.outputs['exit-code'], '2');
    assert.equal(r.outputs['sarif-file'], '');
    assert.match(r.stderr, /unknown key "rulez"/);
    assert.match(r.summary, /could not run/);
  });

  test('action.yml passes every input to the entry script, which exists', () => {
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
    assert.equal(action.runs.using, 'composite');
    const step = action.runs.steps.find((s: { id?: string }) => s.id === 'lint');
    assert.match(step.run, /action\/entry\.mjs/);
    assert.ok(existsSync(ENTRY));
    const passed = Object.keys(step.env).map((k) => k.replace(/^INPUT_/, '').toLowerCase().replace(/_/g, '-')).sort();
    assert.deepEqual(passed, Object.keys(action.inputs).filter((k) => k !== 'upload-sarif').sort());
    const upload = action.runs.steps.find((s: { uses?: string }) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
    assert.ok(upload, 'uploads SARIF to code scanning');
  });
});

describe('pre-commit hook', () => {
  test('.pre-commit-hooks.yaml runs the npm package\'s bin on the whole repository when YAML changes', () => {
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
    assert.equal(hooks.length, 1);
    const h = hooks[0];
    assert.equal(h.id, 'aks-iam');
    assert.equal(h.language, 'node');
    assert.equal(h.pass_filenames, false, 'cross-file findings need every file');
    assert.ok(new RegExp(h.files).test('k8s/sa.yaml') && new RegExp(h.files).test('a.yml') && !new RegExp(h.files).test('a.json'));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const [bin, ...args] = h.entry.split(' ');
    assert.ok(pkg.bin[bin], `the entry's command ${bin} is the package's bin`);
    // The entry as pre-commit runs it, from the repository root.
    const ws = tempWorkspace({ 'sa.yaml': sa('api', 'not-a-guid') });
    mkdirSync(join(ws, '.git'));
    const r = spawnSync(process.execPath, [join(ROOT, pkg.bin[bin]), ...args], { cwd: ws, encoding: 'utf8' });
    assert.equal(r.status, 1, 'a finding fails the commit');
    assert.match(r.stdout, /sa\.yaml:7:40 error wi-client-id-format/);
  });
});
