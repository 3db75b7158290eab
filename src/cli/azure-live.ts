/**
 * The Azure part of a live run. Commands load it with import() when asked for live data: the SDK, its
 * sign-in library and MSAL double the CLI's size and would slow the start of every other command.
 */
import { createClients } from '../azure/clients';
import { AzureLoader } from '../azure/loader';
import type { RequestLog } from '../azure/policies';
import { readIdentityGraph, type ReadFailure } from '../azure/read-graph';
import { redactSdkLog } from '../azure/sdk-log';
import { defaultCredential, reuseToken, signInFailure, tokenClaims } from '../azure/sign-in';
import type { AksCluster, IdentityGraph } from '../core/identity/graph';
import { armMessage, AzureRunError, EXIT_AZURE_REFUSED, signInMessage } from './azure-messages';
import type { LiveSettings } from './azure-options';
import type { Io } from './io';

/** Retries and waits of a CLI run: a CI job may wait out throttling longer than the editor's tree should. */
const RETRY = { maxRetries: 3, retryDelayInMs: 800, maxRetryDelayInMs: 8000 };
const MAX_RETRY_AFTER_SECONDS = 30;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export interface ReadPlan {
  /** Also list each identity's federated credentials (lint, export). */
  federatedCredentials: boolean;
  /** Reads a command adds once the graph is in (check-cluster: its cluster's subnets and registries). */
  more?: (graph: IdentityGraph, loader: AzureLoader, warn: (line: string) => void) => Promise<ReadFailure | null>;
}

/**
 * Signs in with DefaultAzureCredential and reads the identity graph of the chosen subscriptions from Resource
 * Manager. Every failure is an AzureRunError with one line to print; nothing here prints a token.
 */
export async function readAzure(settings: LiveSettings, io: Io, what: ReadPlan): Promise<IdentityGraph> {
  const say = (line: string) => io.err(`aks-iam: ${line}\n`);
  redactSdkLog((text) => io.err(text));
  const { cloud } = settings;
  const scope = `${cloud.arm}/.default`;
  if (settings.verbose) say(`cloud ${cloud.name}: Resource Manager ${cloud.arm}, sign-in ${cloud.authorityHost}, token scope ${scope}`);
  let credential;
  try {
    credential = defaultCredential(cloud);
  } catch (err) {
    // An invalid AZURE_TOKEN_CREDENTIALS: the SDK's message names the valid values.
    throw new AzureRunError(`cannot set up sign-in: ${(err as Error).message}`, EXIT_AZURE_REFUSED);
  }
  let token;
  try {
    token = await credential.getToken(scope);
  } catch (err) {
    throw signInMessage(signInFailure(err), cloud.authorityHost);
  }
  if (!token) throw signInMessage({ kind: 'no-credential', tried: [] }, cloud.authorityHost);
  const who = tokenClaims(token);
  if (settings.verbose) {
    say(`signed in to tenant ${who.tenantId ?? '(not stated in the token)'} as object ${who.objectId ?? '(not stated)'}; token valid until ${new Date(who.expiresOn).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  }
  const onResponse = settings.verbose
    ? (r: RequestLog) => say(`${r.method} ${r.path} -> ${r.status || 'no response'}${r.retryAfter ? ` (Retry-After ${r.retryAfter})` : ''} in ${r.ms} ms`)
    : undefined;
  const clients = createClients({ credential: reuseToken(credential, token, scope), endpoint: cloud.arm, retry: RETRY, maxRetryAfterSeconds: MAX_RETRY_AFTER_SECONDS, onResponse });
  const loader = new AzureLoader(clients);
  const context = { endpoint: cloud.arm, tenantId: who.tenantId, maxRetries: RETRY.maxRetries, maxRetryAfterSeconds: MAX_RETRY_AFTER_SECONDS };
  const result = await readIdentityGraph(loader, { subscriptions: settings.subscriptions, federatedCredentials: what.federatedCredentials });
  if (!result.ok) throw armMessage(result.failure, context);
  const g = result.graph;
  if (!g.subscriptions.length) throw new AzureRunError(`the credential sees no subscription in tenant ${who.tenantId ?? '(not stated in the token)'}; sign in to the tenant that holds yours (az login --tenant <tenant id>) or ask for Reader on one`, EXIT_AZURE_REFUSED);
  const failed = what.more ? await what.more(g, loader, say) : null;
  if (failed) throw armMessage(failed, context);
  const fics = g.identities.reduce((n, i) => n + (i.federatedCredentials?.length ?? 0), 0);
  const identities = `${g.identities.length} managed identit${g.identities.length === 1 ? 'y' : 'ies'}`;
  say(`read from ${cloud.arm}: ${[
    plural(g.subscriptions.length, 'subscription'), plural(g.clusters.length, 'AKS cluster'), identities,
    ...(what.federatedCredentials ? [plural(fics, 'federated credential')] : []), plural(g.roleAssignments.length, 'role assignment'),
  ].join(', ')}`);
  return g;
}

/**
 * What only the permission check needs, read after the graph: the clusters' subnets (route table, network
 * security group) and the container registries of their subscriptions (--acr by name, ABAC mode). One the
 * credential may not read (403) or that is gone (404) is said on stderr and left out; the check then works as
 * with a snapshot that lacks it.
 */
export async function readSurroundings(graph: IdentityGraph, clusters: AksCluster[], loader: AzureLoader, warn: (line: string) => void): Promise<ReadFailure | null> {
  const skippable = (kind: string) => kind === 'forbidden' || kind === 'notFound';
  const why = (e: { kind: string; permission?: string | null }) => (e.kind === 'forbidden' ? `permission denied${e.permission ? `: no ${e.permission}` : ''}` : 'not found');
  for (const id of new Set(clusters.flatMap((c) => c.vnetSubnetIds))) {
    const r = await loader.getSubnet(id);
    if (r.ok) (graph.subnets ??= []).push(r.value);
    else if (skippable(r.error.kind)) warn(`cannot read subnet ${id} (${why(r.error)}); its route table and network security group are not checked`);
    else return { error: r.error, doing: `reading subnet ${id}`, subscriptionId: null };
  }
  for (const sub of new Set(clusters.map((c) => c.subscriptionId).filter(Boolean))) {
    const r = await loader.listRegistries(sub);
    if (r.ok) (graph.registries ??= []).push(...r.value);
    else if (skippable(r.error.kind)) warn(`cannot list the container registries of subscription ${sub} (${why(r.error)}); --acr takes a registry's resource id`);
    else return { error: r.error, doing: `listing container registries of subscription ${sub}`, subscriptionId: sub };
  }
  return null;
}
