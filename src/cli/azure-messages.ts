import type { ReadFailure } from '../azure/read-graph';
import type { SignInFailure } from '../azure/sign-in';

/** Exit code when Azure refused the run: no credential, sign-in failed, wrong tenant, no such subscription, 403. */
export const EXIT_AZURE_REFUSED = 3;
/** Exit code when Azure could not answer now: offline, throttled, a server error. Retrying later may help. */
export const EXIT_AZURE_UNAVAILABLE = 4;

/** A live read that cannot go on; main prints the one-line message and exits with the code. */
export class AzureRunError extends Error {
  constructor(message: string, readonly exitCode: typeof EXIT_AZURE_REFUSED | typeof EXIT_AZURE_UNAVAILABLE) {
    super(message);
  }
}

export const EXIT_CODES_LIVE = `3 Azure refused (no credential, sign-in failed, wrong tenant, subscription not found, permission missing),
4 Azure could not answer (offline, throttled, server error; retrying later may help)`;

const HOW_TO_SIGN_IN = 'sign in with az login, set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, or in CI use workload identity federation (azure/login with OIDC in GitHub Actions, a workload identity service connection in Azure Pipelines)';

export function signInMessage(f: SignInFailure, authorityHost: string): AzureRunError {
  const via = 'credential' in f && f.credential ? ` (${f.credential})` : '';
  switch (f.kind) {
    case 'no-credential':
      return new AzureRunError(`no Azure credential found${f.tried.length ? ` (tried ${f.tried.join(', ')})` : ''}; ${HOW_TO_SIGN_IN}`, EXIT_AZURE_REFUSED);
    case 'unreachable':
      return new AzureRunError(`cannot reach the sign-in endpoint ${authorityHost}${via}: offline, or blocked by a proxy or firewall`, EXIT_AZURE_UNAVAILABLE);
    case 'refused': {
      const advice = f.credential === 'AzureCliCredential' ? 'sign in again with az login' : "check the tenant, client id and secret, certificate or federated credential the credential uses, or sign in again with az login";
      return new AzureRunError(`sign-in failed${via}: ${f.reason.replace(/\.$/, '')}; ${advice}`, EXIT_AZURE_REFUSED);
    }
  }
}

export interface ArmContext {
  endpoint: string;
  /** The tenant the token was issued in, from its claims. */
  tenantId: string | null;
  maxRetries: number;
  maxRetryAfterSeconds: number;
}

/** ARM's wrong-tenant message names the subscription's tenant: "It must match the tenant 'https://sts.windows.net/<id>/'". */
function subscriptionTenant(message: string): string | null {
  return /must match the tenant '[^']*?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(message)?.[1] ?? null;
}

export function armMessage(f: ReadFailure, ctx: ArmContext): AzureRunError {
  const e = f.error;
  const signedIn = ctx.tenantId ? `tenant ${ctx.tenantId}` : 'the tenant';
  const refused = (m: string) => new AzureRunError(m, EXIT_AZURE_REFUSED);
  const unavailable = (m: string) => new AzureRunError(m, EXIT_AZURE_UNAVAILABLE);
  const plain = (m: string) => m.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  switch (e.kind) {
    case 'forbidden':
      if (!e.permission) return refused(`permission denied ${f.doing}: ${plain(e.message)}`);
      return refused(`permission denied ${f.doing}: the signed-in identity does not have ${e.permission} on ${e.scope ?? 'that scope'}; assign it a role that grants this there (Reader grants every read aks-iam makes)`);
    case 'unauthenticated': {
      const owner = subscriptionTenant(e.message);
      if (owner && f.subscriptionId) {
        return refused(`subscription ${f.subscriptionId} belongs to tenant ${owner}, not to ${signedIn} the credential signed in to; sign in to its tenant (az login --tenant ${owner}, or AZURE_TENANT_ID=${owner} for a service principal or workload identity)`);
      }
      return refused(`Azure Resource Manager rejected the sign-in ${f.doing}: ${plain(e.message)}; sign in again (az login) or check the credential's tenant`);
    }
    case 'notFound':
      if (f.doing.startsWith('reading subscription') && f.subscriptionId) {
        return refused(`subscription ${f.subscriptionId} was not found in ${signedIn} the credential signed in to; check the id (az account list shows yours) or sign in to the subscription's tenant (az login --tenant <tenant id>)`);
      }
      return refused(`not found ${f.doing}: ${plain(e.message)}`);
    case 'throttled': {
      const wait = e.retryAfterSeconds;
      if (wait !== null && wait > ctx.maxRetryAfterSeconds) {
        return unavailable(`Azure Resource Manager is throttling requests ${f.doing} and asks to wait ${wait} s, longer than aks-iam waits (${ctx.maxRetryAfterSeconds} s); try again later`);
      }
      return unavailable(`Azure Resource Manager is still throttling requests ${f.doing} after ${ctx.maxRetries} retries that waited as it asked; try again ${wait !== null ? `in ${wait} s` : 'later'}`);
    }
    case 'offline':
      if (e.reason === 'timeout') return unavailable(`Azure Resource Manager at ${ctx.endpoint} did not answer in time ${f.doing}: offline, or blocked by a proxy or firewall`);
      if (e.reason === 'interrupted') return unavailable(`the connection to Azure Resource Manager at ${ctx.endpoint} broke off ${f.doing}; try again`);
      return unavailable(`cannot reach Azure Resource Manager at ${ctx.endpoint} ${f.doing} (${plain(e.message)}): offline, or blocked by a proxy or firewall`);
    case 'cancelled':
      return unavailable(`cancelled ${f.doing}`);
    case 'other':
      if (e.status !== null && e.status >= 500) return unavailable(`Azure Resource Manager failed ${f.doing} (HTTP ${e.status}): ${plain(e.message)}; try again later`);
      if (e.reason === 'incomplete') return unavailable(`${plain(e.message)} (${f.doing}); try again`);
      return refused(`Azure Resource Manager refused ${f.doing}${e.status !== null ? ` (HTTP ${e.status})` : ''}: ${plain(e.message)}`);
  }
}
