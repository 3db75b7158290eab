/**
 * Input generators for the engine's robustness tests: fast-check arbitraries of Kubernetes identity/access
 * manifests (right and wrong shapes), byte-level mutations of real files, and hostile YAML.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { identityKeys } from '../../src/core/knowledge';
import { allRules } from '../../src/core/rules/registry';

// ------------------------------------------------------------------------------------------------------------
// Values: mostly plausible, sometimes wrong, sometimes the wrong type altogether.

const GUID = '6b1c0f6e-5d1a-4c1e-9a7b-2f3d4e5f6a7b';
const weird: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null), fc.integer({ min: -5, max: 70000 }), fc.boolean(), fc.string({ maxLength: 6 }),
  fc.constant([]), fc.constant({}), fc.constant('{{ .Values.x }}'), fc.constant('<placeholder>'), fc.constant(''),
  fc.jsonValue({ maxDepth: 2 }),
);

/** The plausible value most of the time, anything else sometimes. */
function v<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> {
  return fc.oneof({ arbitrary: arb, weight: 8 }, { arbitrary: weird, weight: 1 });
}

const name = fc.oneof(
  { arbitrary: fc.constantFrom('api', 'web', 'worker', 'default', 'builder', 'reader', 'cluster-admin', 'edit', 'view', 'admin'), weight: 8 },
  { arbitrary: fc.constantFrom('API_Bad', '-lead', 'a.b', 'x'.repeat(260), 'ñame', 'system:serviceaccount:team:api', 'sa name', '{{ .Values.name }}', 'api-{{ .Release.Name }}'), weight: 2 },
);
const namespace = fc.constantFrom('default', 'team-a', 'team-b', 'kube-system', 'Team_C', '');
const guidish = fc.constantFrom(GUID, GUID.toUpperCase(), `{${GUID}}`, GUID.slice(0, 30), 'not-a-guid', '00000000-0000-0000-0000-000000000000', '<client-id>', '${CLIENT_ID}', '{{ .Values.clientId }}', '');
const annotationValue = fc.oneof(
  guidish,
  fc.constantFrom('true', 'false', 'True', '3600', '86400', '600', '-1', 'abc', 'arn:aws:iam::123456789012:role/app', 'arn:aws:iam:bad', 'gsa@proj.iam.gserviceaccount.com', 'gsa@proj', 'c1,c2', 'sts.amazonaws.com', 'regional'),
  weird,
);
const idKeys = identityKeys.map((k) => k.key.replace('<suffix>', 'extra'));
const keyTypos = idKeys.flatMap((k) => [k.replace('/', '.'), k.replace('workload', 'workoad'), k.toUpperCase(), `${k} `]);
const labelOrAnnotationKey = fc.oneof(
  { arbitrary: fc.constantFrom(...idKeys), weight: 6 },
  { arbitrary: fc.constantFrom(...keyTypos), weight: 1 },
  { arbitrary: fc.constantFrom('app', 'app.kubernetes.io/name', 'team', 'aks-iam.io/ignore'), weight: 2 },
);
const dictionary = fc.dictionary(labelOrAnnotationKey, v(annotationValue), { maxKeys: 4 });

const metadata = fc.record({ name: v(name), namespace: v(namespace), labels: v(dictionary), annotations: v(dictionary) }, { requiredKeys: [] });

const envVar = fc.record({
  name: fc.constantFrom('AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_FEDERATED_TOKEN_FILE', 'AZURE_AUTHORITY_HOST', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'LOG_LEVEL'),
  value: v(fc.oneof(guidish, fc.constantFrom('/var/run/secrets/tokens/azure-identity-token', 'info'))),
}, { requiredKeys: ['name'] });
const container = fc.record({
  name: v(name), image: v(fc.constantFrom('nginx:1.27', 'mcr.microsoft.com/azure-cli', 'busybox')),
  env: v(fc.array(envVar, { maxLength: 3 })),
  volumeMounts: v(fc.array(fc.record({ name: fc.constantFrom('token', 'azure-identity-token'), mountPath: fc.constantFrom('/var/run/secrets/tokens', '/var/run/secrets/azure/tokens') }), { maxLength: 2 })),
}, { requiredKeys: [] });
const volume = fc.record({
  name: fc.constantFrom('token', 'azure-identity-token'),
  projected: v(fc.record({ sources: fc.array(fc.record({ serviceAccountToken: fc.record({ path: fc.constantFrom('token', 'azure-identity-token'), audience: fc.constantFrom('api://AzureADTokenExchange', 'sts.amazonaws.com'), expirationSeconds: v(fc.constantFrom(3600, 86400, 600)) }, { requiredKeys: [] }) }), { maxLength: 2 }) })),
}, { requiredKeys: ['name'] });
const podSpec = fc.record({
  serviceAccountName: v(name), serviceAccount: v(name), automountServiceAccountToken: v(fc.boolean()), hostNetwork: v(fc.boolean()),
  containers: v(fc.array(container, { maxLength: 3 })), initContainers: v(fc.array(container, { maxLength: 1 })),
  volumes: v(fc.array(volume, { maxLength: 2 })), nodeSelector: v(dictionary),
}, { requiredKeys: [] });
const template = fc.record({ metadata: v(metadata), spec: v(podSpec) }, { requiredKeys: [] });

