/**
 * Access queries at scale (issue 18): `who-can` and `access` over a generated workspace of 5,000 bindings (RoleBindings
 * in 250 namespaces, ClusterRoleBindings, aggregated and built-in ClusterRoles, resourceNames, groups). Reports each
 * query's time against a floor — one pass that checks every grant of every subject against the request, the least
 * work any answer needs — as run.ts reports the analyzer against the parse floor, and says whether the 100 ms budget
 * holds. The engine is bundled with the production options, like run.ts.
 *
 * Usage: node --import tsx bench/access.ts [--bindings 5000] [--runs 7]
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { prng } from './corpus';
import { quantile, round, timed } from './stats';

const HERE = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const BINDINGS = Number(opt('bindings') ?? 5000);
const RUNS = Number(opt('runs') ?? 7);
const BUDGET_MS = 100;

const scratch = join(HERE, 'corpus');
mkdirSync(scratch, { recursive: true });
const bundle = join(scratch, 'access-engine.cjs');
esbuild.buildSync({
  stdin: { contents: "export * from './src/core/access/index';\nexport { WorkspaceIndex } from './src/core/index/workspace-index';\nexport { ruleVerdict } from './src/core/access/authorize';", resolveDir: join(HERE, '..'), loader: 'ts' },
  outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, legalComments: 'none', logLevel: 'error',
});
type Engine = typeof import('../src/core/access/index') & typeof import('../src/core/index/workspace-index') & typeof import('../src/core/access/authorize');
const E = createRequire(import.meta.url)(bundle) as Engine;

/** A workspace with `n` bindings: per namespace a Role, ServiceAccounts and RoleBindings; some cluster-wide ones. */
function workspace(n: number): Map<string, string> {
  const rnd = prng(18);
  const files = new Map<string, string>();
  const namespaces = 250;
  const verbs = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
  const resources = ['pods', 'secrets', 'configmaps', 'services', 'deployments', 'jobs', 'pods/log', 'pods/exec'];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const clusterRoles = ['view', 'edit', 'admin', 'cluster-admin', 'agg-reader'];
  const docs: string[] = [
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: agg-reader\naggregationRule:\n  clusterRoleSelectors:\n    - matchLabels:\n        example.com/agg: "true"\nrules: []\n',
    ...Array.from({ length: 20 }, (_, i) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: part-${i}\n  labels:\n    example.com/agg: "true"\nrules:\n  - apiGroups: [""]\n    resources: ["${pick(resources)}"]\n    verbs: ["${pick(verbs)}"]\n`),
  ];
  files.set('/ws/cluster.yaml', docs.join('---\n'));
  let made = 0;
  for (let ns = 0; made < n; ns = (ns + 1) % namespaces) {
    const name = `ns-${ns}`;
    const out: string[] = [];
    if (!files.has(`/ws/${name}.yaml`)) {
      out.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: app\n  namespace: ${name}\nrules:\n` +
        Array.from({ length: 3 }, () => `  - apiGroups: ["", "apps", "batch"]\n    resources: ["${pick(resources)}"]\n${rnd() < 0.2 ? '    resourceNames: ["one"]\n' : ''}    verbs: ["${pick(verbs)}", "${pick(verbs)}"]\n`).join(''));
      for (let s = 0; s < 8; s++) out.push(`apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-${s}\n  namespace: ${name}\n`);
    }
    for (let b = 0; b < 4 && made < n; b++, made++) {
      const cluster = rnd() < 0.05;
      const subject = rnd() < 0.1 ? `  - kind: Group\n    apiGroup: rbac.authorization.k8s.io\n    name: team-${Math.floor(rnd() * 40)}\n` : `  - kind: ServiceAccount\n    name: sa-${Math.floor(rnd() * 8)}\n    namespace: ${name}\n`;
      const ref = cluster || rnd() < 0.3 ? `  kind: ClusterRole\n  name: ${pick(clusterRoles)}\n` : '  kind: Role\n  name: app\n';
      out.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: ${cluster ? 'ClusterRoleBinding' : 'RoleBinding'}\nmetadata:\n  name: b-${made}\n${cluster ? '' : `  namespace: ${name}\n`}subjects:\n${subject}roleRef:\n  apiGroup: rbac.authorization.k8s.io\n${ref}`);
    }
    const path = `/ws/${name}.yaml`;
    files.set(path, [files.get(path), ...out].filter(Boolean).join('---\n'));
  }
  return files;
}

/** CPU milliseconds of the main thread: on a shared machine, wall time measures the neighbours too. */
function ms(f: () => unknown): number {
  return timed(f).t.cpu;
}

const files = workspace(BINDINGS);
const index = new E.WorkspaceIndex({ defaultNamespace: 'default', maxFileSize: 1 << 24 });
const indexMs = ms(() => { for (const [p, t] of files) index.setFile(p, t); });
let bindings = 0;
for (const k of ['RoleBinding', 'ClusterRoleBinding']) for (const _ of index.ofKind(k)) bindings++;

const QUERIES: [string, string, string | null][] = [['get', 'secrets', 'ns-7'], ['get', 'secrets', null], ['create', 'pods/exec', 'ns-42'], ['list', 'deployments', null], ['delete', 'configmaps', 'ns-199']];
const rows: { what: string; p50: number; max: number; floor: number; ratio: number; ok: boolean }[] = [];

// The cold query builds the access model and the built-in grants: what the first question after opening pays.
const cold = new E.AccessEngine(index);
const coldMs = ms(() => E.whoCan(cold, { verb: 'get', target: cold.target('secrets'), namespace: 'ns-1', name: null }));

// One untimed round so that every path is compiled before anything counts.
for (const [verb, what, ns] of QUERIES) { const e = new E.AccessEngine(index); E.whoCan(e, { verb, target: e.target(what), namespace: ns, name: null }); }
for (const [verb, what, ns] of QUERIES) {
  const times: number[] = [];
  const floors: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    // A fresh engine on the same index: the model is cached per index state, as in the editor.
    const engine = new E.AccessEngine(index);
    const target = engine.target(what);
    floors.push(ms(() => {
      let n = 0;
      for (const s of engine.candidates()) for (const g of s.kind === 'Entra' ? [] : engine.grantsOf(s)) if (E.ruleVerdict(g.rule, verb, target, null)) n++;
      return n;
    }));
    times.push(ms(() => E.whoCan(engine, { verb, target, namespace: ns, name: null })));
  }
  const p50 = quantile(times, 0.5);
  const floor = quantile(floors, 0.5);
  rows.push({ what: `who-can ${verb} ${what}${ns ? ` -n ${ns}` : ''}`, p50: round(p50), max: round(Math.max(...times)), floor: round(floor), ratio: round(p50 / floor), ok: Math.max(...times) < BUDGET_MS });
}
const engine = new E.AccessEngine(index);
const subject = engine.candidates().find((s) => s.kind === 'ServiceAccount' && s.namespace === 'ns-3' && engine.grantsOf(s).length > 0)!;
const accessTimes = Array.from({ length: RUNS }, () => ms(() => E.accessTable(new E.AccessEngine(index), subject)));
rows.push({ what: 'access system:serviceaccount:ns-3:…', p50: round(quantile(accessTimes, 0.5)), max: round(Math.max(...accessTimes)), floor: NaN, ratio: NaN, ok: Math.max(...accessTimes) < BUDGET_MS });

process.stdout.write(`Workspace: ${bindings} bindings, ${files.size} files; indexed in ${Math.round(indexMs)} ms CPU; first query (builds the access model) ${round(coldMs)} ms CPU\n\n`);
const w = Math.max(...rows.map((r) => r.what.length));
process.stdout.write(`${'query (CPU time)'.padEnd(w)}  p50 ms  max ms  floor ms  ratio  under ${BUDGET_MS} ms\n`);
for (const r of rows) {
  process.stdout.write(`${r.what.padEnd(w)}  ${String(r.p50).padStart(6)}  ${String(r.max).padStart(6)}  ${String(Number.isNaN(r.floor) ? '—' : r.floor).padStart(8)}  ${String(Number.isNaN(r.ratio) ? '—' : r.ratio).padStart(5)}  ${r.ok ? 'yes' : 'NO'}\n`);
}
process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
