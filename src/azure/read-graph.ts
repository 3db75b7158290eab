import { emptyGraph, type IdentityGraph, type RoleDefinitionInfo, type Subscription } from '../core/identity/graph';
import type { AzureError, Result } from './errors';
import type { AzureLoader } from './loader';

/** Which listing failed, in words for a message: "listing role assignments of subscription …". */
export interface ReadFailure {
  error: AzureError;
  doing: string;
  subscriptionId: string | null;
}

export interface ReadOptions {
  /** Subscription ids to read; empty: every subscription the credential sees. */
  subscriptions: string[];
  /** Also list each identity's federated credentials (one request per identity). */
  federatedCredentials: boolean;
  signal?: AbortSignal;
  /** Credential listings at a time: quick for hundreds of identities, gentle on throttling. */
  parallel?: number;
}

/**
 * Reads everything the cloud rules and the permission check use, for a run that needs all of it or nothing:
 * the first failure ends the read (a lint against half the identities would report findings that are not
 * there). Subscriptions named by id are read one by one, so one of another tenant fails before any listing.
 */
export async function readIdentityGraph(loader: AzureLoader, options: ReadOptions): Promise<{ ok: true; graph: IdentityGraph } | { ok: false; failure: ReadFailure }> {
  const graph = emptyGraph('azure');
  const customRoles = new Map<string, RoleDefinitionInfo>();
  const fail = (error: AzureError, doing: string, subscriptionId: string | null) => ({ ok: false as const, failure: { error, doing, subscriptionId } });
  let subs: Subscription[];
  if (options.subscriptions.length) {
    subs = [];
    for (const id of options.subscriptions) {
      const r = await loader.getSubscription(id, options.signal);
      if (!r.ok) return fail(r.error, `reading subscription ${id}`, id);
      subs.push(r.value);
    }
  } else {
    const r = await loader.listSubscriptions(options.signal);
    if (!r.ok) return fail(r.error, 'listing subscriptions', null);
    subs = r.value;
  }
  graph.subscriptions = subs;
  const step = async <T>(sub: string, doing: string, call: () => Promise<Result<T>>): Promise<T | ReadFailure> => {
    const r = await call();
    return r.ok ? r.value : { error: r.error, doing: `${doing} of subscription ${sub}`, subscriptionId: sub };
  };
  const failed = (x: unknown): x is ReadFailure => !!x && typeof x === 'object' && 'doing' in x && 'error' in x;
  for (const s of subs) {
    const clusters = await step(s.id, 'listing AKS clusters', () => loader.listClusters(s.id, options.signal));
    if (failed(clusters)) return { ok: false, failure: clusters };
    graph.clusters.push(...clusters);
    const identities = await step(s.id, 'listing managed identities', () => loader.listIdentities(s.id, options.signal));
    if (failed(identities)) return { ok: false, failure: identities };
    const parallel = options.parallel ?? 4;
    for (let at = 0; options.federatedCredentials && at < identities.length; at += parallel) {
      const batch = identities.slice(at, at + parallel);
      const fics = await Promise.all(batch.map((i) => loader.listFederatedCredentials(i, options.signal)));
      for (let k = 0; k < batch.length; k++) {
        const r = fics[k];
        if (!r.ok) return fail(r.error, `listing federated credentials of identity ${batch[k].name} in subscription ${s.id}`, s.id);
        batch[k].federatedCredentials = r.value;
      }
    }
    graph.identities.push(...identities);
    const roles = await step(s.id, 'listing role assignments', () => loader.listRoleAssignmentsAndCustomRoles(s.id, options.signal));
    if (failed(roles)) return { ok: false, failure: roles };
    graph.roleAssignments.push(...roles.assignments);
    for (const d of roles.customRoles) customRoles.set(d.id.toLowerCase(), d);
  }
  // Only present when there are some, as in a snapshot.
  if (customRoles.size) graph.roleDefinitions = [...customRoles.values()];
  return { ok: true, graph };
}
