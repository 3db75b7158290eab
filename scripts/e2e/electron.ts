// npm run test:electron — the same extension-host suite in desktop VS Code through
// @vscode/test-electron, for machines that can download VS Code (VS Code 1.100.3 by default, the
// engine the extension declares; AKS_IAM_VSCODE_VERSION=stable for the newest). Machines without
// internet use npm run test:e2e instead.
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildExtension, bundleSuite } from './build';
import { runEnvHooks } from './hooks';
import { CACHE, ROOT } from './paths';

async function main(): Promise<number> {
  buildExtension();
  const base = join(CACHE, 'electron');
  rmSync(base, { recursive: true, force: true });
  const suite = await bundleSuite(join(base, 'suite'));
  const workspace = join(base, 'ws', 'workspace');
  cpSync(join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  mkdirSync(join(base, 'user-data'), { recursive: true });
  const resultsFile = join(base, 'api-results.json');
  const hooks = await runEnvHooks();
  try {
    const code = await runTests({
      version: process.env.AKS_IAM_VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: suite.index,
      extensionTestsEnv: { ...hooks.env, AKS_IAM_E2E_RESULTS: resultsFile },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--user-data-dir', join(base, 'user-data')],
    });
    return code;
  } finally {
    await hooks.dispose();
    try {
      const outcomes = JSON.parse(readFileSync(resultsFile, 'utf8')) as { state: string }[];
      const failed = outcomes.filter((o) => o.state === 'failed').length;
      console.log(`# tests ${outcomes.length}\n# pass ${outcomes.length - failed}\n# fail ${failed}`);
    } catch {
      // no results: VS Code did not start (the error says why)
    }
  }
}

main().then((code) => process.exit(code), (e) => {
  console.error(`test:electron failed: ${(e as Error).message ?? e}`);
  process.exit(1);
});
