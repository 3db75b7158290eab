import type { TokenCredential } from '@azure/identity';
import type { AksCluster, FederatedCredential, ManagedIdentity, RoleAssignment, Subscription } from '../../core/identity/graph';
import { parseArmId } from '../../core/identity/snapshot';
import type { AzureClients } from '../../azure/clients';
import { attempt, type Result } from '../../azure/errors';
import { AzureLoader } from '../../azure/loader';
import { SessionCredential, type AccountInfo, type SessionBroker } from './credential';
import type { SubscriptionFilter } from './subscription-filter';

/** A Microsoft Entra tenant one of the accounts belongs to (its home tenant, or one it is a guest of). */
export interface TenantEntry {
  tenantId: string;
  name: string;
  domain: string | null;
  account: AccountInfo;
  /** VS Code holds a session of the account for this tenant (false: the tenant needs an interactive sign-in, e.g. MFA). */
  signedIn: boolean;
}

/** Which account and tenant a listed subscription was read through. */
export interface SubscriptionOrigin {
  account: AccountInfo;
  tenantId: string;
  tenantName: string;
}

interface Route {
  origin: SubscriptionOrigin;
  loader: AzureLoader;
}

const MAX_TENANTS = 1000;

/**
 * Every signed-in account → its tenants → their subscriptions, as the Azure Resources extension enumerates them:
 * a guest of several tenants sees the subscriptions of each. Each (account, tenant) pair gets its own credential
 * and clients; later levels (clusters, identities, …) go through the pair that listed the subscription.
 */
export class AzureDirectory {
  private readonly loaders = new Map<string, AzureLoader>();
  private readonly routes = new Map<string, Route>();
  private accounts: readonly AccountInfo[] = [];
  private accountCount = 0;
  private tenantCount = 0;
  /** Tenants found in the last listing that have no session yet: the tree offers to sign in to each. */
  tenantsNeedingSignIn: TenantEntry[] = [];

  constructor(
    private readonly broker: SessionBroker,
    private readonly clientsFor: (credential: TokenCredential) => AzureClients,
    private readonly filter: SubscriptionFilter,
    private readonly armScope: string,
  ) {}

  private loader(account: AccountInfo, tenantId: string | null): AzureLoader {
    const key = `${account.id}|${tenantId ?? ''}`;
    let l = this.loaders.get(key);
    if (!l) {
      l = new AzureLoader(this.clientsFor(new SessionCredential(this.broker, account, tenantId)));
      this.loaders.set(key, l);
    }
    return l;
  }

  /** Tenants of every account (GET /tenants with the account's home-tenant token), each marked signed in or not. */
  async listTenants(signal?: AbortSignal): Promise<Result<TenantEntry[]>> {
    const r = await attempt(() => this.readTenants(signal));
    return r.ok ? r.value : r;
  }

  private async readTenants(signal?: AbortSignal): Promise<Result<TenantEntry[]>> {
    const out: TenantEntry[] = [];
    const accounts = await this.broker.accounts();
    this.accounts = accounts;
    this.accountCount = accounts.length;
    for (const account of accounts) {
      const listed = await this.tenantsOf(account, signal);
      if (!listed.ok) {
        // An account whose session is gone lists nothing; the others still do.
        if (listed.error.kind === 'unauthenticated' && !listed.error.rejected) continue;
        return listed;
      }
      for (const t of listed.value) {
        if (!t.tenantId) continue;
        signal?.throwIfAborted();
        const session = await this.broker.token(account, t.tenantId, [this.armScope]).catch(() => null);
        out.push({ tenantId: t.tenantId, name: t.displayName || t.defaultDomain || t.tenantId, domain: t.defaultDomain ?? null, account, signedIn: !!session });
      }
    }
    return { ok: true, value: out };
  }

  /** One account's tenants; a token Resource Manager rejects (expired) is asked for again once, with fresh clients. */
  private async tenantsOf(account: AccountInfo, signal?: AbortSignal): Promise<Result<{ tenantId?: string; displayName?: string; defaultDomain?: string }[]>> {
    const once = () => attempt(async () => {
      const clients = this.clientsFor(new SessionCredential(this.broker, account, null));
      const items = [];
      for await (const t of clients.subscriptions().tenants.list({ abortSignal: signal })) {
        signal?.throwIfAborted();
        items.push(t);
        if (items.length >= MAX_TENANTS) break;
      }
      return items;
    });
    const first = await once();
    if (first.ok || first.error.kind !== 'unauthenticated' || !first.error.rejected) return first;
    return once();
  }

