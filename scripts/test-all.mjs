// npm test: build, lint and type check, unit tests, e2e tests, in that order (stopping at the first failing stage),
// then one summary of every stage at the end, so that the unit count is not buried thousands of lines up.
import { spawn } from 'node:child_process';

const stages = [
  { name: 'build', cmd: ['npm', 'run', 'build'] },
  { name: 'lint + types', cmd: ['npm', 'run', 'lint'] },
  // The test tools (code-server, Chromium, vsce) first: unit tests that need vsce then run instead of skipping.
  { name: 'test tools', cmd: ['node', '--import', 'tsx', 'scripts/e2e/install.ts'] },
  { name: 'unit', cmd: ['npm', 'run', 'test:unit'] },
  { name: 'e2e', cmd: ['npm', 'run', 'test:e2e'] },
];

/** Runs a command with its output passed through, and the output's node:test style counts (`# pass N` …). */
function run([cmd, ...args]) {
  return new Promise((resolve) => {
    // Inside npm test every stage may rely on the tools installed above: a test that needs them fails instead of skipping.
    const child = spawn(cmd, args, { stdio: ['inherit', 'pipe', 'pipe'], env: { ...process.env, AKS_IAM_FULL_TEST: '1' } });
    const counts = {};
    let tail = '';
    const scan = (chunk) => {
      const text = tail + chunk.toString();
      const lines = text.split('\n');
      tail = lines.pop();
      for (const l of lines) {
        const m = /^# (pass|fail|skipped|todo|cancelled) (\d+)\s*$/.exec(l);
        if (m) counts[m[1]] = (counts[m[1]] ?? 0) + Number(m[2]);
      }
    };
    child.stdout.on('data', (c) => { process.stdout.write(c); scan(c); });
    child.stderr.on('data', (c) => process.stderr.write(c));
    child.on('close', (code) => { scan('\n'); resolve({ code: code ?? 1, counts }); });
  });
}

const started = Date.now();
const results = [];
let failed = false;
for (const s of stages) {
  if (failed) {
    results.push({ name: s.name, status: 'not run' });
    continue;
  }
  const t = Date.now();
  const r = await run(s.cmd);
  const counts = Object.entries(r.counts).filter(([k, n]) => k === 'pass' || k === 'fail' || n > 0).map(([k, n]) => `${n} ${k === 'pass' ? 'passed' : k === 'fail' ? 'failed' : k}`).join(', ');
  results.push({ name: s.name, status: r.code === 0 ? 'ok' : `FAILED (exit ${r.code})`, counts, countsRaw: r.counts, secs: (Date.now() - t) / 1000 });
  failed = r.code !== 0;
}
const w = Math.max(...results.map((r) => r.name.length));
console.log(`\n== npm test summary (${((Date.now() - started) / 1000).toFixed(0)} s) ==`);
for (const r of results) console.log(`  ${r.name.padEnd(w)}  ${r.status}${r.counts ? ` — ${r.counts}` : ''}${r.secs !== undefined ? ` (${r.secs.toFixed(0)} s)` : ''}`);
// One closing line in the plain form any CI reads: every test of every stage that ran.
const sum = (k) => results.reduce((n, r) => n + (Number(r.countsRaw?.[k]) || 0), 0);
console.log(`total: ${sum('pass')} passed, ${sum('fail')} failed${sum('skipped') ? `, ${sum('skipped')} skipped` : ''}`);
process.exit(failed ? 1 : 0);
