/**
 * Reads what a pod's log says about a failed Microsoft Entra sign-in: the AADSTS codes, the assertion the pod
 * presented (issuer, subject, audience), the client and tenant ids, which azure-identity credential failed and
 * whether the pod never reached the token endpoint at all. Works on any wrapping the SDKs produce: Go's raw
 * response dump with a JSON body, Python's and Java's exception chains, .NET's MsalServiceException with its
 * ResponseBody, the JS `AuthenticationError` prefix, and JSON-escaped copies of any of these (`\"`, `\u0027`, `\r\n`).
 */

export interface PresentedAssertion {
  issuer: string | null;
  subject: string | null;
  audience: string | null;
}

export type Sdk = 'go' | 'python' | 'dotnet' | 'java' | 'js' | 'azure-cli';

export interface ParsedSignInError {
  /** AADSTS codes in the order they first appear. */
  codes: number[];
  /** The code the diagnosis is about: the first one with a documented workload-identity cause, else the first. */
  primary: number | null;
  assertion: PresentedAssertion;
  /** The credential that failed (WorkloadIdentityCredential, ClientAssertionCredential…), when named. */
  credential: string | null;
  /** Every azure-identity credential the text names, in order (a DefaultAzureCredential chain lists several). */
  credentials: string[];
  sdk: Sdk | null;
  clientId: string | null;
  tenantId: string | null;
  /** Entra says the subject matches case-insensitively only (AADSTS7002138's wording). */
  caseOnly: boolean;
  /** The text shows a managed-identity (IMDS) attempt: 169.254.169.254 or ManagedIdentityCredential failing. */
  imds: boolean;
  /** WorkloadIdentityCredential could not start: its environment (AZURE_FEDERATED_TOKEN_FILE…) is missing. */
  workloadIdentityUnavailable: boolean;
  /** A network failure reaching the token endpoint or IMDS (the matched words), when there is one. */
  network: { what: string; host: string | null } | null;
}

/** Codes with a cause of their own in `causes.ts`; the first of these in a text is what it is about. */
export const KNOWN_CODES = new Set([70021, 700211, 700212, 700213, 7002138, 70025, 700016, 50020, 90002, 700024, 90061, 50166, 501661, 700027]);

