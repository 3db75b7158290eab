import type { Agent } from 'node:https';
import type { TokenCredential } from '@azure/identity';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { ManagedServiceIdentityClient } from '@azure/arm-msi';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { SubscriptionClient, type SubscriptionClientOptionalParams } from '@azure/arm-resources-subscriptions';
import { ARM_MESSAGE_HEADER } from './errors';

/** The SDK's pipeline policy type, taken from a client's options (the pipeline package is not a direct dependency). */
type PipelinePolicy = NonNullable<SubscriptionClientOptionalParams['additionalPolicies']>[number]['policy'];

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
}

export interface AzureClients {
  readonly endpoint: string;
  subscriptions(): SubscriptionClient;
  containerService(subscriptionId: string): ContainerServiceClient;
  msi(subscriptionId: string): ManagedServiceIdentityClient;
  authorization(subscriptionId: string): AuthorizationManagementClient;
  /**
   * Drops every client, so the next call builds new ones, whose pipelines ask the credential for a token
   * again (a pipeline keeps its token until the expiry the credential gave, even after ARM rejects it).
   */
  forget(): void;
}

/**
 * Gives every call (its retries included) a deadline that also covers reading the body. The SDK's own
 * `timeout` would not cover the body, and leaves its timer running after a failed request.
 */
function deadlinePolicy(ms: number): PipelinePolicy {
  return {
    name: 'aksIamDeadline',
    sendRequest: async (request, next) => {
      const outer = request.abortSignal;
      const ctl = new AbortController();
      const abort = () => ctl.abort();
      if (outer?.aborted) ctl.abort();
      outer?.addEventListener('abort', abort);
      const timer = setTimeout(abort, ms);
      request.abortSignal = ctl.signal;
      try {
        return await next(request);
      } finally {
        clearTimeout(timer);
        outer?.removeEventListener('abort', abort);
        request.abortSignal = outer;
      }
    },
  };
}

/** Thrown instead of letting the SDK sleep for a long Retry-After; toAzureError reads status and headers. */
export class RetryLaterError extends Error {
  override readonly name = 'RetryLaterError';
  constructor(message: string, readonly statusCode: number, readonly response: { headers: { get(name: string): string | undefined } }) {
    super(message);
  }
}

/** `error.message` of an ARM error body, or null. */
function armErrorMessage(body: string | null | undefined): string | null {
  try {
    const said = (JSON.parse(body ?? '') as { error?: { message?: unknown } }).error?.message;
    return typeof said === 'string' && said ? said : null;
  } catch {
    return null;
  }
}

function retryAfterSeconds(headers: { get(name: string): string | undefined }): number {
  const ms = Number(headers.get('retry-after-ms') ?? headers.get('x-ms-retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms / 1000;
  const value = headers.get('retry-after');
  if (value === undefined) return NaN;
  return Number.isFinite(Number(value)) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
}

/**
 * Runs inside the SDK's retry loop, before the SDK reads the response. An ARM error's own message is
 * copied into a header that every client keeps on its error (the TypeSpec-generated clients replace the
 * message with "Pagination failed…", which loses the missing permission of a 403). And when ARM asks to wait longer than
 * `seconds` (minutes, in a throttling storm), the call ends at once as throttled instead of the SDK
 * sleeping that long with the tree spinning, or retrying a 503 sooner than asked.
 */
function retryAfterCapPolicy(seconds: number): PipelinePolicy {
  return {
    name: 'aksIamRetryAfterCap',
    sendRequest: async (request, next) => {
      const response = await next(request);
      if (response.status >= 400) {
        const said = armErrorMessage(response.bodyAsText);
        if (said) response.headers.set(ARM_MESSAGE_HEADER, said);
      }
      if ((response.status !== 429 && response.status !== 503) || !(retryAfterSeconds(response.headers) > seconds)) return response;
      const message = armErrorMessage(response.bodyAsText) ?? `Azure Resource Manager asked to wait before retrying (HTTP ${response.status}).`;
      throw new RetryLaterError(message, response.status, response);
    },
  };
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
    // The TypeSpec-generated clients (containerservice 25.x) read `credentials.scopes` instead.
    credentials: { scopes },
    ...(settings.agent ? { agent: settings.agent } : {}),
    ...(settings.retry ? { retryOptions: settings.retry } : {}),
    additionalPolicies: [
      { policy: deadlinePolicy(settings.timeoutMs ?? 60_000), position: 'perCall' as const },
      { policy: retryAfterCapPolicy(settings.maxRetryAfterSeconds ?? 10), position: 'perRetry' as const },
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
    containerService: (sub) => once(`aks:${sub}`, () => new ContainerServiceClient(settings.credential, sub, common)),
    msi: (sub) => once(`msi:${sub}`, () => new ManagedServiceIdentityClient(settings.credential, sub, common)),
    authorization: (sub) => once(`authz:${sub}`, () => new AuthorizationManagementClient(settings.credential, sub, common)),
    forget: () => cache.clear(),
  };
}
