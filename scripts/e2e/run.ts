// npm run test:e2e — the extension inside a real VS Code (the one code-server ships) in headless
// Chromium: (1) the mocha suite in the extension host, (2) UI checks of what a person sees.
// The extension-host suites with a workspace of their own (test/e2e/suite-*/) run after the main one.
// Options: --api-only, --ui-only, --grep <text> (extension-host tests).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import type { UiCheck } from '../../test/e2e/ui/types';
import { launchChromium, type Browser } from './browser';
import { buildExtension, bundleApiSuite, bundleSuite, packageVsix } from './build';
import { installExtension, prepareDirs, startCodeServer, type CodeServer } from './code-server';
import { findFiles, runEnvHooks, type ActiveHooks } from './hooks';
import { ensureInstalled } from './install';
import { RESULTS, ROOT, RUN, RUNS } from './paths';
import { stopAllOnExit, tail } from './proc';
import { freshResultsDir } from './results';
import { findApiSuites, suiteMatches, type ApiSuite } from './suites';
import { openWorkbench, uiContext, workbenchUrl } from './workbench';

/** Prefix suite/index.ts puts on the suite's console output so it can be told from the workbench's. */
const SUITE_OUTPUT_MARK = '[aks-iam-e2e] ';

interface Outcome { title: string; state: 'passed' | 'failed'; error?: string }

const args = process.argv.slice(2);
const apiOnly = args.includes('--api-only');
const uiOnly = args.includes('--ui-only');
const grepAt = args.indexOf('--grep');
const grep = grepAt >= 0 ? args[grepAt + 1] : undefined;

const t0 = Date.now();
const secs = (from: number): string => `${((Date.now() - from) / 1000).toFixed(1)} s`;
const step = (msg: string): void => console.log(`# ${msg} (${secs(t0)})`);

async function runApiSuite(browser: Browser, server: CodeServer, suiteIndex: string, workspace: string, resultsFile: string, label = 'extension-host suite', developmentPath = ROOT): Promise<Outcome[]> {
  const started = Date.now();
  rmSync(resultsFile, { force: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    const exit = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', ((code: number) => resolve(code)) as (...a: never[]) => unknown);
    });
    // The workbench forwards every log line; print the suite's own output (marked by suite/index.ts)
    // and errors that concern this extension.
    await page.exposeFunction('codeAutomationLog', ((level: string, message: unknown) => {
      const text = Array.isArray(message) ? format(...(message as unknown[])) : String(message);
      if (process.env.AKS_IAM_E2E_DEBUG) console.log(`  [workbench ${level}] ${text}`);
      else if (text.startsWith(SUITE_OUTPUT_MARK)) console.log(text.slice(SUITE_OUTPUT_MARK.length).replace(/^/gm, '  '));
      else if (level === 'error' && /aks-iam/i.test(text)) console.log(`  [host error] ${text}`);
    }) as (...a: never[]) => unknown);
    const remote = (p: string): string => `vscode-remote://127.0.0.1:${server.port}${p}`;
    await page.goto(workbenchUrl(server.url, workspace, [['extensionDevelopmentPath', remote(developmentPath)], ['extensionTestsPath', remote(suiteIndex)]]), {
      waitUntil: 'domcontentloaded', timeout: 60_000,
    });
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 300_000).unref());
    const code = await Promise.race([exit, timeout, server.proc.exited.then(() => 'server-exited' as const)]);
    const outcomes: Outcome[] = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : [];
    if (code === 'timeout' || code === 'server-exited' || outcomes.length === 0) {
      await page.screenshot({ path: join(RESULTS, `${label.replace(/[^a-z0-9]+/gi, '-')}-failure.png`) }).catch(() => undefined);
      const why = code === 'timeout' ? `the ${label} did not finish within 300 s`
        : code === 'server-exited' ? `code-server exited during the ${label}`
        : `the ${label} exited with ${code} without running any test`;
      outcomes.push({ title: label, state: 'failed', error: `${why}\n--- code-server log (tail) ---\n${tail(server.proc.log())}` });
    }
    step(`${label} finished in ${secs(started)} with exit code ${code}`);
    return outcomes;
  } finally {
    await context.close().catch(() => undefined);
  }
}

/**
 * A UI check starts in a window with no editor restored from an earlier one's unsaved text. VS Code writes a dirty
 * editor's backup on the server a moment after each edit; a check that reverts its edit and closes its window at
 * once can leave that backup behind (the delete and the late write race), and the next window then reopens the file
 * dirty, where no command closes it without a save prompt.
 */
