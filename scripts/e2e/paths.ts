// Where the real-VS-Code harness keeps its cache and what it installs there. Everything lives under
// the git-ignored `.vscode-test/` so the project's own dependencies stay untouched.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE = join(ROOT, '.vscode-test');
/** npm project holding code-server, playwright-core and vsce; its own package.json, not the project's. */
export const TOOLS = join(CACHE, 'tools');
export const TOOLS_TMP = join(CACHE, 'tmp');
/**
 * Per-run state (user data, extensions, copied workspaces, bundled suite), one folder per harness
 * process so that two runs in the same checkout never share a code-server profile or workspace.
 */
export const RUNS = join(CACHE, 'runs');
export const RUN = join(RUNS, String(process.pid));
/** Screenshots of one e2e run (UI checks, failures); emptied when a run starts, so none is left from an earlier run. */
export const RESULTS = join(ROOT, 'test-results', 'e2e');
/** `npm run demo --screenshot` saves demo.png here. */
export const DEMO_RESULTS = join(ROOT, 'test-results');

/**
 * The tools' package.json and lockfile (code-server 4.100.3 ships VS Code 1.100.3 and runs on Node 20,
 * so package.json engines.vscode must stay <= 1.100). Installed with `npm ci` into TOOLS.
 */
export const TOOLS_MANIFEST = join(ROOT, 'scripts', 'e2e', 'tools');
/** code-server 4.100.3's @vscode/ripgrep postinstall looks here before downloading rg from the internet. */
export const RIPGREP_CACHE_NAME = 'vscode-ripgrep-cache-1.15.11';
export const RIPGREP_TARBALL = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
export const APT_PACKAGES: Record<string, string> = { chromium: '/usr/bin/chromium', ripgrep: '/usr/bin/rg', 'libkrb5-dev': '/usr/include/gssapi/gssapi.h' };
export const CHROMIUM = '/usr/bin/chromium';

export const codeServerBin = (): string => join(TOOLS, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const vsceBin = (): string => join(TOOLS, 'node_modules', '@vscode', 'vsce', 'vsce');
