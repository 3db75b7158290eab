// The diagnose fixture: ServiceAccounts and Deployments of namespace shop, and an identity snapshot whose federated
// credentials each differ from what a pod presents in one way (case, slash, namespace, audience, cluster, identity).
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../../scripts/e2e/paths';
import type { SuiteSetup } from '../../../scripts/e2e/suites';

const setup: SuiteSetup = {
  workspace(dir) {
    cpSync(join(ROOT, 'test', 'fixtures', 'diagnose', 'workspace'), dir, { recursive: true });
    // The error texts travel with the workspace: the bundled tests read them from there.
    cpSync(join(ROOT, 'test', 'fixtures', 'diagnose', 'errors'), join(dir, 'errors'), { recursive: true });
    mkdirSync(join(dir, '.vscode'), { recursive: true });
    writeFileSync(join(dir, '.vscode', 'settings.json'), `${JSON.stringify({ 'aksIam.identitySnapshot': 'identity-snapshot.json' }, null, 2)}\n`);
  },
};

export default setup;
