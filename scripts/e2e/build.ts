// Build steps shared by the e2e runner, the Electron runner and the demo: the extension bundle,
// the VSIX, and the extension-host suite bundled to plain JS (tsx is not available inside the host).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as esbuild from 'esbuild';
import { findFiles } from './hooks';
import { ROOT, vsceBin } from './paths';

function run(cmd: string, args: string[], what: string): void {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
}

export function buildExtension(): void {
  run(process.execPath, ['esbuild.mjs'], 'npm run build');
}

/** Packages the extension as users get it; returns the VSIX path and its size in bytes. */
export function packageVsix(outDir: string): { path: string; bytes: number } {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, `${pkg.name}-${pkg.version}.vsix`);
  rmSync(path, { force: true });
  // README image and content links point at the repository (vsce refuses relative ones without a repository field).
  run(process.execPath, [vsceBin(), 'package', '--no-dependencies', '--allow-missing-repository', '-o', path,
    '--baseContentUrl', 'https://github.com/aks-iam/aks-iam/blob/main', '--baseImagesUrl', 'https://github.com/aks-iam/aks-iam/raw/main'],
  'vsce package');
  return { path, bytes: statSync(path).size };
}

/** Bundles a suite folder's index.ts and every *.e2e.ts in it into `outDir`; returns the index.js path and the suites. */
export async function bundleApiSuite(suiteDir: string, outDir: string): Promise<{ index: string; suites: string[] }> {
  const suites = findFiles(suiteDir, '.e2e.ts');
  rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [join(suiteDir, 'index.ts'), ...suites],
    outdir: outDir,
    outbase: suiteDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    // vscode comes from the host; mocha resolves from the project's node_modules at run time.
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return { index: join(outDir, 'index.js'), suites: suites.map((s) => basename(s)) };
}

/** Bundles test/e2e/suite/ (see bundleApiSuite) with test/e2e/expected/; returns the index.js path. */
export async function bundleSuite(outDir: string): Promise<{ index: string; suites: string[] }> {
  const bundled = await bundleApiSuite(join(ROOT, 'test', 'e2e', 'suite'), outDir);
  // Expected texts travel with the bundle (suite/helpers.ts reads them next to itself), with what the
  // CLI reports for the fixture workspace: the editor must show exactly the engine's findings.
  cpSync(join(ROOT, 'test', 'e2e', 'expected'), join(outDir, 'expected'), { recursive: true });
  const cli = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'lint', '.', '--format', 'json', '--fail-on', 'none'], {
    cwd: join(ROOT, 'test', 'e2e', 'workspace'), encoding: 'utf8',
  });
  if (cli.status !== 0) throw new Error(`aks-iam lint of the fixture workspace failed (exit ${cli.status}):\n${cli.stdout}${cli.stderr}`);
  writeFileSync(join(outDir, 'expected', 'cli-findings.json'), cli.stdout);
  return bundled;
}
