// The fixture workspace, with the extension as users get it: the packaged VSIX installed, not this folder in
// development (see SuiteSetup.packaged).
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../../scripts/e2e/paths';
import type { SuiteSetup } from '../../../scripts/e2e/suites';

const setup: SuiteSetup = {
  workspace(dir) {
    cpSync(join(ROOT, 'test', 'e2e', 'workspace'), dir, { recursive: true });
  },
  packaged: true,
};

export default setup;
