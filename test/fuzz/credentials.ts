/**
 * Property: no finding shows a credential. Workspaces carry generated credentials of every documented shape (AWS key
 * ids and secret keys, Entra client secrets, private keys) in env literals, Secret stringData and base64 data, AWS
 * credentials files and service-account key JSON; no message, related message or edit title may show its first
 * five characters or any eight consecutive ones. Shared by `npm run test:fuzz` (large count) and the unit tests (a sample).
 */
import fc from 'fast-check';
import { Analyzer } from '../../src/core/analyze';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+';
const ENTRA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-';
const str = (alphabet: string, min: number, max: number) => fc.string({ unit: fc.constantFrom(...alphabet.split('')), minLength: min, maxLength: max });

export const awsKeyId = fc.tuple(fc.constantFrom('AKIA', 'ASIA'), str(UPPER, 16, 16)).map(([p, s]) => p + s);
export const awsSecret = str(B64, 40, 40);
export const entraSecret = fc.tuple(str(ENTRA.replace('-', ''), 3, 3), fc.integer({ min: 0, max: 9 }), str(ENTRA, 31, 34)).map(([a, d, b]) => `${a}${d}Q~${b}`);
export const privateKey = str(B64, 40, 120).map((body) => `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`);

const b64 = (s: string) => Buffer.from(s).toString('base64');
const q = (s: string) => JSON.stringify(s);

interface Planted {
  files: { path: string; text: string }[];
  secrets: string[];
}

const place = fc.constantFrom('env', 'stringData', 'data', 'awsFile', 'keyJson');
const sa = fc.constantFrom('none', 'aws', 'azure', 'gcp');

export const planted: fc.Arbitrary<Planted> = fc
  .record({ id: awsKeyId, secret: awsSecret, entra: entraSecret, pem: privateKey, place, sa, split: fc.boolean() })
  .map(({ id, secret, entra, pem, place: where, sa: identity, split }) => {
    const annotations = {
      none: '',
      aws: '  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/app\n',
      azure: '  annotations:\n    azure.workload.identity/client-id: 3f1c2b5e-0c39-4a5e-9d7b-1b2c3d4e5f60\n',
      gcp: '  annotations:\n    iam.gke.io/gcp-service-account: app@p.iam.gserviceaccount.com\n',
    }[identity];
    const account = `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n  namespace: ns\n${annotations}`;
    const env = where === 'env'
      ? `          env:\n            - name: AWS_ACCESS_KEY_ID\n              value: ${id}\n            - name: AWS_SECRET_ACCESS_KEY\n              value: ${q(secret)}\n            - name: AZURE_CLIENT_SECRET\n              value: ${q(entra)}\n`
      : '          envFrom:\n            - secretRef:\n                name: creds\n';
    const workload = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n  namespace: ns\nspec:\n  template:\n    spec:\n      serviceAccountName: app\n      containers:\n        - name: c\n          image: i\n${env}          volumeMounts:\n            - name: key\n              mountPath: /var/secrets/google\n      volumes:\n        - name: key\n          secret:\n            secretName: creds\n`;
    const awsFile = `[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`;
    const keyJson = JSON.stringify({ type: 'service_account', project_id: 'p', private_key: pem, client_email: 'a@p.iam.gserviceaccount.com' });
    const body = {
      env: 'stringData:\n  note: nothing here\n',
      stringData: `stringData:\n  aws_access_key_id: ${id}\n  aws_secret_access_key: ${q(secret)}\n  clientSecret: ${q(entra)}\n`,
      data: `data:\n  aws_access_key_id: ${b64(id)}\n  aws_secret_access_key: ${b64(secret)}\n  clientSecret: ${b64(entra)}\n`,
      awsFile: `data:\n  credentials: ${b64(awsFile)}\n`,
      keyJson: `stringData:\n  credentials.json: ${q(keyJson)}\n`,
    }[where];
    const secretDoc = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n  namespace: ns\n${body}`;
    const docs = [account, workload, secretDoc];
    const files = split ? docs.map((text, i) => ({ path: `m${i}.yaml`, text })) : [{ path: 'all.yaml', text: docs.join('---\n') }];
    const pemBody = pem.split('\n')[1];
    return { files, secrets: [id, secret, entra, pemBody] };
  });

/**
 * What a text shows of a secret: its first five characters (one more than the masked prefix allows), or any eight
 * consecutive characters of it (shorter runs of random text turn up in ordinary words by chance); null when nothing.
 */
export function leak(text: string, secrets: string[]): string | null {
  for (const s of secrets) {
    if (text.includes(s.slice(0, 5))) return s.slice(0, 5);
    for (let i = 0; i + 8 <= s.length; i++) if (text.includes(s.slice(i, i + 8))) return s.slice(i, i + 8);
  }
  return null;
}

export function runCredentialLeaks(runs: number, seed: number): { inputs: number; findings: number; leaks: string[] } {
  let findings = 0;
  let inputs = 0;
  const leaks: string[] = [];
  fc.assert(fc.property(planted, ({ files, secrets }) => {
    inputs++;
    const a = new Analyzer();
    for (const f of files) a.setFile(f.path, f.text);
    for (const f of a.analyzeAll()) {
      findings++;
      for (const text of [f.message, ...f.related.map((r) => r.message), ...f.suggestions.map((s) => s.title), ...f.fixes.map((s) => s.title)]) {
        const hit = leak(text, secrets);
        if (hit) leaks.push(`${f.ruleId} shows ${hit}: ${text}`);
      }
    }
    return true;
  }), { numRuns: runs, seed });
  return { inputs, findings, leaks };
}
