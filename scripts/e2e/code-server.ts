// Starts the VS Code inside the cached code-server package on a free loopback port, with its own
// config, user data, extensions and XDG folders, so it never reads or writes the user's home.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeServerBin } from './paths';
import { freePort, start, stop, tail, waitFor, type Started } from './proc';

export interface CodeServerDirs {
  /** Root of this instance's private state. */
  base: string;
  userData: string;
  extensions: string;
  /** Workspace trust on (folders start untrusted, Restricted Mode) instead of disabled. */
  workspaceTrust: boolean;
}

/** User settings that keep the workbench quiet and deterministic: no welcome page, no update/gallery chatter. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.colorTheme': 'Default Light Modern',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'editor.hover.delay': 150,
  // Sticky headers would cover the lines the UI checks point at after scrolling.
  'editor.stickyScroll.enabled': false,
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'files.autoSave': 'off',
};

/**
 * With `workspaceTrust`, trust is enabled and nothing is trusted yet (it lives in the browser's storage, new with
 * each page context); the startup dialog is off so that the extension host runs in Restricted Mode unattended.
 */
const TRUST_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.emptyWindow': false,
};

export function prepareDirs(base: string, options: { workspaceTrust?: boolean } = {}): CodeServerDirs {
  const workspaceTrust = options.workspaceTrust ?? false;
  const dirs = { base, userData: join(base, 'user-data'), extensions: join(base, 'extensions'), workspaceTrust };
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  mkdirSync(dirs.extensions, { recursive: true });
  for (const d of ['xdg-data', 'xdg-config', 'xdg-cache', 'tmp']) mkdirSync(join(base, d), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...(workspaceTrust ? TRUST_SETTINGS : {}) }, null, 2) + '\n');
  return dirs;
}

function baseEnv(dirs: CodeServerDirs, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    XDG_DATA_HOME: join(dirs.base, 'xdg-data'),
    XDG_CONFIG_HOME: join(dirs.base, 'xdg-config'),
    XDG_CACHE_HOME: join(dirs.base, 'xdg-cache'),
    TMPDIR: join(dirs.base, 'tmp'),
    ...extra,
  };
}

function commonArgs(dirs: CodeServerDirs, config: string): string[] {
  return ['--config', config, '--auth', 'none', '--disable-telemetry', '--disable-update-check', ...(dirs.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

function writeConfig(dirs: CodeServerDirs, port: number): string {
  const config = join(dirs.base, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  return config;
}

export function installExtension(dirs: CodeServerDirs, vsix: string): void {
  const config = writeConfig(dirs, 0);
  const r = spawnSync(process.execPath, [codeServerBin(), ...commonArgs(dirs, config), '--install-extension', vsix, '--force'], {
    env: baseEnv(dirs, {}), encoding: 'utf8',
  });
  if (r.status !== 0 || !/was successfully installed/.test(r.stdout + r.stderr)) {
    throw new Error(`code-server --install-extension failed (exit ${r.status}):\n${tail(r.stdout + r.stderr)}`);
  }
}

export interface CodeServer {
  url: string;
  port: number;
  proc: Started;
  stop(): Promise<void>;
}

export async function startCodeServer(dirs: CodeServerDirs, env: Record<string, string> = {}, port?: number): Promise<CodeServer> {
  const p = port ?? (await freePort());
  const config = writeConfig(dirs, p);
  const proc = start(process.execPath, [codeServerBin(), ...commonArgs(dirs, config), '--bind-addr', `127.0.0.1:${p}`], {
    env: baseEnv(dirs, env),
    cwd: dirs.base,
  });
  const url = `http://127.0.0.1:${p}`;
  try {
    await waitFor('code-server /healthz', async () => {
      if (proc.child.exitCode !== null) throw new Error('exited');
      const res = await fetch(`${url}/healthz`);
      return res.ok ? true : undefined;
    }, 60_000, 250);
  } catch (e) {
    const why = proc.child.exitCode !== null ? `code-server exited with ${proc.child.exitCode}` : (e as Error).message;
    await stop(proc);
    throw new Error(`code-server did not come up: ${why}\n--- code-server log (tail) ---\n${tail(proc.log())}`);
  }
  return { url, port: p, proc, stop: () => stop(proc) };
}
