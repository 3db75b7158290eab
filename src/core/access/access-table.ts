import { isNamespaced, type Reach } from './authorize';
import { azureAssignmentsOf, resourcesOfPattern } from './azure';
import type { AccessEngine, QuerySubject } from './engine';
import type { ResourceType, Target } from './resources';

/** The verbs of the table's columns, as rakkess shows them; other verbs a rule names go to the last column. */
export const TABLE_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'] as const;

/** A cell: allowed for every object, only for named objects, or not. */
export type Cell = 'yes' | 'names' | 'no';

export interface AccessRow {
  group: string;
  /** `pods`, `pods/exec`, or `*` for every resource. */
  resource: string;
  cells: Record<string, Cell>;
  /** Other verbs allowed (bind, escalate, impersonate, use, approve, …); `*` when the rules allow every verb. */
  other: string[];
  risk: number;
}

export interface AccessSection {
  reach: Reach;
  rows: AccessRow[];
  /** Non-resource URLs with the verbs allowed on them (cluster section only). */
  urls: { url: string; verbs: string[] }[];
  risk: number;
}

export interface AccessTable {
  subject: QuerySubject;
  sections: AccessSection[];
}

const SENSITIVE: Record<string, number> = {
  secrets: 4, 'pods/exec': 3, 'pods/attach': 3, 'nodes/proxy': 3, 'serviceaccounts/token': 3, 'pods/portforward': 2,
  clusterrolebindings: 3, rolebindings: 3, clusterroles: 3, roles: 3,
  mutatingwebhookconfigurations: 3, validatingwebhookconfigurations: 3, certificatesigningrequests: 2,
  pods: 2, deployments: 2, daemonsets: 2, statefulsets: 2, replicasets: 2, jobs: 2, cronjobs: 2, replicationcontrollers: 2,
};
// The resources the API server checks these verbs on; an Azure wildcard (`configmaps/*`) matches `bind/action` on
// anything, but no request ever asks for it there.
const ACTS_ON: Record<string, string[]> = {
  bind: ['roles', 'clusterroles'], escalate: ['roles', 'clusterroles'],
  impersonate: ['users', 'groups', 'serviceaccounts', 'uids', 'userextras'],
};
const ESCALATING = new Set(['bind', 'escalate', 'impersonate', '*']);
const WRITES = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

/** Riskiest first: every resource, Secrets, the escalation verbs, then writes of sensitive kinds, then writes, reads. */
function riskOf(row: Omit<AccessRow, 'risk'>): number {
  const any = (verbs: string[]) => verbs.some((v) => row.cells[v] === 'yes' || row.cells[v] === 'names');
  if (row.resource === '*' || row.group === '*' || row.other.includes('*')) return 6;
  if (row.other.some((v) => ESCALATING.has(v))) return 5;
  const base = SENSITIVE[row.resource] ?? 0;
  if (row.resource === 'secrets') return any(['get', 'list', 'watch']) ? 5 : any([...WRITES]) ? 3 : 0;
  const writes = any([...WRITES]);
  if (base >= 3 && (writes || row.resource.includes('/'))) return 4;
  if (base >= 2 && writes) return 3;
  return writes ? 1 : 0;
}

function targetOf(engine: AccessEngine, group: string, resource: string): Target {
  const [res, sub] = resource.split('/');
  const type: ResourceType | null = res === '*' ? null : engine.knownResources().find((k) => k.resource === res && (group === '*' || k.group === group)) ?? null;
  return { kind: 'resource', resource: res, subresource: sub ?? null, type, group: group === '*' ? '*' : group };
}

/** A (group, resource) pair one grant names, where it applies. */
interface RowSource {
  group: string;
  resource: string;
  reach: Reach;
}

