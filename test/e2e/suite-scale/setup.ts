// Writes 50,000 small manifests and a workspace setting that limits the scan to 5,000 of them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SuiteSetup } from '../../../scripts/e2e/suites';
import { FILES, FOLDERS, LIMIT, fileText, filePath } from './workspace-shape';

const setup: SuiteSetup = {
  workspace(dir) {
    for (let f = 0; f < FOLDERS; f++) mkdirSync(join(dir, `team-${String(f).padStart(3, '0')}`), { recursive: true });
    for (let i = 0; i < FILES; i++) writeFileSync(join(dir, filePath(i)), fileText(i));
    mkdirSync(join(dir, '.vscode'), { recursive: true });
    writeFileSync(join(dir, '.vscode', 'settings.json'), `${JSON.stringify({ 'aksIam.maxWorkspaceFiles': LIMIT }, null, 2)}\n`);
  },
};

export default setup;
