import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ManagedIdentity } from '../../src/core/identity/graph';
import { createClients } from '../../src/azure/clients';
import { planFederatedCredential } from '../../src/vscode/azure/credential-plan';
import { putFederatedCredential } from '../../src/vscode/azure/credential-create';
import { makePki } from '../azure/fake-arm';

// A Resource Manager stand-in that records the one write "Create federated credential" makes.
interface Seen { method: string; path: string; apiVersion: string | null; auth: string | undefined; body: unknown }
const seen: Seen[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: {} };
const pki = makePki();
let server: Server;
let endpoint = '';
const agent = new Agent({ ca: pki.ca, keepAlive: false });

before(async () => {
  server = createServer({ key: pki.key, cert: pki.cert }, (req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'https://x');
      seen.push({ method: req.method ?? '', path: url.pathname, apiVersion: url.searchParams.get('api-version'), auth: req.headers.authorization, body: raw ? JSON.parse(raw) : null });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  agent.destroy();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const SUB = '00000000-0000-4000-8000-0000000000aa';
const ID = `/subscriptions/${SUB}/resourceGroups/shop-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders`;
const identity: ManagedIdentity = {
  id: ID, name: 'id-orders', subscriptionId: SUB, resourceGroup: 'shop-rg', location: 'westeurope', tenantId: null,
  clientId: '6f1c4e2a-9b7d-4c3e-8a15-2d9e7b0c4f61', principalId: '5a5a5a5a-0000-4000-8000-000000000001', federatedCredentials: [],
};
const ISSUER = 'https://westeurope.oic.prod-aks.azure.com/t/c/';
const clients = () => createClients({
  credential: { getToken: async () => ({ token: 'write-token', expiresOnTimestamp: Date.now() + 3_600_000 }) },
  endpoint, agent, retry: { maxRetries: 0 },
});

test('creates exactly the planned credential with one PUT through the client factory', async () => {
  seen.length = 0;
  const plan = planFederatedCredential(identity, { namespace: 'orders', name: 'orders-api' }, ISSUER);
  answer = { status: 200, body: { id: `${ID}/federatedIdentityCredentials/orders-orders-api`, name: 'orders-orders-api', type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials', properties: { issuer: ISSUER, subject: 'system:serviceaccount:orders:orders-api', audiences: ['api://AzureADTokenExchange'] } } };
  const r = await putFederatedCredential(clients(), plan);
  assert.ok(r.ok, JSON.stringify(r));
  assert.deepEqual(r.value, { id: `${ID}/federatedIdentityCredentials/orders-orders-api`, name: 'orders-orders-api', issuer: ISSUER, subject: 'system:serviceaccount:orders:orders-api', audiences: ['api://AzureADTokenExchange'] });
  assert.equal(seen.length, 1);
  assert.deepEqual(seen[0], {
    method: 'PUT', path: `${ID}/federatedIdentityCredentials/orders-orders-api`, apiVersion: seen[0].apiVersion, auth: 'Bearer write-token',
    body: { properties: { issuer: ISSUER, subject: 'system:serviceaccount:orders:orders-api', audiences: ['api://AzureADTokenExchange'] } },
  });
  assert.match(seen[0].apiVersion ?? '', /^\d{4}-\d{2}-\d{2}/);
});

test('a 403 comes back as a forbidden Result naming the write permission, not an exception', async () => {
  seen.length = 0;
  answer = { status: 403, body: { error: { code: 'AuthorizationFailed', message: `The client 'dev@contoso.com' with object id '0f0f' does not have authorization to perform action 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write' over scope '${ID}' or the scope is invalid.` } } };
  const r = await putFederatedCredential(clients(), planFederatedCredential(identity, { namespace: 'orders', name: 'orders-api' }, ISSUER));
  assert.ok(!r.ok);
  assert.equal(r.error.kind, 'forbidden');
  assert.ok(r.error.kind === 'forbidden' && r.error.permission === 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write');
  assert.equal(seen.length, 1);
});
