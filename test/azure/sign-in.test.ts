import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AggregateAuthenticationError, AuthenticationError, CredentialUnavailableError } from '@azure/identity';
import { CLOUDS, resolveCloud } from '../../src/azure/clouds';
import { reuseToken, signInFailure, tokenClaims } from '../../src/azure/sign-in';
import { armMessage, signInMessage } from '../../src/cli/azure-messages';

describe('clouds', () => {
  test('each cloud has its Resource Manager, sign-in host and token scope; AZURE_AUTHORITY_HOST overrides the host', () => {
    const at = (name: keyof typeof CLOUDS, env: Record<string, string> = {}, arm?: string) => resolveCloud(CLOUDS[name], env, arm);
    assert.deepEqual(at('AzureCloud'), { name: 'AzureCloud', arm: 'https://management.azure.com', authorityHost: 'https://login.microsoftonline.com', knownAuthority: true });
    assert.deepEqual(at('AzureChinaCloud'), { name: 'AzureChinaCloud', arm: 'https://management.chinacloudapi.cn', authorityHost: 'https://login.chinacloudapi.cn', knownAuthority: true });
    assert.deepEqual(at('AzureUSGovernment'), { name: 'AzureUSGovernment', arm: 'https://management.usgovcloudapi.net', authorityHost: 'https://login.microsoftonline.us', knownAuthority: true });
    // A sovereign cloud's host given by environment is still one the sign-in library knows.
    assert.deepEqual(at('AzureCloud', { AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us/' }).authorityHost, 'https://login.microsoftonline.us');
    assert.equal(at('AzureCloud', { AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us/' }).knownAuthority, true);
    // Azure Stack Hub: its own authority (taken as given, no instance discovery) and Resource Manager.
    assert.deepEqual(at('AzureCloud', { AZURE_AUTHORITY_HOST: 'https://adfs.local.azurestack.external/adfs' }, 'https://management.local.azurestack.external/'),
      { name: 'AzureCloud', arm: 'https://management.local.azurestack.external', authorityHost: 'https://adfs.local.azurestack.external/adfs', knownAuthority: false });
  });
});

describe('sign-in failures', () => {
  // The messages @azure/identity 4.13 gives on a machine with nothing to sign in with (managed identity unreachable).
  const unavailable = [
    'EnvironmentCredential is unavailable. No underlying credential could be used. To troubleshoot, visit https://aka.ms/azsdk/js/identity/environmentcredential/troubleshoot.',
    'ManagedIdentityCredential: Network unreachable. Message: network_error: See https://aka.ms/msal.js.errors#network_error for details',
    'Visual Studio Code Authentication is not available. Ensure you have have Azure Resources Extension installed in VS Code, signed into Azure via VS Code, installed the @azure/identity-vscode package, and properly configured the extension.',
    "Azure CLI could not be found. Please visit https://aka.ms/azure-cli for installation instructions and then, once installed, authenticate to your Azure account using 'az login'.",
    'Error: Unable to execute PowerShell. Ensure that it is installed in your system. To troubleshoot, visit https://aka.ms/azsdk/js/identity/powershellcredential/troubleshoot.',
    "Azure Developer CLI couldn't be found. To mitigate this issue, see the troubleshooting guidelines at https://aka.ms/azsdk/js/identity/azdevclicredential/troubleshoot.",
  ];

  test('the whole default chain unavailable: each credential named once, workload identity included', () => {
    const err = new AggregateAuthenticationError(unavailable.map((m) => new CredentialUnavailableError(m)), 'ChainedTokenCredential authentication failed.');
    const f = signInFailure(err);
    assert.deepEqual(f, { kind: 'no-credential', tried: ['environment variables', 'workload identity', 'managed identity', 'VS Code', 'Azure CLI (not installed)', 'Azure PowerShell', 'Azure Developer CLI'] });
    assert.equal(signInMessage(f, 'https://login.microsoftonline.com').message,
      'no Azure credential found (tried environment variables, workload identity, managed identity, VS Code, Azure CLI (not installed), Azure PowerShell, Azure Developer CLI); sign in with az login, set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, or in CI use workload identity federation (azure/login with OIDC in GitHub Actions, a workload identity service connection in Azure Pipelines)');
  });

  test('Entra ID refusing: the AADSTS sentence only; an unreachable authority is offline', () => {
    const refused = new AuthenticationError(400, { error: 'invalid_client', error_description: 'AADSTS700213: No matching federated identity record found for presented assertion subject \'repo:contoso/shop:pull_request\'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion. Trace ID: 1 Correlation ID: 2 Timestamp: 2026-12-06 12:00:00Z' });
    Object.defineProperty(refused, 'message', { value: `WorkloadIdentityCredential authentication failed. ${refused.message}` });
    assert.deepEqual(signInFailure(refused), { kind: 'refused', credential: 'WorkloadIdentityCredential', reason: "AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:contoso/shop:pull_request'." });
    const offline = new AuthenticationError(400, { error: 'endpoints_resolution_error', error_description: 'See https://aka.ms/msal.js.errors#endpoints_resolution_error for details' });
    Object.defineProperty(offline, 'message', { value: `EnvironmentCredential authentication failed. ${offline.message}` });
    assert.deepEqual(signInFailure(offline), { kind: 'unreachable', credential: 'EnvironmentCredential' });
    assert.equal(signInMessage(signInFailure(offline), 'https://login.microsoftonline.us').message, 'cannot reach the sign-in endpoint https://login.microsoftonline.us (EnvironmentCredential): offline, or blocked by a proxy or firewall');
  });

  test('a token in a failure message is removed', () => {
    const jwt = 'eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ4In0.c2lnbmF0dXJl';
    const f = signInFailure(new Error(`AzureCliCredential: unexpected output ${jwt}`));
    assert.equal(f.kind, 'refused');
    assert.doesNotMatch(JSON.stringify(f), /eyJ/);
  });
});

describe('tokens', () => {
  const jwt = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

  test('tenant and object id come from the claims; anything else (or an opaque token) gives null', () => {
    assert.deepEqual(tokenClaims({ token: jwt({ tid: '72f988bf-0000-4000-8000-000000000001', oid: 'abc', upn: 'x@y' }), expiresOnTimestamp: 5 }), { tenantId: '72f988bf-0000-4000-8000-000000000001', objectId: 'abc', expiresOn: 5 });
    assert.deepEqual(tokenClaims({ token: 'opaque-token', expiresOnTimestamp: 5 }), { tenantId: null, objectId: null, expiresOn: 5 });
    assert.deepEqual(tokenClaims({ token: jwt({ tid: 'a b <script>' }), expiresOnTimestamp: 5 }).tenantId, null, 'only plain ids are shown');
  });

  test('the first token serves the run until shortly before it expires; other scopes and claims challenges ask again', async () => {
    let asked = 0;
    const inner = { getToken: async () => ({ token: `t${++asked}`, expiresOnTimestamp: Date.now() + 3_600_000 }) };
    const scope = 'https://management.azure.com/.default';
    const c = reuseToken(inner, { token: 't0', expiresOnTimestamp: Date.now() + 3_600_000 }, scope);
    assert.equal((await c.getToken(scope))?.token, 't0');
    assert.equal((await c.getToken([scope]))?.token, 't0');
    assert.equal(asked, 0);
    assert.equal((await c.getToken('https://graph.microsoft.com/.default'))?.token, 't1');
    assert.equal((await c.getToken(scope, { claims: 'e30' }))?.token, 't2');
    const soon = reuseToken(inner, { token: 'old', expiresOnTimestamp: Date.now() + 60_000 }, scope);
    assert.equal((await soon.getToken(scope))?.token, 't3');
  });
});

describe('Resource Manager failures as one line', () => {
  const ctx = { endpoint: 'https://management.azure.com', tenantId: '72f988bf-0000-4000-8000-000000000001', maxRetries: 3, maxRetryAfterSeconds: 30 };
  const SUB = '00000000-0000-4000-8000-0000000000aa';
  const at = (error: Parameters<typeof armMessage>[0]['error'], doing = `listing role assignments of subscription ${SUB}`) => {
    const e = armMessage({ error, doing, subscriptionId: SUB }, ctx);
    return [e.exitCode, e.message];
  };

  test('each kind with its exit code: 3 when Azure refused, 4 when a retry can help', () => {
    assert.deepEqual(at({ kind: 'forbidden', message: 'The client has no authorization.', permission: null, scope: null }),
      [3, `permission denied listing role assignments of subscription ${SUB}: The client has no authorization`]);
    assert.deepEqual(at({ kind: 'unauthenticated', message: 'The access token expiry UTC time is earlier than current UTC time.', rejected: true }),
      [3, `Azure Resource Manager rejected the sign-in listing role assignments of subscription ${SUB}: The access token expiry UTC time is earlier than current UTC time; sign in again (az login) or check the credential's tenant`]);
    assert.deepEqual(at({ kind: 'notFound', message: "The resource 'x' was not found." }), [3, `not found listing role assignments of subscription ${SUB}: The resource 'x' was not found`]);
    assert.deepEqual(at({ kind: 'throttled', message: 'Too many requests.', retryAfterSeconds: null }),
      [4, `Azure Resource Manager is still throttling requests listing role assignments of subscription ${SUB} after 3 retries that waited as it asked; try again later`]);
    assert.deepEqual(at({ kind: 'offline', reason: 'timeout', message: 'Azure Resource Manager did not answer in time.' }),
      [4, `Azure Resource Manager at https://management.azure.com did not answer in time listing role assignments of subscription ${SUB}: offline, or blocked by a proxy or firewall`]);
    assert.deepEqual(at({ kind: 'offline', reason: 'interrupted', message: 'broke off' }),
      [4, `the connection to Azure Resource Manager at https://management.azure.com broke off listing role assignments of subscription ${SUB}; try again`]);
    assert.deepEqual(at({ kind: 'other', status: 503, message: 'The service is unavailable.\n  Try later.' }),
      [4, `Azure Resource Manager failed listing role assignments of subscription ${SUB} (HTTP 503): The service is unavailable. Try later; try again later`]);
    assert.deepEqual(at({ kind: 'other', status: 400, message: 'Bad request.' }), [3, `Azure Resource Manager refused listing role assignments of subscription ${SUB} (HTTP 400): Bad request`]);
    assert.deepEqual(at({ kind: 'other', status: 200, reason: 'incomplete', message: 'Azure Resource Manager returned an incomplete or malformed response (HTTP 200); it was not used.' }),
      [4, `Azure Resource Manager returned an incomplete or malformed response (HTTP 200); it was not used (listing role assignments of subscription ${SUB}); try again`]);
  });
});
