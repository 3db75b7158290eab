import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { assertBuilt } from './built';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const REPO = join(ROOT, 'test', 'fixtures', 'iac', 'bicep-modules');

before(assertBuilt);

test('a mismatch inside a Bicep module is found at its line in the module file, named by the call that made it', () => {
  const r = spawnSync(process.execPath, [CLI, 'lint', '--no-config', '.'], { cwd: REPO, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 1);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    'modules/workload-identity.bicep:19:14 error iac-fic-subject-not-found Federated credential subject names no ServiceAccount of the workspace: main.bicep#cart:modules/workload-identity.bicep#credential has subject system:serviceaccount:shop:carts; the closest is ServiceAccount cart in namespace shop. Change it to system:serviceaccount:shop:cart.',
    'modules/workload-identity.bicep:20:18 error iac-fic-audience Federated credential audience is not the token-exchange audience: main.bicep#teams[0]:modules/workload-identity.bicep#credential has "api://AzureADTokenExchange/", and Entra accepts only the exact "api://AzureADTokenExchange". Write "api://AzureADTokenExchange".',
    'modules/workload-identity.bicep:20:18 error iac-fic-audience Federated credential audience is not the token-exchange audience: main.bicep#teams[1]:modules/workload-identity.bicep#credential has "api://AzureADTokenExchange/", and Entra accepts only the exact "api://AzureADTokenExchange". Write "api://AzureADTokenExchange".',
    'service-accounts.yaml:10:9 error iac-fic-subject-not-found No federated credential names this ServiceAccount: main.bicep#cart:modules/workload-identity.bicep#credential has subject system:serviceaccount:shop:carts, which is close to this name. Change the credential\'s subject to system:serviceaccount:shop:cart.',
    '',
    '4 problems (4 errors, 0 warnings, 0 infos) in 3 files.',
  ]);
});