/** What the subject's grants name: rows (`*` kept as itself), the verbs its rules list, non-resource URLs. */
function sourcesOf(engine: AccessEngine, subject: QuerySubject): { rows: RowSource[]; verbs: Set<string>; urls: Map<string, Set<string>> } {
  const rows: RowSource[] = [];
  const verbs = new Set<string>();
  const urls = new Map<string, Set<string>>();
  if (subject.kind === 'Entra') {
    for (const a of engine.graph ? azureAssignmentsOf(engine.graph, subject.id) : []) {
      for (const pattern of a.patterns) {
        const r = resourcesOfPattern(pattern);
        if (r) for (const reach of a.reaches) rows.push({ ...r, reach });
      }
    }
    // Data actions name these verbs as `<verb>/action`; a role's wildcards may hold them.
    for (const v of ['bind', 'escalate', 'impersonate']) verbs.add(v);
    return { rows, verbs, urls };
  }
  for (const g of engine.grantsOf(subject)) {
    const reach: Reach = g.scope === 'cluster' ? 'cluster' : g.scope;
    for (const v of g.rule.verbs) verbs.add(v);
    if (g.scope === 'cluster') for (const u of g.rule.nonResourceURLs ?? []) urls.set(u, new Set([...(urls.get(u) ?? []), ...g.rule.verbs]));
    for (const group of g.rule.apiGroups ?? []) for (const resource of g.rule.resources ?? []) rows.push({ group, resource, reach });
  }
  return { rows, verbs, urls };
}

/**
 * The subject's effective permissions as a table per reach (rakkess-style: resources × verbs): the cluster-wide
 * section first, then each namespace where it holds something there, riskiest first. Every cell is the answer the
 * who-can query gives for that (verb, resource, namespace).
 */
export function accessTable(engine: AccessEngine, subject: QuerySubject): AccessTable {
  const { rows: sources, verbs, urls } = sourcesOf(engine, subject);
  const rows = new Map<string, { group: string; resource: string }>();
  for (const r of sources) rows.set(`${r.group}\u0000${r.resource}`, { group: r.group, resource: r.resource });
  const namespaces = new Set<string>();
  for (const r of sources) if (r.reach !== 'cluster') namespaces.add(r.reach.namespace);
  const special = [...verbs].filter((v) => !(TABLE_VERBS as readonly string[]).includes(v));
  const reaches: Reach[] = ['cluster', ...[...namespaces].sort().map((namespace) => ({ namespace }))];
  const sections: AccessSection[] = [];
  for (const reach of reaches) {
    const ns = reach === 'cluster' ? null : reach.namespace;
    const out: AccessRow[] = [];
    for (const { group, resource } of rows.values()) {
      // A namespace section lists what the namespace adds; rows granted only cluster-wide stay in the cluster section.
      if (ns !== null && !sources.some((r) => r.reach !== 'cluster' && r.reach.namespace === ns && r.group === group && r.resource === resource)) continue;
      const target = targetOf(engine, group, resource);
      if (ns !== null && !isNamespaced(target)) continue;
      const decide = (verb: string): Cell => {
        const ps = engine.paths(subject, { verb, target, namespace: ns, name: null }).filter((p) => ns !== null || p.reach === 'cluster');
        return ps.some((p) => p.onlyNames === null) ? 'yes' : ps.length ? 'names' : 'no';
      };
      const cells: Record<string, Cell> = {};
      for (const v of TABLE_VERBS) cells[v] = decide(v);
      const other = special.filter((v) => (subject.kind !== 'Entra' || ACTS_ON[v]?.includes(resource)) && decide(v) !== 'no');
      if (!Object.values(cells).some((c) => c !== 'no') && !other.length) continue;
      const row = { group, resource, cells, other };
      out.push({ ...row, risk: riskOf(row) });
    }
    out.sort((a, b) => b.risk - a.risk || a.resource.localeCompare(b.resource) || a.group.localeCompare(b.group));
    const urlRows = ns === null ? [...urls].map(([url, vs]) => ({ url, verbs: [...vs].sort() })).sort((a, b) => a.url.localeCompare(b.url)) : [];
    if (out.length || urlRows.length) sections.push({ reach, rows: out, urls: urlRows, risk: Math.max(0, ...out.map((r) => r.risk)) });
  }
  const cluster = sections.filter((x) => x.reach === 'cluster');
  const rest = sections.filter((x) => x.reach !== 'cluster');
  const nsOf = (x: AccessSection) => (x.reach === 'cluster' ? '' : x.reach.namespace);
  rest.sort((a, b) => b.risk - a.risk || nsOf(a).localeCompare(nsOf(b)));
  return { subject, sections: [...cluster, ...rest] };
}
