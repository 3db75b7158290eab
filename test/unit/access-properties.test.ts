import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { AccessEngine, accessTable, whoCan, type AccessTable, type QuerySubject } from '../../src/core/access/index';
import { bindingYaml, oracleAllows, roleYaml, type OBinding, type ORole, type ORule, type OSubject } from '../support/access-oracle';

/** A small seeded generator (mulberry32), so that a failure names the seed that reproduces it. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMESPACES = ['a', 'b'];
const SAS: OSubject[] = [{ kind: 'ServiceAccount', namespace: 'a', name: 's1' }, { kind: 'ServiceAccount', namespace: 'a', name: 's2' }, { kind: 'ServiceAccount', namespace: 'b', name: 's1' }];
const OTHERS: OSubject[] = [{ kind: 'User', name: 'u1' }, { kind: 'User', name: 'u2' }, { kind: 'Group', name: 'g1' }, { kind: 'Group', name: 'system:serviceaccounts:a' }, { kind: 'Group', name: 'system:authenticated' }];
// [group, resource, namespaced]
const RESOURCES: [string, string, boolean][] = [['', 'pods', true], ['', 'secrets', true], ['', 'configmaps', true], ['', 'nodes', false], ['apps', 'deployments', true], ['apps', 'deployments/scale', true]];
const VERBS = ['get', 'list', 'create', 'delete'];

interface World {
  roles: ORole[];
  bindings: OBinding[];
}

function generate(seed: number): { world: World; rand: () => number } {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const some = <T>(xs: readonly T[], max = 2): T[] => [...new Set(Array.from({ length: 1 + Math.floor(rand() * max) }, () => pick(xs)))];
  const rule = (): ORule => {
    if (rand() < 0.08) return { nonResourceURLs: [pick(['/healthz', '/metrics*', '*'])], verbs: ['get'] };
    const r: ORule = {
      apiGroups: rand() < 0.15 ? ['*'] : some(['', 'apps']),
      resources: rand() < 0.1 ? ['*'] : rand() < 0.1 ? ['*/scale'] : some(RESOURCES.map((x) => x[1]), 3),
      verbs: rand() < 0.1 ? ['*'] : some(VERBS, 3),
    };
    if (rand() < 0.2) r.resourceNames = ['n1'];
    return r;
  };
  const roles: ORole[] = [];
  for (let i = 0; i < 4; i++) roles.push({ kind: 'ClusterRole', name: `cr${i}`, rules: Array.from({ length: 1 + Math.floor(rand() * 2) }, rule), labels: rand() < 0.4 ? { 'x/agg': 'true' } : undefined });
  if (rand() < 0.6) roles.push({ kind: 'ClusterRole', name: 'agg', rules: [], aggregate: [{ 'x/agg': 'true' }] });
  for (const ns of NAMESPACES) roles.push({ kind: 'Role', namespace: ns, name: 'r', rules: Array.from({ length: 1 + Math.floor(rand() * 2) }, rule) });
  const world: World = { roles, bindings: [] };
  const n = 3 + Math.floor(rand() * 5);
  for (let i = 0; i < n; i++) world.bindings.push(randomBinding(rand, world, `b${i}`));
  return { world, rand };
}

function randomBinding(rand: () => number, w: World, name: string): OBinding {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const subjects = [pick([...SAS, ...OTHERS]), ...(rand() < 0.3 ? [pick([...SAS, ...OTHERS])] : [])];
  const clusterRoles = w.roles.filter((r) => r.kind === 'ClusterRole').map((r) => r.name);
  if (rand() < 0.4) return { kind: 'ClusterRoleBinding', name, roleRef: { kind: 'ClusterRole', name: pick(clusterRoles) }, subjects };
  const ns = pick(NAMESPACES);
  const ref = rand() < 0.5 ? { kind: 'Role' as const, name: 'r' } : { kind: 'ClusterRole' as const, name: pick(clusterRoles) };
  return { kind: 'RoleBinding', namespace: ns, name, roleRef: ref, subjects };
}

