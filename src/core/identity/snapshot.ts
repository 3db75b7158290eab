import {
  emptyGraph,
  type AksCluster,
  type ClusterIdentity,
  type ContainerRegistry,
  type FederatedCredential,
  type IdentityGraph,
  type ManagedIdentity,
  type RoleAssignment,
  type RoleDefinitionInfo,
  type SubnetInfo,
} from './graph';
import {
  clusterFrom,
  federatedCredentialFrom,
  flat,
  identityFrom,
  isObj,
  parentIdentityId,
  parseArmId,
  registryFrom,
  roleAssignmentFrom,
  roleDefinitionFrom,
  s,
  strings,
  subnetFrom,
  subnetsOfVnet,
  type Obj,
} from './azure-mappers';

// Kept importable from here for the Azure view, which reads these two from this module; they live in azure-mappers.ts.
export { federatedCredentialFrom, parseArmId };

/**
 * Reads identity data saved from the Azure CLI (`az aks list/show`, `az identity list`,
 * `az identity federated-credential list`, `az role assignment list`, and for the required-permissions check
 * `az acr list`, `az network vnet list`, `az network vnet subnet show`, `az role definition list`) or our own export, in any
 * combination, into one IdentityGraph. Pure: callers read the files and pass parsed JSON.
 */

export const SNAPSHOT_KIND = 'aks-iam/identity-snapshot';
export const SNAPSHOT_VERSION = 1;

export interface SnapshotExport {
  kind: typeof SNAPSHOT_KIND;
  version: typeof SNAPSHOT_VERSION;
  graph: IdentityGraph;
}

export type ItemKind = 'cluster' | 'identity' | 'federated-credential' | 'role-assignment' | 'registry' | 'virtual-network' | 'subnet' | 'role-definition';

/**
 * A snapshot's own value in an error message only when it is a short plain word or number: messages reach
 * the log and the tree, and a snapshot's contents must not.
 */
function quoteIfPlain(v: unknown): string {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && /^[\w./-]{1,40}$/.test(v)) return `"${v}"`;
  const type = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
  return `(${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} value)`;
}

/** A value that is not identity data we understand; `source` names the file it came from. */
export class SnapshotError extends Error {
  constructor(readonly source: string, message: string) {
    super(`${source}: ${message}`);
  }
}

export interface SnapshotInput {
  /** Shown in errors and warnings (a file name). */
  source: string;
  value: unknown;
}

export interface SnapshotResult {
  graph: IdentityGraph;
  /** Things that loaded but could not be placed, e.g. a federated credential of an unlisted identity. */
  warnings: string[];
}

const key = (id: string) => id.toLowerCase();

const TYPE_KIND: Record<string, ItemKind> = {
  'microsoft.containerservice/managedclusters': 'cluster',
  'microsoft.managedidentity/userassignedidentities': 'identity',
  'microsoft.managedidentity/userassignedidentities/federatedidentitycredentials': 'federated-credential',
  'microsoft.authorization/roleassignments': 'role-assignment',
  'microsoft.containerregistry/registries': 'registry',
  'microsoft.network/virtualnetworks': 'virtual-network',
  'microsoft.network/virtualnetworks/subnets': 'subnet',
  'microsoft.authorization/roledefinitions': 'role-definition',
};

