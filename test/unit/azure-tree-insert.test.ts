import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../src/core/text/edits';
import { clientIdEdit, serviceAccountAt, serviceAccountsIn } from '../../src/vscode/azure/insert-model';

const ID = '6f1c4e2a-9b7d-4c3e-8a15-2d9e7b0c4f61';
const TEXT = [
  '# orders',
  'apiVersion: v1',
  'kind: ServiceAccount',
  'metadata:',
  '  name: orders-api   # keep me',
  '  namespace: orders',
  '---',
  'apiVersion: v1',
  'kind: ServiceAccount',
  'metadata:',
  '  name: billing',
  '  annotations:',
  '    azure.workload.identity/client-id: "00000000-0000-0000-0000-000000000000"  # placeholder',
  '    team: "billing"',
  '',
].join('\n');

test('the ServiceAccount at the cursor gets metadata.annotations with the client-id; comments stay', () => {
  const sas = serviceAccountsIn('/ws/sa.yaml', TEXT, 'default');
  assert.deepEqual(sas.map((o) => o.name), ['orders-api', 'billing']);
  const sa = serviceAccountAt(sas, TEXT.indexOf('namespace: orders'));
  assert.equal(sa?.name, 'orders-api');
  const edit = clientIdEdit(TEXT, sa!, ID);
  assert.ok(edit);
  assert.equal(applyEdits(TEXT, [edit]), TEXT.replace('  namespace: orders\n', `  namespace: orders\n  annotations:\n    azure.workload.identity/client-id: "${ID}"\n`));
});

test('an existing client-id is replaced in place, keeping its comment and the other annotations', () => {
  const sas = serviceAccountsIn('/ws/sa.yaml', TEXT, 'default');
  const sa = serviceAccountAt(sas, TEXT.indexOf('team:'))!;
  assert.equal(sa.name, 'billing');
  const out = applyEdits(TEXT, [clientIdEdit(TEXT, sa, ID)!]);
  assert.equal(out, TEXT.replace('"00000000-0000-0000-0000-000000000000"', `"${ID}"`));
});

test('the same value again is no edit; with the cursor outside any ServiceAccount of several, the user picks', () => {
  const done = TEXT.replace('"00000000-0000-0000-0000-000000000000"', `"${ID}"`);
  const sas = serviceAccountsIn('/ws/sa.yaml', done, 'default');
  assert.equal(clientIdEdit(done, sas[1], ID), null);
  const withDeployment = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n---\n${TEXT}`;
  const all = serviceAccountsIn('/ws/sa.yaml', withDeployment, 'default');
  assert.equal(serviceAccountAt(all, 5), null);
  const one = serviceAccountsIn('/ws/one.yaml', `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n---\n${TEXT.split('---\n')[1]}`, 'default');
  assert.equal(serviceAccountAt(one, 5)?.name, 'billing');
});
