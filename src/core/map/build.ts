import { buildAccessModel, type Grant, type SourceRef } from '../access/index';
import type { IacFacts } from '../iac/types';
import { codeIdentities, type CodeIdentities } from '../identity/code-identities';
import type { IdentityGraph, ManagedIdentity } from '../identity/graph';
import { identityByClientId, isKnownClientId, serviceAccountSubject } from '../identity/lookup';
import type { WorkspaceIndex } from '../index/workspace-index';
import { entryValue, type KObject } from '../model/objects';
import { readBinding } from '../model/rbac';
import { WI } from '../model/workload-identity';
import { azureSource, scopeNode } from './azure-nodes';
import { drawCodeIdentities } from './code-nodes';
import type { IdentityMap, MapEdge, MapFinding, MapNode, MapProblem, MapSource, MapTarget } from './types';

// Findings that break one link of the chain, by the link they break. The rules decide; the map only places them.
const RUNS_AS = new Set(['wi-use-label-missing', 'wi-use-label-value', 'wi-use-label-misplaced', 'sa-not-found']);
const CLIENT_ID = new Set(['wi-unknown-client-id', 'wi-client-id-format']);
const FEDERATION = new Set(['wi-federation-missing']);
const ROLE_REF = new Set(['rbac-roleref-not-found']);

export interface MapInputs {
  index: WorkspaceIndex;
  /** Live or snapshot identity data; null draws the chain as far as the manifests go. */
  graph: IdentityGraph | null;
  /** The analyzer's findings (of the whole workspace, or at least of the files the map draws). */
  findings: readonly MapFinding[];
  /** Identity facts of the workspace's infrastructure code: the identities it declares join the accounts they federate. */
  iac?: IacFacts | null;
}

const byName = (a: KObject, b: KObject) =>
  (a.namespace ?? '').localeCompare(b.namespace ?? '') || (a.kind ?? '').localeCompare(b.kind ?? '') || (a.name ?? '').localeCompare(b.name ?? '') ||
  (a.file < b.file ? -1 : a.file > b.file ? 1 : a.doc.start - b.doc.start);

function within(f: MapFinding, file: string, start: number, end: number): boolean {
  return f.file === file && f.start >= start && f.start <= end;
}

function problem(f: MapFinding): MapProblem {
  return { ruleId: f.ruleId, severity: f.severity, message: f.message };
}

class MapBuilder {
  private readonly nodes = new Map<string, MapNode>();
  private readonly edges = new Map<string, MapEdge>();
  private readonly findingsByFile = new Map<string, MapFinding[]>();
  private readonly roleRefFindings: MapFinding[];
  private readonly code: CodeIdentities | null;

  constructor(private readonly inputs: MapInputs) {
    this.roleRefFindings = inputs.findings.filter((f) => ROLE_REF.has(f.ruleId));
    this.code = inputs.iac ? codeIdentities(inputs.iac) : null;
    for (const f of inputs.findings) {
      const list = this.findingsByFile.get(f.file) ?? [];
      list.push(f);
      this.findingsByFile.set(f.file, list);
    }
  }

  result(title: string): IdentityMap {
    return { title, nodes: [...this.nodes.values()], edges: [...this.edges.values()] };
  }

  /** Findings of these rules reported inside an object's document. */
  problemsIn(o: { file: string; start: number; end: number }, rules: Set<string>): MapProblem[] {
    return (this.findingsByFile.get(o.file) ?? []).filter((f) => rules.has(f.ruleId) && within(f, o.file, o.start, o.end)).map(problem);
  }

  node(n: MapNode): MapNode {
    const had = this.nodes.get(n.id);
    if (had) return had;
    this.nodes.set(n.id, n);
    return n;
  }

  edge(from: string, to: string, label: string, problems: MapProblem[] = []): void {
    const key = `${from}\u0000${to}\u0000${label}`;
    const had = this.edges.get(key);
    if (had) {
      for (const p of problems) if (!had.problems.some((q) => q.ruleId === p.ruleId && q.message === p.message)) had.problems.push(p);
      return;
    }
    this.edges.set(key, { from, to, label, problems: [...problems] });
  }

