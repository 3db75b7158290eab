import type { Agent } from 'node:https';
import type { TokenCredential } from '@azure/identity';
import { ManagedServiceIdentityClient } from '@azure/arm-msi';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import { armResponsePolicy, deadlinePolicy, requestLogPolicy, type RequestLog } from './policies';

export interface ClientSettings {
  credential: TokenCredential;
  /** Resource Manager endpoint, e.g. https://management.azure.com (sovereign clouds differ). */
  endpoint: string;
  /** HTTPS agent for every request (a proxy, or a private CA in tests). */
  agent?: Agent;
  /** Retry tuning; the SDK defaults (3 retries, ~1 s backoff) apply when absent. */
  retry?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
  /** How long one call (retries included) may take (default 60 s): a server that never answers is offline. */
  timeoutMs?: number;
  /** Longest Retry-After the SDK may sleep inside one request (default 10 s); longer ones end the call as throttled. */
  maxRetryAfterSeconds?: number;
  /** Called after every attempt (retries included) with what is safe to show: method, path, status, time. */
  onResponse?: (r: RequestLog) => void;
}

export interface AzureClients {
  readonly endpoint: string;
  subscriptions(): SubscriptionClient;
  msi(subscriptionId: string): ManagedServiceIdentityClient;
  authorization(subscriptionId: string): AuthorizationManagementClient;
  /**
   * GET of one Resource Manager path (a subnet, a page of registries) through the same pipeline as the SDK
   * clients, for the few reads whose SDKs aks-iam does not carry. Throws like the SDK does on an error status.
   */
  get(path: string, apiVersion: string, signal?: AbortSignal): Promise<unknown>;
  /**
   * Drops every client, so the next call builds new ones, whose pipelines ask the credential for a token
   * again (a pipeline keeps its token until the expiry the credential gave, even after ARM rejects it).
   */
  forget(): void;
}

/**
 * The one place Resource Manager clients are built, so every client gets the same credential,
 * endpoint, token scope and agent. A client that falls back to the public-cloud endpoint or scope
 * silently breaks sovereign clouds, hence both spellings of the scope option below.
 */
export function createClients(settings: ClientSettings): AzureClients {
  const endpoint = settings.endpoint.replace(/\/+$/, '');
  const scopes = [`${endpoint}/.default`];
  const common = {
    endpoint,
    credentialScopes: scopes,
    // Clients generated from TypeSpec read `credentials.scopes` instead.
    credentials: { scopes },
    ...(settings.agent ? { agent: settings.agent } : {}),
    ...(settings.retry ? { retryOptions: settings.retry } : {}),
    additionalPolicies: [
      { policy: deadlinePolicy(settings.timeoutMs ?? 60_000), position: 'perCall' as const },
      { policy: armResponsePolicy(settings.maxRetryAfterSeconds ?? 10), position: 'perRetry' as const },
      ...(settings.onResponse ? [{ policy: requestLogPolicy(settings.onResponse), position: 'perRetry' as const }] : []),
    ],
  };
  const cache = new Map<string, unknown>();
  const once = <T>(key: string, make: () => T): T => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key) as T;
  };
  return {
    endpoint,
    subscriptions: () => once('subs', () => new SubscriptionClient(settings.credential, common)),
    msi: (sub) => once(`msi:${sub}`, () => new ManagedServiceIdentityClient(settings.credential, sub, common)),
    authorization: (sub) => once(`authz:${sub}`, () => new AuthorizationManagementClient(settings.credential, sub, common)),
    get: async (path, apiVersion, signal) => {
      const url = /^https:\/\//i.test(path) ? path : `${endpoint}/${path.replace(/^\/+/, '')}${path.includes('?') ? '&' : '?'}api-version=${apiVersion}`;
      if (!url.toLowerCase().startsWith(`${endpoint.toLowerCase()}/`)) throw new RestError(`refusing to follow a link off ${endpoint}`, { statusCode: 400 });
      const client = once('subs', () => new SubscriptionClient(settings.credential, common));
      const response = await client.sendRequest(createPipelineRequest({ url, method: 'GET', abortSignal: signal }));
      if (response.status >= 400) throw new RestError(`Azure Resource Manager answered HTTP ${response.status}`, { statusCode: response.status, response });
      return JSON.parse(response.bodyAsText ?? 'null') as unknown;
    },
    forget: () => cache.clear(),
  };
}
