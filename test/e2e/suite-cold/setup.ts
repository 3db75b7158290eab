// A workspace with an identity snapshot and no manifest yet: the snapshot loads while the workspace index is empty,
// which is how the first window of the examples workspace started when its snapshot loaded before the scan read a file.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../../scripts/e2e/paths';
import type { SuiteSetup } from '../../../scripts/e2e/suites';

const setup: SuiteSetup = {
  workspace(dir) {
    cpSync(join(ROOT, 'examples', '.aks-iam'), join(dir, '.aks-iam'), { recursive: true });
    mkdirSync(join(dir, '.vscode'), { recursive: true });
    writeFileSync(join(dir, '.vscode', 'settings.json'), `${JSON.stringify({ 'aksIam.identitySnapshot': '.aks-iam' }, null, 2)}\n`);
  },
};

export default setup;