  manifestSource(file: string, start: number, end: number): MapSource {
    const lines = this.inputs.index.getFile(file)?.lines;
    const pos = lines ? lines.positionAt(start) : { line: 0, character: 0 };
    return { type: 'manifest', file, start, end, line: pos.line, character: pos.character };
  }

  objectSource(o: KObject): MapSource {
    const at = o.nameNode ?? o.kindNode;
    return this.manifestSource(o.file, at?.start ?? o.doc.start, at?.end ?? o.doc.start);
  }

  refSource(r: SourceRef): MapSource {
    if (r.builtin || !r.file) return { type: 'builtin' };
    const at = r.nameRange ?? { start: r.start, end: r.start };
    return this.manifestSource(r.file, at.start, at.end);
  }

  workload(o: KObject): void {
    const id = `workload:${o.kind}/${o.namespace ?? ''}/${o.name ?? ''}`;
    this.node({ id, kind: 'workload', label: `${o.kind} ${o.name ?? '(unnamed)'}`, detail: o.namespace ? `namespace ${o.namespace}` : 'namespace unknown', source: this.objectSource(o), missing: false });
    const broken = this.problemsIn({ file: o.file, start: o.doc.start, end: o.doc.end }, RUNS_AS);
    for (const p of o.podSpecs) {
      if (!p.serviceAccountName || o.namespace === null) continue;
      const sa = this.serviceAccount(o.namespace, p.serviceAccountName);
      this.edge(id, sa, 'runs as', broken);
    }
  }

  /** The ServiceAccount's node and everything it leads to; returns its id. */
  serviceAccount(namespace: string, name: string): string {
    const id = `sa:${namespace}/${name}`;
    if (this.nodes.has(id)) return id;
    const def = this.inputs.index.find('ServiceAccount', namespace, name)[0] ?? null;
    this.node({
      id, kind: 'service-account', label: `ServiceAccount ${name}`, detail: def ? `namespace ${namespace}` : `namespace ${namespace} · not in the workspace`,
      source: def ? this.objectSource(def) : null, missing: false,
    });
    const cloud = def ? this.cloudIdentity(id, def, namespace, name) : null;
    if (this.code && this.inputs.iac) drawCodeIdentities(this, { model: this.code, facts: this.inputs.iac, graph: this.inputs.graph }, id, namespace, name, cloud);
    this.kubernetesAccess(id, namespace, name);
    return id;
  }

  /** Draws the identity the annotation's client-id names; returns it when Azure data knows it. */
  private cloudIdentity(saId: string, def: KObject, namespace: string, name: string): ManagedIdentity | null {
    const clientId = entryValue(def.annotations, WI.clientId);
    if (!clientId) return null;
    const doc = { file: def.file, start: def.doc.start, end: def.doc.end };
    const graph = this.inputs.graph;
    const identity = graph ? identityByClientId(graph, clientId) : null;
    if (!identity) {
      const known = !graph || isKnownClientId(graph, clientId);
      const id = `client-id:${clientId.toLowerCase()}`;
      const detail = !graph ? 'no Azure data loaded' : known ? 'a cluster identity' : 'no managed identity with this client-id';
      this.node({ id, kind: 'managed-identity', label: `client-id ${clientId}`, detail, source: null, missing: !known });
      this.edge(saId, id, 'client-id', this.problemsIn(doc, CLIENT_ID));
      return null;
    }
    const miId = `identity:${identity.id.toLowerCase()}`;
    this.node({ id: miId, kind: 'managed-identity', label: `Managed identity ${identity.name}`, detail: `client-id ${identity.clientId}`, source: azureSource(identity), missing: false });
    this.edge(saId, miId, 'client-id', this.problemsIn(doc, CLIENT_ID));
    this.federation(miId, identity, doc, namespace, name);
    this.roleAssignments(miId, identity);
    return identity;
  }

