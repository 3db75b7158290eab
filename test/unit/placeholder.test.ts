import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PLACEHOLDER_HINT, isCapsIdentifier, isPlaceholder } from '../../src/core/yaml/placeholder';
import { parseYaml } from '../../src/core/yaml/parse';
import { getPath, knownStr } from '../../src/core/yaml/node';

const PLACEHOLDERS = [
  '{{ .Values.clientId }}', 'pre-{% if x %}a{% endif %}', '${USER_ASSIGNED_CLIENT_ID}', '${NS:-default}', '$NAMESPACE', '$(POD_NS)',
  '<client-id>', 'YOUR_CLIENT_ID', 'KSA_NAME', 'PATCHED_BY_OVERLAY', 'CLIENT_ID', 'sa@PROJECT_ID.iam.gserviceaccount.com',
  'arn:aws:iam::ACCOUNT_ID:role/x', 'REPLACEME', 'CHANGE_ME', 'PLACEHOLDER', 'TODO', 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
  'XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX', '7d3e91ac-xxxx-xxxx-xxxx-0b12c4f5e6d7', '00000000-0000-0000-0000-000000000000', 'app-ENV_NAME',
  'arn:aws:iam::xxxxxxxxxxxx:role/alb-controller', 'projects/XXXXXXXXXX/secrets/db',
  'client-id', 'your-client-id', 'my_tenant_id', 'clientId', 'user-assigned-client-id', 'applicationId',
];
const REAL = [
  'orders', 'arn:aws:iam::210987654321:role/ledger-writer', '5f1c2d3e-7a8b-4c9d-8e0f-1a2b3c4d5e6f', 'ledger@shop-prod.iam.gserviceaccount.com',
  'MC_rg_aks_westeurope', 'snake_case_name', 'TCP', 'ClusterRole', 'cost $5', '1 < 2', '{ {x} }', 'true', '10000', 'Todo list', 'box-xxl', 'xxx-large', 'maxxxxxxxxed', 'client-id-rotation', 'paid', 'orders-client', 'valid',
  '/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/rg', 'system:serviceaccount:shop:orders',
];

test('the recogniser: every documented form is a placeholder, real values are not', () => {
  for (const p of PLACEHOLDERS) assert.equal(isPlaceholder(p), true, p);
  for (const r of REAL) assert.equal(isPlaceholder(r), false, r);
});

test('the cheap pre-test never rejects a placeholder', () => {
  for (const p of PLACEHOLDERS) assert.equal(PLACEHOLDER_HINT.test(p), true, p);
});

test('an ALL_CAPS identifier is not a placeholder where such values are names by nature; map keys only by syntax', () => {
  assert.equal(isCapsIdentifier('NET_BIND_SERVICE'), true);
  assert.equal(isCapsIdentifier('sa@PROJECT_ID.iam'), false);
  assert.equal(isPlaceholder('AZURE_CLIENT_ID', { capsIdentifierAllowed: true }), false);
  assert.equal(isPlaceholder('${AZURE_CLIENT_ID}', { capsIdentifierAllowed: true }), true);
  assert.equal(isPlaceholder('AZURE_CLIENT_ID', { syntacticOnly: true }), false);
});

test('the parser: ALL_CAPS values are unknown, but not environment variable names, Secret keys, prefixes or capabilities', () => {
  const text = [
    'metadata: {name: PATCHED_BY_OVERLAY}',
    'env:',
    '- name: AZURE_CLIENT_ID',
    '  value: CLIENT_ID',
    '- name: API_KEY',
    '  valueFrom: {secretKeyRef: {name: keys, key: API_KEY_V2}}',
    '- name: DEBUG_MODE',
    'envFrom: [{prefix: APP_, configMapRef: {name: c}}]',
    'capabilities: {add: [NET_ADMIN, {x: y}, SYS_TIME], drop: [ALL]}',
    'data: {LOG_LEVEL: info}',
    '',
  ].join('\n');
  const root = parseYaml(text).docs[0].root;
  const at = (...path: (string | number)[]) => getPath(root, path);
  assert.equal(at('metadata', 'name')!.unknown, true);
  assert.equal(knownStr(at('env', 0, 'name')), 'AZURE_CLIENT_ID');
  assert.equal(at('env', 0, 'value')!.unknown, true);
  assert.equal(knownStr(at('env', 1, 'name')), 'API_KEY');
  assert.equal(knownStr(at('env', 1, 'valueFrom', 'secretKeyRef', 'key')), 'API_KEY_V2');
  assert.equal(knownStr(at('env', 2, 'name')), 'DEBUG_MODE', 'an env item without a value is still a variable');
  assert.equal(knownStr(at('envFrom', 0, 'prefix')), 'APP_');
  assert.equal(knownStr(at('capabilities', 'add', 0)), 'NET_ADMIN');
  assert.equal(knownStr(at('capabilities', 'add', 2)), 'SYS_TIME', 'a map item does not change how the next items are read');
  assert.equal(knownStr(at('data', 'LOG_LEVEL')), 'info', 'ALL_CAPS keys stay keys');
});

test('the parser: a scalar that a parse error touches is unknown; `{%` makes a file a template', () => {
  const broken = parseYaml('a:\n  b: "open\n  c: 5f1c2d3e-7a8b-4c9d-8e0f-1a2b3c4d5e6f\n');
  assert.ok(broken.errors.length > 0);
  assert.equal(getPath(broken.docs[0].root, ['a', 'b'])!.unknown, true);
  const clean = parseYaml('a:\n  b: "closed"\n');
  assert.equal(getPath(clean.docs[0].root, ['a', 'b'])!.unknown, false);
  const jinja = parseYaml('{% raw %}\nkind: ServiceAccount\nmetadata:\n  name: {% if p %}a{% endif %}\n{% endraw %}\n');
  assert.equal(jinja.isTemplate, true);
  assert.deepEqual(jinja.errors, []);
  assert.equal(knownStr(getPath(jinja.docs[0].root, ['kind'])), 'ServiceAccount');
  assert.equal(getPath(jinja.docs[0].root, ['metadata', 'name'])!.unknown, true);
});

test('the parser: a pair whose key line holds a parse error (indented out of line) has an unknown value', () => {
  const p = parseYaml('rules:\n  - resources: ["jobs"]\n     verbs: ["create"]\n');
  assert.ok(p.errors.length > 0);
  assert.equal(getPath(p.docs[0].root, ['rules', 0, 'verbs'])!.unknown, true);
  assert.equal(getPath(p.docs[0].root, ['rules', 0, 'resources'])!.unknown, false);
});
