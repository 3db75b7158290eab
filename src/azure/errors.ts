/** What went wrong talking to Resource Manager, as data: callers show it, never catch it. */
export type AzureError =
  | { kind: 'unauthenticated'; message: string; /** Resource Manager refused the token (HTTP 401): sign in again. */ rejected?: true }
  | { kind: 'forbidden'; message: string; /** The missing action, from ARM's AuthorizationFailed message. */ permission: string | null; scope: string | null }
  | { kind: 'notFound'; message: string }
  | { kind: 'throttled'; message: string; retryAfterSeconds: number | null }
  | { kind: 'offline'; message: string; /** Set when the server was reached but the exchange broke off. */ reason?: 'timeout' | 'interrupted' }
  | { kind: 'cancelled'; message: string }
  | { kind: 'other'; message: string; status: number | null; /** A response body that is not the JSON it should be. */ reason?: 'incomplete'; retryAfterSeconds?: number };

export type Result<T> = { ok: true; value: T } | { ok: false; error: AzureError };

const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE',
  'REQUEST_SEND_ERROR', 'UND_ERR_SOCKET', 'ECONNABORTED',
]);

const AUTH_ERRORS = new Set(['CredentialUnavailableError', 'AuthenticationError', 'AuthenticationRequiredError']);

/** Where clients.ts keeps ARM's own error message on the response, for clients whose errors drop it. */
export const ARM_MESSAGE_HEADER = 'x-aks-iam-arm-message';

/** Longest error text kept: a message is for a tooltip, not a place to dump response bodies. */
const MAX_MESSAGE = 600;

/**
 * Removes credentials from text that came from a server or the SDK before anyone shows or logs it:
 * bearer tokens, Authorization headers, and anything shaped like a JWT (what Entra ID issues), even
 * when a server echoes it back in an error.
 */
export function redact(text: string): string {
  const out = redactAll(text);
  return out.length > MAX_MESSAGE ? `${out.slice(0, MAX_MESSAGE)}…` : out;
}

/** redact() without the length bound, for log lines (the SDK's request and response dumps). */
export function redactAll(text: string): string {
  return text
    .replace(/\b(?:authorization|www-authenticate|proxy-authorization)\b["']?\s*[:=]\s*["']?[^"'\r\n,}]*/gi, '[credential removed]')
    .replace(/\bbearer\b\s*[^\s"',;}]*/gi, '[credential removed]')
    .replace(/\beyJ[\w-]*\.[\w-]+\.?[\w-]*/g, '[credential removed]')
    .replace(/\b(access_?token|refresh_?token|id_?token|client_?secret|client_?assertion|password)\b(["']?\s*[:=]\s*["']?)[^"'\s,}&]+/gi, '$1$2[removed]');
}

/** `… perform action 'X' over scope 'Y' …` in ARM's AuthorizationFailed message. */
export function parseAuthorizationFailed(message: string): { permission: string | null; scope: string | null } {
  const action = /action '([^']+)'/i.exec(message);
  const scope = /over scope '([^']+)'/i.exec(message);
  return { permission: action ? action[1] : null, scope: scope ? scope[1] : null };
}

function seconds(v: string | undefined | null): number | null {
  if (!v) return null;
  const n = Number(v);
  if (Number.isFinite(n)) return Math.max(0, Math.round(n));
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - Date.now()) / 1000));
}

function retryAfter(err: { response?: { headers?: { get?(n: string): string | undefined } } }): number | null {
  return seconds(err.response?.headers?.get?.('retry-after'));
}

const PARSE_ERROR = 'PARSE_ERROR';

/** Maps anything the SDK or the credential throws to an AzureError whose message is safe to show and log. */
export function toAzureError(err: unknown): AzureError {
  const e = (err ?? {}) as { name?: string; message?: string; statusCode?: number; code?: string; cause?: unknown; response?: { headers?: { get?(n: string): string | undefined } } };
  const said = e.response?.headers?.get?.(ARM_MESSAGE_HEADER);
  const message = redact(said || (typeof e.message === 'string' && e.message ? e.message : String(err)));
  if (e.name === 'AbortError') return { kind: 'cancelled', message: 'cancelled' };
  if (e.name && AUTH_ERRORS.has(e.name)) return { kind: 'unauthenticated', message };
  const status = typeof e.statusCode === 'number' ? e.statusCode : null;
  if (status === 401) return { kind: 'unauthenticated', message, rejected: true };
  if (status === 403) return { kind: 'forbidden', message, ...parseAuthorizationFailed(message) };
  if (status === 404) return { kind: 'notFound', message };
  if (status === 429) return { kind: 'throttled', message, retryAfterSeconds: retryAfter(e as never) };
  if (e.code === PARSE_ERROR) {
    // The SDK puts the whole body into this message; only say what happened.
    if (/^Error reading response as text/i.test(e.message ?? '')) {
      return { kind: 'offline', reason: 'interrupted', message: 'The connection to Azure Resource Manager broke off while the response was being read.' };
    }
    return { kind: 'other', reason: 'incomplete', status, message: `Azure Resource Manager returned an incomplete or malformed response${status !== null ? ` (HTTP ${status})` : ''}; it was not used.` };
  }
  const cause = e.cause as { code?: string } | undefined;
  if (status === null && ((e.code && NETWORK_CODES.has(e.code)) || (cause?.code && NETWORK_CODES.has(cause.code)))) return { kind: 'offline', message };
  const after = status !== null && status >= 500 ? retryAfter(e as never) : null;
  return { kind: 'other', message, status, ...(after !== null ? { retryAfterSeconds: after } : {}) };
}

/** Runs an SDK call; its failure becomes a Result, never an exception. */
export async function attempt<T>(fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    return { ok: false, error: toAzureError(err) };
  }
}
