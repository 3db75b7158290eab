// A multi-root workspace of two folders whose aksIam settings disagree: severities, exclude, default namespace,
// file size limit; only the second names an identity snapshot, relative to itself.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from '../../../scripts/e2e/paths';
import type { SuiteSetup } from '../../../scripts/e2e/suites';
import { BINDING, DEPLOYMENT, FOLDER_SETTINGS, LARGE_DEPLOYMENT } from './shape';

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

const setup: SuiteSetup = {
  workspace(dir) {
    for (const [folder, settings] of Object.entries(FOLDER_SETTINGS)) {
      write(join(dir, folder, '.vscode', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
      write(join(dir, folder, 'rbac', 'admin.yaml'), BINDING);
      write(join(dir, folder, 'apps', 'catalog.yaml'), DEPLOYMENT);
      write(join(dir, folder, 'skip', 'catalog.yaml'), DEPLOYMENT);
      write(join(dir, folder, 'big', 'catalog.yaml'), LARGE_DEPLOYMENT);
    }
    cpSync(join(ROOT, 'examples', '.aks-iam'), join(dir, 'team-b', '.aks-iam'), { recursive: true });
    write(join(dir, 'teams.code-workspace'), `${JSON.stringify({ folders: [{ path: 'team-a' }, { path: 'team-b' }], settings: {} }, null, 2)}\n`);
  },
  workspaceFile: 'teams.code-workspace',
};

export default setup;
