import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * The CLI tests run the bundle as users do. test/run-unit.mjs builds it once before any test file starts:
 * each file building it for itself raced with other files running it (a half-written bundle prints nothing).
 */
export function assertBuilt(): void {
  for (const f of ['dist/cli.js', 'dist/extension.js']) {
    if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run these tests through \`npm run test:unit\`, which builds it first`);
  }
}