/** The end of the extension's log of the newest window, so that a failed UI check says what the extension did. */
function extensionLogTail(userData: string, lines = 25): string {
  const logs: { file: string; at: number }[] = [];
  const walk = (dir: string, depth: number): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory() && depth > 0) walk(p, depth - 1);
      else if (entry.isFile() && entry.name === 'AKS IAM.log') logs.push({ file: p, at: statSync(p).mtimeMs });
    }
  };
  try {
    walk(join(userData, 'logs'), 3);
  } catch {
    return '';
  }
  const newest = logs.sort((a, b) => b.at - a.at)[0];
  if (!newest) return '';
  const tailText = readFileSync(newest.file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  return `\nthe extension's log (${relative(userData, newest.file)}, last ${lines} lines):\n${tailText.replace(/^/gm, '  ')}`;
}

function dropEditorBackups(userData: string): void {
  rmSync(join(userData, 'User', 'Backups'), { recursive: true, force: true });
}

async function runUiChecks(browser: Browser, server: CodeServer, userData: string, workspaces: Record<'examples' | 'fixture', string>): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const file of findFiles(join(ROOT, 'test', 'e2e', 'ui'), '.ui.ts')) {
    const mod = (await import(pathToFileURL(file).href)) as { checks?: UiCheck[]; default?: { checks?: UiCheck[] } };
    const checks = mod.checks ?? mod.default?.checks ?? [];
    for (const check of checks) {
      const title = `${basename(file, '.ui.ts')}: ${check.name}`;
      if (grep && !title.includes(grep)) continue;
      const started = Date.now();
      const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
      const page = await context.newPage();
      const workspace = workspaces[check.workspace ?? 'examples'];
      try {
        await openWorkbench(page, server.url, workspace);
        await check.run(uiContext(page, workspace));
        outcomes.push({ title, state: 'passed' });
        console.log(`  ✔ ${title} (${secs(started)})`);
      } catch (e) {
        const shot = join(RESULTS, `failure-${title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
        await page.screenshot({ path: shot }).catch(() => undefined);
        const error = `${(e as Error).stack ?? e}\nscreenshot: ${relative(ROOT, shot)}${extensionLogTail(userData)}`;
        outcomes.push({ title, state: 'failed', error });
        console.log(`  ✖ ${title} (${secs(started)})\n${error.replace(/^/gm, '    ')}`);
      } finally {
        await context.close().catch(() => undefined);
        dropEditorBackups(userData);
      }
    }
  }
  return outcomes;
}

interface PreparedSuite { suite: ApiSuite; index: string; workspace: string }

/** Bundles each test/e2e/suite-<name> folder and fills its workspace (e.g. generated files) inside the run's folder. */
async function prepareApiSuites(): Promise<PreparedSuite[]> {
  const out: PreparedSuite[] = [];
  for (const suite of await findApiSuites()) {
    if (!suiteMatches(suite.dir, grep)) continue;
    const bundled = await bundleApiSuite(suite.dir, join(RUN, `suite-${suite.name}`));
    const workspace = join(RUN, 'ws', `suite-${suite.name}`);
    mkdirSync(workspace, { recursive: true });
    const started = Date.now();
    await suite.setup.workspace(workspace);
    step(`suite-${suite.name}: ${bundled.suites.join(', ')}; workspace prepared in ${secs(started)}${suite.setup.untrusted ? '; untrusted' : ''}${suite.setup.packaged ? '; packaged VSIX' : ''}`);
    out.push({ suite, index: bundled.index, workspace: suite.setup.workspaceFile ? join(workspace, suite.setup.workspaceFile) : workspace });
  }
  return out;
}

/**
 * Runs a suite in a code-server of its own: with workspace trust enabled (trust is server-wide), or with the packaged
 * VSIX installed and a stand-in development extension, so that the suite meets the extension as users install it.
 */
async function runOwnServerSuite(browser: Browser, p: PreparedSuite, env: Record<string, string>, vsix: string): Promise<Outcome[]> {
  const { untrusted, packaged } = p.suite.setup;
  const dirs = prepareDirs(join(RUN, `code-server-${p.suite.name}`), { workspaceTrust: !!untrusted });
  if (packaged) installExtension(dirs, vsix);
  const resultsFile = join(RUN, `api-results-${p.suite.name}.json`);
  const server = await startCodeServer(dirs, { ...env, AKS_IAM_E2E_RESULTS: resultsFile });
  try {
    step(`code-server${untrusted ? ' with workspace trust' : ''}${packaged ? ' with the packaged VSIX installed' : ''} up at ${server.url}`);
    const developmentPath = packaged ? join(p.suite.dir, 'host-extension') : ROOT;
    return await runApiSuite(browser, server, p.index, p.workspace, resultsFile, `suite-${p.suite.name}`, developmentPath);
  } finally {
    await server.stop();
  }
}

/** Drops the folders of earlier runs whose process is gone (a run removes its own when it ends). */
function removeStaleRuns(): void {
  for (const name of existsSync(RUNS) ? readdirSync(RUNS) : []) {
    const pid = Number(name);
    let alive = false;
    try {
      alive = Number.isInteger(pid) && pid > 0 && (process.kill(pid, 0), true);
    } catch {
      alive = false;
    }
    if (!alive) rmSync(join(RUNS, name), { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  stopAllOnExit();
  ensureInstalled();
  step('tools ready');
  buildExtension();
  removeStaleRuns();
  rmSync(RUN, { recursive: true, force: true });
  // An earlier run's screenshots (a failure's above all) must not sit next to this run's results.
  freshResultsDir(RESULTS);
  const suite = await bundleSuite(join(RUN, 'suite'));
  const runMain = suiteMatches(join(ROOT, 'test', 'e2e', 'suite'), grep);
  const vsix = packageVsix(RUN);
  step(`built; ${basename(vsix.path)} is ${(vsix.bytes / 1024).toFixed(0)} KiB; suites: ${suite.suites.join(', ')}`);

  // Throwaway copies: tests may edit (unsaved) documents, and nothing may leak into the repository.
  const workspaces = { fixture: join(RUN, 'ws', 'workspace'), examples: join(RUN, 'ws', 'examples') };
  cpSync(join(ROOT, 'test', 'e2e', 'workspace'), workspaces.fixture, { recursive: true });
  cpSync(join(ROOT, 'examples'), workspaces.examples, { recursive: true });
  const apiSuites = uiOnly ? [] : await prepareApiSuites();

  const dirs = prepareDirs(join(RUN, 'code-server'));
  if (!apiOnly) installExtension(dirs, vsix.path);
  const resultsFile = join(RUN, 'api-results.json');
  let hooks: ActiveHooks | undefined;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const outcomes: Outcome[] = [];
  try {
    hooks = await runEnvHooks();
    if (hooks.names.length) step(`environment from ${hooks.names.join(', ')}: ${Object.keys(hooks.env).join(', ')}`);
    const serverEnv = { ...hooks.env, AKS_IAM_E2E_HOST: 'code-server', ...(grep ? { AKS_IAM_E2E_GREP: grep } : {}) };
    server = await startCodeServer(dirs, { ...serverEnv, AKS_IAM_E2E_RESULTS: resultsFile });
    step(`code-server up at ${server.url}`);
    browser = await launchChromium(join(RUN, 'chromium'));
    if (!uiOnly && runMain) outcomes.push(...await runApiSuite(browser, server, suite.index, workspaces.fixture, resultsFile));
    for (const p of apiSuites) {
      const label = `suite-${p.suite.name}`;
      const got = p.suite.setup.untrusted || p.suite.setup.packaged
        ? await runOwnServerSuite(browser, p, serverEnv, vsix.path)
        : await runApiSuite(browser, server, p.index, p.workspace, resultsFile, label);
      outcomes.push(...got.map((o) => ({ ...o, title: o.title.startsWith(label) ? o.title : `${label}: ${o.title}` })));
    }
    if (!apiOnly) {
      const uiStarted = Date.now();
      outcomes.push(...await runUiChecks(browser, server, dirs.userData, workspaces));
      step(`UI checks finished in ${secs(uiStarted)}`);
    }
  } catch (e) {
    outcomes.push({ title: 'harness', state: 'failed', error: (e as Error).stack ?? String(e) });
    if (server) console.error(`--- code-server log (tail) ---\n${tail(server.proc.log())}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await hooks?.dispose();
    step('stopped');
    if (!process.env.AKS_IAM_E2E_KEEP) rmSync(RUN, { recursive: true, force: true });
  }

  const failed = outcomes.filter((o) => o.state === 'failed');
  for (const f of failed) console.log(`\nnot ok - ${f.title}\n${(f.error ?? '').replace(/^/gm, '  ')}`);
  console.log(`# tests ${outcomes.length}\n# pass ${outcomes.length - failed.length}\n# fail ${failed.length}\n# duration_ms ${Date.now() - t0}`);
  return failed.length === 0 && outcomes.length > 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => {
  console.error(`e2e harness failed: ${(e as Error).stack ?? e}`);
  console.log('# tests 0\n# pass 0\n# fail 1');
  process.exit(1);
});
