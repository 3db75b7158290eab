import type { IdentityGraph } from '../identity/graph';
import type { WorkspaceIndex } from '../index/workspace-index';
import { grantReach, ruleVerdict, type Reach } from './authorize';
import { azureGrants, entraSubject, entraSubjects, type AzureGrant, type EntraSubject } from './azure';
import { builtinGrants } from './builtin-grants';
import { buildAccessModel } from './model';
import { builtinResources, parseTarget, workspaceResources, type ResourceType, type Target } from './resources';
import { compareSubjects, identitiesOf, subjectKey } from './subject';
import type { AccessModel, Grant, Subject } from './types';

/** Anyone a query can name: a Kubernetes subject, or an Entra principal of a role assignment. */
export type QuerySubject = Subject | EntraSubject;

/** One way a subject holds a permission, with how far it reaches. */
export type AccessPath =
  | { source: 'kubernetes'; reach: Reach; onlyNames: string[] | null; grant: Grant }
  | { source: 'azure'; reach: Reach; onlyNames: null; azure: AzureGrant };

export interface AccessQuery {
  verb: string;
  target: Target;
  /** Null: any namespace. */
  namespace: string | null;
  name: string | null;
}

export interface EngineOptions {
  /** Role assignments and clusters (snapshot or live) for Azure RBAC for Kubernetes. */
  graph?: IdentityGraph | null;
  /** Count the bindings every cluster has (system:masters, the controllers, …) like the workspace's own. */
  builtin?: boolean;
}

export function querySubjectKey(s: QuerySubject): string {
  return s.kind === 'Entra' ? `Entra\u0000\u0000${s.id.toLowerCase()}` : subjectKey(s);
}

export function compareQuerySubjects(a: QuerySubject, b: QuerySubject): number {
  if (a.kind === 'Entra' || b.kind === 'Entra') {
    if (a.kind !== 'Entra') return -1;
    if (b.kind !== 'Entra') return 1;
    return (a.name ?? a.id).localeCompare(b.name ?? b.id) || a.id.localeCompare(b.id);
  }
  return compareSubjects(a, b);
}

/** Answers access questions over one workspace state (and an identity graph): who may do what, through which path. */
export class AccessEngine {
  readonly model: AccessModel;
  private builtinData: ReturnType<typeof builtinGrants> | null = null;
  private resources: ResourceType[] | null = null;
  private readonly candidateCache = new Map<boolean, QuerySubject[]>();
  private readonly targetCache = new Map<string, Target>();

  constructor(private readonly index: WorkspaceIndex, readonly options: EngineOptions = {}) {
    this.model = buildAccessModel(index);
  }

  get graph(): IdentityGraph | null {
    return this.options.graph ?? null;
  }

  builtins(): ReturnType<typeof builtinGrants> {
    this.builtinData ??= builtinGrants(this.index);
    return this.builtinData;
  }

  /** Built-in resource types and the workspace's CustomResourceDefinitions. */
  knownResources(): ResourceType[] {
    this.resources ??= [...builtinResources, ...workspaceResources(this.index)];
    return this.resources;
  }

  target(text: string): Target {
    let t = this.targetCache.get(text);
    if (!t) this.targetCache.set(text, (t = parseTarget(text, this.knownResources())));
    return t;
  }

  /** Everyone an answer may list: the workspace's subjects, built-in ones when counted, and Entra principals. */
  candidates(withBuiltin = !!this.options.builtin): QuerySubject[] {
    const hit = this.candidateCache.get(withBuiltin);
    if (hit) return hit;
    const out = new Map<string, QuerySubject>();
    for (const s of this.model.candidates()) out.set(subjectKey(s), s);
    if (withBuiltin) for (const s of this.builtins().subjects) out.set(subjectKey(s), s);
    const list: QuerySubject[] = [...out.values()].sort(compareQuerySubjects);
    if (this.graph) list.push(...entraSubjects(this.graph));
    this.candidateCache.set(withBuiltin, list);
    return list;
  }

  /** The Kubernetes grants a subject holds: the workspace's bindings, and the built-in ones when asked. */
  grantsOf(subject: Subject, withBuiltin = !!this.options.builtin): readonly Grant[] {
    if (!withBuiltin) return this.model.accessOf(subject);
    const own = [...this.model.accessOf(subject)];
    const b = this.builtins().grants;
    for (const id of identitiesOf(subject)) own.push(...(b.get(subjectKey(id)) ?? []));
    return own;
  }

  /** Every path by which `subject` may do the query's request (limited-to-names paths included). */
  paths(subject: QuerySubject, q: AccessQuery, azure?: Map<string, AzureGrant[]>, withBuiltin?: boolean): AccessPath[] {
    if (subject.kind === 'Entra') {
      const map = azure ?? (this.graph ? azureGrants(this.graph, q.verb, q.target, q.namespace, subject.id) : new Map<string, AzureGrant[]>());
      return (map.get(subject.id.toLowerCase()) ?? []).map((g): AccessPath => ({ source: 'azure', reach: g.reach, onlyNames: null, azure: g }));
    }
    const out: AccessPath[] = [];
    for (const g of this.grantsOf(subject, withBuiltin)) {
      const reach = grantReach(g.scope, q.target, q.namespace, q.name);
      if (!reach) continue;
      const v = ruleVerdict(g.rule, q.verb, q.target, q.name);
      if (v) out.push({ source: 'kubernetes', reach, onlyNames: v === 'all' ? null : v.names, grant: g });
    }
    return out;
  }

  /** Paths that allow the request outright (not only for some names). */
  allows(subject: QuerySubject, q: AccessQuery, azure?: Map<string, AzureGrant[]>): AccessPath[] {
    return this.paths(subject, q, azure).filter((p) => p.onlyNames === null);
  }

  azureFor(q: AccessQuery): Map<string, AzureGrant[]> {
    return this.graph ? azureGrants(this.graph, q.verb, q.target, q.namespace) : new Map();
  }

  /** An Entra principal by object id, named from the graph. */
  entra(id: string): EntraSubject {
    return entraSubject(this.graph, id);
  }
}