const workload = fc.record({
  apiVersion: v(fc.constantFrom('apps/v1', 'extensions/v1beta1')),
  kind: fc.constantFrom('Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'),
  metadata: v(metadata),
  spec: v(fc.record({ replicas: v(fc.nat(5)), selector: v(fc.record({ matchLabels: dictionary })), template: v(template) }, { requiredKeys: [] })),
}, { requiredKeys: ['kind'] });
const jobs = fc.oneof(
  fc.record({ apiVersion: fc.constant('batch/v1'), kind: fc.constant('Job'), metadata: v(metadata), spec: v(fc.record({ template: v(template) })) }, { requiredKeys: ['kind'] }),
  fc.record({ apiVersion: fc.constantFrom('batch/v1', 'batch/v1beta1'), kind: fc.constant('CronJob'), metadata: v(metadata), spec: v(fc.record({ schedule: fc.constant('0 * * * *'), jobTemplate: v(fc.record({ spec: v(fc.record({ template: v(template) })) })) }, { requiredKeys: [] })) }, { requiredKeys: ['kind'] }),
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Pod'), metadata: v(metadata), spec: v(podSpec) }, { requiredKeys: ['kind'] }),
);
const serviceAccount = fc.record({
  apiVersion: v(fc.constant('v1')), kind: fc.constant('ServiceAccount'), metadata: v(metadata),
  automountServiceAccountToken: v(fc.boolean()), secrets: v(fc.array(fc.record({ name: name }), { maxLength: 2 })),
}, { requiredKeys: ['kind'] });
const policyRule = fc.record({
  apiGroups: v(fc.array(fc.constantFrom('', 'apps', '*', 'batch', 'rbac.authorization.k8s.io', 'authentication.k8s.io'), { maxLength: 3 })),
  resources: v(fc.array(fc.constantFrom('pods', 'secrets', '*', 'pods/exec', 'pods/attach', 'nodes/proxy', 'serviceaccounts/token', 'serviceaccounts', 'deployments', 'roles', 'clusterroles', 'rolebindings'), { maxLength: 4 })),
  verbs: v(fc.array(fc.constantFrom('get', 'list', 'watch', 'create', 'update', 'patch', 'delete', '*', 'escalate', 'bind', 'impersonate', 'GET'), { maxLength: 4 })),
  resourceNames: v(fc.array(name, { maxLength: 2 })),
  nonResourceURLs: v(fc.array(fc.constantFrom('/healthz', '*', '/metrics'), { maxLength: 2 })),
}, { requiredKeys: [] });
const role = fc.record({
  apiVersion: v(fc.constantFrom('rbac.authorization.k8s.io/v1', 'rbac.authorization.k8s.io/v1beta1')),
  kind: fc.constantFrom('Role', 'ClusterRole'), metadata: v(metadata),
  rules: v(fc.array(v(policyRule), { maxLength: 4 })),
  aggregationRule: v(fc.record({ clusterRoleSelectors: fc.array(fc.record({ matchLabels: dictionary }), { maxLength: 2 }) })),
}, { requiredKeys: ['kind'] });
const subject = fc.record({
  kind: v(fc.constantFrom('ServiceAccount', 'User', 'Group', 'serviceaccount', 'Bogus')), name: v(fc.oneof(name, fc.constantFrom('system:anonymous', 'system:unauthenticated', 'system:serviceaccounts'))),
  namespace: v(namespace), apiGroup: v(fc.constantFrom('rbac.authorization.k8s.io', '', 'v1')),
}, { requiredKeys: [] });
const binding = fc.record({
  apiVersion: v(fc.constantFrom('rbac.authorization.k8s.io/v1', 'rbac.authorization.k8s.io/v1beta1')),
  kind: fc.constantFrom('RoleBinding', 'ClusterRoleBinding'), metadata: v(metadata),
  roleRef: v(fc.record({ apiGroup: v(fc.constantFrom('rbac.authorization.k8s.io', '', 'rbac')), kind: v(fc.constantFrom('Role', 'ClusterRole', 'Group')), name: v(name) }, { requiredKeys: [] })),
  subjects: v(fc.array(v(subject), { maxLength: 3 })),
}, { requiredKeys: ['kind'] });
const aadPodIdentity = fc.oneof(
  fc.record({ apiVersion: fc.constant('aadpodidentity.k8s.io/v1'), kind: fc.constant('AzureIdentity'), metadata: v(metadata), spec: v(fc.record({ type: v(fc.constantFrom(0, 1)), resourceID: v(fc.constant('/subscriptions/x/resourcegroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id')), clientID: v(guidish) }, { requiredKeys: [] })) }),
  fc.record({ apiVersion: fc.constant('aadpodidentity.k8s.io/v1'), kind: fc.constant('AzureIdentityBinding'), metadata: v(metadata), spec: v(fc.record({ azureIdentity: v(name), selector: v(name) }, { requiredKeys: [] })) }),
);
const other = fc.record({ apiVersion: v(fc.constant('v1')), kind: v(fc.constantFrom('ConfigMap', 'Secret', 'List', 'Namespace', '')), metadata: v(metadata), data: v(dictionary) }, { requiredKeys: [] });