function engineOf(w: World): AccessEngine {
  const idx = new WorkspaceIndex({ defaultNamespace: 'default', maxFileSize: 1 << 20 });
  const sas = SAS.map((s) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${s.name}\n  namespace: ${s.namespace}\n`);
  idx.setFile('/ws/all.yaml', [...sas, ...w.roles.map(roleYaml), ...w.bindings.map(bindingYaml)].join('---\n'));
  return new AccessEngine(idx);
}

const key = (s: QuerySubject | OSubject) => (s.kind === 'ServiceAccount' ? `sa:${s.namespace}/${s.name}` : `${s.kind}:${(s as { name: string }).name}`);

interface Question {
  verb: string;
  group: string;
  resource: string;
  namespace: string | null;
  name: string | null;
}

function questions(): Question[] {
  const out: Question[] = [];
  for (const verb of VERBS) {
    for (const [group, resource, namespaced] of RESOURCES) {
      for (const namespace of namespaced ? NAMESPACES : [null]) for (const name of [null, 'n1', 'n2']) out.push({ verb, group, resource, namespace, name });
    }
  }
  return out;
}

const targetText = (q: Question) => (q.group ? `${q.resource.split('/')[0]}.${q.group}${q.resource.includes('/') ? `/${q.resource.split('/')[1]}` : ''}` : q.resource);

/** Subjects the engine lets do the question outright. */
function allowed(e: AccessEngine, q: Question): Set<string> {
  const a = whoCan(e, { verb: q.verb, target: e.target(targetText(q)), namespace: q.namespace, name: q.name });
  return new Set(a.holders.filter((h) => h.reach !== 'names').map((h) => key(h.subject)));
}

const SEEDS = Array.from({ length: 40 }, (_, i) => 1000 + i);

test('who-can agrees with the oracle on every (subject, verb, resource, namespace, name) of generated workspaces', () => {
  for (const seed of SEEDS) {
    const { world } = generate(seed);
    const e = engineOf(world);
    for (const q of questions()) {
      const got = allowed(e, q);
      const [resource, subresource] = q.resource.split('/');
      for (const s of [...SAS, ...OTHERS]) {
        const want = oracleAllows(world.roles, world.bindings, s, { verb: q.verb, group: q.group, resource, subresource, namespace: q.namespace ?? undefined, name: q.name ?? undefined });
        // Groups the workspace never names are not listed (who-can lists subjects it knows of).
        if (s.kind !== 'ServiceAccount' && !e.candidates().some((c) => key(c) === key(s))) continue;
        assert.equal(got.has(key(s)), want, `seed ${seed}: ${key(s)} ${q.verb} ${q.resource} ns=${q.namespace} name=${q.name}`);
      }
    }
  }
});

test('adding a binding never removes access', () => {
  for (const seed of SEEDS) {
    const { world, rand } = generate(seed);
    const before = engineOf(world);
    const after = engineOf({ ...world, bindings: [...world.bindings, randomBinding(rand, world, 'extra')] });
    for (const q of questions()) {
      const was = allowed(before, q);
      const now = allowed(after, q);
      for (const s of was) assert.ok(now.has(s), `seed ${seed}: ${s} lost ${q.verb} ${q.resource} ns=${q.namespace} name=${q.name}`);
    }
  }
});

/** What the access table says about one question: a row naming the resource (or `*`) with the cell allowed. */
function tableAllows(t: AccessTable, q: Question): boolean {
  const sections = t.sections.filter((s) => s.reach === 'cluster' || (q.namespace !== null && s.reach.namespace === q.namespace));
  return sections.some((s) => s.rows.some((r) => (r.group === q.group || r.group === '*') && (r.resource === q.resource || r.resource === '*' || (r.resource.startsWith('*/') && q.resource.endsWith(r.resource.slice(1)))) && r.cells[q.verb] === 'yes'));
}

test('who-can and access agree on every (subject, verb, resource, namespace) of generated workspaces', () => {
  for (const seed of SEEDS) {
    const { world } = generate(seed);
    const e = engineOf(world);
    const tables = new Map(e.candidates().map((s) => [key(s), accessTable(e, s)]));
    for (const q of questions()) {
      if (q.name !== null) continue;
      const got = allowed(e, q);
      for (const [k, t] of tables) assert.equal(tableAllows(t, q), got.has(k), `seed ${seed}: ${k} ${q.verb} ${q.resource} ns=${q.namespace}`);
    }
  }
});
