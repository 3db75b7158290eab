// The fixture workspace, opened in a code-server with workspace trust enabled and nothing trusted (Restricted Mode).
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../../scripts/e2e/paths';
import type { SuiteSetup } from '../../../scripts/e2e/suites';

const setup: SuiteSetup = {
  workspace(dir) {
    cpSync(join(ROOT, 'test', 'e2e', 'workspace'), dir, { recursive: true });
  },
  untrusted: true,
};

export default setup;
