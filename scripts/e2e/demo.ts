// npm run demo — builds and packages the extension, installs it into the cached code-server and
// serves the examples/ workspace on http://127.0.0.1:<port> until Ctrl+C.
// Options: --port <n> (default: a free one), --screenshot (also open it in headless Chromium and save
// test-results/demo.png once the findings show), --check (the same, then stop: a smoke test).
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { launchChromium } from './browser';
import { buildExtension, packageVsix } from './build';
import { installExtension, prepareDirs, startCodeServer } from './code-server';
import { ensureInstalled } from './install';
import { CACHE, DEMO_RESULTS, ROOT } from './paths';
import { stopAllOnExit, tail } from './proc';
import { openWorkbench, uiContext, workbenchUrl } from './workbench';

const args = process.argv.slice(2);
const portAt = args.indexOf('--port');
const port = portAt >= 0 ? Number(args[portAt + 1]) : undefined;
const check = args.includes('--check');
const shoot = check || args.includes('--screenshot');
const t0 = Date.now();

async function screenshot(url: string, folder: string): Promise<string> {
  const browser = await launchChromium(join(CACHE, 'demo', 'chromium'));
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    const page = await context.newPage();
    await openWorkbench(page, url, folder);
    const ui = uiContext(page, folder, DEMO_RESULTS);
    await ui.openFile('workload-identity/broken/unquoted-true.yaml');
    await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'visible', timeout: 60_000 });
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'wi-use-label-value' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    return await ui.screenshot('demo');
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  stopAllOnExit();
  ensureInstalled();
  buildExtension();
  const base = join(CACHE, 'demo');
  rmSync(base, { recursive: true, force: true });
  const vsix = packageVsix(base);
  const dirs = prepareDirs(join(base, 'code-server'));
  installExtension(dirs, vsix.path);
  const server = await startCodeServer(dirs, {}, port);
  // A copy of examples/ is served: quick fixes and edits made in the demo must not change the tracked files.
  const folder = join(base, 'examples');
  cpSync(join(ROOT, 'examples'), folder, { recursive: true });
  const url = workbenchUrl(server.url, folder);
  console.log(`\n${basename(vsix.path)} (${(vsix.bytes / 1024).toFixed(0)} KiB) installed into code-server (VS Code 1.100.3) in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
  console.log(`\n  Open ${url}\n\n  A copy of the examples/ workspace (edits there leave examples/ as it is): broken and good manifests, the Problems panel, hovers, quick fixes (Ctrl+.),`);
  console.log('  and the AKS IAM view in the activity bar (identities from examples/.aks-iam). Ctrl+C stops the server.\n');
  let stopping = false;
  const stopServer = async (): Promise<void> => {
    stopping = true;
    await server.stop();
  };
  void server.proc.exited.then((code) => {
    if (stopping) return;
    console.error(`code-server exited (${code}).\n${tail(server.proc.log())}`);
    process.exit(1);
  });
  if (shoot) {
    mkdirSync(DEMO_RESULTS, { recursive: true });
    try {
      console.log(`  Screenshot: ${await screenshot(server.url, folder)}`);
    } catch (e) {
      console.error(`demo check failed: ${(e as Error).message}\n--- code-server log (tail) ---\n${tail(server.proc.log())}`);
      await stopServer();
      process.exit(1);
    }
    if (check) {
      await stopServer();
      console.log('# demo check passed');
      process.exit(0);
    }
  }
}

main().catch((e) => {
  console.error(`demo failed: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
