import * as vscode from 'vscode';
import { getSessionFromVSCode } from '@microsoft/vscode-azext-azureauth/dist/esm/src/getSessionFromVSCode';
import { getConfiguredAuthProviderId, getConfiguredAzureEnv } from '@microsoft/vscode-azext-azureauth/dist/esm/src/utils/configuredAzureEnv';
import { cloudFromEnvironment, type Cloud } from './clouds';
import { AuthenticationRequiredError, type AccountInfo, type SessionBroker } from './credential';
import { jwtExpiry } from './jwt';
import { sessionScopes } from './session-scopes';

/**
 * The cloud of settings `microsoft-sovereign-cloud.environment` / `.customEnvironment`, read by Microsoft's Azure sign-in
 * helper exactly as the Azure extensions read it. Throws when `custom` is chosen but no custom environment is set.
 */
export function configuredCloud(): Cloud {
  return cloudFromEnvironment(getConfiguredAzureEnv(), getConfiguredAuthProviderId());
}

/** VS Code 1.105 finalized passing a WWW-Authenticate challenge to getSession; older hosts get a forced new session. */
export function supportsChallenges(version: string = vscode.version): boolean {
  const [major, minor] = version.split('.').map((n) => Number.parseInt(n, 10));
  return major > 1 || (major === 1 && minor >= 105);
}

function claimsChallenge(claims: string): string {
  return `Bearer error="insufficient_claims", error_description="Azure Resource Manager asked for more claims", claims="${Buffer.from(claims, 'utf8').toString('base64')}"`;
}

const FIVE_MINUTES = 5 * 60_000;

/**
 * Sessions of VS Code's Microsoft (or sovereign cloud) authentication provider, through the sign-in helper: scopes are
 * normalized to `.default`, the tenant goes in as `VSCODE_TENANT:<id>`, the account is named so no picker appears.
 */
export class VsCodeSessions implements SessionBroker {
  constructor(private readonly log?: { warn(line: string): void }) {}

  async accounts(): Promise<readonly AccountInfo[]> {
    return vscode.authentication.getAccounts(getConfiguredAuthProviderId());
  }

  async token(account: AccountInfo, tenantId: string | null, scopes: string[], claims?: string): Promise<{ token: string; expiresOnTimestamp: number } | null> {
    const who = account as vscode.AuthenticationSessionAccountInformation;
    let session: vscode.AuthenticationSession | undefined;
    if (claims) {
      // Conditional Access (MFA, a compliant device, …): only the provider can satisfy it, and it may have to ask.
      this.log?.warn(`Azure asked ${account.label} to sign in again${tenantId ? ` for tenant ${tenantId}` : ''} (claims challenge); passing it to the Microsoft sign-in`);
      try {
        session = supportsChallenges()
          ? await getSessionFromVSCode({ wwwAuthenticate: claimsChallenge(claims), fallbackScopes: scopes }, tenantId ?? undefined, { createIfNone: true, account: who })
          : await vscode.authentication.getSession(getConfiguredAuthProviderId(), sessionScopes(scopes, tenantId), {
            forceNewSession: { detail: 'Azure asks you to sign in again to meet a Conditional Access policy (for example multi-factor authentication).' },
            account: who,
          });
      } catch (err) {
        throw new AuthenticationRequiredError(`Azure asked for a new sign-in (Conditional Access) and it did not complete: ${(err as Error).message}`);
      }
    } else {
      session = await getSessionFromVSCode(scopes, tenantId ?? undefined, { silent: true, account: who });
    }
    if (!session) return null;
    return { token: session.accessToken, expiresOnTimestamp: jwtExpiry(session.accessToken) ?? Date.now() + FIVE_MINUTES };
  }

  /** The sign-in the user asked for: the provider's account picker (or the given account), for a tenant or the home one. */
  async signIn(tenantId?: string, account?: AccountInfo): Promise<boolean> {
    const session = await getSessionFromVSCode([], tenantId, {
      createIfNone: true,
      clearSessionPreference: !account,
      ...(account ? { account: account as vscode.AuthenticationSessionAccountInformation } : {}),
    });
    return !!session;
  }
}
