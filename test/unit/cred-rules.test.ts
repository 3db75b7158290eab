import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../../src/core/analyze';
import { explainAt } from '../../src/core/explain/at';
import { explainSecretProviderClass, secretProviderClassAt } from '../../src/core/explain/secret-provider-class';
import { keyVaultNameProblem } from '../../src/core/rules/cred/csi-param-format';
import { masked, shapeOf, shapeWithin } from '../../src/core/rules/cred/shapes';
import { credentialVariables } from '../../src/core/knowledge/cloud-credentials';
import { runCredentialLeaks } from '../fuzz/credentials';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

// Credential-shaped values made up for the tests (not real keys).
const KEY_ID = 'AKIAQ4FAKE7TESTKEY12';
const SECRET_KEY = 'q8Wv2FakeTestKey/9xZp3Lm7Rt5Yb1Nc4Hd6Jk0';
const ENTRA_SECRET = 'x7Z8Q~FakeTestSecretValue.0123456789abcd';
const b64 = (s: string) => Buffer.from(s).toString('base64');

function analyze(files: Record<string, string>) {
  const a = new Analyzer();
  for (const [name, text] of Object.entries(files)) a.setFile(name, text);
  return { a, findings: a.analyzeAll().filter((f) => f.ruleId.startsWith('cred-') || f.ruleId.startsWith('csi-')) };
}

const pod = (env: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: ns\nspec:\n  serviceAccountName: p\n  containers:\n    - name: c\n      image: i\n      env:\n${env}`;

test('a literal credential is an error whose message shows at most four characters of it', () => {
  const { findings } = analyze({
    'p.yaml': pod(`        - name: AWS_ACCESS_KEY_ID\n          value: ${KEY_ID}\n        - name: AWS_SECRET_ACCESS_KEY\n          value: "${SECRET_KEY}"\n        - name: AZURE_CLIENT_SECRET\n          value: ${ENTRA_SECRET}\n`),
    's.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: ns\ndata:\n  aws_access_key_id: ${b64(KEY_ID)}\n  key.json: ${b64(JSON.stringify({ type: 'service_account', private_key: '-----BEGIN PRIVATE KEY-----\nMIIfake\n-----END PRIVATE KEY-----\n' }))}\n`,
  });
  const errors = findings.filter((f) => f.severity === 'error');
  assert.deepEqual(errors.map((f) => f.ruleId).sort(), ['cred-secret-keys', 'cred-static-aws', 'cred-static-aws', 'cred-static-azure']);
  for (const f of findings) {
    for (const v of [KEY_ID, SECRET_KEY, ENTRA_SECRET]) {
      for (let i = 5; i <= v.length; i++) assert.ok(!f.message.includes(v.slice(0, i)), `${f.ruleId} shows ${i} characters of a credential: ${f.message}`);
      assert.ok(!f.message.includes(v.slice(-8)), `${f.ruleId} shows the end of a credential`);
    }
    assert.ok(!f.message.includes('MIIfake'), `${f.ruleId} shows a private key`);
  }
  assert.ok(errors.some((f) => f.message.includes('AKIA…')), 'the key id type is shown as a masked prefix');
});

test('variables named like credentials with empty, templated or placeholder values are no finding', () => {
  for (const v of ['""', '${KEY}', '"{{ .Values.key }}"', '<access-key>', 'YOUR_ACCESS_KEY', 'AKIAIOSFODNN7EXAMPLE', '$(FROM_ENV)']) {
    const { findings } = analyze({ 'p.yaml': pod(`        - name: AWS_ACCESS_KEY_ID\n          value: ${v}\n        - name: AZURE_CLIENT_SECRET\n          value: ${v}\n`) });
    assert.deepEqual(findings.map((f) => `${f.ruleId} ${f.severity}`), [], v);
  }
});

test('shapes: documented credential shapes, and nothing else', () => {
  assert.equal(shapeOf(KEY_ID), 'aws-access-key-id');
  assert.equal(shapeOf('ASIAQ4FAKE7TESTKEY12'), 'aws-access-key-id');
  assert.equal(shapeOf(ENTRA_SECRET), 'azure-client-secret');
  assert.equal(shapeOf(SECRET_KEY), 'aws-secret-access-key');
  assert.equal(shapeOf('AKIAIOSFODNN7EXAMPLE'), null);
  assert.equal(shapeOf('hello'), null);
  assert.equal(shapeOf('0123456789012345678901234567890123456789'), null, 'digits only are a hash, not a key');
  assert.equal(shapeWithin(`[default]\naws_access_key_id = ${KEY_ID}\n`), 'aws-access-key-id');
  assert.equal(shapeWithin('sha1: 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12'), null);
  assert.equal(masked(KEY_ID, 'aws-access-key-id'), 'AKIA…');
  assert.equal(masked('short', null), '');
  assert.equal(masked('-----BEGIN PRIVATE KEY-----abcdefgh', 'private-key'), '');
});

test('Key Vault names: 3–24 letters, digits and hyphens, a letter first, no hyphen last, no double hyphen', () => {
  for (const ok of ['kv1', 'Shop-KV-2', 'a'.repeat(24)]) assert.equal(keyVaultNameProblem(ok), null, ok);
  for (const bad of ['kv', 'a'.repeat(25), 'shop_kv', '1shop', 'shop-', 'sh--op', 'shop.kv']) assert.notEqual(keyVaultNameProblem(bad), null, bad);
});

