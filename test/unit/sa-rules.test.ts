import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../src/core/analyze';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits } from '../../src/core/text/edits';
import { isBound } from '../../src/core/rules/sa/bound-service-accounts';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: probe
  namespace: shop
spec:
  serviceAccountName: writer # the live one
  serviceAccount: reader
  containers:
  - name: probe
    image: busybox:1.36
`;

function findings(text: string) {
  const a = new Analyzer({});
  a.setFile('pod.yaml', text);
  return a.analyzeFile('pod.yaml').filter((f) => f.ruleId === 'sa-deprecated-field');
}

test('sa-deprecated-field: when both fields differ, both choices are offered and neither is preferred', () => {
  const [f, ...rest] = findings(POD);
  assert.deepEqual(rest, []);
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.fixes, []);
  assert.deepEqual(f.suggestions.map((x) => [x.title, x.isPreferred ?? false]), [
    ['Keep serviceAccountName (writer) and remove serviceAccount', false],
    ["Use serviceAccount's value (reader) as serviceAccountName and remove serviceAccount", false],
  ]);
  assert.equal(applyEdits(POD, f.suggestions[0].edits), POD.replace('  serviceAccount: reader\n', ''));
  const second = applyEdits(POD, f.suggestions[1].edits);
  assert.equal(second, POD.replace('serviceAccountName: writer # the live one', 'serviceAccountName: reader # the live one').replace('  serviceAccount: reader\n', ''));
  assert.deepEqual(findings(second), []);
});

test('sa-deprecated-field: related information points at serviceAccountName', () => {
  const [f] = findings(POD);
  assert.equal(f.related.length, 1);
  const r = f.related[0];
  assert.equal(POD.slice(r.start, r.end), 'serviceAccountName: writer');
  assert.equal(r.message, 'serviceAccountName is set here');
});

test('sa-not-found: a near miss in the namespace is offered as a second suggestion, and creating stays first but not preferred', () => {
  const dir = join(__dirname, '..', 'fixtures', 'rules', 'sa-not-found', 'typo-across-files');
  const a = new Analyzer({});
  for (const f of ['accounts.yaml', 'workloads.yaml']) a.setFile(f, readFileSync(join(dir, f), 'utf8'));
  const found = a.analyzeAll().filter((f) => f.ruleId === 'sa-not-found');
  assert.equal(found.length, 1);
  const [f] = found;
  assert.deepEqual(f.fixes, []);
  assert.deepEqual(f.suggestions.map((x) => [x.title, x.isPreferred ?? false]), [
    ['Create ServiceAccount order in namespace shop', false],
    ['Run as ServiceAccount orders instead', false],
  ]);
  const text = readFileSync(join(dir, 'workloads.yaml'), 'utf8');
  const renamed = applyEdits(text, f.suggestions[1].edits);
  assert.equal(renamed, text.replace('serviceAccountName: order\n', 'serviceAccountName: orders\n'));
  assert.deepEqual(f.related.map((r) => [r.file, r.range.start.line, r.message]), [['accounts.yaml', 3, 'ServiceAccount orders is defined here']]);
});

function bindingIndex(subjects: string, kind = 'ClusterRoleBinding', namespace = '') {
  const a = new Analyzer({});
  const meta = namespace ? `\n  namespace: ${namespace}` : '';
  a.setFile('b.yaml', `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: b${meta}\nsubjects:\n${subjects}roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\n`);
  return a.index;
}

test('sa-automount-token: which binding subjects count as granting to ServiceAccount shop/web', () => {
  const cases: [string, string, string, boolean][] = [
    ['ServiceAccount with namespace', '- {kind: ServiceAccount, name: web, namespace: shop}\n', 'ClusterRoleBinding', true],
    ['ServiceAccount of another namespace', '- {kind: ServiceAccount, name: web, namespace: staging}\n', 'ClusterRoleBinding', false],
    ['ServiceAccount without namespace in a ClusterRoleBinding (rejected by the API)', '- {kind: ServiceAccount, name: web}\n', 'ClusterRoleBinding', false],
    ['ServiceAccount without namespace in a RoleBinding of shop', '- {kind: ServiceAccount, name: web}\n', 'RoleBinding', true],
    ['another ServiceAccount', '- {kind: ServiceAccount, name: api, namespace: shop}\n', 'ClusterRoleBinding', false],
    ['every ServiceAccount', '- {kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:serviceaccounts"}\n', 'ClusterRoleBinding', true],
    ['every ServiceAccount of shop', '- {kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:serviceaccounts:shop"}\n', 'ClusterRoleBinding', true],
    ['every ServiceAccount of staging', '- {kind: Group, apiGroup: rbac.authorization.k8s.io, name: "system:serviceaccounts:staging"}\n', 'ClusterRoleBinding', false],
    ['its user name', '- {kind: User, apiGroup: rbac.authorization.k8s.io, name: "system:serviceaccount:shop:web"}\n', 'ClusterRoleBinding', true],
    ['a templated name', '- {kind: ServiceAccount, name: "{{ .Values.sa }}", namespace: shop}\n', 'ClusterRoleBinding', true],
    ['a placeholder namespace', '- {kind: ServiceAccount, name: web, namespace: "${NS}"}\n', 'ClusterRoleBinding', true],
  ];
  for (const [what, subjects, kind, expected] of cases) {
    assert.equal(isBound(bindingIndex(subjects, kind, kind === 'RoleBinding' ? 'shop' : ''), 'shop', 'web'), expected, what);
  }
});
