import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const ROOT = join(__dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

/** The messages of the import rule for a line of code placed at `file` (nothing is written to disk). */
async function importErrors(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(`${code}\nexport {};\n`, { filePath: join(ROOT, file) });
  return r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

test('the engine imports no vscode, no network module, no Azure SDK and nothing of src/azure', async () => {
  assert.match((await importErrors('src/core/model/x.ts', "import * as vscode from 'vscode';"))[0], /Only src\/vscode may import vscode/);
  assert.match((await importErrors('src/core/index/x.ts', "import * as https from 'node:https';"))[0], /no network/);
  assert.match((await importErrors('src/core/identity/x.ts', "import { ManagedServiceIdentityClient } from '@azure/arm-msi';"))[0], /Azure SDK/);
  assert.match((await importErrors('src/core/identity/x.ts', "import { AzureLoader } from '../../azure/loader';"))[0], /Azure SDK or src\/azure/);
  assert.deepEqual(await importErrors('src/core/knowledge/x.ts', "import { x } from './azure-data';"), [], 'a sibling file named azure-… is not src/azure');
  assert.deepEqual(await importErrors('src/azure/x.ts', "import * as https from 'node:https';"), []);
});

test('rules import no hover code; adapters import no rule internals', async () => {
  assert.match((await importErrors('src/core/rules/rbac/x.ts', "import { editDistance } from '../../explain/distance';"))[0], /Rules do not import hover code/);
  assert.deepEqual(await importErrors('src/core/rules/rbac/x.ts', "import { levenshteinWithin } from '../../text/edit-distance';"), []);
  assert.match((await importErrors('src/vscode/azure/x.ts', "import { WI } from '../../core/rules/helpers';"))[0], /never a rule's internals/);
  assert.match((await importErrors('src/cli/commands/x.ts', "import rule from '../../core/rules/wi/wi-client-id-format';"))[0], /never a rule's internals/);
  assert.deepEqual(await importErrors('src/cli/commands/x.ts', "import { ruleById } from '../../core/rules/registry';"), []);
  assert.deepEqual(await importErrors('src/vscode/x.ts', "import * as vscode from 'vscode';"), []);
});

test('the project passes its own boundaries today', async () => {
  const results = await eslint.lintFiles(['src']);
  const broken = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${r.filePath.slice(ROOT.length + 1)}:${m.line} ${m.message}`));
  assert.deepEqual(broken, []);
});
