import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const c = pkg.contributes;

function sources(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (e.name.endsWith('.ts')) out.push(readFileSync(p, 'utf8'));
  }
  return out;
}
const code = sources(join(root, 'src', 'vscode')).join('\n');

test('every contributed command is registered by the extension, and every registered command is contributed', () => {
  const contributed = new Set<string>(c.commands.map((x: { command: string }) => x.command));
  const registered = new Set([...code.matchAll(/registerCommand\(\s*['"]([\w.]+)['"]/g)].map((m) => m[1]));
  for (const id of contributed) assert.ok(registered.has(id) || code.includes(`'${id}'`), `${id} is contributed but never registered`);
  for (const id of registered) assert.ok(contributed.has(id), `${id} is registered but not contributed`);
});

test('menus and walkthroughs only name commands that exist', () => {
  const contributed = new Set<string>(c.commands.map((x: { command: string }) => x.command));
  for (const [menu, items] of Object.entries(c.menus ?? {})) {
    for (const item of items as { command?: string }[]) if (item.command) assert.ok(contributed.has(item.command), `${menu}: ${item.command}`);
  }
  for (const w of c.walkthroughs) {
    for (const s of w.steps) {
      for (const m of (s.description as string).matchAll(/\(command:([\w.]+)/g)) {
        const id = m[1];
        assert.ok(contributed.has(id) || id.startsWith('workbench.') || id.endsWith('.focus'), `${s.id}: ${id}`);
      }
      if (s.media.markdown) assert.ok(existsSync(join(root, s.media.markdown)), s.media.markdown);
    }
  }
});

test('every aksIam setting the extension reads is declared, and every declared one is read', () => {
  const declared = Object.keys(c.configuration.properties);
  const read = new Set([...code.matchAll(/\.get<[^>]*>\(\s*'([\w.]+)'/g)].map((m) => `aksIam.${m[1]}`));
  for (const key of read) assert.ok(declared.includes(key), `${key} is read but not declared`);
  for (const key of declared) assert.ok(code.includes(`'${key.slice('aksIam.'.length)}'`) || code.includes(`'${key}'`), `${key} is declared but never read`);
});

test('contributed files exist and activation covers YAML', () => {
  for (const s of c.snippets) assert.ok(existsSync(join(root, s.path)), s.path);
  for (const g of c.grammars) assert.ok(existsSync(join(root, g.path)), g.path);
  assert.ok(pkg.activationEvents.includes('onLanguage:yaml'));
  assert.equal(pkg.main, './dist/extension.js');
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
});
