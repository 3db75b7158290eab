// Completion of identity label and annotation keys: the exact list, in order, for each object kind and position.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completionsAt } from '../../src/core/explain/index';

/** completionsAt with the cursor at `|`: the candidates in the order the list shows them (sortText). */
function at(marked: string) {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const r = completionsAt(text, offset, 'yaml');
  const sorted = [...r].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  assert.deepEqual(sorted.map((c) => c.label), r.map((c) => c.label), 'sortText keeps the order of the list');
  return { labels: r.map((c) => c.label), items: r, text };
}

const SA_ANNOTATIONS = [
  'azure.workload.identity/client-id',
  'azure.workload.identity/tenant-id',
  'azure.workload.identity/service-account-token-expiration',
  'eks.amazonaws.com/role-arn',
  'iam.gke.io/gcp-service-account',
  'eks.amazonaws.com/audience',
  'eks.amazonaws.com/sts-regional-endpoints',
  'eks.amazonaws.com/token-expiration',
];
const POD_ANNOTATIONS = [
  'azure.workload.identity/inject-proxy-sidecar',
  'azure.workload.identity/skip-containers',
  'azure.workload.identity/proxy-sidecar-port',
  'azure.workload.identity/service-account-token-expiration',
  'eks.amazonaws.com/skip-containers',
  'eks.amazonaws.com/token-expiration',
];

test('ServiceAccount annotations: the ServiceAccount keys only, Azure first, never a pod-only or aad-pod-identity key', () => {
  const c = at('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  annotations:\n    |\n');
  assert.deepEqual(c.labels, SA_ANNOTATIONS);
  assert.equal(c.items[0].insertText, 'azure.workload.identity/client-id: "${1:00000000-0000-0000-0000-000000000000}"');
  assert.equal(c.items[0].detail, 'Azure: client id of the identity');
  assert.ok(c.items.every((i) => !i.deprecated && i.kind === 'annotation'));
  // The details pane at its default width holds one line of 36 characters.
  for (const i of c.items) assert.ok(i.detail.length <= 36 && !i.detail.includes('\n'), i.detail);
});

test('ServiceAccount annotations: keys already present above or below the cursor are not offered again', () => {
  const c = at('kind: ServiceAccount\nmetadata:\n  annotations:\n    azure.workload.identity/client-id: "x"\n    # note\n    azure.w|\n    "eks.amazonaws.com/role-arn": arn\n  name: api\n');
  assert.deepEqual(c.labels, SA_ANNOTATIONS.filter((k) => k !== 'azure.workload.identity/client-id' && k !== 'eks.amazonaws.com/role-arn'));
  assert.deepEqual([...new Set(c.items.map((i) => c.text.slice(i.replaceStart, i.replaceEnd)))], ['azure.w']);
  // kind after metadata, in the second document of a file.
  const second = at('kind: Deployment\n---\napiVersion: v1\nmetadata:\n  annotations:\n    iam.gke.io/gcp-service-account: a@b\n    |\nkind: ServiceAccount\n---\nkind: Pod\n');
  assert.deepEqual(second.labels, SA_ANNOTATIONS.filter((k) => !k.startsWith('iam.gke.io/')));
});

test('ServiceAccount labels and a workload\'s own metadata: nothing to offer', () => {
  assert.deepEqual(at('kind: ServiceAccount\nmetadata:\n  labels:\n    |\n').labels, []);
  assert.deepEqual(at('kind: Deployment\nmetadata:\n  annotations:\n    |\nspec:\n  template:\n    metadata: {}\n').labels, []);
  assert.deepEqual(at('kind: ConfigMap\nmetadata:\n  annotations:\n    |\n').labels, []);
  assert.deepEqual(at('metadata:\n  annotations:\n    |\n').labels, [], 'no kind yet');
});

test('pod template annotations: the pod keys, proxy sidecar first, for every workload kind and a Pod', () => {
  for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']) {
    assert.deepEqual(at(`kind: ${kind}\nmetadata:\n  name: w\nspec:\n  template:\n    metadata:\n      annotations:\n        |\n`).labels, POD_ANNOTATIONS, kind);
  }
  assert.deepEqual(at('kind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        metadata:\n          annotations:\n            |\n').labels, POD_ANNOTATIONS);
  assert.deepEqual(at('kind: Pod\nmetadata:\n  annotations:\n    azure.workload.identity/skip-containers: a\n    |\n').labels, POD_ANNOTATIONS.filter((k) => !k.endsWith('/skip-containers') || k.startsWith('eks')));
  // The CronJob's own spec.template is not a pod template.
  assert.deepEqual(at('kind: CronJob\nspec:\n  template:\n    metadata:\n      annotations:\n        |\n').labels, []);
});

test('pod template labels: the use label first, aad-pod-identity\'s last and deprecated; not offered once present', () => {
  const c = at('kind: Deployment\nspec:\n  template:\n    metadata:\n      labels:\n        app: web\n        |\n');
  assert.deepEqual(c.labels, ['azure.workload.identity/use', 'aadpodidbinding']);
  assert.deepEqual(c.items.map((i) => i.deprecated), [false, true]);
  assert.deepEqual(c.items.map((i) => i.insertText), ['azure.workload.identity/use: "${1:true}"', 'aadpodidbinding: "${1:binding-selector}"']);
  assert.match(c.items[1].documentation, /\*\*Deprecated\*\*/);
  const present = at('kind: Deployment\nspec:\n  template:\n    metadata:\n      labels:\n        azure.workload.identity/use: "true"\n        a|\n');
  assert.deepEqual(present.labels, ['aadpodidbinding']);
});

test('every description fits one line of the details pane (36 characters)', () => {
  const docs = [
    'kind: ServiceAccount\nmetadata:\n  annotations:\n    |\n',
    'kind: Pod\nmetadata:\n  annotations:\n    |\n',
    'kind: Pod\nmetadata:\n  labels:\n    |\n',
    'kind: AzureIdentity\nmetadata:\n  annotations:\n    |\n',
  ];
  const items = docs.flatMap((d) => at(d).items);
  assert.equal(items.length, 17);
  for (const i of items) assert.ok([...i.detail].length <= 36 && !i.detail.includes('\n'), `${i.detail.length}: ${i.detail}`);
});

test('AzureIdentity annotations: only the aad-pod-identity Behavior key, deprecated', () => {
  const c = at('apiVersion: aadpodidentity.k8s.io/v1\nkind: AzureIdentity\nmetadata:\n  name: x\n  annotations:\n    |\n');
  assert.deepEqual(c.labels, ['aadpodidentity.k8s.io/Behavior']);
  assert.deepEqual(c.items.map((i) => i.deprecated), [true]);
});

test('keys are offered while typing a key only, not in a value or a list item', () => {
  assert.deepEqual(at('kind: ServiceAccount\nmetadata:\n  annotations:\n    azure.workload.identity/client-id: |\n').labels, []);
  assert.deepEqual(at('kind: ServiceAccount\nmetadata:\n  annotations:\n    - |\n').labels, []);
});
