// Regenerates the Kubernetes built-in objects data (bootstrap policy) from inputs kept in the repository:
// data/sources/kubernetes/*.yaml (upstream test fixtures, verbatim) and PROVENANCE.json (where they come from).
// Nothing outside the repository is read; the output is sorted and byte-identical on every run.
// Run: npm run data          (writes data/k8s-builtins.json)
//      node --import tsx scripts/gen-k8s-data.ts --out <dir>   (writes into another folder, for the tests)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const repo = resolve(import.meta.dirname, '..');
const srcDir = join(repo, 'data', 'sources', 'kubernetes');
const outArg = process.argv.indexOf('--out');
const outDir = outArg >= 0 ? resolve(process.argv[outArg + 1] ?? '') : join(repo, 'data');

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
  verbs: string[];
}
interface Subject {
  kind: string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const provenance = JSON.parse(readFileSync(join(srcDir, 'PROVENANCE.json'), 'utf8')) as {
  repository: string;
  directory: string;
  kubernetesVersion: string;
  versionNote: string;
  retrieved: string;
  files: { file: string; commit: string; chars: number; gitBlob: string }[];
};

/** Reads an input and checks it is byte for byte the file its provenance names (git blob id). */
function input(file: string): string {
  const entry = provenance.files.find((f) => f.file === file);
  if (!entry) throw new Error(`${file}: not listed in PROVENANCE.json`);
  const bytes = readFileSync(join(srcDir, file));
  const blob = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
  if (blob !== entry.gitBlob) throw new Error(`${file}: git blob ${blob}, PROVENANCE.json says ${entry.gitBlob}`);
  return bytes.toString('utf8');
}

const ORIGINS = {
  'cluster-roles.yaml': 'policy',
  'controller-roles.yaml': 'controller',
  'cluster-role-bindings.yaml': 'policy',
  'controller-role-bindings.yaml': 'controller',
  'namespace-roles.yaml': 'policy',
  'namespace-role-bindings.yaml': 'policy',
} as const;
type SourceFile = keyof typeof ORIGINS;

function items(file: SourceFile, kind: string): { item: Any; origin: 'policy' | 'controller' }[] {
  const doc = parse(input(file)) as Any;
  if (doc?.kind !== 'List' || !Array.isArray(doc.items)) throw new Error(`${file}: not a List`);
  return (doc.items as Any[]).map((item) => {
    if (item.kind !== kind) throw new Error(`${file}: ${item.kind} ${item.metadata?.name} is not a ${kind}`);
    return { item, origin: ORIGINS[file] };
  });
}

/** A policy rule with its fields in a fixed order; absent lists stay absent. */
function rule(r: Any): Rule {
  const out: Any = {};
  for (const k of ['apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'] as const) if (Array.isArray(r[k])) out[k] = r[k].map(String);
  out.verbs = (r.verbs ?? []).map(String);
  return out as Rule;
}
const rules = (rs: Any): Rule[] => (Array.isArray(rs) ? rs.map(rule) : []);

function subject(s: Any): Subject {
  const out: Subject = { kind: String(s.kind), name: String(s.name) };
  if (s.namespace) out.namespace = String(s.namespace);
  if (s.apiGroup) out.apiGroup = String(s.apiGroup);
  return out;
}

const byName = <T extends { name: string; namespace?: string }>(a: T, b: T): number => {
  const ka = `${a.namespace ?? ''}\u0000${a.name}`;
  const kb = `${b.namespace ?? ''}\u0000${b.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

// ---- ClusterRoles ---------------------------------------------------------------------------------
interface ClusterRoleOut {
  name: string;
  origin: 'policy' | 'controller';
  labels: Record<string, string>;
  aggregationRule?: { clusterRoleSelectors: { matchLabels: Record<string, string> }[] };
  rules: Rule[];
  aggregatesFrom: string[];
  aggregatesInto: string[];
  effectiveRules?: Rule[];
}

const clusterRoles: ClusterRoleOut[] = [...items('cluster-roles.yaml', 'ClusterRole'), ...items('controller-roles.yaml', 'ClusterRole')].map(({ item, origin }) => {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries((item.metadata?.labels ?? {}) as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) labels[k] = String(v);
  const selectors = ((item.aggregationRule?.clusterRoleSelectors ?? []) as Any[]).map((s) => {
    if (s.matchExpressions) throw new Error(`${item.metadata.name}: matchExpressions selectors are not supported`);
    const matchLabels: Record<string, string> = {};
    for (const [k, v] of Object.entries((s.matchLabels ?? {}) as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) matchLabels[k] = String(v);
    return { matchLabels };
  });
  const out: ClusterRoleOut = {
    name: String(item.metadata.name),
    origin,
    labels,
    rules: rules(item.rules),
    aggregatesFrom: selectors.flatMap((s) => Object.keys(s.matchLabels)),
    aggregatesInto: [],
  };
  if (item.aggregationRule) out.aggregationRule = { clusterRoleSelectors: selectors };
  return out;
});
clusterRoles.sort(byName);

const matches = (sel: { matchLabels: Record<string, string> }, labels: Record<string, string>): boolean =>
  Object.entries(sel.matchLabels).every(([k, v]) => labels[k] === v);

// aggregatesInto: the aggregated roles whose selectors match this role's labels.
for (const c of clusterRoles) {
  c.aggregatesInto = clusterRoles
    .filter((a) => a !== c && a.aggregationRule?.clusterRoleSelectors.some((s) => matches(s, c.labels)))
    .map((a) => a.name);
}

// effectiveRules of aggregated roles: the rules of every role their selectors match, transitively
// (admin ← edit ← view), each distinct rule once, in role-name order — what the aggregation controller
// would write into the role on a cluster that has only the built-in roles.
const byRoleName = new Map(clusterRoles.map((c) => [c.name, c]));
function effective(c: ClusterRoleOut, seen: Set<string>): Rule[] {
  if (!c.aggregationRule) return c.rules;
  if (seen.has(c.name)) return [];
  seen.add(c.name);
  const out: Rule[] = [];
  const keys = new Set<string>();
  for (const r of c.rules) {
    keys.add(JSON.stringify(r));
    out.push(r);
  }
  for (const m of clusterRoles) {
    if (m === c || !c.aggregationRule.clusterRoleSelectors.some((s) => matches(s, m.labels))) continue;
    for (const r of effective(byRoleName.get(m.name) as ClusterRoleOut, seen)) {
      const key = JSON.stringify(r);
      if (keys.has(key)) continue;
      keys.add(key);
      out.push(r);
    }
  }
  return out;
}
for (const c of clusterRoles) if (c.aggregationRule) c.effectiveRules = effective(c, new Set());

// ---- Roles ------------------------------------------------------------------------------------------
const roles = items('namespace-roles.yaml', 'Role')
  .map(({ item }) => ({ namespace: String(item.metadata.namespace), name: String(item.metadata.name), rules: rules(item.rules) }))
  .sort(byName);

// ---- Bindings ---------------------------------------------------------------------------------------
const roleRef = (r: Any): { kind: string; name: string } => ({ kind: String(r.kind), name: String(r.name) });
const clusterRoleBindings = [...items('cluster-role-bindings.yaml', 'ClusterRoleBinding'), ...items('controller-role-bindings.yaml', 'ClusterRoleBinding')]
  .map(({ item, origin }) => ({ name: String(item.metadata.name), origin, roleRef: roleRef(item.roleRef), subjects: ((item.subjects ?? []) as Any[]).map(subject) }))
  .sort(byName);
const roleBindings = items('namespace-role-bindings.yaml', 'RoleBinding')
  .map(({ item }) => ({ namespace: String(item.metadata.namespace), name: String(item.metadata.name), roleRef: roleRef(item.roleRef), subjects: ((item.subjects ?? []) as Any[]).map(subject) }))
  .sort(byName);

for (const b of [...clusterRoleBindings, ...roleBindings]) {
  const ns = 'namespace' in b ? (b.namespace as string) : null;
  const found = b.roleRef.kind === 'ClusterRole' ? byRoleName.has(b.roleRef.name) : roles.some((r) => r.namespace === ns && r.name === b.roleRef.name);
  if (!found) throw new Error(`binding ${b.name}: roleRef ${b.roleRef.kind} ${b.roleRef.name} is not in the inputs`);
}

// ---- ServiceAccounts --------------------------------------------------------------------------------
// The ServiceAccounts the bootstrap bindings name: the controllers' accounts (subjects of the controller
// bindings, which kube-controller-manager creates in kube-system when it runs its controllers with
// their own credentials) and the other accounts the default bindings name. `default` in every
// namespace is a rule of the accessor, not a row here.
const saRows = new Map<string, { namespace: string; name: string; origin: 'policy' | 'controller'; boundBy: string[] }>();
const bindingsForSa = [
  ...clusterRoleBindings.map((b) => ({ ref: `ClusterRoleBinding ${b.name}`, ns: null as string | null, origin: b.origin as 'policy' | 'controller', subjects: b.subjects })),
  ...roleBindings.map((b) => ({ ref: `RoleBinding ${b.namespace}/${b.name}`, ns: b.namespace as string | null, origin: 'policy' as const, subjects: b.subjects })),
];
for (const b of bindingsForSa) {
  for (const s of b.subjects) {
    if (s.kind !== 'ServiceAccount') continue;
    const namespace = s.namespace ?? b.ns;
    if (!namespace) throw new Error(`${b.ref}: ServiceAccount ${s.name} without namespace`);
    const key = `${namespace}\u0000${s.name}`;
    const row = saRows.get(key) ?? { namespace, name: s.name, origin: b.origin, boundBy: [] };
    if (b.origin === 'controller') row.origin = 'controller';
    row.boundBy.push(b.ref);
    saRows.set(key, row);
  }
}
const serviceAccounts = [...saRows.values()].map((r) => ({ ...r, boundBy: [...r.boundBy].sort() })).sort(byName);

// ---- Output -----------------------------------------------------------------------------------------
/** JSON with one-space indent, where flat objects (rules, subjects, refs) and lists of strings stay on one line. */
function stringify(v: unknown, indent = ''): string {
  const flat = (x: unknown): boolean =>
    x === null || typeof x !== 'object' || (Array.isArray(x) ? x.every((y) => y === null || typeof y !== 'object') : Object.values(x as object).every((y) => y === null || typeof y !== 'object' || (Array.isArray(y) && y.every((z) => typeof z !== 'object'))));
  if (flat(v)) return JSON.stringify(v);
  const inner = indent + ' ';
  if (Array.isArray(v)) return `[\n${v.map((x) => inner + stringify(x, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(v as Record<string, unknown>);
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${stringify(x, inner)}`).join(',\n')}\n${indent}}`;
}

const version = provenance.kubernetesVersion;
// The newest input commit stands for the set; every file's own commit and blob are listed beside it.
const newest = provenance.files.find((f) => f.file === 'controller-roles.yaml') as { commit: string };
const out = {
  _meta: {
    description:
      'Objects every Kubernetes cluster has: the bootstrap ClusterRoles, Roles, ClusterRoleBindings and RoleBindings of the RBAC bootstrap policy, ' +
      'and the kube-system ServiceAccounts those bindings name. Generated by scripts/gen-k8s-data.ts from the upstream test fixtures in data/sources/kubernetes/. ' +
      'rules, labels, roleRefs and subjects are verbatim; aggregatesFrom, aggregatesInto, effectiveRules and serviceAccounts are derived here ' +
      '(effectiveRules: the rules of every built-in role the aggregation selectors match, transitively, each distinct rule once).',
    kubernetesVersion: version,
    versionNote: provenance.versionNote,
    source: {
      repository: provenance.repository,
      commit: newest.commit,
      date: 'unknown',
      retrieved: provenance.retrieved,
      files: provenance.files.map((f) => ({ path: `${provenance.directory}/${f.file}`, commit: f.commit, gitBlob: f.gitBlob })),
    },
  },
  clusterRoles,
  roles,
  clusterRoleBindings,
  roleBindings,
  serviceAccounts,
};

mkdirSync(outDir, { recursive: true });
const text = stringify(out) + '\n';
writeFileSync(join(outDir, 'k8s-builtins.json'), text);
process.stdout.write(
  `k8s-builtins.json: ${Buffer.byteLength(text)} bytes — Kubernetes ${version}: ${clusterRoles.length} ClusterRoles, ${roles.length} Roles, ` +
    `${clusterRoleBindings.length} ClusterRoleBindings, ${roleBindings.length} RoleBindings, ${serviceAccounts.length} ServiceAccounts\n`,
);
