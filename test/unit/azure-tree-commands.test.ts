import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ManagedIdentity } from '../../src/core/identity/graph';
import { CLOUDS, cloudFromEnvironment } from '../../src/vscode/azure/clouds';
import { azCreateArgs, azCreateCommand, planProblem, confirmationDetail, credentialNameFor, planFederatedCredential } from '../../src/vscode/azure/credential-plan';
import { jwtExpiry } from '../../src/vscode/azure/jwt';
import { portalUrl } from '../../src/vscode/azure/portal';
import { sessionScopes } from '../../src/vscode/azure/session-scopes';
import { shortScope } from '../../src/vscode/azure/scope-label';
import { errorView } from '../../src/vscode/azure/error-model';
import { argvInPosixShell, POSIX_SHELLS, powershellWords } from '../support/shells';

const SUB = '00000000-0000-4000-8000-0000000000aa';
const ID = `/subscriptions/${SUB}/resourceGroups/shop-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders`;
const identity: ManagedIdentity = {
  id: ID, name: 'id-orders', subscriptionId: SUB, resourceGroup: 'shop-rg', location: 'westeurope', tenantId: null,
  clientId: '6f1c4e2a-9b7d-4c3e-8a15-2d9e7b0c4f61', principalId: '5a5a5a5a-0000-4000-8000-000000000001', federatedCredentials: [],
};
const ISSUER = 'https://westeurope.oic.prod-aks.azure.com/72f988bf-0000-4000-8000-000000000001/33333333-0000-4000-8000-000000000003/';

test('az command for a ServiceAccount lacking a credential', () => {
  const plan = planFederatedCredential(identity, { namespace: 'orders', name: 'orders-api' }, ISSUER);
  assert.equal(azCreateCommand(plan),
    `az identity federated-credential create --name orders-orders-api --identity-name id-orders --resource-group shop-rg --subscription ${SUB} ` +
    `--issuer ${ISSUER} --subject system:serviceaccount:orders:orders-api --audiences api://AzureADTokenExchange`);
});

test('odd characters are quoted for the shell; credential names are made acceptable to Azure', () => {
  assert.equal(credentialNameFor('a', 'b'), 'a-b');
  assert.equal(credentialNameFor('a', ''), 'fic-a-');
  assert.equal(credentialNameFor('x', 'y.z'), 'x-y-z');
  assert.equal(credentialNameFor('-', 'q'), 'fic-q');
  const plan = planFederatedCredential({ ...identity, resourceGroup: 'rg(legacy)' }, { namespace: 'ns', name: 'sa' }, '<cluster-oidc-issuer-url>');
  assert.equal(planProblem(plan, { placeholderIssuer: true }), null);
  assert.match(azCreateCommand(plan), / --resource-group 'rg\(legacy\)' /);
  assert.match(azCreateCommand(plan), / --issuer '<cluster-oidc-issuer-url>' /);
  assert.match(azCreateCommand(plan, 'powershell'), / --resource-group 'rg\(legacy\)' --subscription '00000000-0000-4000-8000-0000000000aa' /);
  assert.deepEqual(powershellWords(azCreateCommand(plan, 'powershell')), azCreateArgs(plan));
  for (const shell of POSIX_SHELLS) assert.deepEqual(argvInPosixShell(shell, azCreateCommand(plan)).argv, azCreateArgs(plan), shell);
});

test('names from a manifest or a snapshot that Kubernetes or Azure would reject give no command', () => {
  const hostile = (sa: { namespace: string; name: string }, id: ManagedIdentity = identity, issuer = ISSUER) => planProblem(planFederatedCredential(id, sa, issuer));
  assert.equal(hostile({ namespace: 'orders', name: 'orders-api' }), null);
  assert.match(hostile({ namespace: 'orders', name: "api'; Remove-Item -Recurse ~; '" }) ?? '', /ServiceAccount name .* is not a valid Kubernetes name/);
  assert.match(hostile({ namespace: '$(reboot)', name: 'api' }) ?? '', /namespace .* is not a valid Kubernetes namespace/);
  assert.match(hostile({ namespace: 'orders', name: 'api' }, { ...identity, resourceGroup: "team's rg" }) ?? '', /resource group .* is not a valid resource group name/);
  assert.match(hostile({ namespace: 'orders', name: 'api' }, { ...identity, name: 'id`whoami`' }) ?? '', /identity name/);
  assert.match(hostile({ namespace: 'orders', name: 'api' }, identity, 'https://x/$(id)') ?? '', /OIDC issuer/);
  assert.match(hostile({ namespace: 'orders', name: 'api' }, identity, '<cluster-oidc-issuer-url>') ?? '', /OIDC issuer/, 'the placeholder is for copying only');
});

test('the confirmation shows exactly what will be created', () => {
  const plan = planFederatedCredential(identity, { namespace: 'orders', name: 'orders-api' }, ISSUER);
  assert.equal(confirmationDetail(plan), [
    'Resource Manager will create federated credential "orders-orders-api" on managed identity id-orders',
    `(resource group shop-rg, subscription ${SUB}):`,
    '',
    `issuer:    ${ISSUER}`,
    'subject:   system:serviceaccount:orders:orders-api',
    'audiences: api://AzureADTokenExchange',
    '',
    `PUT ${ID}/federatedIdentityCredentials/orders-orders-api`,
    'An existing credential of the same name is replaced.',
  ].join('\n'));
});

