import type { SubscriptionClientOptionalParams } from '@azure/arm-resources-subscriptions';
import { ARM_MESSAGE_HEADER } from './errors';

/** The SDK's pipeline policy type, taken from a client's options (the pipeline package is not a direct dependency). */
type PipelinePolicy = NonNullable<SubscriptionClientOptionalParams['additionalPolicies']>[number]['policy'];

/**
 * Gives every call (its retries included) a deadline that also covers reading the body. The SDK's own
 * `timeout` would not cover the body, and leaves its timer running after a failed request.
 */
export function deadlinePolicy(ms: number): PipelinePolicy {
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
 * Runs inside the SDK's retry loop, before the SDK reads the response:
 * - ARM's own error message is copied into a header that every error keeps on its response: the plain GETs
 *   (clients.get) do not parse error bodies, and a 403's message names the missing permission;
 * - when ARM asks to wait longer than `seconds` (minutes, in a throttling storm), the call ends at once
 *   instead of the SDK sleeping that long with the tree spinning, or retrying a 503 sooner than asked.
 */
export function armResponsePolicy(seconds: number): PipelinePolicy {
  return {
    name: 'aksIamArmResponse',
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

export interface RequestLog {
  method: string;
  /** Path and api-version only: paging tokens and other query values stay out of logs. */
  path: string;
  /** 0 when no response came (connection refused, reset, timeout). */
  status: number;
  ms: number;
  retryAfter: string | null;
}

/** Reports every attempt to `log`, failed connections included; never headers or bodies. */
export function requestLogPolicy(log: (r: RequestLog) => void): PipelinePolicy {
  return {
    name: 'aksIamRequestLog',
    sendRequest: async (request, next) => {
      const started = Date.now();
      const url = new URL(request.url);
      const apiVersion = url.searchParams.get('api-version');
      const path = `${url.pathname}${apiVersion ? `?api-version=${apiVersion}` : ''}`;
      try {
        const response = await next(request);
        log({ method: request.method, path, status: response.status, ms: Date.now() - started, retryAfter: response.headers.get('retry-after') ?? null });
        return response;
      } catch (err) {
        const status = (err as { response?: { status?: number } }).response?.status ?? 0;
        log({ method: request.method, path, status, ms: Date.now() - started, retryAfter: null });
        throw err;
      }
    },
  };
}
