import type { AksCluster, FederatedCredential, IdentityGraph, ManagedIdentity, RoleAssignment, Subscription } from '../../core/identity/graph';
import { emptyGraph } from '../../core/identity/graph';
import type { AzureLoader, LoadFailure } from '../../azure/loader';
import type { AzureError, Result } from '../../azure/errors';
import { LEVEL_NOUN } from './error-model';
import type { SourceKey } from './types';

/** Where a live source reports failed levels: the extension's "AKS IAM" log. */
export interface SourceLog {
  warn(line: string): void;
}

/**
 * Where the tree reads identity data, one level at a time. A snapshot answers from memory; Resource
 * Manager answers through the loader. No vscode here, so the whole tree is testable in plain Node.
 */
export interface IdentitySource {
  readonly kind: 'azure' | 'snapshot';
  subscriptions(signal: AbortSignal): Promise<Result<Subscription[]>>;
  clusters(subscriptionId: string, signal: AbortSignal): Promise<Result<AksCluster[]>>;
  identities(subscriptionId: string, signal: AbortSignal): Promise<Result<ManagedIdentity[]>>;
  federatedCredentials(identity: ManagedIdentity, signal: AbortSignal): Promise<Result<FederatedCredential[]>>;
  roleAssignments(subscriptionId: string, signal: AbortSignal): Promise<Result<RoleAssignment[]>>;
  /** Forgets what one level returned, so that the next read asks again (retry on an error node). */
  invalidate(key: SourceKey): void;
  /** Federated credentials of an identity already read (no request); null when not read yet. */
  peekCredentials(identityId: string): FederatedCredential[] | null;
  /** Everything read so far as one graph (no request), for badges shown before a node is expanded. */
  loaded(): IdentityGraph;
}

/** What the live source reads through: the loader of one credential, or the accounts → tenants directory. */
export type LevelLoader = Pick<AzureLoader, 'listSubscriptions' | 'listClusters' | 'listIdentities' | 'listFederatedCredentials' | 'listRoleAssignments'>;

export type { SourceKey } from './types';

const WARM_PARALLEL = 4;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });

/** A loaded snapshot (or any fixed graph). */
export class GraphSource implements IdentitySource {
  readonly kind = 'snapshot' as const;

  constructor(readonly graph: IdentityGraph) {}

  subscriptions(): Promise<Result<Subscription[]>> {
    return ok(this.graph.subscriptions);
  }

  clusters(subscriptionId: string): Promise<Result<AksCluster[]>> {
    return ok(this.graph.clusters.filter((c) => same(c.subscriptionId, subscriptionId)));
  }

  identities(subscriptionId: string): Promise<Result<ManagedIdentity[]>> {
    return ok(this.graph.identities.filter((i) => same(i.subscriptionId, subscriptionId)));
  }

  federatedCredentials(identity: ManagedIdentity): Promise<Result<FederatedCredential[]>> {
    const known = this.graph.identities.find((i) => same(i.id, identity.id));
    if (known?.federatedCredentials) return ok(known.federatedCredentials);
    return Promise.resolve({ ok: false, error: { kind: 'notFound', message: 'the snapshot has no federated credentials for this identity (add the output of az identity federated-credential list)' } });
  }

  roleAssignments(subscriptionId: string): Promise<Result<RoleAssignment[]>> {
    return ok(this.graph.roleAssignments.filter((r) => {
      const sub = /\/subscriptions\/([^/]+)/i.exec(r.scope)?.[1];
      return !!sub && same(sub, subscriptionId);
    }));
  }

  invalidate(): void {}

  peekCredentials(identityId: string): FederatedCredential[] | null {
    return this.graph.identities.find((i) => same(i.id, identityId))?.federatedCredentials ?? null;
  }

  loaded(): IdentityGraph {
    return this.graph;
  }
}

function where(k: SourceKey): string {
  if (k.level === 'subscriptions') return '';
  return k.level === 'federatedCredentials' ? ` of ${k.identityId}` : ` in subscription ${k.subscriptionId}`;
}

function keyOf(k: SourceKey): string {
  if (k.level === 'subscriptions') return 'subscriptions';
  if (k.level === 'federatedCredentials') return `fic:${k.identityId.toLowerCase()}`;
  return `${k.level}:${k.subscriptionId.toLowerCase()}`;
}

/**
 * Resource Manager through the loader. Each level is read once and kept (until refresh or retry), so
 * the tree and the cloud rules share one set of requests; concurrent reads of a level share a request.
 * Failures are not kept: the error node's retry asks again.
 */
export class LiveSource implements IdentitySource {
  readonly kind = 'azure' as const;
  private readonly cache = new Map<string, Promise<Result<unknown>>>();
  private readonly settled = new Map<string, unknown>();
  private readonly listeners: (() => void)[] = [];

  /** `subscriptionFilter`: ids to show (empty: all). */
  constructor(private readonly loader: LevelLoader, private readonly subscriptionFilter: readonly string[] = [], private readonly log?: SourceLog) {}

  /** Called after each level loads successfully (the extension republishes the graph). */
  onDidLoad(listener: () => void): void {
    this.listeners.push(listener);
  }

  private read<T>(k: SourceKey, load: () => Promise<Result<T>>): Promise<Result<T>> {
    const key = keyOf(k);
    const hit = this.cache.get(key);
    if (hit) return hit as Promise<Result<T>>;
    const p = load().then((r) => {
      if (r.ok) {
        this.settled.set(key, r.value);
        for (const l of this.listeners) l();
      } else {
        if (this.cache.get(key) === p) this.cache.delete(key);
        // The message was redacted when the error was made (no token, no response body).
        if (r.error.kind !== 'cancelled') this.log?.warn(`Azure: listing ${LEVEL_NOUN[k.level]}${where(k)} failed (${r.error.kind}): ${r.error.message}`);
      }
      return r;
    });
    this.cache.set(key, p);
    return p;
  }

