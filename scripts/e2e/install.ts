// Idempotent installer for the real-VS-Code harness: Debian packages (only when missing, only as
// root) and code-server + playwright-core + vsce in the git-ignored cache. Nothing is fetched from
// anywhere but the npm registry and Debian.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  APT_PACKAGES, RIPGREP_CACHE_NAME, RIPGREP_TARBALL, TOOL_VERSIONS, TOOLS, TOOLS_TMP, codeServerBin, vsceBin,
} from './paths';

const STAMP = join(TOOLS, '.installed.json');

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env, cwd?: string): void {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env, cwd });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

export function ensureAptPackages(): void {
  const missing = Object.entries(APT_PACKAGES).filter(([, probe]) => !existsSync(probe)).map(([name]) => name);
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(`Missing Debian packages: ${missing.join(' ')}. Install them once as root:\n  sudo apt-get install -y ${missing.join(' ')}`);
  }
  console.log(`# installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], env);
  run('apt-get', ['install', '-y', '-qq', ...missing], env);
}

function stampMatches(): boolean {
  if (!existsSync(STAMP) || !existsSync(codeServerBin()) || !existsSync(vsceBin())) return false;
  try {
    return JSON.stringify(JSON.parse(readFileSync(STAMP, 'utf8'))) === JSON.stringify(TOOL_VERSIONS);
  } catch {
    return false;
  }
}

export function ensureTools(): void {
  if (stampMatches()) return;
  const started = Date.now();
  console.log(`# installing ${Object.entries(TOOL_VERSIONS).map(([n, v]) => `${n}@${v}`).join(', ')} into .vscode-test/tools`);
  mkdirSync(TOOLS, { recursive: true });
  mkdirSync(TOOLS_TMP, { recursive: true });
  // code-server's @vscode/ripgrep postinstall downloads rg unless its cache already holds the tarball:
  // Debian's rg stands in for it.
  const rgCache = join(TOOLS_TMP, RIPGREP_CACHE_NAME);
  mkdirSync(rgCache, { recursive: true });
  const tarball = join(rgCache, RIPGREP_TARBALL);
  if (!existsSync(tarball)) run('tar', ['czf', tarball, '-C', '/usr/bin', 'rg']);
  writeFileSync(join(TOOLS, 'package.json'), JSON.stringify({
    name: 'aks-iam-e2e-tools', private: true, description: 'Cache of the real-VS-Code test harness (not a project dependency).',
    dependencies: TOOL_VERSIONS,
  }, null, 2) + '\n');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TMPDIR: TOOLS_TMP,
    npm_config_unsafe_perm: 'true', // code-server's postinstall refuses to run as root without it
    npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`, which would otherwise ask
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  run('npm', ['install', '--no-package-lock', '--loglevel=error'], env, TOOLS);
  if (!existsSync(codeServerBin())) throw new Error('code-server did not install: its entry point is missing');
  writeFileSync(STAMP, JSON.stringify(TOOL_VERSIONS) + '\n');
  console.log(`# tools installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export function ensureInstalled(): void {
  ensureAptPackages();
  ensureTools();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    ensureInstalled();
  } catch (e) {
    console.error(`install failed: ${(e as Error).message}`);
    process.exit(1);
  }
}