  private federation(miId: string, identity: ManagedIdentity, doc: { file: string; start: number; end: number }, namespace: string, name: string): void {
    if (identity.federatedCredentials === null) return;
    const subject = serviceAccountSubject(namespace, name);
    const broken = this.problemsIn(doc, FEDERATION);
    const matching = identity.federatedCredentials.filter((f) => f.subject === subject);
    for (const f of matching) {
      const id = `credential:${f.id.toLowerCase()}`;
      this.node({ id, kind: 'federated-credential', label: `Federated credential ${f.name}`, detail: f.subject, source: azureSource(f), missing: false });
      this.edge(miId, id, 'federated credential', broken);
    }
    if (matching.length) return;
    const id = `credential:${identity.id.toLowerCase()}/missing/${namespace}/${name}`;
    this.node({ id, kind: 'federated-credential', label: 'No federated credential', detail: subject, source: null, missing: true });
    this.edge(miId, id, 'federated credential', broken);
  }

  private roleAssignments(miId: string, identity: ManagedIdentity): void {
    const graph = this.inputs.graph;
    if (!graph) return;
    const principal = identity.principalId.toLowerCase();
    const mine = graph.roleAssignments.filter((a) => a.principalId.toLowerCase() === principal).sort((a, b) => a.scope.localeCompare(b.scope) || a.id.localeCompare(b.id));
    for (const a of mine) {
      const id = `assignment:${a.id.toLowerCase()}`;
      const role = a.roleName ?? a.roleDefinitionId.split('/').pop() ?? a.roleDefinitionId;
      this.node({ id, kind: 'role-assignment', label: role, detail: 'Azure role assignment', source: azureSource(a), missing: false });
      this.edge(miId, id, 'role assignment');
      const scope = this.node(scopeNode(a.scope, graph));
      this.edge(id, scope.id, 'at scope');
    }
  }

