import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

// The view's package.json contributions and the code that registers them must name the same things.
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const c = pkg.contributes;
const source = readFileSync('src/vscode/azure/commands.ts', 'utf8');
const registered = new Set([...source.matchAll(/reg\('(aksIam\.azure\.[A-Za-z]+)'/g)].map((m) => m[1]));
const contributed = new Set<string>(c.commands.map((x: { command: string }) => x.command).filter((id: string) => id.startsWith('aksIam.azure.')));

const TEST_ACCESSORS = ['aksIam.azure.testDescribeTree', 'aksIam.azure.testTreeTexts', 'aksIam.azure.testStoredState', 'aksIam.azure.testTreeRedraws'];

test('every registered aksIam.azure command is contributed, and the other way round (the test accessors excepted)', () => {
  assert.ok(registered.size >= 19);
  for (const id of TEST_ACCESSORS) assert.ok(registered.has(id) && !contributed.has(id), `${id} is registered and not contributed`);
  assert.deepEqual([...contributed].sort(), [...registered].filter((id) => !TEST_ACCESSORS.includes(id)).sort());
});

test('menus, welcome links and tree-node commands name contributed commands', () => {
  const inMenus = Object.values(c.menus as Record<string, { command: string }[]>).flat().map((m) => m.command).filter((id) => id.startsWith('aksIam.azure.'));
  for (const id of inMenus) assert.ok(contributed.has(id), `menu names ${id}`);
  const welcome = c.viewsWelcome.find((w: { view: string }) => w.view === 'aksIam.identities');
  for (const [, id] of welcome.contents.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(contributed.has(id), `welcome links ${id}`);
  const model = ['tree-model', 'tree-base', 'tree-cluster', 'tree-identity', 'error-model', 'controller'].map((f) => readFileSync(`src/vscode/azure/${f}.ts`, 'utf8')).join('\n');
  for (const [, id] of model.matchAll(/command: '(aksIam\.azure\.[A-Za-z]+)'/g)) assert.ok(contributed.has(id), `a node runs ${id}`);
});

test('the view container, its icon, the view and the settings the code reads exist', () => {
  const container = c.viewsContainers.activitybar.find((v: { id: string }) => v.id === 'aksIam');
  assert.deepEqual(container, { id: 'aksIam', title: 'AKS IAM', icon: 'media/aks-iam.svg' });
  assert.ok(existsSync(container.icon));
  // The identities view comes first in the container (other views of the extension may follow it).
  assert.equal(c.views.aksIam[0]?.id, 'aksIam.identities');
  const props = c.configuration.properties;
  const read = ['controller', 'snapshot-files'].map((f) => readFileSync(`src/vscode/azure/${f}.ts`, 'utf8')).join('\n');
  const keys = [...read.matchAll(/get(?:<[^>]+>)?\('((?:azure\.)?[A-Za-z.]+)'/g)].map((m) => `aksIam.${m[1]}`);
  assert.deepEqual([...new Set(keys)].sort(), ['aksIam.azure.preload', 'aksIam.identitySnapshot']);
  for (const key of keys) assert.ok(props[key], `setting ${key} is read but not contributed`);
  // The cloud and the subscription filter are the settings the Azure extensions share, not settings of our own.
  assert.deepEqual(Object.keys(props).filter((k) => /^aksIam\.azure\.(cloud|tenant|subscriptions)$/.test(k)), []);
  assert.deepEqual(props['azureResourceGroups.selectedSubscriptions'].items, { type: 'string' });
  assert.match(readFileSync('src/vscode/azure/subscription-filter.ts', 'utf8'), /section: 'azureResourceGroups', key: 'selectedSubscriptions'/);
});
