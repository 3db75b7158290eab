import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { withoutMessages } from '../support/map-output';
import { parseXml, elements, textOf } from '../support/xml';
import { assertBuilt } from './built';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'map');
const WORKSPACE = join(FIXTURE, 'workspace');

before(assertBuilt);

function map(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'map', ...args], { cwd: WORKSPACE, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const expected = (name: string) => readFileSync(join(FIXTURE, 'expected', name), 'utf8');

test('aks-iam map prints the Mermaid and JSON of the expected files (built CLI)', () => {
  const mmd = map('--snapshot', '../snapshot.json');
  assert.deepEqual([mmd.code, mmd.stderr], [0, '']);
  assert.equal(withoutMessages(mmd.stdout), expected('workspace.mmd'));
  const json = map('--snapshot', '../snapshot.json', '--format', 'json');
  assert.equal(withoutMessages(json.stdout), expected('workspace.json'));
  assert.equal(withoutMessages(map('-n', 'shop', '--snapshot', '../snapshot.json').stdout), expected('shop.mmd'));
  assert.equal(withoutMessages(map('--workload', 'deployment/api', '--format', 'json', '--snapshot=../snapshot.json').stdout), expected('deployment-api.json'));
  // The messages themselves are the findings' own, as aks-iam lint prints them.
  const lint = spawnSync(process.execPath, [CLI, 'lint', '--snapshot', '../snapshot.json', '--format', 'json', '--fail-on', 'none'], { cwd: WORKSPACE, encoding: 'utf8' });
  const lintMessages = (JSON.parse(lint.stdout) as { findings: { message: string }[] }).findings.map((f) => f.message).sort();
  const mapMessages = (JSON.parse(json.stdout) as { edges: { problems: { message: string }[] }[] }).edges.flatMap((e) => e.problems.map((p) => p.message)).sort();
  assert.deepEqual(mapMessages, lintMessages);
});

test('aks-iam map --format svg -o writes a well-formed SVG with the nodes\' labels', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'aks-iam-map-')), 'map.svg');
  const r = map('-n', 'shop', '--format', 'svg', '--snapshot', '../snapshot.json', '-o', out);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `aks-iam: wrote the identity map of namespace shop (17 nodes, 3 broken links) to ${out}\n`);
  const svg = parseXml(readFileSync(out, 'utf8'));
  const labels = elements(svg).filter((e) => e.attributes.class === 'label').map(textOf);
  assert.deepEqual(labels.slice(0, 4), ['CronJob worker', 'ServiceAccount worker', 'client-id 99999999-9999-4999-8999-999999999999', 'ClusterRoleBinding worker-view']);
  assert.ok(labels.includes('kv-shop') && labels.includes('Role secret-reader'));
});

test('aks-iam map: unknown namespace or workload, bad options exit 2 and say what exists', () => {
  const ns = map('-n', 'nope');
  assert.deepEqual([ns.code, ns.stdout, ns.stderr], [2, '', 'aks-iam: no workload or ServiceAccount in namespace nope; namespaces: billing, shop\n']);
  const wl = map('--workload', 'deployment/nope', '-n', 'shop');
  assert.deepEqual([wl.code, wl.stderr], [2, 'aks-iam: no workload deployment/nope in namespace shop; there are: cronjob/worker, deployment/api\n']);
  assert.deepEqual([map('--format', 'png').code, map('--format', 'png').stderr], [2, 'aks-iam map: --format must be mermaid, svg or json, not "png"\n']);
  assert.deepEqual([map('--workload', 'api').code, map('--workload', 'api').stderr], [2, 'aks-iam map: --workload takes <kind>/<name> (e.g. deployment/api), not "api"\n']);
  const help = map('--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: aks-iam map \[paths…\] \[options\]/);
});

test('aks-iam map without a snapshot stops at the client-ids', () => {
  const r = map('--workload', 'cronjob/worker');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /n2\["client-id 99999999-9999-4999-8999-999999999999<br\/>no Azure data loaded"\]:::managed_identity/);
  assert.doesNotMatch(r.stdout, /class .* missing/);
});
