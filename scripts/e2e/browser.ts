// Headless Debian Chromium driven by the playwright-core installed in the harness cache (not a
// project dependency, hence the structural types below instead of its own).
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CHROMIUM, TOOLS } from './paths';

export interface Browser {
  newContext(opts?: { viewport?: { width: number; height: number }; deviceScaleFactor?: number }): Promise<BrowserContext>;
  close(): Promise<void>;
}
export interface BrowserContext {
  newPage(): Promise<import('../../test/e2e/ui/types').Page>;
  close(): Promise<void>;
}

interface PlaywrightCore {
  chromium: { launch(opts: { executablePath: string; headless: boolean; args: string[]; timeout?: number; env?: NodeJS.ProcessEnv }): Promise<Browser> };
}

/** `home` keeps Chromium's profile and crash reports out of the user's home folder. */
export function launchChromium(home: string): Promise<Browser> {
  mkdirSync(home, { recursive: true });
  const require = createRequire(join(TOOLS, 'package.json'));
  const pw = require('playwright-core') as PlaywrightCore;
  return pw.chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60_000,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache') },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
