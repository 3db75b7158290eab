// The walkthrough: each step ticks on an event of the user's own doing, and its pages fit the media pane.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const steps = pkg.contributes.walkthroughs[0].steps as { id: string; completionEvents?: string[] }[];

test('steps complete by events: findings on screen, a fix applied, signed in or a snapshot loaded, the CI page read', () => {
  assert.deepEqual(steps.map((s) => [s.id, s.completionEvents]), [
    ['lint', ['onContext:aksIam.walkthrough.findingsShown']],
    ['fix', ['onContext:aksIam.walkthrough.fixApplied']],
    ['azure', ['onContext:aksIam.azure.signedIn', 'onContext:aksIam.azure.snapshotLoaded']],
    ['ci', ['onStepSelected']],
  ]);
});

test('every context key a step waits for is set by the extension', () => {
  const src = (dir: string): string => readdirSync(dir, { withFileTypes: true })
    .map((e) => (e.isDirectory() ? src(join(dir, e.name)) : e.name.endsWith('.ts') ? readFileSync(join(dir, e.name), 'utf8') : '')).join('\n');
  const code = src(join(root, 'src', 'vscode'));
  for (const s of steps) {
    for (const e of s.completionEvents ?? []) {
      if (!e.startsWith('onContext:')) continue;
      const key = e.slice('onContext:'.length);
      assert.ok(code.includes(`'${key}'`), `${s.id}: nothing sets ${key}`);
    }
  }
});

test('code blocks of the walkthrough pages fit the media pane without scrolling (60 columns)', () => {
  const dir = join(root, 'media', 'walkthrough');
  for (const f of readdirSync(dir)) {
    const blocks = readFileSync(join(dir, f), 'utf8').match(/```[a-z]*\n[\s\S]*?```/g) ?? [];
    assert.ok(f === 'azure.md' || blocks.length > 0, `${f} has no code block`);
    for (const line of blocks.flatMap((b) => b.split('\n'))) assert.ok([...line].length <= 60, `${f}: ${line.length} columns: ${line}`);
  }
});
