import { isNamespaced, type Reach } from './authorize';
import { clustersWithoutAzureRbac } from './azure';
import { compareQuerySubjects, querySubjectKey, type AccessEngine, type AccessPath, type AccessQuery, type QuerySubject } from './engine';
import { targetLabel, type Target } from './resources';

/** How far a holder's access goes: everywhere, in some namespaces, or only for some object names. */
export type HolderReach = 'cluster' | 'namespace' | 'names';

export interface Holder {
  subject: QuerySubject;
  reach: HolderReach;
  paths: AccessPath[];
}

/** A subject that does not hold the permission but can give it to itself. */
export interface Gainer {
  subject: QuerySubject;
  reach: Reach;
  /** One sentence: what it can do that leads there. */
  how: string;
  /** The paths of the permission that opens the way. */
  paths: AccessPath[];
}

export interface WhoCanAnswer {
  query: AccessQuery;
  label: string;
  holders: Holder[];
  gainers: Gainer[];
  /** Built-in subjects (every cluster has them) that hold it, when built-in bindings were not counted. */
  builtinHolders: QuerySubject[];
  notes: string[];
}

const KNOWN_VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'bind', 'escalate', 'impersonate', 'use', 'approve', 'sign', 'attest']);

const RANK: Record<HolderReach, number> = { cluster: 0, namespace: 1, names: 2 };

function holderReach(paths: AccessPath[]): HolderReach {
  const full = paths.filter((p) => p.onlyNames === null);
  if (full.some((p) => p.reach === 'cluster')) return 'cluster';
  return full.length ? 'namespace' : 'names';
}

