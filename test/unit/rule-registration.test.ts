import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { allRules } from '../../src/core/rules/registry';

const RULES = join(__dirname, '..', '..', 'src', 'core', 'rules');
const FIXTURES = join(__dirname, '..', 'fixtures', 'rules');

function ruleFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) ruleFiles(p, out);
    else if (name.endsWith('.ts') && /\bdefineRule\(\{/.test(readFileSync(p, 'utf8'))) out.push(p);
  }
  return out;
}

test('every rule file is registered (a forgotten step says what to do)', () => {
  const registered = new Set(allRules.map((r) => r.id));
  const missing: string[] = [];
  for (const file of ruleFiles(RULES)) {
    const text = readFileSync(file, 'utf8');
    // The engine's own rule takes its id from a constant it shares with the suppression code.
    const id = /\bid:\s*'([a-z0-9-]+)'/.exec(text)?.[1] ?? (/\bid:\s*SUPPRESSION_UNUSED\b/.test(text) ? 'suppression-unused' : undefined);
    const rel = relative(RULES, file);
    if (!id) missing.push(`${rel}: no literal id in its defineRule({ id: '…' })`);
    else if (!registered.has(id)) missing.push(`${rel} defines ${id}, which is not registered: import it in the index.ts beside it and add it to that file's rules list (see docs/adding-a-rule.md)`);
    else if (`${id}.ts` !== file.split(/[\\/]/).pop()) missing.push(`${rel} defines ${id}: name the file ${id}.ts (one rule per file, named by its id)`);
  }
  assert.deepEqual(missing, []);
});

test('every fixture folder belongs to a registered rule', () => {
  const registered = new Set(allRules.map((r) => r.id));
  const orphans = readdirSync(FIXTURES).filter((d) => !registered.has(d));
  assert.deepEqual(orphans.map((d) => `test/fixtures/rules/${d}/ has no registered rule of that id (renamed or retired rule? ids are stable contracts)`), []);
});
