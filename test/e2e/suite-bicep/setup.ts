// A workspace of Bicep alone (no YAML, no Terraform): the extension must start by itself for it.
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../../scripts/e2e/paths';
import type { SuiteSetup } from '../../../scripts/e2e/suites';

const setup: SuiteSetup = {
  workspace(dir) {
    mkdirSync(join(dir, 'infra'));
    for (const f of ['main.bicep', 'main.bicepparam']) cpSync(join(ROOT, 'test', 'fixtures', 'iac', 'repo', 'bicep', f), join(dir, 'infra', f));
  },
};

export default setup;
