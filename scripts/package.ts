// npm run package: the production bundle and the VSIX users install, with vsce from the test tools cache
// (installed once from the npm registry; it is not a dependency of the extension).
import { spawnSync } from 'node:child_process';
import { ensureTools } from './e2e/install';
import { packageVsix } from './e2e/build';
import { ROOT } from './e2e/paths';

const build = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
ensureTools();
const { path, bytes } = packageVsix(ROOT);
console.log(`${path} (${Math.round(bytes / 1024)} KiB)`);
