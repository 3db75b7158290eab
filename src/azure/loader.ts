import type { AksCluster, ContainerRegistry, FederatedCredential, ManagedIdentity, RoleAssignment, RoleDefinitionInfo, SubnetInfo, Subscription } from '../core/identity/graph';
import { clusterFrom, federatedCredentialFrom, identityFrom, parseArmId, registryFrom, roleAssignmentFrom, roleDefinitionFrom, subnetFrom } from '../core/identity/azure-mappers';
import type { AzureClients } from './clients';
import { attempt, type AzureError, type Result } from './errors';

export interface LoaderOptions {
  /** Upper bound on items read from one listing, so a server that pages forever cannot hang us. */
  maxItems?: number;
}

/** Which level of the graph failed to load (LiveSource.warm reports them). */
export interface LoadFailure {
  level: 'subscriptions' | 'clusters' | 'identities' | 'federatedCredentials' | 'roleAssignments';
  subscriptionId: string | null;
  identityId: string | null;
  error: AzureError;
}

class TooManyItems extends Error {}

type Obj = Record<string, unknown>;

/**
 * Fills the identity graph from Resource Manager, one level at a time (the tree asks for children
 * when a node opens). Every method pages fully, honours the AbortSignal, and returns a Result.
 */
export class AzureLoader {
  private readonly maxItems: number;

  constructor(private readonly clients: AzureClients, options: LoaderOptions = {}) {
    this.maxItems = options.maxItems ?? 50_000;
  }

  private async collect<T>(pages: AsyncIterable<T>, signal?: AbortSignal): Promise<T[]> {
    const out: T[] = [];
    for await (const item of pages) {
      signal?.throwIfAborted();
      out.push(item);
      if (out.length > this.maxItems) throw new TooManyItems(`more than ${this.maxItems} items; stopped reading`);
    }
    return out;
  }

  /** Every item of a Resource Manager listing, following nextLink, for the listings read without an SDK client. */
  private async pages(path: string, apiVersion: string, signal?: AbortSignal): Promise<Obj[]> {
    const out: Obj[] = [];
    for (let next: string | undefined = path; next;) {
      signal?.throwIfAborted();
      const page = ((await this.clients.get(next, apiVersion, signal)) ?? {}) as { value?: unknown; nextLink?: unknown };
      for (const item of Array.isArray(page.value) ? page.value : []) {
        out.push(item as Obj);
        if (out.length > this.maxItems) throw new TooManyItems(`more than ${this.maxItems} items; stopped reading`);
      }
      next = typeof page.nextLink === 'string' && page.nextLink ? page.nextLink : undefined;
    }
    return out;
  }

