// Mocha entry that VS Code's extension host calls (`extensionTestsPath`), both under code-server and
// under @vscode/test-electron. The harness bundles every suite/*.e2e.ts next to this file; they are
// discovered at run time so that adding a suite needs no registration.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';

interface Outcome {
  title: string;
  state: 'passed' | 'failed';
  durationMs?: number;
  error?: string;
}

const OUTPUT_MARK = '[aks-iam-e2e] ';

export async function run(): Promise<void> {
  // The code-server harness reads the host's console through the workbench log and keeps only the
  // lines carrying this mark (under Electron the output goes to stdout as it is). The host makes
  // console.log itself read-only, so the mark goes on the reporter's output (Base.consoleLog) only.
  const { default: Mocha } = await import('mocha');
  const originalReporterLog = Mocha.reporters.Base.consoleLog;
  if (process.env.AKS_IAM_E2E_HOST === 'code-server') {
    Mocha.reporters.Base.consoleLog = (...args: unknown[]) => originalReporterLog(`${OUTPUT_MARK}${format(...args)}`);
  }
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env.AKS_IAM_E2E_GREP;
  if (grep) mocha.grep(grep);
  for (const f of readdirSync(__dirname).filter((n) => n.endsWith('.e2e.js')).sort()) mocha.addFile(join(__dirname, f));
  const outcomes: Outcome[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      Mocha.reporters.Base.consoleLog = originalReporterLog;
      const resultsFile = process.env.AKS_IAM_E2E_RESULTS;
      if (resultsFile) writeFileSync(resultsFile, JSON.stringify(outcomes, null, 2));
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else if (outcomes.length === 0) reject(new Error('no extension-host test ran'));
      else resolve();
    });
    runner.on('pass', (t) => outcomes.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration }));
    runner.on('fail', (t, err: Error) => outcomes.push({ title: t.fullTitle(), state: 'failed', error: err.stack ?? String(err) }));
  });
}