  async subscriptions(signal: AbortSignal): Promise<Result<Subscription[]>> {
    const r = await this.read({ level: 'subscriptions' }, () => this.loader.listSubscriptions(signal));
    if (!r.ok || this.subscriptionFilter.length === 0) return r;
    return { ok: true, value: r.value.filter((s) => this.subscriptionFilter.some((f) => same(f, s.id))) };
  }

  clusters(subscriptionId: string, signal: AbortSignal): Promise<Result<AksCluster[]>> {
    return this.read({ level: 'clusters', subscriptionId }, () => this.loader.listClusters(subscriptionId, signal));
  }

  identities(subscriptionId: string, signal: AbortSignal): Promise<Result<ManagedIdentity[]>> {
    return this.read({ level: 'identities', subscriptionId }, () => this.loader.listIdentities(subscriptionId, signal));
  }

  federatedCredentials(identity: ManagedIdentity, signal: AbortSignal): Promise<Result<FederatedCredential[]>> {
    return this.read({ level: 'federatedCredentials', identityId: identity.id }, () => this.loader.listFederatedCredentials(identity, signal));
  }

  roleAssignments(subscriptionId: string, signal: AbortSignal): Promise<Result<RoleAssignment[]>> {
    return this.read({ level: 'roleAssignments', subscriptionId }, () => this.loader.listRoleAssignments(subscriptionId, signal));
  }

  invalidate(k: SourceKey): void {
    this.cache.delete(keyOf(k));
    this.settled.delete(keyOf(k));
  }

  peekCredentials(identityId: string): FederatedCredential[] | null {
    return (this.settled.get(`fic:${identityId.toLowerCase()}`) as FederatedCredential[] | undefined) ?? null;
  }

  loaded(): IdentityGraph {
    return this.graph();
  }

  /** Whether a level has loaded successfully (a check over a level not loaded yet would report false gaps). */
  hasLoaded(k: SourceKey): boolean {
    return this.settled.has(keyOf(k));
  }

  /**
   * Reads every level of the (filtered) subscriptions: what the cloud rules, "Export identity snapshot" and the
   * tests get, through the same cached requests the tree makes (opening the tree afterwards costs nothing). Returns
   * the graph of what loaded and each level that did not; a cancel stops at once and is reported once.
   */
  async warm(signal: AbortSignal): Promise<{ graph: IdentityGraph; failures: LoadFailure[] }> {
    const failures: LoadFailure[] = [];
    const fail = (level: LoadFailure['level'], error: AzureError, subscriptionId: string | null = null, identityId: string | null = null) => {
      if (error.kind !== 'cancelled') failures.push({ level, subscriptionId, identityId, error });
    };
    const done = () => {
      if (signal.aborted) failures.push({ level: 'subscriptions', subscriptionId: null, identityId: null, error: { kind: 'cancelled', message: 'cancelled' } });
      return { graph: this.graph(), failures };
    };
    const subs = await this.subscriptions(signal);
    if (!subs.ok) {
      fail('subscriptions', subs.error);
      return done();
    }
    for (const s of subs.value) {
      if (signal.aborted) return done();
      const clusters = await this.clusters(s.id, signal);
      if (!clusters.ok) fail('clusters', clusters.error, s.id);
      if (signal.aborted) return done();
      const ids = await this.identities(s.id, signal);
      if (!ids.ok) fail('identities', ids.error, s.id);
      // A few credential listings at a time: quick for hundreds of identities, gentle on throttling.
      else for (let at = 0; at < ids.value.length; at += WARM_PARALLEL) {
        if (signal.aborted) return done();
        const batch = ids.value.slice(at, at + WARM_PARALLEL);
        const fics = await Promise.all(batch.map((i) => this.federatedCredentials(i, signal)));
        fics.forEach((r, k) => {
          if (!r.ok) fail('federatedCredentials', r.error, s.id, batch[k].id);
        });
      }
      if (signal.aborted) return done();
      const ras = await this.roleAssignments(s.id, signal);
      if (!ras.ok) fail('roleAssignments', ras.error, s.id);
    }
    return done();
  }

  /** What has loaded so far, as one graph; identities whose credentials did not load keep null. */
  graph(): IdentityGraph {
    const g = emptyGraph('azure');
    const subs = (this.settled.get('subscriptions') as Subscription[] | undefined) ?? [];
    g.subscriptions = this.subscriptionFilter.length ? subs.filter((s) => this.subscriptionFilter.some((f) => same(f, s.id))) : [...subs];
    for (const s of g.subscriptions) {
      const sub = s.id.toLowerCase();
      g.clusters.push(...((this.settled.get(`clusters:${sub}`) as AksCluster[] | undefined) ?? []));
      g.roleAssignments.push(...((this.settled.get(`roleAssignments:${sub}`) as RoleAssignment[] | undefined) ?? []));
      for (const i of (this.settled.get(`identities:${sub}`) as ManagedIdentity[] | undefined) ?? []) {
        const fics = this.settled.get(`fic:${i.id.toLowerCase()}`) as FederatedCredential[] | undefined;
        g.identities.push({ ...i, federatedCredentials: fics ?? null });
      }
    }
    return g;
  }
}
