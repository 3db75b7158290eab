import { describe, span } from '../helpers';
import { defineRule, type Related } from '../types';
import { get, isMap, isScalar, type YPair } from '../../yaml/node';
import { podSpecsIn, secretReads } from './pod-refs';
import { decodeBase64, masked, shapeOf, shapeWithin, SHAPE_NAMES, type CredentialShape } from './shapes';

type Cloud = 'AWS' | 'Azure' | 'GCP';

const NAMED: Record<string, Cloud> = {
  awsaccesskeyid: 'AWS', awssecretaccesskey: 'AWS', awssessiontoken: 'AWS',
  clientsecret: 'Azure', azureclientsecret: 'Azure', azurepassword: 'Azure', azureclientcertificatepassword: 'Azure',
};

const ADVICE: Record<Cloud, string> = {
  AWS: 'an IAM role for the ServiceAccount (eks.amazonaws.com/role-arn)',
  Azure: 'Azure Workload Identity (azure.workload.identity/client-id on the ServiceAccount)',
  GCP: 'GKE Workload Identity (iam.gke.io/gcp-service-account on the ServiceAccount)',
};

interface CredKey {
  pair: YPair;
  key: string;
  cloud: Cloud;
  shape: CredentialShape | null;
  shown: string;
}

/** Whether a key of a Secret looks like a cloud credential, judged by its name and, when known, its content. */
function credKey(pair: YPair, encoded: boolean): CredKey | null {
  const key = pair.key;
  if (!key || !isScalar(pair.value) || pair.value.unknown) {
    if (!key) return null;
    const cloud = NAMED[key.toLowerCase().replace(/[-_.]/g, '')];
    return cloud ? { pair, key, cloud, shape: null, shown: '' } : null;
  }
  const raw = typeof pair.value.value === 'string' ? pair.value.value : pair.value.value === null ? '' : String(pair.value.value);
  const content = encoded ? decodeBase64(raw) ?? '' : raw;
  const whole = shapeOf(content);
  const within = whole ?? shapeWithin(content);
  const shown = whole ? masked(content, whole) : '';
  const norm = key.toLowerCase().replace(/[-_.]/g, '');
  const named = NAMED[norm];
  if (named) return { pair, key, cloud: named, shape: within, shown };
  // A Google service-account key: JSON with a private key (credentials.json, key.json, sa.json…).
  // The key is a literal only with key material in it; docs write the markers around a stand-in.
  if (/"private_key"\s*:/.test(content) && /service_account/.test(content)) return { pair, key, cloud: 'GCP', shape: within === 'private-key' ? 'private-key' : null, shown: '' };
  // An AWS shared credentials file.
  if (/^\s*aws_access_key_id\s*=/m.test(content)) return { pair, key, cloud: 'AWS', shape: within === 'aws-access-key-id' || within === 'aws-secret-access-key' ? within : null, shown: '' };
  // A value of a distinctive documented shape under any other name (not 40 or more characters of base64, which many
  // passwords and tokens are).
  if (within === 'aws-access-key-id' || within === 'azure-client-secret') {
    const cloud: Cloud = within === 'azure-client-secret' ? 'Azure' : 'AWS';
    return { pair, key, cloud, shape: within, shown };
  }
  return null;
}

export default defineRule({
  id: 'cred-secret-keys',
  title: 'Secret holds cloud credentials that pods read',
  defaultSeverity: 'warning',
  alsoReports: ['error'],
  category: 'credentials',
  fixable: false,
  docs: {
    why: 'A Secret with AWS access keys, a Microsoft Entra client secret or a Google service-account key is what pods use instead of their cloud\'s workload identity. Base64 in `data` is no protection: whoever reads the manifest or the Secret has the credential, and it does not expire.',
    howToFix: 'Move each pod that reads the Secret to its cloud\'s identity (IRSA role-arn, Azure Workload Identity client-id, GKE Workload Identity), then delete the Secret and revoke the credential. A credential committed to a repository must be rotated even after it is removed.',
    severity: 'error when a value has a documented credential shape (AKIA…/ASIA… key ids, secret keys next to them, …Q~… client secrets, a service-account private key) in `stringData` or decoded `data`: the credential is in the repository. warning when only the key names say so and a pod reads the Secret: a real risk a reviewer acts on.',
    assumes: 'Reported once, on the Secret, with the pods that read it (env, envFrom, secret and projected volumes, the CSI driver\'s nodePublishSecretRef) as related locations; pods are matched in the Secret\'s resolved namespace, none when it is unknown. Templated values are judged by their key names only. Messages never contain a value: at most its first four characters.',
    example: {
      bad: 'kind: Secret\nstringData:\n  aws_access_key_id: AKIA…\n  aws_secret_access_key: …',
      good: '# no Secret: the ServiceAccount carries eks.amazonaws.com/role-arn',
    },
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      if (o.kind !== 'Secret' || (o.apiVersion && o.apiVersion !== 'v1')) continue;
      const keys: CredKey[] = [];
      for (const [field, encoded] of [['stringData', false], ['data', true]] as const) {
        const m = get(o.root, field);
        if (!isMap(m)) continue;
        for (const p of m.pairs) {
          const k = credKey(p, encoded);
          if (k) keys.push(k);
        }
      }
      if (keys.length === 0) continue;
      const related: Related[] = [];
      const readers: string[] = [];
      if (o.name && o.namespace !== null) {
        for (const pod of podSpecsIn(ctx.index, o.namespace)) {
          const reads = secretReads(pod).filter((r) => r.secret === o.name);
          if (reads.length === 0) continue;
          readers.push(describe(pod.owner));
          for (const r of reads) related.push({ file: pod.owner.file, start: r.node.start, end: r.node.end, message: `${describe(pod.owner)} reads it (${r.how})` });
        }
      }
      const literal = keys.find((k) => k.shape);
      if (!literal && related.length === 0) continue;
      const clouds = [...new Set(keys.map((k) => k.cloud))];
      const names = keys.map((k) => k.key).join(', ');
      const lit = literal ? `, with ${SHAPE_NAMES[literal.shape!]}${literal.shown ? ` (${literal.shown})` : ''} written in the manifest` : '';
      const read = readers.length ? `${[...new Set(readers)].join(', ')} ${readers.length === 1 ? 'reads' : 'read'} it` : 'no pod in the workspace reads it';
      const first = literal ?? keys[0];
      ctx.report({
        message: `Static ${clouds.join(' and ')} credentials in a Secret: ${describe(o)} holds ${names}${lit}; ${read}. Use ${clouds.map((c) => ADVICE[c]).join(' or ')} instead, then delete the Secret and revoke the credential.`,
        ...(first.pair.keyNode ? span(first.pair.keyNode) : span(first.pair)),
        severity: literal ? 'error' : 'warning',
        related,
      });
    }
  },
});