test('clouds: endpoints, portals, sign-in hosts and auth providers of an environment', () => {
  assert.deepEqual(CLOUDS.AzureUSGovernment, {
    name: 'AzureUSGovernment', armEndpoint: 'https://management.usgovcloudapi.net', portal: 'https://portal.azure.us', loginHost: 'login.microsoftonline.us', authProvider: 'microsoft-sovereign-cloud', custom: false,
  });
  assert.equal(CLOUDS.AzureChinaCloud.loginHost, 'login.chinacloudapi.cn');
  assert.deepEqual([CLOUDS.AzureCloud.armEndpoint, CLOUDS.AzureCloud.loginHost, CLOUDS.AzureCloud.authProvider], ['https://management.azure.com', 'login.microsoftonline.com', 'microsoft']);
  const custom = cloudFromEnvironment({ name: 'Contoso', resourceManagerEndpointUrl: 'https://arm.contoso.test:8443/', portalUrl: 'https://portal.contoso.test/', activeDirectoryEndpointUrl: 'https://login.contoso.test:8443/', isCustomCloud: true }, 'microsoft-sovereign-cloud');
  assert.deepEqual([custom.armEndpoint, custom.portal, custom.loginHost, custom.custom], ['https://arm.contoso.test:8443', 'https://portal.contoso.test', 'login.contoso.test:8443', true]);
});

test('session scopes: the ARM scope, plus VSCODE_TENANT for a chosen tenant', () => {
  assert.deepEqual(sessionScopes(['https://management.azure.com/.default'], null), ['https://management.azure.com/.default']);
  assert.deepEqual(sessionScopes(['https://management.azure.com/.default'], 'abc'), ['https://management.azure.com/.default', 'VSCODE_TENANT:abc']);
});

test('portal links go to the resource, in the tenant when known', () => {
  assert.equal(portalUrl(CLOUDS.AzureCloud, ID, 'tid'), `https://portal.azure.com/#@tid/resource${ID}`);
  assert.equal(portalUrl(CLOUDS.AzureUSGovernment, ID.slice(1), null), `https://portal.azure.us/#/resource${ID}`);
});

test('scopes are shortened for descriptions', () => {
  assert.equal(shortScope(`/subscriptions/${SUB}`), 'subscription');
  assert.equal(shortScope(`/subscriptions/${SUB}/resourceGroups/net-rg`), 'resource group net-rg');
  assert.equal(shortScope(`/subscriptions/${SUB}/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aks`), 'net-rg/aks');
  assert.equal(shortScope('/providers/Microsoft.Management/managementGroups/platform'), '/providers/Microsoft.Management/managementGroups/platform');
});

test('error nodes: one label, description, icon and action per kind', () => {
  const rows = [
    errorView({ kind: 'unauthenticated', message: 'm' }, 'subscriptions'),
    errorView({ kind: 'forbidden', message: 'm', permission: 'Microsoft.ManagedIdentity/userAssignedIdentities/read', scope: `/subscriptions/${SUB}` }, 'identities'),
    errorView({ kind: 'forbidden', message: 'm', permission: null, scope: null }, 'clusters'),
    errorView({ kind: 'notFound', message: 'm' }, 'federatedCredentials'),
    errorView({ kind: 'throttled', message: 'm', retryAfterSeconds: 7 }, 'roleAssignments'),
    errorView({ kind: 'offline', message: 'm' }, 'subscriptions'),
    errorView({ kind: 'cancelled', message: 'm' }, 'clusters'),
    errorView({ kind: 'other', message: 'm', status: 500 }, 'clusters'),
  ].map((v) => [v.label, v.description, v.icon.id, v.action.command, v.contextValue]);
  assert.deepEqual(rows, [
    ['Sign in to Azure to list subscriptions', 'session missing or expired', 'account', 'aksIam.azure.signIn', 'error unauthenticated'],
    ['No permission to list managed identities', 'needs Microsoft.ManagedIdentity/userAssignedIdentities/read', 'lock', 'aksIam.azure.retry', 'error forbidden'],
    ['No permission to list AKS clusters', 'access denied — retry after access is granted, or select another tenant', 'lock', 'aksIam.azure.retry', 'error forbidden'],
    ['No federated credentials found', 'not found — retry', 'question', 'aksIam.azure.retry', 'error notFound'],
    ['Azure is throttling requests for role assignments', 'retry after 7 s', 'watch', 'aksIam.azure.retry', 'error throttled'],
    ['Cannot reach Azure Resource Manager to list subscriptions', 'offline — retry', 'debug-disconnect', 'aksIam.azure.retry', 'error offline'],
    ['Loading AKS clusters was cancelled', 'retry', 'circle-slash', 'aksIam.azure.retry', 'error cancelled'],
    ['Could not list AKS clusters', 'HTTP 500 — retry', 'error', 'aksIam.azure.retry', 'error other'],
  ]);
});

test('token expiry is read from the JWT exp claim; anything else is null', () => {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  assert.equal(jwtExpiry(`${b64({ alg: 'none' })}.${b64({ exp: 1_900_000_000 })}.sig`), 1_900_000_000_000);
  assert.equal(jwtExpiry('opaque-token'), null);
  assert.equal(jwtExpiry(`a.${b64({ exp: 'soon' })}.c`), null);
  assert.equal(jwtExpiry('a.%%%.c'), null);
});