  /** The (filtered) subscriptions of every account and tenant, by name; a subscription seen twice is listed once. */
  async listSubscriptions(signal?: AbortSignal): Promise<Result<Subscription[]>> {
    const tenants = await this.listTenants(signal);
    if (!tenants.ok) return tenants;
    const all = tenants.value;
    this.routes.clear();
    const needing: TenantEntry[] = [];
    const out: Subscription[] = [];
    const add = (s: Subscription, origin: SubscriptionOrigin, loader: AzureLoader) => {
      if (this.filter.subscriptions.size && !this.filter.subscriptions.has(s.id.toLowerCase())) return;
      if (this.routes.has(s.id.toLowerCase())) return;
      this.routes.set(s.id.toLowerCase(), { origin, loader });
      out.push({ ...s, tenantId: s.tenantId ?? origin.tenantId });
    };
    const seen = new Set<string>();
    for (const t of all) {
      seen.add(t.tenantId.toLowerCase());
      // The shared filter names tenant/subscription pairs: a tenant none of them names is not read at all.
      if (this.filter.tenants.size && !this.filter.tenants.has(t.tenantId.toLowerCase())) continue;
      if (!t.signedIn) {
        needing.push(t);
        continue;
      }
      const loader = this.loader(t.account, t.tenantId);
      const r = await loader.listSubscriptions(signal);
      if (!r.ok) {
        if (r.error.kind === 'unauthenticated') {
          needing.push({ ...t, signedIn: false });
          continue;
        }
        return r;
      }
      for (const s of r.value) add(s, { account: t.account, tenantId: t.tenantId, tenantName: t.name }, loader);
    }
    // An account that lists no tenant (a personal Microsoft account) still lists what its home tenant holds.
    for (const account of this.accounts) {
      if (all.some((t) => t.account.id === account.id)) continue;
      const loader = this.loader(account, null);
      const r = await loader.listSubscriptions(signal);
      if (!r.ok) {
        if (r.error.kind === 'unauthenticated') continue;
        return r;
      }
      for (const s of r.value) add(s, { account, tenantId: s.tenantId ?? '', tenantName: s.tenantId ?? 'home tenant' }, loader);
    }
    this.tenantCount = seen.size;
    this.tenantsNeedingSignIn = needing;
    return { ok: true, value: out.sort((a, b) => a.name.localeCompare(b.name)) };
  }

  /** Where a listed subscription came from; null for one not listed (yet). */
  origin(subscriptionId: string): SubscriptionOrigin | null {
    return this.routes.get(subscriptionId.toLowerCase())?.origin ?? null;
  }

  /** What tells a subscription apart when several tenants or accounts are listed: `tenant · account`, or null. */
  describeOrigin(subscriptionId: string): string | null {
    const o = this.origin(subscriptionId);
    if (!o) return null;
    const parts = [this.tenantCount > 1 ? o.tenantName : '', this.accountCount > 1 ? o.account.label : ''].filter(Boolean);
    return parts.length ? parts.join(' · ') : null;
  }

  private route<T>(subscriptionId: string | null, run: (l: AzureLoader) => Promise<Result<T>>): Promise<Result<T>> {
    const r = subscriptionId ? this.routes.get(subscriptionId.toLowerCase()) : undefined;
    if (!r) return Promise.resolve({ ok: false, error: { kind: 'notFound', message: `subscription ${subscriptionId ?? '?'} is not among the listed subscriptions` } });
    return run(r.loader);
  }

  listClusters(subscriptionId: string, signal?: AbortSignal): Promise<Result<AksCluster[]>> {
    return this.route(subscriptionId, (l) => l.listClusters(subscriptionId, signal));
  }

  listIdentities(subscriptionId: string, signal?: AbortSignal): Promise<Result<ManagedIdentity[]>> {
    return this.route(subscriptionId, (l) => l.listIdentities(subscriptionId, signal));
  }

  listFederatedCredentials(identity: Pick<ManagedIdentity, 'id'>, signal?: AbortSignal): Promise<Result<FederatedCredential[]>> {
    return this.route(parseArmId(identity.id).subscriptionId, (l) => l.listFederatedCredentials(identity, signal));
  }

  listRoleAssignments(subscriptionId: string, signal?: AbortSignal): Promise<Result<RoleAssignment[]>> {
    return this.route(subscriptionId, (l) => l.listRoleAssignments(subscriptionId, signal));
  }

  /** The clients of the pair that listed a subscription (writes such as creating a federated credential use them). */
  clientsOf(subscriptionId: string): AzureClients | null {
    const r = this.routes.get(subscriptionId.toLowerCase());
    return r ? this.clientsFor(new SessionCredential(this.broker, r.origin.account, r.origin.tenantId)) : null;
  }
}