  /**
   * One listing as a Result. An abort nobody asked for is the request deadline: offline, not cancelled.
   * A 401 (the token expired or was revoked mid-load) builds fresh clients, which ask the credential for
   * a token again, and tries once more; a second 401 is shown as "sign in again".
   */
  private async run<T>(signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<Result<T>> {
    const once = async (): Promise<Result<T>> => {
      const r = await attempt(async () => {
        signal?.throwIfAborted();
        return fn();
      });
      if (!r.ok && r.error.kind === 'cancelled' && !signal?.aborted) {
        return { ok: false, error: { kind: 'offline', reason: 'timeout', message: 'Azure Resource Manager did not answer in time.' } };
      }
      return r;
    };
    const first = await once();
    if (first.ok || first.error.kind !== 'unauthenticated' || !first.error.rejected) return first;
    this.clients.forget();
    return once();
  }

  listSubscriptions(signal?: AbortSignal): Promise<Result<Subscription[]>> {
    return this.run(signal, async () => {
      const subs = await this.collect(this.clients.subscriptions().subscriptions.list({ abortSignal: signal }), signal);
      return subs
        .filter((s) => !!s.subscriptionId)
        .map((s) => ({ id: s.subscriptionId as string, name: s.displayName ?? (s.subscriptionId as string), tenantId: s.tenantId ?? null }));
    });
  }

  listClusters(subscriptionId: string, signal?: AbortSignal): Promise<Result<AksCluster[]>> {
    return this.run(signal, async () => {
      const items = await this.pages(`/subscriptions/${subscriptionId}/providers/Microsoft.ContainerService/managedClusters`, AKS_API, signal);
      return items.map((c) => clusterFrom(c));
    });
  }

  /** User-assigned identities; their federated credentials stay null until listFederatedCredentials. */
  listIdentities(subscriptionId: string, signal?: AbortSignal): Promise<Result<ManagedIdentity[]>> {
    return this.run(signal, async () => {
      const items = await this.collect(this.clients.msi(subscriptionId).userAssignedIdentities.listBySubscription({ abortSignal: signal }), signal);
      return items.map((i) => identityFrom(i as unknown as Obj));
    });
  }

  listFederatedCredentials(identity: Pick<ManagedIdentity, 'id'>, signal?: AbortSignal): Promise<Result<FederatedCredential[]>> {
    return this.run(signal, async () => {
      const { subscriptionId, resourceGroup } = parseArmId(identity.id);
      const name = identity.id.split('/').pop() ?? '';
      if (!subscriptionId || !resourceGroup || !name) throw Object.assign(new Error(`not a user-assigned identity id: ${identity.id}`), { statusCode: 404 });
      const items = await this.collect(this.clients.msi(subscriptionId).federatedIdentityCredentials.list(resourceGroup, name, { abortSignal: signal }), signal);
      return items.map((f) => federatedCredentialFrom(f as unknown as Obj));
    });
  }

  /** One subscription, read by id: a subscription of another tenant or none at all fails here, before any listing. */
  getSubscription(subscriptionId: string, signal?: AbortSignal): Promise<Result<Subscription>> {
    return this.run(signal, async () => {
      const s = await this.clients.subscriptions().subscriptions.get(subscriptionId, { abortSignal: signal });
      const id = s.subscriptionId ?? subscriptionId;
      return { id, name: s.displayName ?? id, tenantId: s.tenantId ?? null };
    });
  }

  /** A subnet by id: its route table and network security group, for the permissions a custom subnet needs. */
  getSubnet(subnetId: string, signal?: AbortSignal): Promise<Result<SubnetInfo>> {
    return this.run(signal, async () => subnetFrom((await this.clients.get(subnetId, NETWORK_API, signal)) as Obj));
  }

  /** Container registries of a subscription (names and login servers for --acr, the role assignment mode). */
  listRegistries(subscriptionId: string, signal?: AbortSignal): Promise<Result<ContainerRegistry[]>> {
    return this.run(signal, async () => (await this.pages(`/subscriptions/${subscriptionId}/providers/Microsoft.ContainerRegistry/registries`, REGISTRY_API, signal)).map(registryFrom));
  }

  /** Role assignments of a subscription (and below), with role names resolved, custom roles included. */
  async listRoleAssignments(subscriptionId: string, signal?: AbortSignal): Promise<Result<RoleAssignment[]>> {
    const r = await this.listRoleAssignmentsAndCustomRoles(subscriptionId, signal);
    return r.ok ? { ok: true, value: r.value.assignments } : r;
  }

  /**
   * Role assignments as listRoleAssignments reads them, plus the definitions of the custom roles they use with
   * their permissions (built-in roles' permissions ship with aks-iam), from the same requests.
   */
  listRoleAssignmentsAndCustomRoles(subscriptionId: string, signal?: AbortSignal): Promise<Result<{ assignments: RoleAssignment[]; customRoles: RoleDefinitionInfo[] }>> {
    return this.run(signal, async () => {
      const authz = this.clients.authorization(subscriptionId);
      const items = await this.collect(authz.roleAssignments.listForSubscription({ abortSignal: signal }), signal);
      const assignments = items.map((r) => roleAssignmentFrom(r as unknown as Obj));
      // One listing at subscription scope returns built-in and custom roles defined there. The SDK
      // puts `/` before the scope itself: a leading slash here would make `//subscriptions/…`.
      const defs = (await this.collect(authz.roleDefinitions.list(`subscriptions/${subscriptionId}`, { abortSignal: signal }), signal)) as unknown as Obj[];
      const guid = (id: string) => (id.split('/').pop() ?? '').toLowerCase();
      const byGuid = new Map<string, Obj>();
      for (const d of defs) if (typeof d.name === 'string') byGuid.set(d.name.toLowerCase(), d);
      // Roles defined elsewhere (a management group) are fetched by id, each once.
      for (const a of assignments) {
        const g = guid(a.roleDefinitionId);
        if (!g || byGuid.has(g)) continue;
        signal?.throwIfAborted();
        const one = await attempt(() => authz.roleDefinitions.getById(a.roleDefinitionId.replace(/^\/+/, ''), { abortSignal: signal }));
        byGuid.set(g, one.ok ? (one.value as unknown as Obj) : {});
      }
      const used = new Set(assignments.map((a) => guid(a.roleDefinitionId)));
      const customRoles = [...byGuid.entries()]
        .filter(([g, d]) => used.has(g) && d.roleType === 'CustomRole' && typeof d.id === 'string')
        .map(([, d]) => roleDefinitionFrom(d));
      const roleName = (g: string) => {
        const n = byGuid.get(g)?.roleName;
        return typeof n === 'string' ? n : '';
      };
      return { assignments: assignments.map((a) => ({ ...a, roleName: roleName(guid(a.roleDefinitionId)) || a.roleName })), customRoles };
    });
  }
}

/**
 * API versions of the reads made without an SDK client: AKS clusters at the AKS client's own version (its generated
 * models weigh more than the rest of the CLI's Azure code for one listing), and GA versions for subnets and registries.
 */
const AKS_API = '2026-04-01';
const NETWORK_API = '2024-05-01';
const REGISTRY_API = '2023-07-01';
