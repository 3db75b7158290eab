import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshResultsDir } from '../../scripts/e2e/results';
import { RESULTS } from '../../scripts/e2e/paths';
import { tempWorkspace } from '../support/temp-workspace';

test('an e2e run starts with an empty results folder: no earlier failure screenshot next to a green run', () => {
  const root = tempWorkspace({ 'e2e/failure-hover.png': 'old', 'e2e/problems-panel.png': 'old', 'fuzz/report.json': '{}', 'demo.png': 'demo' });
  freshResultsDir(join(root, 'e2e'));
  assert.ok(existsSync(join(root, 'e2e')));
  assert.ok(!existsSync(join(root, 'e2e', 'failure-hover.png')) && !existsSync(join(root, 'e2e', 'problems-panel.png')));
  assert.ok(existsSync(join(root, 'fuzz', 'report.json')) && existsSync(join(root, 'demo.png')), 'only the e2e folder is emptied');
});

test('the harness empties its own results folder before it runs anything, and only that one', () => {
  assert.equal(RESULTS.split(/[\\/]/).slice(-2).join('/'), 'test-results/e2e');
  const run = readFileSync('scripts/e2e/run.ts', 'utf8');
  const main = run.slice(run.indexOf('async function main()'));
  assert.ok(main.includes('freshResultsDir(RESULTS)'), 'main() empties RESULTS');
  assert.ok(main.indexOf('freshResultsDir(RESULTS)') < main.indexOf('startCodeServer('), 'before code-server starts');
});
