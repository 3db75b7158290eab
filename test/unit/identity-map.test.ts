import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../../src/core/analyze';
import type { IdentityGraph } from '../../src/core/identity/graph';
import { parseSnapshot } from '../../src/core/identity/snapshot';
import { buildIdentityMap, escapeMermaid, mapNamespaces, renderJson, renderMermaid, renderSvg, type IdentityMap, type MapTarget } from '../../src/core/map/index';
import { summary, wrap } from '../../src/core/map/layout';
import { withoutMessages } from '../support/map-output';
import { elements, parseXml, textOf } from '../support/xml';

const FIXTURE = join(__dirname, '..', 'fixtures', 'map');
const WORKSPACE = join(FIXTURE, 'workspace');

function load(withGraph = true): { analyzer: Analyzer; graph: IdentityGraph | null } {
  const graph = withGraph ? parseSnapshot([{ source: 'snapshot.json', value: JSON.parse(readFileSync(join(FIXTURE, 'snapshot.json'), 'utf8')) }]).graph : null;
  const analyzer = new Analyzer({ cloud: graph });
  for (const name of readdirSync(WORKSPACE).sort()) analyzer.setFile(join(WORKSPACE, name), readFileSync(join(WORKSPACE, name), 'utf8'));
  return { analyzer, graph };
}

function mapOf(target: MapTarget, withGraph = true): IdentityMap {
  const { analyzer, graph } = load(withGraph);
  return buildIdentityMap({ index: analyzer.index, graph, findings: analyzer.analyzeAll() }, target);
}

const display = (f: string) => f.slice(WORKSPACE.length + 1);

/** Compares with an expected file (finding messages left out); UPDATE_FIXTURES=1 writes it instead (review the diff). */
function expectFile(name: string, output: string): void {
  const path = join(FIXTURE, 'expected', name);
  const actual = withoutMessages(output);
  if (process.env.UPDATE_FIXTURES === '1') writeFileSync(path, actual);
  assert.equal(actual, readFileSync(path, 'utf8'), `output differs from test/fixtures/map/expected/${name}`);
}

test('Mermaid and JSON of the whole fixture workspace match the expected files', () => {
  const map = mapOf({ kind: 'workspace' });
  expectFile('workspace.mmd', renderMermaid(map));
  expectFile('workspace.json', renderJson(map, display));
});

test('Mermaid of one namespace and of one workload match the expected files', () => {
  expectFile('shop.mmd', renderMermaid(mapOf({ kind: 'namespace', namespace: 'shop' })));
  expectFile('deployment-api.json', renderJson(mapOf({ kind: 'workload', namespace: 'shop', workloadKind: 'Deployment', name: 'api' }), display));
});

test('the chain of shop/api: workload → ServiceAccount → identity → credential and role assignments → scopes, and bindings → roles', () => {
  const map = mapOf({ kind: 'workload', namespace: 'shop', workloadKind: 'Deployment', name: 'api' });
  const label = (id: string) => map.nodes.find((n) => n.id === id)?.label;
  const links = map.edges.map((e) => `${label(e.from)} -[${e.label}${e.problems.length ? ` ✗ ${e.problems.map((p) => p.ruleId).join(',')}` : ''}]-> ${label(e.to)}`);
  assert.deepEqual(links, [
    'ServiceAccount api -[client-id]-> Managed identity id-api',
    'Managed identity id-api -[federated credential]-> Federated credential shop-api',
    'Managed identity id-api -[role assignment]-> Reader',
    'Reader -[at scope]-> rg-shop',
    'Managed identity id-api -[role assignment]-> Key Vault Secrets User',
    'Key Vault Secrets User -[at scope]-> kv-shop',
    'ServiceAccount api -[subject]-> RoleBinding api-config',
    'RoleBinding api-config -[in shop]-> Role config-reader',
    'ServiceAccount api -[subject]-> RoleBinding api-secrets',
    'RoleBinding api-secrets -[roleRef ✗ rbac-roleref-not-found]-> Role secret-reader',
    'Deployment api -[runs as ✗ wi-use-label-missing]-> ServiceAccount api',
  ]);
  const missingRole = map.nodes.find((n) => n.label === 'Role secret-reader');
  assert.equal(missingRole?.missing, true);
  assert.equal(missingRole?.detail, 'not found');
  // Sources: the manifest line of the name (0-based), the Azure id of cloud objects.
  const deployment = map.nodes.find((n) => n.id === 'workload:Deployment/shop/api');
  assert.deepEqual(deployment?.source && { ...deployment.source, file: display((deployment.source as { file: string }).file) },
    { type: 'manifest', file: 'api.yaml', start: readFileSync(join(WORKSPACE, 'api.yaml'), 'utf8').indexOf('name: api\n  namespace: shop\nspec') + 6, end: readFileSync(join(WORKSPACE, 'api.yaml'), 'utf8').indexOf('name: api\n  namespace: shop\nspec') + 9, line: 12, character: 8 });
  assert.deepEqual(map.nodes.find((n) => n.label === 'kv-shop')?.source, { type: 'azure', id: '/subscriptions/2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091/resourceGroups/rg-shop/providers/Microsoft.KeyVault/vaults/kv-shop' });
  assert.equal(map.nodes.find((n) => n.label === 'kv-shop')?.detail, 'Microsoft.KeyVault/vaults');
});