test('hovers on the credential variables name the chain and what to use instead', () => {
  const text = 'env:\n  - name: AZURE_CLIENT_SECRET\n  - name: "AWS_ACCESS_KEY_ID"\n  - name: GOOGLE_APPLICATION_CREDENTIALS\n';
  for (const [name, chain] of [['AZURE_CLIENT_SECRET', 'DefaultAzureCredential'], ['AWS_ACCESS_KEY_ID', 'AWS SDK default credential provider chain'], ['GOOGLE_APPLICATION_CREDENTIALS', 'Application Default Credentials']]) {
    const at = text.indexOf(name) + 2;
    const h = explainAt(text, at, 'yaml');
    assert.ok(h, name);
    assert.equal(text.slice(h.start, h.end), name);
    assert.ok(h.markdown.includes(chain), h.markdown);
  }
  for (const v of credentialVariables) assert.ok(explainAt(`- name: ${v.name}\n`, 9, 'yaml'), v.name);
});

const SPC = `apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nmetadata:\n  name: kv\n  namespace: ns\nspec:\n  provider: azure\n  parameters:\n    clientID: 3f1c2b5e-0c39-4a5e-9d7b-1b2c3d4e5f60\n    keyvaultName: shop-kv\n    tenantId: 72f988bf-86f1-41af-91ab-2d7cd011db47\n`;
const MOUNT = `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n  namespace: ns\n  annotations:\n    azure.workload.identity/client-id: 3f1c2b5e-0c39-4a5e-9d7b-1b2c3d4e5f60\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: ns\nspec:\n  template:\n    spec:\n      serviceAccountName: app\n      containers: [{ name: c, image: i }]\n      volumes:\n        - name: s\n          csi: { driver: secrets-store.csi.k8s.io, volumeAttributes: { secretProviderClass: kv } }\n`;

test('the SecretProviderClass hover lists the pods that mount it, their ServiceAccount and identity', () => {
  const { a } = analyze({ 'spc.yaml': SPC, 'web.yaml': MOUNT });
  const onName = secretProviderClassAt(a.index, 'spc.yaml', SPC.indexOf('name: kv') + 7);
  assert.ok(onName);
  const md = explainSecretProviderClass(a.index, onName);
  assert.match(md, /workload identity/);
  assert.match(md, /Deployment `web` as ServiceAccount `app`, client-id `3f1c2b5e-0c39-4a5e-9d7b-1b2c3d4e5f60`/);
  const onMount = secretProviderClassAt(a.index, 'web.yaml', MOUNT.indexOf('secretProviderClass: kv') + 21);
  assert.equal(onMount?.cls, onName.cls);
  assert.equal(secretProviderClassAt(a.index, 'spc.yaml', SPC.indexOf('shop-kv')), null);
});

test('a Secret read by pods in other files gets one finding with the pods as related locations', () => {
  const secret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: sp\n  namespace: ns\nstringData:\n  clientSecret: \${SECRET}\n`;
  const reader = (n: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${n}\n  namespace: ns\nspec:\n  containers:\n    - name: c\n      image: i\n      envFrom: [{ secretRef: { name: sp } }]\n`;
  const { findings } = analyze({ 's.yaml': secret, 'a.yaml': reader('a'), 'b.yaml': reader('b') });
  const onSecret = findings.filter((f) => f.ruleId === 'cred-secret-keys');
  assert.equal(onSecret.length, 1);
  assert.equal(onSecret[0].severity, 'warning');
  assert.deepEqual(onSecret[0].related.map((r) => r.file).sort(), ['a.yaml', 'b.yaml']);
});

test('fuzz sample: generated credentials in pods and Secrets never show in a finding (npm run test:fuzz runs more)', () => {
  const r = runCredentialLeaks(60, 7);
  assert.deepEqual(r.leaks.slice(0, 3), []);
  assert.ok(r.findings > r.inputs);
});

test('examples/secrets-store: the good case is clean next to its ServiceAccount, the broken one shows each rule', () => {
  const read = (dir: string) => readdirSync(join(EXAMPLES, dir)).filter((f) => f.endsWith('.yaml')).map((f) => [`${dir}/${f}`, readFileSync(join(EXAMPLES, dir, f), 'utf8')] as const);
  const good = new Analyzer();
  for (const [p, t] of [...read('secrets-store/good'), ...read('workload-identity/good')]) good.setFile(p, t);
  assert.deepEqual(good.analyzeAll().map((f) => `${f.ruleId}: ${f.message}`), []);
  const broken = new Analyzer();
  for (const [p, t] of read('secrets-store/broken')) broken.setFile(p, t);
  assert.deepEqual([...new Set(broken.analyzeAll().map((f) => f.ruleId))].sort(), ['cred-secret-keys', 'cred-static-azure', 'csi-class-unused', 'csi-client-id-mismatch', 'csi-param-format', 'csi-vm-identity']);
});

test('a kustomize patch of a SecretProviderClass leaves missing parameters to its base', () => {
  const { findings } = analyze({
    '/ws/app/kustomization.yaml': 'resources:\n  - base.yaml\npatches:\n  - path: patch.yaml\n',
    '/ws/app/base.yaml': SPC,
    '/ws/app/patch.yaml': 'apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nmetadata:\n  name: kv\n  namespace: ns\nspec:\n  provider: azure\n  parameters:\n    keyvaultName: shop-kv-prod\n',
  });
  assert.deepEqual(findings.filter((f) => f.ruleId === 'csi-param-format').map((f) => f.message), []);
});