/** Which az output an item is, by its ARM `type`, else by the fields only that output has. */
export function detectItemKind(raw: unknown): ItemKind | null {
  if (!isObj(raw)) return null;
  const item = flat(raw);
  const type = s(item.type);
  if (type && TYPE_KIND[type.toLowerCase()]) return TYPE_KIND[type.toLowerCase()];
  const id = s(item.id) ?? '';
  if (/\/federatedIdentityCredentials\//i.test(id) || ('issuer' in item && 'subject' in item)) return 'federated-credential';
  if (/\/providers\/Microsoft\.ContainerService\/managedClusters\//i.test(id)) return 'cluster';
  if ('agentPoolProfiles' in item || 'oidcIssuerProfile' in item || 'identityProfile' in item || 'kubernetesVersion' in item) return 'cluster';
  if (/\/providers\/Microsoft\.Authorization\/roleAssignments\//i.test(id) || ('roleDefinitionId' in item && 'principalId' in item)) return 'role-assignment';
  if (/\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[^/]+$/i.test(id) || ('clientId' in item && 'principalId' in item)) return 'identity';
  if (/\/providers\/Microsoft\.ContainerRegistry\/registries\/[^/]+$/i.test(id) || 'loginServer' in item) return 'registry';
  if (/\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i.test(id)) return 'subnet';
  if (/\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+$/i.test(id)) return 'virtual-network';
  if (/\/providers\/Microsoft\.Authorization\/roleDefinitions\/[^/]+$/i.test(id) || ('roleName' in item && 'permissions' in item)) return 'role-definition';
  return null;
}

/** Accumulates snapshot values; `result()` places federated credentials on their identities. */
export class SnapshotBuilder {
  private readonly clusters = new Map<string, AksCluster>();
  private readonly identities = new Map<string, ManagedIdentity>();
  private readonly assignments = new Map<string, RoleAssignment>();
  private readonly fics = new Map<string, Map<string, FederatedCredential>>();
  private readonly subscriptions = new Map<string, IdentityGraph['subscriptions'][number]>();
  private readonly registries = new Map<string, ContainerRegistry>();
  private readonly subnets = new Map<string, SubnetInfo>();
  private readonly roleDefinitions = new Map<string, RoleDefinitionInfo>();
  private readonly warnings: string[] = [];
  private anon = 0;

  /** Adds one parsed JSON value; throws SnapshotError when its shape is not one we know. */
  add(input: SnapshotInput): void {
    const { source, value } = input;
    if (isObj(value) && 'kind' in value && !detectItemKind(value)) return this.addExport(source, value);
    const items = Array.isArray(value) ? value : [value];
    if (!Array.isArray(value) && !isObj(value)) {
      throw new SnapshotError(source, `expected a JSON array or object from the Azure CLI, found ${value === null ? 'null' : typeof value}`);
    }
    items.forEach((item, i) => {
      const kind = detectItemKind(item);
      const where = Array.isArray(value) ? `item ${i}` : 'the object';
      if (!kind) throw new SnapshotError(source, `${where} is not the output of az aks show/list, az identity list, az identity federated-credential list, az role assignment list, az acr list, az network vnet list, az network vnet subnet show or az role definition list (keys: ${isObj(item) ? Object.keys(item).slice(0, 8).join(', ') || 'none' : typeof item})`);
      this.addItem(source, kind, item as Obj);
    });
  }

  private addItem(source: string, kind: ItemKind, item: Obj): void {
    switch (kind) {
      case 'cluster': {
        const c = clusterFrom(item);
        this.clusters.set(key(c.id || `#${this.anon++}`), c);
        this.noteSubscription(c.subscriptionId, null);
        break;
      }
      case 'identity': {
        const i = identityFrom(item);
        this.putIdentity(i);
        break;
      }
      case 'federated-credential': {
        const f = federatedCredentialFrom(item);
        const parent = parentIdentityId(f.id);
        if (!parent) {
          this.warnings.push(`${source}: federated credential ${f.name || '(unnamed)'} has no ARM id naming its identity; skipped`);
          break;
        }
        const m = this.fics.get(key(parent)) ?? new Map<string, FederatedCredential>();
        m.set(key(f.id), f);
        this.fics.set(key(parent), m);
        break;
      }
      case 'role-assignment': {
        const r = roleAssignmentFrom(item);
        this.assignments.set(key(r.id || `#${this.anon++}`), r);
        this.noteSubscription(parseArmId(r.scope).subscriptionId, null);
        break;
      }
      case 'registry': {
        const r = registryFrom(item);
        this.registries.set(key(r.id || `#${this.anon++}`), r);
        break;
      }
      case 'subnet': {
        const n = subnetFrom(item);
        if (n.id) this.subnets.set(key(n.id), n);
        break;
      }
      case 'virtual-network':
        for (const n of subnetsOfVnet(item)) this.subnets.set(key(n.id), n);
        break;
      case 'role-definition': {
        const d = roleDefinitionFrom(item);
        if (d.id) this.roleDefinitions.set(key(d.id), d);
        break;
      }
    }
  }

  private putIdentity(i: ManagedIdentity): void {
    const prev = this.identities.get(key(i.id));
    // A later listing without credentials must not forget credentials known from an export.
    this.identities.set(key(i.id || `#${this.anon++}`), { ...i, federatedCredentials: i.federatedCredentials ?? prev?.federatedCredentials ?? null });
    this.noteSubscription(i.subscriptionId, i.tenantId);
  }

  private noteSubscription(id: string | null, tenantId: string | null): void {
    if (!id) return;
    const prev = this.subscriptions.get(key(id));
    if (!prev) this.subscriptions.set(key(id), { id, name: id, tenantId });
    else if (!prev.tenantId && tenantId) prev.tenantId = tenantId;
  }

  private addExport(source: string, value: Obj): void {
    if (value.kind !== SNAPSHOT_KIND) throw new SnapshotError(source, `unknown kind ${quoteIfPlain(value.kind)} (expected "${SNAPSHOT_KIND}")`);
    if (value.version !== SNAPSHOT_VERSION) throw new SnapshotError(source, `unsupported ${SNAPSHOT_KIND} version ${quoteIfPlain(value.version)} (this build reads version ${SNAPSHOT_VERSION})`);
    const g = value.graph;
    if (!isObj(g)) throw new SnapshotError(source, `${SNAPSHOT_KIND} without a "graph" object`);
    const list = (k: string): Obj[] => {
      const v = g[k];
      if (v === undefined) return [];
      if (!Array.isArray(v)) throw new SnapshotError(source, `graph.${k} must be an array`);
      return v.filter(isObj);
    };
    for (const sub of list('subscriptions')) {
      const id = s(sub.id);
      if (!id) continue;
      this.subscriptions.set(key(id), { id, name: s(sub.name) ?? id, tenantId: s(sub.tenantId) });
    }
    // Our export uses the graph's own field names; fill gaps the same way the az readers do.
    for (const c of list('clusters')) {
      const base = clusterFrom({});
      const cluster: AksCluster = {
        ...base, ...pick(c, base),
        controlPlaneIdentity: clusterIdentity(c.controlPlaneIdentity),
        kubeletIdentity: clusterIdentity(c.kubeletIdentity),
        vnetSubnetIds: strings(c.vnetSubnetIds),
        outboundIpIds: strings(c.outboundIpIds),
      };
      this.clusters.set(key(cluster.id || `#${this.anon++}`), cluster);
    }
    for (const i of list('identities')) {
      const base = identityFrom({});
      const fics = Array.isArray(i.federatedCredentials) ? i.federatedCredentials.filter(isObj).map(federatedCredentialFrom) : null;
      this.putIdentity({ ...base, ...pick(i, base), federatedCredentials: fics });
    }
    for (const r of list('roleAssignments')) {
      const base = roleAssignmentFrom({});
      const ra: RoleAssignment = { ...base, ...pick(r, base) };
      this.assignments.set(key(ra.id || `#${this.anon++}`), ra);
    }
    for (const r of list('registries')) {
      const base = registryFrom({});
      this.registries.set(key(s(r.id) || `#${this.anon++}`), { ...base, ...pick(r, base) });
    }
    for (const n of list('subnets')) {
      const base = subnetFrom({});
      const sub = { ...base, ...pick(n, base) };
      if (sub.id) this.subnets.set(key(sub.id), sub);
    }
    for (const d of list('roleDefinitions')) {
      const def: RoleDefinitionInfo = { id: s(d.id) ?? '', roleName: s(d.roleName) ?? '', actions: strings(d.actions), notActions: strings(d.notActions), dataActions: strings(d.dataActions), notDataActions: strings(d.notDataActions) };
      if (def.id) this.roleDefinitions.set(key(def.id), def);
    }
  }

  result(): SnapshotResult {
    const warnings = [...this.warnings];
    const identities = [...this.identities.values()].map((i) => ({ ...i }));
    const byId = new Map(identities.map((i) => [key(i.id), i]));
    for (const [parent, fics] of this.fics) {
      const owner = byId.get(parent);
      if (!owner) {
        warnings.push(`federated credential(s) ${[...fics.values()].map((f) => f.name).join(', ')} belong to identity ${parent}, which no snapshot file lists (add the output of az identity list)`);
        continue;
      }
      const merged = new Map((owner.federatedCredentials ?? []).map((f) => [key(f.id), f]));
      for (const [k, f] of fics) merged.set(k, f);
      owner.federatedCredentials = [...merged.values()];
    }
    const graph = emptyGraph('snapshot');
    graph.subscriptions = [...this.subscriptions.values()];
    graph.clusters = [...this.clusters.values()];
    graph.identities = identities;
    graph.roleAssignments = [...this.assignments.values()];
    // Only present when loaded, so graphs without them compare and export as before.
    if (this.registries.size) graph.registries = [...this.registries.values()];
    if (this.subnets.size) graph.subnets = [...this.subnets.values()];
    if (this.roleDefinitions.size) graph.roleDefinitions = [...this.roleDefinitions.values()];
    return { graph, warnings };
  }
}

/** Copies the fields of `base` from `o` when they have the same JSON type (or null where base allows it). */
function pick<T extends object>(o: Obj, base: T): Partial<T> {
  const out: Obj = {};
  for (const [k, v] of Object.entries(base)) {
    const given = o[k];
    if (given === undefined) continue;
    if (given === null && (v === null || isObj(v))) out[k] = null;
    else if (typeof given === typeof v && !Array.isArray(given)) out[k] = given;
    else if (v === null && (typeof given === 'string' || isObj(given))) out[k] = given;
  }
  return out as Partial<T>;
}

function clusterIdentity(v: unknown): ClusterIdentity | null {
  if (!isObj(v)) return null;
  return { type: s(v.type) ?? 'Unknown', principalId: s(v.principalId), clientId: s(v.clientId), resourceId: s(v.resourceId) };
}

/** Merges any number of parsed snapshot values into one graph; throws SnapshotError on an unknown shape. */
export function parseSnapshot(inputs: SnapshotInput[]): SnapshotResult {
  const builder = new SnapshotBuilder();
  for (const input of inputs) builder.add(input);
  return builder.result();
}

/** Our own export of a graph, readable by parseSnapshot. */
export function exportSnapshot(graph: IdentityGraph): SnapshotExport {
  const copy: IdentityGraph = JSON.parse(JSON.stringify(graph));
  return { kind: SNAPSHOT_KIND, version: SNAPSHOT_VERSION, graph: copy };
}
