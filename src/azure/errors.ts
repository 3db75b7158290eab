/** What went wrong talking to Resource Manager, as data: callers show it, never catch it. */
export type AzureError =
  | { kind: 'unauthenticated'; message: string }
  | { kind: 'forbidden'; message: string; /** The missing action, from ARM's AuthorizationFailed message. */ permission: string | null; scope: string | null }
  | { kind: 'notFound'; message: string }
  | { kind: 'throttled'; message: string; retryAfterSeconds: number | null }
  | { kind: 'offline'; message: string }
  | { kind: 'cancelled'; message: string }
  | { kind: 'other'; message: string; status: number | null };

export type Result<T> = { ok: true; value: T } | { ok: false; error: AzureError };

const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE',
  'REQUEST_SEND_ERROR', 'UND_ERR_SOCKET', 'ECONNABORTED',
]);

const AUTH_ERRORS = new Set(['CredentialUnavailableError', 'AuthenticationError', 'AuthenticationRequiredError']);

/** `… perform action 'X' over scope 'Y' …` in ARM's AuthorizationFailed message. */
export function parseAuthorizationFailed(message: string): { permission: string | null; scope: string | null } {
  const action = /action '([^']+)'/i.exec(message);
  const scope = /over scope '([^']+)'/i.exec(message);
  return { permission: action ? action[1] : null, scope: scope ? scope[1] : null };
}

function retryAfter(err: { response?: { headers?: { get?(n: string): string | undefined } } }): number | null {
  const v = err.response?.headers?.get?.('retry-after');
  if (!v) return null;
  const n = Number(v);
  if (Number.isFinite(n)) return n;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - Date.now()) / 1000));
}

/** Maps anything the SDK or the credential throws to an AzureError. */
export function toAzureError(err: unknown): AzureError {
  const e = (err ?? {}) as { name?: string; message?: string; statusCode?: number; code?: string; cause?: unknown };
  const message = typeof e.message === 'string' && e.message ? e.message : String(err);
  if (e.name === 'AbortError') return { kind: 'cancelled', message: 'cancelled' };
  if (e.name && AUTH_ERRORS.has(e.name)) return { kind: 'unauthenticated', message };
  const status = typeof e.statusCode === 'number' ? e.statusCode : null;
  if (status === 401) return { kind: 'unauthenticated', message };
  if (status === 403) return { kind: 'forbidden', message, ...parseAuthorizationFailed(message) };
  if (status === 404) return { kind: 'notFound', message };
  if (status === 429) return { kind: 'throttled', message, retryAfterSeconds: retryAfter(e as never) };
  const cause = e.cause as { code?: string } | undefined;
  if (status === null && ((e.code && NETWORK_CODES.has(e.code)) || (cause?.code && NETWORK_CODES.has(cause.code)))) return { kind: 'offline', message };
  return { kind: 'other', message, status };
}

/** Runs an SDK call; its failure becomes a Result, never an exception. */
export async function attempt<T>(fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    return { ok: false, error: toAzureError(err) };
  }
}