test('broken links carry the analyzer\'s findings: unknown client-id, missing federation, missing label, dangling roleRef', () => {
  const { analyzer, graph } = load();
  const findings = analyzer.analyzeAll();
  const map = buildIdentityMap({ index: analyzer.index, graph, findings }, { kind: 'workspace' });
  const broken = map.edges.filter((e) => e.problems.length).flatMap((e) => e.problems);
  const expected = findings.filter((f) => ['wi-unknown-client-id', 'wi-federation-missing', 'wi-use-label-missing', 'rbac-roleref-not-found'].includes(f.ruleId));
  assert.equal(expected.length, 4);
  assert.deepEqual(broken.map((p) => p.message).sort(), expected.map((f) => f.message).sort(), 'each finding once, with its exact text');
  const unknown = map.nodes.find((n) => n.id === 'client-id:99999999-9999-4999-8999-999999999999');
  assert.deepEqual([unknown?.missing, unknown?.detail], [true, 'no managed identity with this client-id']);
  const noCredential = map.nodes.find((n) => n.kind === 'federated-credential' && n.missing);
  assert.equal(noCredential?.detail, 'system:serviceaccount:billing:invoices');
  // The ClusterRoleBinding to the built-in view role: no file, a built-in source.
  assert.deepEqual(map.nodes.find((n) => n.id === 'role:ClusterRole//view')?.source, { type: 'builtin' });
});

test('a finding that is not reported (rule off) draws no broken link', () => {
  const { analyzer, graph } = load();
  const findings = analyzer.analyzeAll().filter((f) => f.ruleId !== 'wi-use-label-missing');
  const map = buildIdentityMap({ index: analyzer.index, graph, findings }, { kind: 'workload', namespace: 'shop', workloadKind: 'Deployment', name: 'api' });
  assert.deepEqual(map.edges.find((e) => e.label === 'runs as')?.problems, []);
});

test('without Azure data the chain stops at the client-id, which is not marked missing', () => {
  const map = mapOf({ kind: 'service-account', namespace: 'shop', name: 'api' }, false);
  const id = map.nodes.find((n) => n.kind === 'managed-identity');
  assert.deepEqual([id?.label, id?.detail, id?.missing], ['client-id 11111111-1111-4111-8111-111111111111', 'no Azure data loaded', false]);
  assert.equal(map.nodes.some((n) => n.kind === 'role-assignment' || n.kind === 'federated-credential'), false);
  assert.equal(map.title, 'ServiceAccount shop/api');
});

test('the map of an identity holds every ServiceAccount with its client-id and their workloads', () => {
  const map = mapOf({ kind: 'identity', clientId: '22222222-2222-4222-8222-222222222222' });
  assert.deepEqual(map.nodes.filter((n) => n.kind === 'workload' || n.kind === 'service-account').map((n) => n.label), ['Deployment invoices', 'ServiceAccount invoices']);
});

test('namespaces with something to draw', () => {
  assert.deepEqual(mapNamespaces(load(false).analyzer.index), ['billing', 'shop']);
});

test('a graph object read from infrastructure code points at its file and offsets', () => {
  const { analyzer, graph } = load();
  const identity: object = graph!.identities[0];
  Object.assign(identity, { source: { file: 'infra/identity.tf', start: 10, end: 42 } });
  const map = buildIdentityMap({ index: analyzer.index, graph, findings: [] }, { kind: 'service-account', namespace: 'shop', name: 'api' });
  assert.deepEqual(map.nodes.find((n) => n.label === 'Managed identity id-api')?.source, { type: 'iac', file: 'infra/identity.tf', start: 10, end: 42 });
});