const CREDENTIALS = /\b(WorkloadIdentityCredential|ClientAssertionCredential|DefaultAzureCredential|ChainedTokenCredential|ManagedIdentityCredential|EnvironmentCredential|AzureCliCredential|AzureDeveloperCliCredential|AzurePowerShellCredential|ClientSecretCredential)\b/g;
const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** Undoes the escaping of a JSON string (also nested twice, as in a JSON body quoted inside another JSON string). */
export function unescapeLog(text: string): string {
  const once: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '', f: '' };
  let t = text;
  // One JSON level per pass, left to right as a JSON reader does; a log line can wrap a body in a string in a string.
  for (let i = 0; i < 3 && /\\(?:["\\/nrt]|u[0-9a-fA-F]{4})/.test(t); i++) {
    t = t.replace(/\\(u[0-9a-fA-F]{4}|[\s\S])/g, (_, e: string) => (e.length === 5 ? String.fromCharCode(parseInt(e.slice(1), 16)) : once[e] ?? e));
  }
  return t.replace(/\r\n?/g, '\n');
}

// A value after a label: quoted with ' or " (any content), or bare up to whitespace (a final `.` or `,` is the
// sentence's, except the `/` before it, which is the issuer's).
function valueAfter(text: string, label: RegExp): string | null {
  const m = new RegExp(`${label.source}\\s*(?:'([^'\\n]*)'|"([^"\\n]*)"|(\\S+))`, 'i').exec(text);
  if (!m) return null;
  if (m[1] !== undefined) return m[1];
  if (m[2] !== undefined) return m[2];
  return m[3].replace(/[.,;]+$/, '');
}

function detectSdk(t: string): Sdk | null {
  if (/azure\.core\.exceptions|azure\.identity\b|Traceback \(most recent call last\)|HTTPConnectionPool|urllib3/.test(t)) return 'python';
  if (/com\.azure\.identity|com\.microsoft\.aad\.msal4j/.test(t)) return 'java';
  if (/Azure\.Identity\.|MSAL\.NetCore|Microsoft\.Identity\.Client\./.test(t)) return 'dotnet';
  if (/\bRESPONSE \d{3}\b|azidentity|\bdial tcp\b|Credential: failed to acquire a token|Authentication failed:\n(?:POST|GET) https?:|aka\.ms\/azsdk\/go/.test(t)) return 'go';
  if (/AggregateAuthenticationError|CredentialUnavailableError|\bAuthentication(Required)?Error\b|aka\.ms\/azsdk\/js|@azure\/identity/.test(t)) return 'js';
  if (/^ERROR: AADSTS/m.test(t)) return 'azure-cli';
  return null;
}

const NETWORK = /\b(no such host|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|i\/o timeout|connection refused|connection reset by peer|network is unreachable|Name or service not known|Temporary failure in name resolution|context deadline exceeded|Connection timed out|Failed to establish a new connection|getaddrinfo|TLS handshake timeout|No connection could be made|A connection attempt failed)\b/i;

function findNetwork(t: string): ParsedSignInError['network'] {
  const m = NETWORK.exec(t);
  if (!m) return null;
  // The host of the failing request: the nearest host name or IP before the error words on the same line, else anywhere.
  const line = t.slice(t.lastIndexOf('\n', m.index) + 1, t.indexOf('\n', m.index) < 0 ? undefined : t.indexOf('\n', m.index));
  const host = /(169\.254\.169\.254|login\.microsoftonline\.(?:com|us)|login\.partner\.microsoftonline\.cn|login\.chinacloudapi\.cn|[a-z0-9-]+(?:\.[a-z0-9-]+)+\.(?:com|net|us|cn|io))/i;
  const h = host.exec(line) ?? host.exec(t);
  return { what: m[1], host: h ? h[1].toLowerCase() : null };
}

export function parseSignInError(raw: string): ParsedSignInError {
  const t = unescapeLog(raw);
  const codes: number[] = [];
  for (const m of t.matchAll(/AADSTS(\d{5,8})\b/g)) {
    const n = Number(m[1]);
    if (!codes.includes(n)) codes.push(n);
  }
  const primary = codes.find((c) => KNOWN_CODES.has(c)) ?? codes[0] ?? null;

  const assertion: PresentedAssertion = {
    issuer: valueAfter(t, /Assertion Issuer:/) ?? valueAfter(t, /presented assertion issuer/),
    subject: valueAfter(t, /Assertion Subject:/) ?? valueAfter(t, /presented assertion subject/),
    audience: valueAfter(t, /Assertion Audience:/) ?? valueAfter(t, /presented assertion audience/),
  };

  const credentials: string[] = [];
  for (const m of t.matchAll(CREDENTIALS)) if (!credentials.includes(m[1])) credentials.push(m[1]);
  // The one that talked to Entra: a federated one when named, else the first named.
  const credential = credentials.find((c) => c === 'WorkloadIdentityCredential') ?? credentials.find((c) => c === 'ClientAssertionCredential') ?? credentials[0] ?? null;

  const clientId =
    new RegExp(`Application with identifier '(${GUID})'`, 'i').exec(t)?.[1] ??
    new RegExp(`\\bclient_id=(${GUID})`, 'i').exec(t)?.[1] ??
    new RegExp(`the application '(${GUID})'`, 'i').exec(t)?.[1] ??
    new RegExp(`AZURE_CLIENT_ID["']?\\s*[:=]\\s*["']?(${GUID})`, 'i').exec(t)?.[1] ??
    new RegExp(`client[ _-]?id["']?\\s*[:=]\\s*["']?(${GUID})`, 'i').exec(t)?.[1] ??
    null;
  const tenantId =
    new RegExp(`login\\.(?:microsoftonline\\.(?:com|us)|partner\\.microsoftonline\\.cn|chinacloudapi\\.cn)/(${GUID})\\b`, 'i').exec(t)?.[1] ??
    new RegExp(`(?:directory|tenant) '(${GUID})'`, 'i').exec(t)?.[1] ??
    new RegExp(`AZURE_TENANT_ID["']?\\s*[:=]\\s*["']?(${GUID})`, 'i').exec(t)?.[1] ??
    null;

  return {
    codes,
    primary,
    assertion,
    credential,
    credentials,
    sdk: detectSdk(t),
    clientId: clientId?.toLowerCase() ?? null,
    tenantId: tenantId?.toLowerCase() ?? null,
    caseOnly: /matches with case-insensitive comparison, but not with case-sensitive/i.test(t) || codes.includes(7002138),
    imds: /169\.254\.169\.254|ManagedIdentityCredential(?::| authentication)? (?:authentication )?(?:unavailable|failed)|IMDS|managed identity endpoint/i.test(t),
    workloadIdentityUnavailable:
      /WorkloadIdentityCredential(?::| authentication| is)? (?:authentication )?unavailable|WorkloadIdentityCredential: no (?:client ID|tenant ID|token file)|workload options are not fully configured|missing environment variable AZURE_FEDERATED_TOKEN_FILE|AZURE_FEDERATED_TOKEN_FILE (?:is not set|not set|was not set)/i.test(t),
    network: findNetwork(t),
  };
}
