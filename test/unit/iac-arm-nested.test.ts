import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJson } from '../../src/core/iac/arm/json';
import { armReader } from '../../src/core/iac/arm/reader';
import { loadBicepParser, type BicepParse } from '../../src/core/iac/bicep/parser';
import { bicepReader } from '../../src/core/iac/bicep/reader';
import type { IacValue } from '../../src/core/iac/types';
import { get, getPath } from '../../src/core/yaml/node';

const ROOT = join(__dirname, '..', '..');
const NESTED = readFileSync(join(ROOT, 'test', 'fixtures', 'iac', 'arm-nested', 'azuredeploy.json'), 'utf8');
const SCHEMA = '"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"';
let parse: BicepParse;

before(async () => {
  parse = await loadBicepParser({
    runtime: readFileSync(join(ROOT, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.wasm')),
    grammar: readFileSync(join(ROOT, 'node_modules', 'tree-sitter-bicep', 'tree-sitter-bicep.wasm')),
  });
});

function show(v: IacValue<string | boolean | number>): string {
  if (v.kind === 'literal') return JSON.stringify(v.value) + (v.implicit ? ' (default)' : '');
  if (v.kind === 'ref') return `ref(${v.target}.${v.attribute})`;
  return `unknown(${v.why})`;
}

test('JSON is read with the offsets of every key and value, comments and escapes included', () => {
  const text = '{\n  // a comment\n  "a": [1, -2.5e3, true, null],\n  /* another */ "b\\u0041": { "c": "x\\"y" }\n}';
  const { root, error } = parseJson(text);
  assert.equal(error, null);
  const a = get(root, 'a');
  assert.deepEqual(a?.kind === 'seq' && a.items.map((x) => x.kind === 'scalar' && x.value), [1, -2500, true, null]);
  const c = getPath(root, ['bA', 'c']);
  assert.equal(c?.kind === 'scalar' && c.value, 'x"y');
  assert.equal(text.slice(c!.start, c!.end), '"x\\"y"');
  assert.deepEqual(parseJson('{ "a": [1, 2 }'), { root: null, error: { start: 13, end: 14 } });
  assert.deepEqual(parseJson('{} trailing').error, { start: 3, end: 4 });
});

test('ARM: a nested deployment\'s template is read with the parameters it passes (inner scope) or its parent\'s (outer)', () => {
  const facts = armReader.read([{ path: 'azuredeploy.json', text: NESTED }]);
  assert.deepEqual(facts.problems, []);
  assert.deepEqual(facts.identities.map((i) => `${i.address} ${show(i.name)}`), [
    'azuredeploy.json#cart-identity:id-cart "id-cart"',
    'azuredeploy.json#orders-identity:id-orders "id-orders"',
  ]);
  assert.deepEqual(facts.federatedCredentials.map((c) => `${c.address} parent=${show(c.parent)} issuer=${show(c.issuer)} subject=${show(c.subject)}`), [
    'azuredeploy.json#cart-identity:id-cart/carts-fic parent=ref(azuredeploy.json#cart-identity:id-cart.id) issuer=ref(azuredeploy.json#aks-shop.oidcIssuerUrl) subject="system:serviceaccount:shop:carts"',
    'azuredeploy.json#orders-identity:id-orders/orders-fic parent=ref(azuredeploy.json#orders-identity:id-orders.id) issuer=ref(azuredeploy.json#aks-shop.oidcIssuerUrl) subject="system:serviceaccount:shop:orders"',
  ]);
  // A parameter the deployment leaves out takes the nested template's default.
  const cart = facts.federatedCredentials[0];
  assert.deepEqual(cart.audiences.kind === 'list' && cart.audiences.items.map(show), ['"api://AzureADTokenExchange"']);
});

test('ARM: what a deployment does not pass stays unknown; a loop of deployments stands for many', () => {
  const template = (params: string, extra = '') => `{ ${SCHEMA}, "resources": [ { "type": "Microsoft.Resources/deployments", "name": "d", ${extra} "properties": {
    "expressionEvaluationOptions": { "scope": "inner" }, ${params}
    "template": { "parameters": { "ns": { "type": "string" } }, "resources": [ { "type": "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials",
      "name": "id-x/fic", "properties": { "subject": "[format('system:serviceaccount:{0}:api', parameters('ns'))]" } } ] } } } ] }`;
  const subject = (text: string) => {
    const [fic] = armReader.read([{ path: 't.json', text }]).federatedCredentials;
    return `${show(fic.subject)}${fic.repeatedUnknown ? ' (repeated)' : ''}`;
  };
  assert.equal(subject(template('')), 'unknown(parameter ns has no default and the deployment does not give it)');
  assert.equal(subject(template('"parameters": { "ns": { "reference": { "keyVault": { "id": "x" }, "secretName": "s" } } },')), 'unknown(parameter ns is a Key Vault secret)');
  assert.equal(subject(template('"parameters": "[variables(\'all\')]",')), 'unknown(the deployment\'s parameters are one expression)');
  assert.equal(subject(template('"parameters": { "ns": { "value": "shop" } },', '"copy": { "name": "c", "count": 2 },')), '"system:serviceaccount:shop:api" (repeated)');
});

test('a cluster setting inside properties built by an expression is unknown, not its default (ARM and Bicep)', () => {
  const arm = armReader.read([{ path: 'azuredeploy.json', text: NESTED }]);
  assert.deepEqual(arm.clusters.map((c) => `${c.address} oidc=${show(c.oidcIssuerEnabled)} wi=${show(c.workloadIdentityEnabled)}`), [
    'azuredeploy.json#aks-shop oidc=true wi=true',
    'azuredeploy.json#aks-built oidc=unknown(function union()) wi=unknown(function union())',
  ]);
  const bicep = bicepReader(parse).read([{ path: 'main.bicep', text: [
    'param extra object',
    "var known = { oidcIssuerProfile: { enabled: true } }",
    "resource a 'Microsoft.ContainerService/managedClusters@2024-02-01' = { name: 'a', properties: union(known, extra) }",
    "resource b 'Microsoft.ContainerService/managedClusters@2024-02-01' = { name: 'b', properties: known }",
  ].join('\n') }]);
  assert.deepEqual(bicep.clusters.map((c) => `${c.address} oidc=${show(c.oidcIssuerEnabled)} wi=${show(c.workloadIdentityEnabled)}`), [
    'main.bicep#a oidc=unknown(function call union()) wi=unknown(function call union())',
    'main.bicep#b oidc=true wi=false (default)',
  ]);
});

test('ARM: reading again after an edit gives the edited facts (kept facts are only for unchanged text)', () => {
  const subject = (text: string) => armReader.read([{ path: 'azuredeploy.json', text }]).federatedCredentials.map((c) => show(c.subject))[1];
  assert.equal(subject(NESTED), '"system:serviceaccount:shop:orders"');
  assert.equal(subject(NESTED.replace('system:serviceaccount:shop:orders', 'system:serviceaccount:shop:edited')), '"system:serviceaccount:shop:edited"');
  assert.equal(subject(NESTED), '"system:serviceaccount:shop:orders"');
});
