import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { armReader } from '../../src/core/iac/arm/reader';
import { loadBicepParser, type BicepParse } from '../../src/core/iac/bicep/parser';
import { bicepReader } from '../../src/core/iac/bicep/reader';
import type { IacFacts, IacList, IacValue } from '../../src/core/iac/types';
import { LineIndex } from '../../src/core/text/line-index';

const ROOT = join(__dirname, '..', '..');
const DIR = join(ROOT, 'test', 'fixtures', 'iac', 'repo', 'bicep');
const file = (name: string) => ({ path: `bicep/${name}`, text: readFileSync(join(DIR, name), 'utf8') });
let parse: BicepParse;

before(async () => {
  parse = await loadBicepParser({
    runtime: readFileSync(join(ROOT, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.wasm')),
    grammar: readFileSync(join(ROOT, 'node_modules', 'tree-sitter-bicep', 'tree-sitter-bicep.wasm')),
  });
});

/** A value as the tests read it: the literal, `ref(<symbol>.<attribute>)`, or `unknown(<why>)`. */
function show(v: IacValue<string | boolean | number> | IacList | undefined): string {
  if (!v) return '-';
  if (v.kind === 'literal') return JSON.stringify(v.value) + (v.implicit ? ' (default)' : '');
  if (v.kind === 'ref') return `ref(${v.target.replace(/^.*#/, '')}.${v.attribute})`;
  if (v.kind === 'list') return `[${v.items.map(show).join(', ')}]`;
  return `unknown(${v.why})`;
}

function lineOf(facts: IacFacts, v: IacValue): string {
  const span = v.kind === 'literal' && v.origin ? v.origin : v.span;
  const text = readFileSync(join(DIR, span.file.replace(/^bicep\//, '')), 'utf8');
  return `${span.file}:${new LineIndex(text).positionAt(span.start).line + 1}`;
}

test('Bicep: identities in a loop, their credentials by parent:, nested and by name, clusters and a role assignment', () => {
  const facts = bicepReader(parse).read([file('main.bicep'), file('main.bicepparam')]);
  assert.deepEqual(facts.problems, []);
  assert.deepEqual(facts.identities.map((i) => `${i.address} ${show(i.name)}`), [
    'bicep/main.bicep#appIdentities[0] "id-orders"',
    'bicep/main.bicep#appIdentities[1] "id-cart"',
    'bicep/main.bicep#reports "id-reports"',
    'bicep/main.bicep#jobs "id-jobs"',
  ]);
  assert.deepEqual(facts.federatedCredentials.map((c) => `${c.address.replace(/^.*#/, '')}: ${show(c.name)} parent=${show(c.parent)} issuer=${show(c.issuer)} subject=${show(c.subject)} audiences=${show(c.audiences)}`), [
    'appCredentials[0]: "orders-fic" parent=ref(appIdentities[0].id) issuer=ref(aks.oidcIssuerUrl) subject="system:serviceaccount:shop:orders" audiences=["api://AzureADTokenExchange"]',
    'appCredentials[1]: "cart-fic" parent=ref(appIdentities[1].id) issuer=ref(aks.oidcIssuerUrl) subject="system:serviceaccount:shop:Cart" audiences=["api://AzureADTokenExchange"]',
    'reports::reportsFic: "reports" parent=ref(reports.id) issuer=ref(aksLegacy.oidcIssuerUrl) subject="system:serviceaccount:shop:reports" audiences=["api://AzureADTokenExchange"]',
    'jobsFic: "worker" parent=ref(jobs.id) issuer="https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/22222222-2222-2222-2222-222222222222" subject="system:serviceaccount:batch:nightly" audiences=["api://AzureADTokenExchange"]',
  ]);
  // The subject's namespace comes from main.bicepparam; its literal is written in main.bicep's interpolation.
  const cart = facts.federatedCredentials[1];
  assert.equal(lineOf(facts, cart.subject), 'bicep/main.bicep:55');
  assert.equal(lineOf(facts, facts.federatedCredentials[3].issuer), 'bicep/main.bicep:84');

  assert.deepEqual(facts.clusters.map((c) => `${show(c.name)} oidc=${show(c.oidcIssuerEnabled)} wi=${show(c.workloadIdentityEnabled)} identity=${show(c.identityType)}`), [
    '"aks-shop" oidc=true wi=true identity="SystemAssigned"',
    '"aks-legacy" oidc=false (default) wi=false (default) identity=unknown(not set)',
  ]);
  const ra = facts.roleAssignments[0];
  assert.deepEqual([show(ra.roleDefinitionId), show(ra.scope), show(ra.principal), show(ra.principalType)], [
    '"4633458b-17de-408a-b874-0445c86b69e6"', 'ref(keyVault.id)', 'ref(appIdentities[0].principalId)', '"ServicePrincipal"',
  ]);
});

test('Bicep: what is not literal stays unknown, with the reason', () => {
  const src = [
    'param ns string',
    'param items array',
    "param on bool = false",
    "module aks './aks.bicep' = { name: 'aks' }",
    "resource id 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = { name: 'id-x' }",
    "resource a 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {",
    '  parent: id',
    "  name: 'a'",
    "  properties: { issuer: aks.outputs.issuer, subject: 'system:serviceaccount:${ns}:api', audiences: [ uniqueString('x') ] }",
    '}',
    "resource b 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = [for x in items: {",
    '  parent: id',
    '  name: x.name',
    '}]',
    "resource c 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = if (on) {",
    '  parent: id',
    "  name: 'never'",
    '}',
  ].join('\n');
  const facts = bicepReader(parse).read([{ path: 'x.bicep', text: src }]);
  const [a, b, ...rest] = facts.federatedCredentials;
  assert.equal(show(a.subject), 'unknown(interpolation: param ns has no default and no .bicepparam gives it)');
  assert.equal(show(a.audiences), '[unknown(function call uniqueString())]');
  assert.equal(show(a.issuer), 'unknown(an output of module aks (./aks.bicep is not among the files read))');
  assert.equal(b.address, 'x.bicep#b[*]');
  assert.equal(b.repeatedUnknown, true);
  assert.equal(show(b.name), 'unknown(x is an item of a collection that is not known)');
  assert.deepEqual(rest, [], 'a resource under a false condition is not declared');
  // Broken text is a problem, never an exception.
  const broken = bicepReader(parse).read([{ path: 'y.bicep', text: "resource x 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {\n name: \n" }]);
  assert.equal(broken.problems[0]?.message, 'Bicep syntax error: this part is not read');
});

test('ARM JSON: parameters and variables from their defaults, nested and name-prefixed credentials, reference()', () => {
  const arm = file('azuredeploy.json');
  assert.equal(armReader.handles(arm.path, arm.text), true);
  assert.equal(armReader.handles('package.json', '{ "name": "x" }'), false);
  const facts = armReader.read([arm]);
  assert.deepEqual(facts.problems, []);
  assert.deepEqual(facts.identities.map((i) => `${i.address} ${show(i.name)}`), ['bicep/azuredeploy.json#id-web "id-web"']);
  assert.deepEqual(facts.federatedCredentials.map((c) => `${show(c.name)} parent=${show(c.parent)} issuer=${show(c.issuer)} subject=${show(c.subject)} audiences=${show(c.audiences)}`), [
    '"web" parent=ref(id-web.id) issuer=unknown(parameter issuer has no default) subject="system:serviceaccount:frontend:web" audiences=["api://AzureADTokenExchange"]',
    '"web-staging" parent=ref(id-web.id) issuer="https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/33333333-3333-3333-3333-333333333333/" subject="system:serviceaccount:frontend:web" audiences=["api://AzureADTokenExchange/"]',
  ]);
  assert.equal(lineOf(facts, facts.federatedCredentials[1].audiences.kind === 'list' ? facts.federatedCredentials[1].audiences.items[0] : facts.federatedCredentials[1].subject), 'bicep/azuredeploy.json:53');
  const ra = facts.roleAssignments[0];
  assert.deepEqual([show(ra.roleDefinitionId), show(ra.principal), show(ra.scope)], ['"7f951dda-4ed3-4680-a7ca-43fe172d538d"', 'ref(id-web.principalId)', 'unknown(the scope the template is deployed to)']);
  assert.equal(armReader.read([{ path: 'z.json', text: '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [ {"type": ' }]).problems.length, 1);
});
