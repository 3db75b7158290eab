// The GitHub Action's step (action.yml): runs `aks-iam lint` twice on the same inputs, once writing SARIF for code
// scanning and once printing workflow annotations for the pull request, then writes the step's outputs and a job
// summary. It never fails the step itself: action.yml does, after the SARIF upload, from the `exit-code` output.
// Plain JavaScript with no dependencies, so the action needs no build.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const env = process.env;
const input = (name) => (env[`INPUT_${name.replace(/-/g, '_').toUpperCase()}`] ?? '').trim();
const here = dirname(fileURLToPath(import.meta.url));

/** The command that runs the CLI: AKS_IAM_CLI (tests, local runs), else the npm package at the pinned version. */
function cliCommand() {
  // A JSON array (paths with spaces) or words.
  if (env.AKS_IAM_CLI) return env.AKS_IAM_CLI.startsWith('[') ? JSON.parse(env.AKS_IAM_CLI) : env.AKS_IAM_CLI.split(' ').filter(Boolean);
  const version = input('version') || JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8')).version;
  return ['npx', '--yes', `aks-iam@${version}`];
}

/** Splits `args` like a shell would for plain words and quoted strings (no expansions). */
export function splitArgs(text) {
  const out = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2] ?? m[3]);
  return out;
}

function setOutput(name, value) {
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
}

export function main() {
  const cwd = env.GITHUB_WORKSPACE || process.cwd();
  const [cmd, ...pre] = cliCommand();
  const paths = input('paths') ? input('paths').split(/\s+/).filter(Boolean) : ['.'];
  const common = [...paths, ...splitArgs(input('args'))];
  if (input('baseline')) common.push('--baseline', input('baseline'));
  if (input('snapshot')) common.push('--snapshot', input('snapshot'));
  const failOn = input('fail-on') || 'error';
  const sarifFile = resolve(cwd, input('sarif-file') || 'aks-iam.sarif');
  const run = (args) => spawnSync(cmd, [...pre, 'lint', ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, shell: process.platform === 'win32' });

  const sarif = run([...common, '--format', 'sarif', '--fail-on', 'none']);
  let sarifWritten = false;
  if (sarif.status !== 0) process.stderr.write(sarif.stderr ?? '');
  if (sarif.status === 0 && sarif.stdout) {
    mkdirSync(dirname(sarifFile), { recursive: true });
    writeFileSync(sarifFile, sarif.stdout);
    sarifWritten = true;
  }
  const annotate = run([...common, '--format', 'github', '--fail-on', failOn]);
  process.stdout.write(annotate.stdout ?? '');
  process.stderr.write(annotate.stderr ?? '');
  if (annotate.error) process.stderr.write(`aks-iam: could not run ${cmd}: ${annotate.error.message}\n`);
  const code = annotate.status ?? 2;
  const findings = (annotate.stdout ?? '').split('\n').filter((l) => /^::(error|warning|notice) /.test(l));
  const count = (kind) => findings.filter((l) => l.startsWith(`::${kind} `)).length;

  setOutput('exit-code', code);
  setOutput('findings', findings.length);
  setOutput('sarif-file', sarifWritten ? sarifFile : '');
  if (env.GITHUB_STEP_SUMMARY) {
    const verdict = code === 0 ? 'passed' : code === 1 ? `failed (findings at or above ${failOn})` : 'could not run (usage or configuration error: see the log)';
    appendFileSync(env.GITHUB_STEP_SUMMARY, `### aks-iam lint ${verdict}\n\n| Errors | Warnings | Notices |\n|---|---|---|\n| ${count('error')} | ${count('warning')} | ${count('notice')} |\n\n`);
  }
  return code;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main();
}