/** Cluster-wide paths first, then by namespace, each group in the order found. */
function sortPaths(paths: AccessPath[]): AccessPath[] {
  const key = (p: AccessPath) => `${p.onlyNames ? 1 : 0}${p.reach === 'cluster' ? '' : p.reach.namespace}`;
  return [...paths].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

const RBAC = 'rbac.authorization.k8s.io';
const rbacTarget = (engine: AccessEngine, resource: string, namespaced?: boolean): Target => {
  const t = engine.target(`${resource}.${RBAC}`);
  // The bind check of a RoleBinding that refers to a ClusterRole runs in the RoleBinding's namespace.
  return namespaced && t.kind === 'resource' && t.type ? { ...t, type: { ...t.type, namespaced: true } } : t;
};
const coreTarget = (engine: AccessEngine, resource: string): Target => engine.target(resource);

/** Whether a reach covers the query's namespace (null: any). */
function within(reach: Reach, q: AccessQuery): boolean {
  if (reach === 'cluster') return true;
  return isNamespaced(q.target) && (q.namespace === null || q.namespace === reach.namespace);
}

const ESCALATION_VERBS = new Set(['*', 'bind', 'escalate', 'impersonate']);

/** Only a subject holding bind, escalate or impersonate somewhere can gain what it lacks (most hold none). */
function mayEscalate(engine: AccessEngine, s: QuerySubject): boolean {
  if (s.kind === 'Entra') return true;
  return engine.grantsOf(s).some((g) => g.rule.verbs.some((v) => ESCALATION_VERBS.has(v)));
}

/**
 * Subjects that can give themselves any permission, as the RBAC documentation warns: `bind` on ClusterRole
 * cluster-admin with the right to create bindings, `escalate` on roles they can write, `impersonate` on users or
 * groups (any, or system:masters) — and impersonating a ServiceAccount that holds the permission.
 */
function gainersOf(engine: AccessEngine, q: AccessQuery, holders: Holder[], skip: Set<string>): Gainer[] {
  const out: Gainer[] = [];
  const ask = (s: QuerySubject, verb: string, target: Target, namespace: string | null, name: string | null) =>
    engine.allows(s, { verb, target, namespace, name });
  const clusterOnly = (ps: AccessPath[]) => ps.filter((p) => p.reach === 'cluster');
  for (const s of engine.candidates()) {
    if (skip.has(querySubjectKey(s)) || !mayEscalate(engine, s)) continue;
    const add = (reach: Reach, how: string, paths: AccessPath[]) => {
      if (within(reach, q)) out.push({ subject: s, reach, how, paths });
    };
    const bind = clusterOnly(ask(s, 'bind', rbacTarget(engine, 'clusterroles'), null, 'cluster-admin'));
    const crb = clusterOnly(ask(s, 'create', rbacTarget(engine, 'clusterrolebindings'), null, null));
    if (bind.length && crb.length) {
      add('cluster', 'can bind ClusterRole cluster-admin to itself (bind on cluster-admin, create on ClusterRoleBindings)', [bind[0], crb[0]]);
      continue;
    }
    const escalate = clusterOnly(ask(s, 'escalate', rbacTarget(engine, 'clusterroles'), null, null));
    const writeRoles = clusterOnly(['create', 'update', 'patch'].flatMap((v) => ask(s, v, rbacTarget(engine, 'clusterroles'), null, null)));
    if (escalate.length && writeRoles.length) {
      add('cluster', 'can write ClusterRoles with any permission (escalate and write on ClusterRoles)', [escalate[0], writeRoles[0]]);
      continue;
    }
    const users = clusterOnly(ask(s, 'impersonate', coreTarget(engine, 'users'), null, null));
    const masters = clusterOnly(ask(s, 'impersonate', coreTarget(engine, 'groups'), null, 'system:masters'));
    if (users.length || masters.length) {
      add('cluster', users.length ? 'can impersonate any user' : 'can impersonate group system:masters', users.length ? [users[0]] : [masters[0]]);
      continue;
    }
    if (isNamespaced(q.target)) {
      // Namespace by namespace: a RoleBinding to cluster-admin, or roles it may escalate.
      const rbs = ask(s, 'create', rbacTarget(engine, 'rolebindings'), q.namespace, null);
      let found = false;
      for (const rb of rbs) {
        const ns = rb.reach === 'cluster' ? q.namespace : rb.reach.namespace;
        const where = ns === null ? 'in any namespace' : `in namespace ${ns}`;
        const b = ask(s, 'bind', rbacTarget(engine, 'clusterroles', true), ns, 'cluster-admin').filter((p) => p.reach === 'cluster' || rb.reach !== 'cluster');
        if (b.length) {
          add(rb.reach, `can bind ClusterRole cluster-admin ${where} (bind on cluster-admin, create on RoleBindings)`, [b[0], rb]);
          found = true;
          break;
        }
        const e = ask(s, 'escalate', rbacTarget(engine, 'roles'), ns, null).filter((p) => p.reach === 'cluster' || rb.reach !== 'cluster');
        const w = ['create', 'update', 'patch'].flatMap((v) => ask(s, v, rbacTarget(engine, 'roles'), ns, null)).filter((p) => p.reach === 'cluster' || rb.reach !== 'cluster');
        if (e.length && w.length) {
          add(rb.reach, `can write Roles with any permission ${where} (escalate and write on Roles)`, [e[0], w[0]]);
          found = true;
          break;
        }
      }
      if (found) continue;
    }
    // Impersonating a holder: only worth asking where the subject may impersonate at all.
    const canSA = engine.paths(s, { verb: 'impersonate', target: coreTarget(engine, 'serviceaccounts'), namespace: null, name: null });
    const canUser = clusterOnly(engine.paths(s, { verb: 'impersonate', target: coreTarget(engine, 'users'), namespace: null, name: null }));
    if (!canSA.length && !canUser.length) continue;
    const saNamespaces = canSA.some((p) => p.reach === 'cluster') ? null : new Set(canSA.map((p) => (p.reach as { namespace: string }).namespace));
    for (const h of holders) {
      if (h.reach === 'names' || h.subject.kind === 'Entra' || h.subject.kind === 'Group') continue;
      const hs = h.subject;
      if (hs.kind === 'ServiceAccount' ? !canSA.length || (saNamespaces !== null && !saNamespaces.has(hs.namespace)) : !canUser.length) continue;
      const res = hs.kind === 'ServiceAccount' ? 'serviceaccounts' : 'users';
      const imp = ask(s, 'impersonate', coreTarget(engine, res), hs.kind === 'ServiceAccount' ? hs.namespace : null, hs.name);
      if (!imp.length) continue;
      const who = hs.kind === 'ServiceAccount' ? `ServiceAccount ${hs.namespace}/${hs.name}` : `user ${hs.name}`;
      const reach = h.paths.find((p) => p.onlyNames === null && p.reach === 'cluster') ? 'cluster' : h.paths.find((p) => p.onlyNames === null)!.reach;
      add(reach, `can impersonate ${who}, which holds it`, [imp[0]]);
      break;
    }
  }
  return out;
}

/** Who may do `verb` on the target: holders ordered cluster-wide first, then who can gain it, then notes. */
export function whoCan(engine: AccessEngine, q: AccessQuery): WhoCanAnswer {
  const azure = engine.azureFor(q);
  const holders: Holder[] = [];
  for (const s of engine.candidates()) {
    const paths = engine.paths(s, q, azure);
    if (paths.length) holders.push({ subject: s, reach: holderReach(paths), paths: sortPaths(paths) });
  }
  holders.sort((a, b) => RANK[a.reach] - RANK[b.reach] || compareQuerySubjects(a.subject, b.subject));
  const skip = new Set(holders.filter((h) => h.reach !== 'names').map((h) => querySubjectKey(h.subject)));
  const gainers = gainersOf(engine, q, holders, skip).sort((a, b) => (a.reach === 'cluster' ? 0 : 1) - (b.reach === 'cluster' ? 0 : 1) || compareQuerySubjects(a.subject, b.subject));

  const builtinHolders: QuerySubject[] = [];
  if (!engine.options.builtin) {
    for (const s of engine.builtins().subjects) {
      if (skip.has(querySubjectKey(s))) continue;
      if (engine.paths(s, q, azure, true).some((p) => p.onlyNames === null)) builtinHolders.push(s);
    }
    builtinHolders.sort(compareQuerySubjects);
  }
  const notes: string[] = [];
  const t = q.target;
  if (!KNOWN_VERBS.has(q.verb)) notes.push(`${q.verb} is not a verb Kubernetes checks for built-in resources (${[...KNOWN_VERBS].join(', ')}); only rules naming it or * count.`);
  if (t.kind === 'resource' && !t.type) {
    notes.push(t.group === null
      ? `${t.resource} is not a built-in resource nor one of the workspace's CustomResourceDefinitions, so its API group is unknown and rules of any group count; write <resource>.<group> to be exact.`
      : `${targetLabel(t)} is not a built-in resource nor one of the workspace's CustomResourceDefinitions; it is taken to be namespaced.`);
  }
  if (t.kind === 'resource' && t.type && !t.type.namespaced && q.namespace !== null && t.resource !== 'namespaces') {
    notes.push(`${targetLabel(t)} is cluster-scoped, so only ClusterRoleBindings grant it; the namespace is ignored.`);
  }
  if (engine.graph) {
    const off = clustersWithoutAzureRbac(engine.graph);
    if (off.length) notes.push(`Azure RBAC for Kubernetes authorization is off on ${off.join(', ')}: role assignments grant nothing inside ${off.length === 1 ? 'it' : 'them'}.`);
  }
  return { query: q, label: targetLabel(t), holders, gainers, builtinHolders, notes };
}
