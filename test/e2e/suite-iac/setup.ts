// A repository with Terraform, Bicep, an ARM template and manifests (test/fixtures/iac/repo): every mismatch is found without any Azure sign-in.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../../scripts/e2e/paths';
import type { SuiteSetup } from '../../../scripts/e2e/suites';

const setup: SuiteSetup = {
  workspace(dir) {
    cpSync(join(ROOT, 'test', 'fixtures', 'iac', 'repo'), dir, { recursive: true });
  },
};

export default setup;
