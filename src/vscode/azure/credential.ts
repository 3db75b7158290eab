import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';

/** A VS Code account as the authentication API describes it (`AuthenticationSessionAccountInformation`). */
export interface AccountInfo {
  readonly id: string;
  readonly label: string;
}

/**
 * Where tokens come from: VS Code's Microsoft sessions in the editor, a stand-in in tests. Every call is silent
 * except one that carries `claims` (a Conditional Access challenge), which the provider may have to show.
 */
export interface SessionBroker {
  /** Every account signed in to the cloud's authentication provider. */
  accounts(): Promise<readonly AccountInfo[]>;
  /** A token of the account for the tenant (null: its home tenant), or null when there is no session. */
  token(account: AccountInfo, tenantId: string | null, scopes: string[], claims?: string): Promise<{ token: string; expiresOnTimestamp: number } | null>;
}

/** Named so that toAzureError reports it as `unauthenticated` (a sign-in node, not a failure). */
export class AuthenticationRequiredError extends Error {
  override readonly name = 'AuthenticationRequiredError';
}

/**
 * One account in one tenant as an `@azure/identity` credential, for the Resource Manager clients. The SDK passes a
 * claims challenge (HTTP 401 with `claims=` in WWW-Authenticate) here as `options.claims`; it goes back to the
 * provider. The token is handed to the SDK and nothing else: never logged, never stored by us.
 */
export class SessionCredential implements TokenCredential {
  constructor(private readonly broker: SessionBroker, readonly account: AccountInfo, readonly tenantId: string | null) {}

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    const list = Array.isArray(scopes) ? scopes : [scopes];
    const t = await this.broker.token(this.account, this.tenantId, list, options?.claims);
    if (!t) {
      const where = this.tenantId ? ` in tenant ${this.tenantId}` : '';
      throw new AuthenticationRequiredError(`No Microsoft account session for ${this.account.label}${where}: sign in to Azure.`);
    }
    return t;
  }
}