test('the SVG is well-formed XML with a focusable element per node, its labels, red broken links and their legend', () => {
  const map = mapOf({ kind: 'workspace' });
  const svg = parseXml(renderSvg(map, { standalone: true }));
  assert.equal(svg.name, 'svg');
  assert.equal(svg.attributes.xmlns, 'http://www.w3.org/2000/svg');
  const all = elements(svg);
  const nodes = all.filter((e) => e.attributes['data-node'] !== undefined);
  assert.deepEqual(nodes.map((e) => e.attributes['data-node']), map.nodes.map((n) => n.id));
  assert.ok(nodes.every((e) => e.attributes.tabindex === '0' && e.attributes.role === 'button'));
  const labels = nodes.map((e) => textOf(elements(e).find((c) => c.attributes.class === 'label')!));
  assert.deepEqual(labels, map.nodes.map((n) => n.label));
  for (const want of ['Deployment api', 'ServiceAccount api', 'Managed identity id-api', 'Federated credential shop-api', 'Key Vault Secrets User', 'kv-shop', 'RoleBinding api-config', 'Role config-reader', 'CronJob worker', 'No federated credential']) {
    assert.ok(labels.includes(want), want);
  }
  const broken = all.filter((e) => e.attributes.class === 'edge broken');
  assert.equal(broken.length, 4);
  const legend = textOf(all.find((e) => e.attributes.class === 'legend')!);
  assert.match(legend, /^Broken links1\. /);
  for (const id of ['wi-unknown-client-id', 'wi-federation-missing', 'wi-use-label-missing', 'rbac-roleref-not-found']) assert.ok(legend.includes(`${id}:`), id);
  assert.ok(all.some((e) => e.name === 'style'), 'a saved SVG brings its styles');
  assert.ok(!elements(parseXml(renderSvg(map))).some((e) => e.name === 'style'), 'the webview brings them itself');
});

test('labels with markup stay text in SVG and Mermaid', () => {
  const map: IdentityMap = {
    title: 'x<y & "z"',
    nodes: [
      { id: 'a', kind: 'workload', label: 'Deployment <a href="x">&amp;#35;', detail: null, source: null, missing: false },
      { id: 'b', kind: 'role', label: 'Role "r"', detail: 'x|y', source: null, missing: true },
    ],
    edges: [{ from: 'a', to: 'b', label: 'in <ns>', problems: [{ ruleId: 'r', severity: 'error', message: 'Bad "thing": <b>' }] }],
  };
  const svg = parseXml(renderSvg(map, { standalone: true }));
  assert.ok(elements(svg).some((e) => e.attributes.class === 'label' && textOf(e) === 'Deployment <a href="x">&amp;#35;'));
  const mmd = renderMermaid(map);
  assert.match(mmd, /n0\["Deployment #lt;a href=#quot;x#quot;#gt;#amp;amp;#35;35;"\]:::workload/);
  assert.match(mmd, /n0 -\.->\|"⚠ r: Bad #quot;thing#quot;"\| n1/);
  assert.match(mmd, /class n1 missing/);
  assert.match(mmd, /linkStyle 0 stroke:#d1242f/);
  assert.equal(escapeMermaid('a\nb#'), 'a b#35;');
});

test('a finding\'s summary is its text up to the first colon or full stop; legend lines wrap at words', () => {
  assert.equal(summary('No federated credential for the ServiceAccount: managed identity x has none.'), 'No federated credential for the ServiceAccount');
  assert.equal(summary('Role x is missing. Create it.'), 'Role x is missing');
  assert.equal(summary('no punctuation at all'), 'no punctuation at all');
  assert.deepEqual(wrap('aa bb cc dd', 5), ['aa bb', 'cc dd']);
  assert.deepEqual(wrap('averyveryverylongword x', 5), ['averyveryverylongword', 'x']);
});

test('the ServiceAccount hover puts the links it is given under its heading', async () => {
  const { explainServiceAccount } = await import('../../src/core/explain/service-account');
  const { analyzer } = load(false);
  const md = explainServiceAccount(analyzer.index, { namespace: 'shop', name: 'api' }, null, ['[Show identity map](command:x)']);
  assert.equal(md.split('\n\n').slice(0, 2).join('\n\n'), '### ServiceAccount `shop/api`\n\n[Show identity map](command:x)');
  assert.doesNotMatch(explainServiceAccount(analyzer.index, { namespace: 'shop', name: 'api' }, null), /command:/);
});
