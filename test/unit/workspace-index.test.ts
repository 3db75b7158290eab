import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';

const opts = () => ({ defaultNamespace: 'default', maxFileSize: 1024 * 1024 });
const sa = (name: string, ns?: string) =>
  `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}`;

test('replacing a file removes only that file\'s contribution', () => {
  const idx = new WorkspaceIndex(opts());
  idx.setFile('a.yaml', `${sa('api', 'shop')}---\n${sa('web', 'shop')}`);
  idx.setFile('b.yaml', sa('api', 'shop'));
  assert.equal(idx.find('ServiceAccount', 'shop', 'api').length, 2);
  const v = idx.version;
  idx.setFile('a.yaml', sa('other', 'shop'));
  assert.ok(idx.version > v);
  assert.deepEqual(idx.find('ServiceAccount', 'shop', 'api').map((o) => o.file), ['b.yaml']);
  assert.equal(idx.find('ServiceAccount', 'shop', 'web').length, 0);
  assert.equal(idx.find('ServiceAccount', 'shop', 'other').length, 1);
  assert.equal([...idx.ofKind('ServiceAccount')].length, 2);
  assert.equal(idx.hasKindIn('ServiceAccount', 'shop'), true);
  idx.removeFile('a.yaml');
  idx.removeFile('b.yaml');
  assert.equal(idx.hasKindIn('ServiceAccount', 'shop'), false);
  assert.equal(idx.hasKind('ServiceAccount'), false);
  assert.equal(idx.fileCount, 0);
  assert.equal(idx.removeFile('never.yaml'), false);
});

test('find and hasKindIn use the effective namespace: explicit, else the default', () => {
  const idx = new WorkspaceIndex({ ...opts(), defaultNamespace: 'team' });
  idx.setFile('a.yaml', sa('api'));
  idx.setFile('b.yaml', sa('api', 'shop'));
  assert.equal(idx.find('ServiceAccount', 'team', 'api').length, 1);
  assert.equal(idx.find('ServiceAccount', 'default', 'api').length, 0);
  assert.equal(idx.hasKindIn('ServiceAccount', 'team'), true);
  assert.equal(idx.hasKindIn('ServiceAccount', 'shop'), true);
  assert.equal(idx.hasKindIn('ServiceAccount', 'default'), false);
  assert.equal(idx.hasKindIn('Role', 'team'), false);
});

test('cluster-scoped kinds have no namespace, even when one is written', () => {
  const idx = new WorkspaceIndex(opts());
  idx.setFile('r.yaml', 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\n  namespace: ignored\nrules: []\n');
  assert.equal(idx.find('ClusterRole', null, 'reader').length, 1);
  assert.equal(idx.hasKindIn('ClusterRole', null), true);
  assert.equal(idx.find('ClusterRole', 'ignored', 'reader').length, 0);
});

test('an unknown (templated) namespace or name is null, and the object still counts by kind', () => {
  const idx = new WorkspaceIndex(opts());
  const e = idx.setFile('t.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ .Values.sa }}\n  namespace: {{ .Release.Namespace }}\n');
  const o = e.objects[0];
  assert.equal(o.name, null);
  assert.equal(o.namespace, null);
  assert.equal(idx.hasKind('ServiceAccount'), true);
});

test('files without apiVersion/kind, binary files and oversized files hold no objects', () => {
  const idx = new WorkspaceIndex({ ...opts(), maxFileSize: 100 });
  const plain = idx.setFile('values.yaml', 'replicas: 2\nimage: nginx\n');
  assert.equal(plain.kube, false);
  assert.equal(plain.skipped, null);
  const bin = idx.setFile('bin.yaml', 'kind: Pod\u0000');
  assert.match(bin.skipped ?? '', /binary/);
  const big = idx.setFile('big.yaml', `kind: Pod\n# ${'x'.repeat(200)}\n`);
  assert.match(big.skipped ?? '', /larger/);
  assert.equal(big.objects.length, 0);
  assert.equal(idx.getFile('big.yaml')?.text.length, 213);
});

test('pod specs are read for each workload kind, with the ServiceAccount defaulting to default', () => {
  const idx = new WorkspaceIndex(opts());
  const e = idx.setFile('w.yaml', [
    'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          serviceAccountName: runner\n          containers: [{name: a, image: busybox}]\n',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: busybox\n    env:\n    - name: X\n      value: "1"\n',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      serviceAccountName: {{ .Values.sa }}\n      containers: []\n',
  ].join('---\n'));
  const [cron, pod, dep] = e.objects;
  assert.deepEqual(cron.podSpecs[0].path, ['spec', 'jobTemplate', 'spec', 'template', 'spec']);
  assert.equal(cron.podSpecs[0].serviceAccountName, 'runner');
  assert.equal(pod.podSpecs[0].serviceAccountName, 'default');
  assert.deepEqual(pod.podSpecs[0].containers[0].env.map((x) => [x.name, x.value]), [['X', '1']]);
  assert.equal(dep.podSpecs[0].serviceAccountName, null);
});

test('line index of a file entry converts offsets of that file', () => {
  const idx = new WorkspaceIndex(opts());
  const e = idx.setFile('a.yaml', sa('api', 'shop'));
  const o = e.objects[0];
  assert.deepEqual(e.lines.positionAt(o.nameNode!.start), { line: 3, character: 8 });
});

test('manifests written with quoted keys, as a flow map or after a BOM are recognised', () => {
  const idx = new WorkspaceIndex(opts());
  assert.equal(idx.setFile('q.yaml', '"apiVersion": "v1"\n"kind": "ServiceAccount"\n"metadata": {"name": "q"}\n').objects[0]?.name, 'q');
  assert.equal(idx.setFile('f.yaml', '{apiVersion: v1, kind: ServiceAccount, metadata: {name: f}}\n').objects[0]?.name, 'f');
  assert.equal(idx.setFile('b.yaml', '\ufeffkind: ServiceAccount\nmetadata:\n  name: b\n').objects[0]?.name, 'b');
  // An indented kind: in a values file is not a manifest.
  assert.equal(idx.setFile('values.yaml', 'sa:\n  kind: x\n  bad: [\n').kube, false);
});

test('an empty or null serviceAccountName means the default ServiceAccount', () => {
  const idx = new WorkspaceIndex(opts());
  const pod = (v: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  serviceAccountName:${v}\n  containers: []\n`;
  for (const v of ['', ' ""', ' ~', ' null']) assert.equal(idx.setFile('p.yaml', pod(v)).objects[0].podSpecs[0].serviceAccountName, 'default', JSON.stringify(v));
  assert.equal(idx.setFile('p.yaml', pod(' ${SA}')).objects[0].podSpecs[0].serviceAccountName, null);
  assert.equal(idx.setFile('p.yaml', pod(' api')).objects[0].podSpecs[0].serviceAccountName, 'api');
});

test('admission policies, CSI and review kinds are cluster-scoped', () => {
  const idx = new WorkspaceIndex(opts());
  const e = idx.setFile('c.yaml', 'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n  name: p\n');
  assert.equal(e.objects[0].namespace, null);
});
