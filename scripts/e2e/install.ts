// Idempotent installer for the real-VS-Code harness: Debian packages (only when missing, only as
// root) and code-server + playwright-core + vsce in the git-ignored cache. Nothing is fetched from
// anywhere but the npm registry and Debian.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  APT_PACKAGES, RIPGREP_CACHE_NAME, RIPGREP_TARBALL, TOOLS, TOOLS_MANIFEST, TOOLS_TMP, codeServerBin, vsceBin,
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

const MANIFEST_FILES = ['package.json', 'package-lock.json'];

/** Identifies the locked tool set: a change to the committed manifest or lockfile reinstalls. */
function manifestHash(): string {
  const h = createHash('sha256');
  for (const f of MANIFEST_FILES) h.update(readFileSync(join(TOOLS_MANIFEST, f)));
  return h.digest('hex');
}

function stampMatches(): boolean {
  if (!existsSync(STAMP) || !existsSync(codeServerBin()) || !existsSync(vsceBin())) return false;
  return readFileSync(STAMP, 'utf8').trim() === manifestHash();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `install` while holding a lock folder, so that two harness runs starting together in one
 * checkout never run `npm ci` into the same folder at once; the later one waits and re-checks.
 */
function withInstallLock(install: () => void): void {
  const lock = `${TOOLS}.lock`;
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      let owner = 0;
      try {
        owner = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        // the owner has not written its pid yet
      }
      if (owner && !alive(owner)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another install (pid ${owner}) holds ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    }
  }
  try {
    writeFileSync(join(lock, 'pid'), String(process.pid));
    if (!stampMatches()) install();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function ensureTools(): void {
  if (stampMatches()) return;
  withInstallLock(installTools);
}

function installTools(): void {
  const started = Date.now();
  const deps = (JSON.parse(readFileSync(join(TOOLS_MANIFEST, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies;
  console.log(`# installing ${Object.entries(deps).map(([n, v]) => `${n}@${v}`).join(', ')} into .vscode-test/tools (once)`);
  mkdirSync(TOOLS, { recursive: true });
  mkdirSync(TOOLS_TMP, { recursive: true });
  // code-server's @vscode/ripgrep postinstall downloads rg unless its cache already holds the tarball:
  // Debian's rg stands in for it.
  const rgCache = join(TOOLS_TMP, RIPGREP_CACHE_NAME);
  mkdirSync(rgCache, { recursive: true });
  const tarball = join(rgCache, RIPGREP_TARBALL);
  if (!existsSync(tarball)) run('tar', ['czf', tarball, '-C', '/usr/bin', 'rg']);
  for (const f of MANIFEST_FILES) copyFileSync(join(TOOLS_MANIFEST, f), join(TOOLS, f));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TMPDIR: TOOLS_TMP,
    npm_config_unsafe_perm: 'true', // code-server's postinstall refuses to run as root without it
    npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`, which would otherwise ask
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  // npm prints nothing while it works: say what is happening and how long it takes, and show life every 15 s.
  console.log('# npm ci in .vscode-test/tools: VS Code 1.100.3 as the code-server package (server and web workbench, with');
  console.log('# native modules built for this Node), the browser driver and vsce: about 450 MB, about a minute the first time');
  const heartbeat = spawn(process.execPath, ['-e', `const t=Date.now();setInterval(()=>console.log('#   still installing test tools… '+Math.round((Date.now()-t)/1000)+' s'),15000)`], { stdio: 'inherit' });
  try {
    run('npm', ['ci', '--loglevel=error'], env, TOOLS);
  } finally {
    heartbeat.kill();
  }
  if (!existsSync(codeServerBin())) throw new Error('code-server did not install: its entry point is missing');
  writeFileSync(STAMP, manifestHash() + '\n');
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
