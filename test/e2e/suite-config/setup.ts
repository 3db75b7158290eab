// Fills the workspace with a repository of nested .aks-iam.yaml files (see shape.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SuiteSetup } from '../../../scripts/e2e/suites';
import { FILES } from './shape';

const setup: SuiteSetup = {
  workspace(dir) {
    // A repository root: the configuration lookup stops here, as it does in a clone.
    mkdirSync(join(dir, '.git'), { recursive: true });
    for (const [rel, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
  },
};

export default setup;