  private kubernetesAccess(saId: string, namespace: string, name: string): void {
    const grants = buildAccessModel(this.inputs.index).accessOf({ kind: 'ServiceAccount', namespace, name });
    const seen = new Set<string>();
    for (const g of grants) {
      const key = `${g.binding.file}\u0000${g.binding.start}\u0000${g.via.kind}\u0000${g.via.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const bindingId = this.binding(g.binding);
      this.edge(saId, bindingId, viaLabel(g));
      const roleId = this.role(g.role);
      this.edge(bindingId, roleId, g.scope === 'cluster' ? 'cluster-wide' : `in ${g.scope.namespace}`);
    }
    this.danglingRoleRefs(saId, namespace, name);
  }

  private binding(r: SourceRef): string {
    const id = `binding:${r.kind}/${r.namespace ?? ''}/${r.name}`;
    this.node({ id, kind: 'binding', label: `${r.kind} ${r.name}`, detail: r.namespace ? `namespace ${r.namespace}` : 'cluster-wide', source: this.refSource(r), missing: false });
    return id;
  }

  private role(r: SourceRef): string {
    const id = `role:${r.kind}/${r.namespace ?? ''}/${r.name}`;
    this.node({ id, kind: 'role', label: `${r.kind} ${r.name}`, detail: r.builtin ? 'built-in' : r.namespace ? `namespace ${r.namespace}` : null, source: this.refSource(r), missing: false });
    return id;
  }

  /** Bindings of this ServiceAccount whose roleRef names no role: the access model skips them, the rule reports them. */
  private danglingRoleRefs(saId: string, namespace: string, name: string): void {
    for (const f of this.roleRefFindings) {
      const o = this.inputs.index.getFile(f.file)?.objects.find((x) => f.start >= x.doc.start && f.start <= x.doc.end);
      const b = o ? readBinding(o) : null;
      if (!o || !b) continue;
      const names = b.subjects.some((s) => s.kind.value === 'ServiceAccount' && s.name.value === name &&
        (s.namespace.value ?? (b.kind === 'RoleBinding' ? o.namespace : null)) === namespace);
      const roleName = b.roleRef?.name.value;
      const roleKind = b.roleRef?.kind.value;
      if (!names || !roleName || !roleKind) continue;
      const bindingId = `binding:${o.kind}/${o.namespace ?? ''}/${o.name ?? ''}`;
      this.node({ id: bindingId, kind: 'binding', label: `${o.kind} ${o.name ?? '(unnamed)'}`, detail: o.namespace ? `namespace ${o.namespace}` : 'cluster-wide', source: this.objectSource(o), missing: false });
      this.edge(saId, bindingId, 'subject');
      const roleNs = roleKind === 'Role' ? o.namespace : null;
      const roleId = `role:${roleKind}/${roleNs ?? ''}/${roleName}`;
      this.node({ id: roleId, kind: 'role', label: `${roleKind} ${roleName}`, detail: 'not found', source: null, missing: true });
      this.edge(bindingId, roleId, 'roleRef', [problem(f)]);
    }
  }
}

function viaLabel(g: Grant): string {
  if (g.via.kind === 'Group') return `as group ${g.via.name}`;
  if (g.via.kind === 'User') return `as user ${g.via.name}`;
  return 'subject';
}

function isWorkload(o: KObject): boolean {
  return o.podSpecs.length > 0 && !o.partial && o.kind !== 'PodTemplate';
}

function titleOf(t: MapTarget): string {
  switch (t.kind) {
    case 'workload': return `${t.workloadKind} ${t.namespace}/${t.name}`;
    case 'service-account': return `ServiceAccount ${t.namespace}/${t.name}`;
    case 'identity': return `client-id ${t.clientId}`;
    case 'namespace': return `namespace ${t.namespace}`;
    case 'workspace': return 'workspace';
  }
}

/** Every workload of the index (objects with a pod template, patches left out), in a stable order. */
export function workloadsOf(index: WorkspaceIndex): KObject[] {
  const out: KObject[] = [];
  for (const f of index.files()) for (const o of f.objects) if (isWorkload(o)) out.push(o);
  return out.sort(byName);
}

/** The map of one target: its workloads, the ServiceAccounts they run as (and those the target names), and what follows. */
export function buildIdentityMap(inputs: MapInputs, target: MapTarget): IdentityMap {
  const b = new MapBuilder(inputs);
  const { index } = inputs;
  const workloads = workloadsOf(index);
  const accounts = [...index.ofKind('ServiceAccount')].filter((o) => o.name && o.namespace !== null && !o.partial).sort(byName);
  const runsAs = (o: KObject, ns: string, name: string) => o.namespace === ns && o.podSpecs.some((p) => p.serviceAccountName === name);
  switch (target.kind) {
    case 'workload':
      for (const o of workloads) if (o.kind === target.workloadKind && o.namespace === target.namespace && o.name === target.name) b.workload(o);
      break;
    case 'service-account':
      for (const o of workloads) if (runsAs(o, target.namespace, target.name)) b.workload(o);
      b.serviceAccount(target.namespace, target.name);
      break;
    case 'identity': {
      const want = target.clientId.toLowerCase();
      for (const sa of accounts) {
        if (entryValue(sa.annotations, WI.clientId)?.toLowerCase() !== want) continue;
        for (const o of workloads) if (runsAs(o, sa.namespace!, sa.name!)) b.workload(o);
        b.serviceAccount(sa.namespace!, sa.name!);
      }
      break;
    }
    case 'namespace':
      for (const o of workloads) if (o.namespace === target.namespace) b.workload(o);
      for (const sa of accounts) if (sa.namespace === target.namespace) b.serviceAccount(sa.namespace, sa.name!);
      break;
    case 'workspace':
      for (const o of workloads) b.workload(o);
      for (const sa of accounts) b.serviceAccount(sa.namespace!, sa.name!);
      break;
  }
  return b.result(titleOf(target));
}

/** Namespaces with a workload or a ServiceAccount, sorted: what the map can be drawn for. */
export function mapNamespaces(index: WorkspaceIndex): string[] {
  const out = new Set<string>();
  for (const o of workloadsOf(index)) if (o.namespace) out.add(o.namespace);
  for (const o of index.ofKind('ServiceAccount')) if (o.namespace && !o.partial) out.add(o.namespace);
  return [...out].sort();
}