/** One manifest as a plain value, right or wrong. */
export const manifest: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: workload, weight: 3 }, { arbitrary: jobs, weight: 2 }, { arbitrary: serviceAccount, weight: 3 },
  { arbitrary: role, weight: 2 }, { arbitrary: binding, weight: 3 }, { arbitrary: aadPodIdentity, weight: 1 },
  { arbitrary: other, weight: 1 },
);

// ------------------------------------------------------------------------------------------------------------
// Rendering: the same value written the ways people write YAML.

export interface RenderStyle {
  indent: number;
  seqIndent: boolean;
  flowLevel: number;
  quote: 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE';
  crlf: boolean;
  bom: boolean;
  comments: boolean;
  suppression: number;
  docStart: boolean;
}

export const renderStyle: fc.Arbitrary<RenderStyle> = fc.record({
  indent: fc.constantFrom(2, 2, 4, 3), seqIndent: fc.boolean(), flowLevel: fc.constantFrom(0, 0, 0, 2, 3, 4),
  quote: fc.constantFrom('PLAIN', 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'), crlf: fc.boolean(), bom: fc.constantFrom(false, false, false, true),
  comments: fc.boolean(), suppression: fc.nat(40), docStart: fc.boolean(),
});

const RULE_IDS = allRules.map((r) => r.id);

export function render(docs: unknown[], s: RenderStyle): string {
  const parts = docs.map((d, i) => {
    let text: string;
    try {
      text = stringify(d, { indent: s.indent, indentSeq: s.seqIndent, flowCollectionPadding: s.flowLevel % 2 === 0, defaultStringType: s.quote, defaultKeyType: 'PLAIN', lineWidth: 0, collectionStyle: s.flowLevel === 4 ? 'flow' : 'any' });
    } catch {
      text = 'kind: Unrenderable\n';
    }
    if (s.comments) text = text.split('\n').map((l, j) => (j % 3 === 1 && l.trim() && !l.trimEnd().endsWith('|') && !l.trimEnd().endsWith('>') ? `${l} # note ${j}` : l)).join('\n');
    if (s.suppression > 0 && s.suppression < RULE_IDS.length + 1) {
      const id = RULE_IDS[(s.suppression + i) % RULE_IDS.length];
      text = (i % 2 ? `# aks-iam-disable-next-line ${id}\n` : `# aks-iam-disable ${id}, not-a-rule\n`) + text;
    }
    return text;
  });
  let out = (s.docStart ? '---\n' : '') + parts.join('---\n');
  if (s.crlf) out = out.replace(/\r?\n/g, '\r\n');
  return (s.bom ? '\ufeff' : '') + out;
}

/** A workspace: 1–3 files of 1–4 manifests each, so cross-file rules meet each other. */
export const workspace: fc.Arbitrary<{ path: string; text: string }[]> = fc
  .array(fc.tuple(fc.array(manifest, { minLength: 1, maxLength: 4 }), renderStyle, fc.constantFrom('a.yaml', 'b.yml', 'templates/sa.yaml', 'deep/dir/c.yaml')), { minLength: 1, maxLength: 3 })
  .map((files) => files.map(([docs, style, path], i) => ({ path: `f${i}/${path}`, text: render(docs, style) })));

// ------------------------------------------------------------------------------------------------------------
// Byte-level mutations of real files.

export type Rand = () => number;

const INSERTS = ['\t', '"', "'", ':', ': ', '{{', '}}', '{{ .Values.x }}', '\r\n', '\n', '#', '- ', '[', ']', '{', '}', '&a ', '*a', '!!str ', '|', '>', '---\n', '...\n', '\u0000', '\ufeff', '😀', '\\', '%YAML 1.1\n', '? ', ','];

export const MUTATIONS = [
  'truncate', 'insert', 'delete', 'duplicate-line', 'swap-lines', 'crlf', 'bom', 'nul', 'indent', 'dedent',
  'long-line', 'deep-nesting', 'repeat-doc', 'flip-case', 'template-line',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

function at(r: Rand, n: number): number {
  return Math.floor(r() * n);
}

/** Applies one named mutation at a random place. */
export function mutate(text: string, kind: Mutation, r: Rand): string {
  const pos = at(r, text.length + 1);
  const lines = text.split('\n');
  const li = at(r, lines.length);
  switch (kind) {
    case 'truncate': return text.slice(0, pos);
    case 'insert': return text.slice(0, pos) + INSERTS[at(r, INSERTS.length)] + text.slice(pos);
    case 'delete': return text.slice(0, pos) + text.slice(pos + 1 + at(r, 8));
    case 'duplicate-line': lines.splice(li, 0, lines[li]); return lines.join('\n');
    case 'swap-lines': {
      const lj = at(r, lines.length);
      [lines[li], lines[lj]] = [lines[lj], lines[li]];
      return lines.join('\n');
    }
    case 'crlf': return r() < 0.5 ? text.replace(/\r?\n/g, '\r\n') : text.replace(/\n/g, '\r');
    case 'bom': return `\ufeff${text}`;
    case 'nul': return text.slice(0, pos) + '\u0000' + text.slice(pos);
    case 'indent': lines[li] = ' '.repeat(1 + at(r, 3)) + lines[li]; return lines.join('\n');
    case 'dedent': lines[li] = lines[li].replace(/^\s{1,2}/, ''); return lines.join('\n');
    case 'long-line': lines[li] = `${lines[li]}${'x'.repeat(10_000 + at(r, 90_000))}`; return lines.join('\n');
    case 'deep-nesting': {
      const n = 50 + at(r, 400);
      lines.splice(li, 0, `deep: ${'['.repeat(n)}1${']'.repeat(r() < 0.8 ? n : at(r, n))}`);
      return lines.join('\n');
    }
    case 'repeat-doc': return Array(2 + at(r, 8)).fill(text).join('\n---\n');
    case 'flip-case': return text.slice(0, pos) + text.slice(pos, pos + 20).toUpperCase() + text.slice(pos + 20);
    case 'template-line': lines.splice(li, 0, `${' '.repeat(at(r, 6))}{{- include "x" . | nindent ${at(r, 8)} }}`); return lines.join('\n');
  }
}

// The ones that make an input large are drawn a third as often, so that an average input stays cheap to check.
const WEIGHTED: Mutation[] = MUTATIONS.flatMap((m) => (m === 'long-line' || m === 'repeat-doc' || m === 'deep-nesting' ? [m] : [m, m, m]));

/** 1–3 stacked mutations. */
export function mutateRandomly(text: string, r: Rand): { text: string; applied: Mutation[] } {
  const applied: Mutation[] = [];
  let out = text;
  for (let i = 0, n = 1 + at(r, 3); i < n; i++) {
    const kind = WEIGHTED[at(r, WEIGHTED.length)];
    // Large-output mutations once at most, so one input stays small enough to check quickly.
    if ((kind === 'long-line' || kind === 'repeat-doc') && applied.some((a) => a === 'long-line' || a === 'repeat-doc')) continue;
    out = mutate(out, kind, r);
    applied.push(kind);
  }
  return { text: out, applied };
}

// ------------------------------------------------------------------------------------------------------------
// Hostile YAML.

export function billionLaughs(levels: number, width: number): string {
  let text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\ndata:\n  a0: &a0 "lol"\n';
  for (let i = 1; i <= levels; i++) text += `  a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(', ')}]\n`;
  return text;
}

/** Aliases where rules look: a ServiceAccount's annotations and a binding's subjects come from anchors. */
export function aliasedIdentity(levels: number): string {
  let text = 'x0: &x0 {azure.workload.identity/client-id: nope}\n';
  for (let i = 1; i <= levels; i++) text += `x${i}: &x${i} [*x${i - 1}, *x${i - 1}, *x${i - 1}, *x${i - 1}, *x${i - 1}, *x${i - 1}, *x${i - 1}, *x${i - 1}]\n`;
  return `${text}---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  annotations: *x0\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects: *x${levels}\n`;
}

export function hugeAnchor(bytes: number): string {
  return `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  annotations: &big\n${Array.from({ length: Math.ceil(bytes / 40) }, (_, i) => `    k${i}: ${'v'.repeat(30)}`).join('\n')}\n  labels: *big\n`;
}

export function deepFlow(depth: number, open: string, close: string, closed = true): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata: ${open.repeat(depth)}1${closed ? close.repeat(depth) : ''}\n`;
}

export function deepBlock(depth: number): string {
  let text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n';
  for (let i = 0; i < depth; i++) text += `${' '.repeat(2 + i)}k${i}:\n`;
  return `${text}${' '.repeat(2 + depth)}v: 1\n`;
}

/** `bytes` characters in one document: a ServiceAccount with a wrong client id and a huge annotation map. */
export function hugeDocument(bytes: number): string {
  const head = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  annotations:\n';
  const tail = '    azure.workload.identity/client-id: nope\n';
  const body: string[] = [];
  let size = head.length + tail.length;
  for (let i = 0; size < bytes; i++) {
    const line = `    note-${i}: ${'y'.repeat(60)}\n`;
    body.push(line);
    size += line.length;
  }
  return `${head}${body.join('')}${tail}`;
}

export interface HostileCase {
  name: string;
  text: string;
  /** A rule id the engine must report for it (the finding instead of a hang), if any. */
  expect?: string;
}

export function hostileCases(): HostileCase[] {
  return [
    { name: 'billion laughs 10×9', text: billionLaughs(9, 10) },
    { name: 'billion laughs 30×30', text: billionLaughs(30, 30) },
    { name: 'aliases into identity annotations and subjects', text: aliasedIdentity(12) },
    { name: 'a 1 MB anchor reused', text: hugeAnchor(1024 * 1024) },
    { name: 'flow sequences 5,000 deep', text: deepFlow(5000, '[', ']'), expect: 'yaml-syntax' },
    { name: 'flow maps 3,000 deep', text: deepFlow(3000, '{a: ', '}') },
    { name: 'flow sequences 100,000 deep', text: deepFlow(100_000, '[', ']'), expect: 'yaml-syntax' },
    { name: 'unclosed flow sequences 20,000 deep', text: deepFlow(20_000, '[', ']', false), expect: 'yaml-syntax' },
    { name: 'block maps 1,000 deep', text: deepBlock(1000) },
    { name: '100,000 documents separators', text: '---\n'.repeat(100_000) },
    // The engine's default limit is 10 MiB: 10 MB (decimal) is analysed, 11 MiB is skipped as too large.
    { name: '10 MB single document', text: hugeDocument(10_000_000), expect: 'wi-client-id-format' },
    { name: '11 MiB single document (over the limit: skipped)', text: hugeDocument(11 * 1024 * 1024) },
    { name: 'one 5 MB line', text: `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: api, annotations: {azure.workload.identity/client-id: ${'z'.repeat(5 * 1024 * 1024)}}}\n`, expect: 'wi-client-id-format' },
    { name: 'a key of 1 MB', text: `apiVersion: v1\nkind: ConfigMap\n${'k'.repeat(1024 * 1024)}: 1\n` },
    { name: '50,000 duplicate keys', text: `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  annotations:\n${'    azure.workload.identity/client-id: nope\n'.repeat(50_000)}`, expect: 'yaml-syntax' },
    { name: 'template braces everywhere', text: `apiVersion: v1\nkind: ServiceAccount\n${'{{ '.repeat(20_000)}\nmetadata: {{ .x }}\n` },
  ];
}
