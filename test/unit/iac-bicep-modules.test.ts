import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBicepParser, type BicepParse } from '../../src/core/iac/bicep/parser';
import { bicepReader } from '../../src/core/iac/bicep/reader';
import type { IacList, IacValue } from '../../src/core/iac/types';
import { LineIndex } from '../../src/core/text/line-index';

const ROOT = join(__dirname, '..', '..');
const DIR = join(ROOT, 'test', 'fixtures', 'iac', 'bicep-modules');
const file = (name: string) => ({ path: name, text: readFileSync(join(DIR, name), 'utf8') });
let parse: BicepParse;

before(async () => {
  parse = await loadBicepParser({
    runtime: readFileSync(join(ROOT, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.wasm')),
    grammar: readFileSync(join(ROOT, 'node_modules', 'tree-sitter-bicep', 'tree-sitter-bicep.wasm')),
  });
});

function show(v: IacValue<string | boolean | number> | IacList | undefined): string {
  if (!v) return '-';
  if (v.kind === 'literal') return JSON.stringify(v.value);
  if (v.kind === 'ref') return `ref(${v.target}.${v.attribute})`;
  if (v.kind === 'list') return `[${v.items.map(show).join(', ')}]`;
  return `unknown(${v.why})`;
}

/** `file:line` of where a value is used, and of where its literal is written when that is elsewhere. */
function where(v: IacValue): string {
  const at = (s: { file: string; start: number }) => `${s.file}:${new LineIndex(readFileSync(join(DIR, s.file), 'utf8')).positionAt(s.start).line + 1}`;
  return v.kind === 'literal' && v.origin ? `${at(v.span)} from ${at(v.origin)}` : at(v.span);
}

const read = (...files: { path: string; text: string }[]) => bicepReader(parse).read(files);

test('a module file is read once per call, with the params each call binds, its facts addressed through the call', () => {
  const facts = read(file('main.bicep'), file('modules/workload-identity.bicep'));
  assert.deepEqual(facts.problems, []);
  assert.deepEqual(facts.identities.map((i) => `${i.address} ${show(i.name)}`), [
    'main.bicep#orders:modules/workload-identity.bicep#identity "id-orders"',
    'main.bicep#cart:modules/workload-identity.bicep#identity "id-cart"',
    'main.bicep#teams[0]:modules/workload-identity.bicep#identity "id-billing"',
    'main.bicep#teams[1]:modules/workload-identity.bicep#identity "id-search"',
  ]);
  assert.deepEqual(facts.federatedCredentials.map((c) => `${c.address.replace(/:modules\/workload-identity\.bicep#/, ' ')}: ${show(c.name)} parent=${show(c.parent)} issuer=${show(c.issuer)} subject=${show(c.subject)} audiences=${show(c.audiences)}`), [
    'main.bicep#orders credential: "orders-fic" parent=ref(main.bicep#orders:modules/workload-identity.bicep#identity.id) issuer=ref(main.bicep#aks.oidcIssuerUrl) subject="system:serviceaccount:shop:orders" audiences=["api://AzureADTokenExchange"]',
    'main.bicep#cart credential: "carts-fic" parent=ref(main.bicep#cart:modules/workload-identity.bicep#identity.id) issuer=ref(main.bicep#aks.oidcIssuerUrl) subject="system:serviceaccount:shop:carts" audiences=["api://AzureADTokenExchange"]',
    'main.bicep#teams[0] credential: "billing-fic" parent=ref(main.bicep#teams[0]:modules/workload-identity.bicep#identity.id) issuer=ref(main.bicep#aks.oidcIssuerUrl) subject="system:serviceaccount:billing:billing" audiences=["api://AzureADTokenExchange/"]',
    'main.bicep#teams[1] credential: "search-fic" parent=ref(main.bicep#teams[1]:modules/workload-identity.bicep#identity.id) issuer=ref(main.bicep#aks.oidcIssuerUrl) subject="system:serviceaccount:search:search" audiences=["api://AzureADTokenExchange/"]',
  ]);
  // Used in the module, written by the caller: findings go to the module's line, fixes would edit the caller's literal.
  const [, cart, billing] = facts.federatedCredentials;
  assert.equal(where(cart.subject), 'modules/workload-identity.bicep:19');
  assert.equal(billing.audiences.kind === 'list' && where(billing.audiences.items[0]), 'modules/workload-identity.bicep:20 from main.bicep:45');
  // A module's output is the value it declares: here the principal of the identity of that call.
  assert.deepEqual(facts.roleAssignments.map((r) => `${r.address} principal=${show(r.principal)}`), [
    'main.bicep#ordersBlobReader principal=ref(main.bicep#orders:modules/workload-identity.bicep#identity.principalId)',
  ]);
  assert.deepEqual(facts.clusters.map((c) => c.address), ['main.bicep#aks']);
});

test('a module file read without its caller is read on its own, its params without default unknown', () => {
  const facts = read(file('modules/workload-identity.bicep'));
  assert.deepEqual(facts.federatedCredentials.map((c) => `${c.address} ${show(c.subject)}`), [
    'modules/workload-identity.bicep#credential unknown(interpolation: param namespace has no default and no .bicepparam gives it)',
  ]);
});

test('what a module call does not say stays unknown: params, registry modules, loops over unknown items, cycles', () => {
  const mod = [
    'param ns string',
    "param sa string = 'api'",
    "resource id 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = { name: 'id-x' }",
    "resource fic 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {",
    '  parent: id',
    "  name: 'fic'",
    "  properties: { subject: 'system:serviceaccount:${ns}:${sa}' }",
    '}',
    'output name string = id.name',
  ].join('\n');
  const main = [
    'param teams array',
    'param all object',
    "module a 'm.bicep' = { name: 'a', params: { ns: uniqueString('x') } }",
    "module b 'm.bicep' = { name: 'b', params: all }",
    "module c 'm.bicep' = [for t in teams: { name: t, params: { ns: t } }]",
    "module d 'm.bicep' = if (false) { name: 'd', params: { ns: 'never' } }",
    "module e 'br:example.azurecr.io/bicep/id:1.0' = { name: 'e' }",
    "module f 'sub/missing.bicep' = { name: 'f' }",
    "resource fromA 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = { name: '${a.outputs.name}-copy' }",
    "resource fromC 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = { name: c[0].outputs.name }",
    "resource fromE 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = { name: e.outputs.name }",
    "resource fromF 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = { name: f.outputs.name }",
  ].join('\n');
  const facts = read({ path: 'main.bicep', text: main }, { path: 'm.bicep', text: mod });
  assert.deepEqual(facts.federatedCredentials.map((c) => `${c.address} ${show(c.subject)}${c.repeatedUnknown ? ' (repeated)' : ''}`), [
    'main.bicep#a:m.bicep#fic unknown(interpolation: function call uniqueString())',
    'main.bicep#b:m.bicep#fic unknown(interpolation: the module call\'s params: param all has no default and no .bicepparam gives it)',
    'main.bicep#c[*]:m.bicep#fic unknown(interpolation: t is an item of a collection that is not known) (repeated)',
  ]);
  assert.deepEqual(facts.identities.filter((i) => !i.address.includes(':')).map((i) => `${i.address} ${show(i.name)}`), [
    'main.bicep#fromA "id-x-copy"',
    'main.bicep#fromC unknown(an output of module c (a loop of module calls))',
    'main.bicep#fromE unknown(an output of module e (a registry module or template is not read))',
    'main.bicep#fromF unknown(an output of module f (sub/missing.bicep is not among the files read))',
  ]);
  const cycle = read({ path: 'x.bicep', text: "module y 'y.bicep' = { name: 'y' }" }, { path: 'y.bicep', text: "module x 'x.bicep' = { name: 'x' }\nresource id 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = { name: 'in-y' }" });
  assert.deepEqual(cycle.problems.map((p) => `${p.span.file} ${p.message}`), ['y.bicep Bicep module x calls x.bicep, which calls back: read once']);
});

test('reading again after an edit of the module gives the edited facts (parses are kept only for unchanged text)', () => {
  const reader = bicepReader(parse);
  const main = file('main.bicep');
  const mod = file('modules/workload-identity.bicep');
  const subjects = (m: { path: string; text: string }) => reader.read([main, m]).federatedCredentials.map((c) => show(c.subject));
  assert.deepEqual(subjects(mod).slice(0, 2), ['"system:serviceaccount:shop:orders"', '"system:serviceaccount:shop:carts"']);
  const edited = { ...mod, text: mod.text.replace("subject: 'system:serviceaccount:${namespace}:${serviceAccount}'", "subject: 'system:serviceaccount:${namespace}:fixed'") };
  assert.deepEqual(subjects(edited).slice(0, 2), ['"system:serviceaccount:shop:fixed"', '"system:serviceaccount:shop:fixed"']);
  assert.deepEqual(subjects(mod).slice(0, 2), ['"system:serviceaccount:shop:orders"', '"system:serviceaccount:shop:carts"']);
});

test('an existing identity in a module is the identity its caller declares under that name, unless another scope is named', () => {
  const mod = [
    'param identityName string',
    "resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {",
    '  name: identityName',
    '}',
    "resource fic 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {",
    '  parent: identity',
    "  name: 'api'",
    "  properties: { subject: 'system:serviceaccount:shop:api' }",
    '}',
  ].join('\n');
  const main = [
    "resource uami 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = { name: 'id-api' }",
    "module same 'fic.bicep' = { name: 'same', params: { identityName: uami.name } }",
    "module elsewhere 'fic.bicep' = { name: 'elsewhere', scope: resourceGroup('other'), params: { identityName: 'id-api' } }",
    "module unknownName 'fic.bicep' = { name: 'unknown', params: { identityName: uniqueString('x') } }",
  ].join('\n');
  const facts = read({ path: 'main.bicep', text: main }, { path: 'fic.bicep', text: mod });
  assert.deepEqual(facts.identities.map((i) => `${i.address} ${show(i.name)}`), [
    'main.bicep#uami "id-api"',
    'main.bicep#elsewhere:fic.bicep#identity "id-api"',
    'main.bicep#unknownName:fic.bicep#identity unknown(function call uniqueString())',
  ]);
  assert.deepEqual(facts.federatedCredentials.map((c) => `${c.address} parent=${show(c.parent)}`), [
    'main.bicep#same:fic.bicep#fic parent=ref(main.bicep#uami.id)',
    'main.bicep#elsewhere:fic.bicep#fic parent=ref(main.bicep#elsewhere:fic.bicep#identity.id)',
    'main.bicep#unknownName:fic.bicep#fic parent=ref(main.bicep#unknownName:fic.bicep#identity.id)',
  ]);
});
