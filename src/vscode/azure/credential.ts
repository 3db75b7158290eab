import * as vscode from 'vscode';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { jwtExpiry } from './jwt';
import { sessionScopes } from './session-scopes';

/** Named so that toAzureError reports it as `unauthenticated` (a sign-in node, not a failure). */
class AuthenticationRequiredError extends Error {
  override readonly name = 'AuthenticationRequiredError';
}

/**
 * VS Code's Microsoft account as an `@azure/identity` credential. Sessions are asked for silently (the
 * sign-in command is the only place that prompts); the chosen tenant goes in as `VSCODE_TENANT:<id>`.
 * The token is handed to the SDK and nothing else: never logged, never stored by us.
 */
export class VsCodeCredential implements TokenCredential {
  constructor(private readonly providerId: string, private readonly tenantId: string | null) {}

  async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
    const list = sessionScopes(Array.isArray(scopes) ? scopes : [scopes], this.tenantId);
    const session = await vscode.authentication.getSession(this.providerId, list, { silent: true });
    if (!session) throw new AuthenticationRequiredError('No Microsoft account session for Azure Resource Manager: sign in to Azure.');
    return { token: session.accessToken, expiresOnTimestamp: jwtExpiry(session.accessToken) ?? Date.now() + 5 * 60_000 };
  }
}

/** Asks for a session, prompting when `interactive`; null when there is none (or the user declined). */
export async function microsoftSession(providerId: string, armScope: string, tenantId: string | null, interactive: boolean): Promise<vscode.AuthenticationSession | null> {
  try {
    const scopes = sessionScopes([armScope], tenantId);
    return (await vscode.authentication.getSession(providerId, scopes, interactive ? { createIfNone: true } : { silent: true })) ?? null;
  } catch (err) {
    if (!interactive) return null;
    throw err;
  }
}
