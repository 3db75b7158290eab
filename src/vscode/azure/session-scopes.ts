/** Scopes asked of VS Code's Microsoft provider: the ARM scope, plus the chosen tenant when there is one. */
export function sessionScopes(armScopes: readonly string[], tenantId: string | null): string[] {
  const scopes = armScopes.length ? [...armScopes] : [];
  return tenantId ? [...scopes, `VSCODE_TENANT:${tenantId}`] : scopes;
}
