import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSignInError, unescapeLog } from '../../src/core/diagnose/parse';

const ERRORS = join(__dirname, '..', 'fixtures', 'diagnose', 'errors');
const read = (name: string) => readFileSync(join(ERRORS, name), 'utf8');
const ISSUER = 'https://eastus.oic.prod-aks.azure.com/7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f/';
const TENANT = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

test('each SDK wording: code, presented assertion, credential and SDK', () => {
  const cases: [string, number, string | null, string | null, string | null, string | null, string | null][] = [
    // file, code, issuer, subject, audience, credential, sdk
    ['go-70021-slash.txt', 70021, ISSUER, 'system:serviceaccount:shop:worker', 'api://AzureADTokenExchange', 'WorkloadIdentityCredential', 'go'],
    ['python-7002138-case.txt', 7002138, null, 'system:serviceaccount:shop:api', null, 'WorkloadIdentityCredential', 'python'],
    ['dotnet-700213-namespace.txt', 700213, null, 'system:serviceaccount:shop:orders', null, 'WorkloadIdentityCredential', 'dotnet'],
    ['js-70021-audience.txt', 70021, ISSUER, 'system:serviceaccount:shop:batch', 'api://AzureADTokenExchange', 'WorkloadIdentityCredential', 'js'],
    ['java-70021-other-cluster.txt', 70021, ISSUER, 'system:serviceaccount:shop:report', 'api://AzureADTokenExchange', 'WorkloadIdentityCredential', 'java'],
    ['msal-json-70021-other-identity.txt', 70021, ISSUER, 'system:serviceaccount:shop:billing', 'api://AzureADTokenExchange', null, null],
    ['dotnet-90061-issuer.txt', 90061, null, null, null, 'ClientAssertionCredential', 'dotnet'],
    ['go-700024-expired.txt', 700024, null, null, null, 'WorkloadIdentityCredential', 'go'],
  ];
  for (const [file, code, issuer, subject, audience, credential, sdk] of cases) {
    const p = parseSignInError(read(file));
    assert.deepEqual(
      { code: p.primary, issuer: p.assertion.issuer, subject: p.assertion.subject, audience: p.assertion.audience, credential: p.credential, sdk: p.sdk },
      { code, issuer, subject, audience, credential, sdk },
      file,
    );
  }
});

test('client and tenant ids, case-only wording, IMDS and network failures', () => {
  const notFound = parseSignInError(read('python-700016-client-id.txt'));
  assert.equal(notFound.clientId, '66666666-6666-4666-8666-666666666666');
  assert.deepEqual(notFound.credentials, ['DefaultAzureCredential', 'EnvironmentCredential', 'WorkloadIdentityCredential']);
  assert.equal(parseSignInError(read('python-50020-tenant.txt')).clientId, '33333333-3333-4333-8333-333333333333');
  assert.equal(parseSignInError(read('go-70021-slash.txt')).tenantId, TENANT);
  assert.equal(parseSignInError(read('python-7002138-case.txt')).caseOnly, true);
  assert.equal(parseSignInError(read('go-70021-slash.txt')).caseOnly, false);

  const imds = parseSignInError(read('python-imds.txt'));
  assert.deepEqual({ codes: imds.codes, imds: imds.imds, wi: imds.workloadIdentityUnavailable }, { codes: [], imds: true, wi: true });

  const net = parseSignInError(read('go-network.txt'));
  assert.deepEqual(net.network, { what: 'no such host', host: 'login.microsoftonline.com' });
  assert.equal(net.workloadIdentityUnavailable, false);
  assert.equal(net.sdk, 'go');

  const none = parseSignInError(read('unrelated.txt'));
  assert.deepEqual({ codes: none.codes, primary: none.primary, network: none.network, imds: none.imds }, { codes: [], primary: null, network: null, imds: false });
});

test('bare values, double quotes and escaped JSON', () => {
  // Azure DevOps prints the issuer without quotes, the sentence's period right after it.
  const bare = parseSignInError('AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: https://app.vstoken.visualstudio.com. Assertion Subject: sc://contoso/web/prod.');
  assert.equal(bare.assertion.issuer, 'https://app.vstoken.visualstudio.com');
  assert.equal(bare.assertion.subject, 'sc://contoso/web/prod');
  // A slash before the period is the issuer's.
  assert.equal(parseSignInError(`Assertion Issuer: ${ISSUER}. Assertion Subject: x`).assertion.issuer, ISSUER);
  assert.equal(parseSignInError('AADSTS700211: No matching federated identity record found for presented assertion issuer "https://issuer.example/".').assertion.issuer, 'https://issuer.example/');
  assert.equal(unescapeLog('{\\"a\\":\\"it\\u0027s\\\\r\\\\nnext\\"}'), '{"a":"it\'s\nnext"}');
  assert.equal(parseSignInError('').primary, null);
  assert.equal(parseSignInError('\\\\\\'.repeat(10000)).primary, null);
});
