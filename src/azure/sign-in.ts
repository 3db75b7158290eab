import { DefaultAzureCredential, type AccessToken, type GetTokenOptions, type TokenCredential } from '@azure/identity';
import type { ResolvedCloud } from './clouds';
import { redact } from './errors';

/**
 * Signing in outside the editor, the way Azure's own tools do: `DefaultAzureCredential` tries environment
 * variables (a client secret or certificate), workload identity federation (a token file, as in GitHub Actions
 * after azure/login, Azure Pipelines or a pod), managed identity, then the developer tools a person signed in
 * with (Azure CLI, Azure PowerShell, Azure Developer CLI). `AZURE_TOKEN_CREDENTIALS` narrows the chain.
 */
export function defaultCredential(cloud: ResolvedCloud): TokenCredential {
  return new DefaultAzureCredential({ authorityHost: cloud.authorityHost, disableInstanceDiscovery: !cloud.knownAuthority });
}

/** What a token says about who signed in (read from its claims, never shown whole). */
export interface SignedIn {
  tenantId: string | null;
  /** Object id of the user, service principal or managed identity. */
  objectId: string | null;
  expiresOn: number;
}

export function tokenClaims(token: AccessToken): SignedIn {
  let claims: Record<string, unknown> = {};
  try {
    const payload = token.token.split('.')[1] ?? '';
    const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object') claims = parsed as Record<string, unknown>;
  } catch {
    // Not a JWT (some authorities issue opaque tokens): nothing to say about the tenant.
  }
  const str = (k: string) => (typeof claims[k] === 'string' && /^[\w.-]{1,64}$/.test(claims[k] as string) ? (claims[k] as string) : null);
  return { tenantId: str('tid'), objectId: str('oid'), expiresOn: token.expiresOnTimestamp };
}

/**
 * Keeps the token the first call got until shortly before it expires, so the run's several clients ask the
 * credential once: for the Azure CLI each ask starts a process that takes about a second.
 */
export function reuseToken(inner: TokenCredential, first: AccessToken, scope: string): TokenCredential {
  let cached: AccessToken | null = first;
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      const wanted = Array.isArray(scopes) ? scopes : [scopes];
      const fresh = cached && cached.expiresOnTimestamp - Date.now() > 120_000;
      if (fresh && wanted.length === 1 && wanted[0] === scope && !options?.claims) return cached;
      const t = await inner.getToken(scopes, options);
      if (t && wanted.length === 1 && wanted[0] === scope) cached = t;
      return t;
    },
  };
}

export type SignInFailure =
  | { kind: 'no-credential'; tried: string[] }
  | { kind: 'refused'; credential: string | null; reason: string }
  | { kind: 'unreachable'; credential: string | null };

/** Credentials of the default chain by what their "unavailable" message says, most specific first. */
const CHAIN_NAMES: [RegExp, string][] = [
  [/EnvironmentCredential/, 'environment variables'],
  [/WorkloadIdentityCredential|workload identity/i, 'workload identity'],
  [/ManagedIdentityCredential|managed identity/i, 'managed identity'],
  [/Visual Studio Code/i, 'VS Code'],
  [/Azure Developer CLI|azd\b/i, 'Azure Developer CLI'],
  [/Azure CLI|\baz login\b/i, 'Azure CLI'],
  [/PowerShell/i, 'Azure PowerShell'],
  [/broker/i, 'broker'],
];

function triedName(message: string): string | null {
  const hit = CHAIN_NAMES.find(([re]) => re.test(message));
  if (!hit) return null;
  if (hit[1] === 'Azure CLI') return /could not be found|not installed/i.test(message) ? 'Azure CLI (not installed)' : /az login/i.test(message) ? 'Azure CLI (not signed in)' : 'Azure CLI';
  return hit[1];
}

const MSAL_UNREACHABLE = /endpoints_resolution_error|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|network_error|Network request failed/i;

/** Sorts out why the credential gave no token, keeping only text that is safe to show. */
export function signInFailure(err: unknown): SignInFailure {
  const e = (err ?? {}) as { name?: string; message?: string; errors?: unknown[]; errorResponse?: { error?: string; errorDescription?: string } };
  const message = typeof e.message === 'string' ? e.message : String(err);
  if (e.name === 'AggregateAuthenticationError' || e.name === 'CredentialUnavailableError') {
    const inner = Array.isArray(e.errors) ? e.errors : [err];
    const tried = [...new Set(inner.map((x) => triedName(String((x as { message?: string })?.message ?? ''))).filter((x): x is string => !!x))];
    // Without AZURE_FEDERATED_TOKEN_FILE the chain skips workload identity without a word; it did look for it.
    const env = tried.indexOf('environment variables');
    if (env >= 0 && !tried.includes('workload identity')) tried.splice(env + 1, 0, 'workload identity');
    return { kind: 'no-credential', tried };
  }
  const credential = /^(\w+Credential)\b/.exec(message)?.[1] ?? null;
  if (MSAL_UNREACHABLE.test(`${e.errorResponse?.error ?? ''} ${message}`)) return { kind: 'unreachable', credential };
  // Entra ID's answer: its AADSTS code and first sentence, without trace ids and timestamps.
  const aadsts = /AADSTS\d+: [^.\n]*\.?/.exec(`${e.errorResponse?.errorDescription ?? ''}\n${message}`)?.[0];
  const sentence = aadsts ?? message.split('\n')[0].trim();
  return { kind: 'refused', credential, reason: redact(sentence) };
}
