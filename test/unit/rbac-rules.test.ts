import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../src/core/analyze';
import { applyEdits } from '../../src/core/text/edits';
import { buildAccessModel } from '../../src/core/access/index';

function findings(text: string, ruleId: string, defaultNamespace?: string) {
  const a = new Analyzer({ defaultNamespace });
  a.setFile('rbac.yaml', text);
  return a.analyzeAll().filter((f) => f.ruleId === ruleId);
}

const CRB = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: monitoring-view
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
subjects:
- kind: ServiceAccount
  name: prometheus
`;

test('rbac-subject-invalid: a ClusterRoleBinding subject without namespace is offered a placeholder to fill in, never the default namespace', () => {
  const [f] = findings(CRB, 'rbac-subject-invalid', 'monitoring');
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.fixes, []);
  const s = f.suggestions[0];
  assert.equal(s.title, 'Add a namespace');
  const after = applyEdits(CRB, s.edits);
  assert.equal(after, `${CRB}  namespace: <namespace>\n`);
  assert.ok(s.selection);
  assert.equal(after.slice(s.selection.start, s.selection.end), '<namespace>');
});

test('rbac-subject-invalid: a RoleBinding subject without namespace is the binding\'s namespace, and a User or Group without apiGroup is defaulted: no finding', () => {
  const text = CRB.replace('ClusterRoleBinding', 'RoleBinding').replace('  name: monitoring-view\n', '  name: monitoring-view\n  namespace: observability\n') + '- kind: Group\n  name: ops\n- kind: User\n  name: amy\n  apiGroup: ""\n';
  assert.deepEqual(findings(text, 'rbac-subject-invalid'), []);
});

test('rbac-subject-invalid: the suggested namespaces are where the workspace defines the ServiceAccount; CRLF, comments and quoting kept', () => {
  const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: prometheus\n  namespace: "1st"\n---\n';
  const text = (sa + CRB.replace('  name: prometheus\n', '  name: prometheus # scraper\n- kind: Group\n  name: ops\n  apiGroup: rbac.authorization.k8s.io/v1\n')).replace(/\n/g, '\r\n');
  const fs = findings(text, 'rbac-subject-invalid');
  assert.deepEqual(fs.map((f) => [f.fixes.map((x) => x.title), f.suggestions.map((x) => x.title)]), [
    [[], ['Add namespace: 1st (ServiceAccount 1st/prometheus is defined there)']],
    [['Set apiGroup: rbac.authorization.k8s.io'], []],
  ]);
  const ns = applyEdits(text, fs[0].suggestions[0].edits);
  assert.equal(ns, text.replace('  name: prometheus # scraper\r\n', '  name: prometheus # scraper\r\n  namespace: "1st"\r\n'));
  assert.equal(applyEdits(text, fs[1].fixes[0].edits), text.replace('apiGroup: rbac.authorization.k8s.io/v1\r\n', 'apiGroup: rbac.authorization.k8s.io\r\n'));
});

test('rbac-subject-not-found: the created ServiceAccount follows the file\'s indentation and line ends', () => {
  const text = [
    'apiVersion: v1', 'kind: ServiceAccount', 'metadata:', '    name: orders', '    namespace: shop', '---',
    'apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding', 'metadata:', '    name: r', '    namespace: shop',
    'roleRef:', '    apiGroup: rbac.authorization.k8s.io', '    kind: ClusterRole', '    name: view',
    'subjects:', '-   kind: ServiceAccount', '    name: worker', '',
  ].join('\r\n');
  const [f] = findings(text, 'rbac-subject-not-found');
  assert.deepEqual(f.fixes, []);
  assert.equal(f.suggestions[0].title, 'Create ServiceAccount worker in namespace shop');
  assert.equal(applyEdits(text, f.suggestions[0].edits), `${text}---\r\napiVersion: v1\r\nkind: ServiceAccount\r\nmetadata:\r\n    name: worker\r\n    namespace: shop\r\n`);
});

test('rbac-roleref-invalid and rbac-deprecated-api edits change only their value; a changed roleRef kind is a suggestion', () => {
  const text = "apiVersion: 'rbac.authorization.k8s.io/v1beta1'\nkind: ClusterRoleBinding\nmetadata: {name: x}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}\nsubjects: []\n";
  const [dep] = findings(text, 'rbac-deprecated-api');
  assert.equal(applyEdits(text, dep.fixes[0].edits), text.replace("'rbac.authorization.k8s.io/v1beta1'", "'rbac.authorization.k8s.io/v1'"));
  const [ref] = findings(text, 'rbac-roleref-invalid');
  assert.match(ref.message, /delete the binding and create it again/);
  assert.deepEqual(ref.fixes, []);
  assert.equal(applyEdits(text, ref.suggestions[0].edits), text.replace('kind: Role,', 'kind: ClusterRole,'));
});

test('role checks read every rule and stay quiet on templated lists', () => {
  const role = (rules: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\nrules:\n${rules}`;
  const ok = '- apiGroups: [""]\n  resources: ["configmaps"]\n  verbs: ["get"]\n';
  const secrets = '- apiGroups: [""]\n  resources: ["secrets"]\n  verbs: ["list"]\n';
  assert.equal(findings(role(ok + ok + ok + secrets), 'rbac-secrets-read').length, 1);
  assert.equal(findings(role(secrets.replace('[""]', '{{ .Values.groups }}')), 'rbac-secrets-read').length, 0);
  assert.equal(findings(role(secrets.replace('["list"]', '["${VERB}"]')), 'rbac-secrets-read').length, 0);
  // A Role-like kind of another API group is not an RBAC role.
  assert.equal(findings(role(secrets).replace('rbac.authorization.k8s.io/v1', 'example.com/v1'), 'rbac-secrets-read').length, 0);
});

test('odd RBAC shapes neither crash a rule nor the access model', () => {
  const docs = [
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: a}\nrules: "nope"\n',
    // Names of Object.prototype members are plain strings here.
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: p}\nrules: [{apiGroups: ["*"], resources: [constructor, __proto__, toString], verbs: [constructor, create, hasOwnProperty]}]\n',
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: b}\nrules: [1, null, [], {verbs: get, resources: {a: b}}]\naggregationRule: {clusterRoleSelectors: [7, {matchLabels: []}, {matchExpressions: [{key: k, operator: Exists}]}]}\n',
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: c, namespace: x}\nroleRef: []\nsubjects: {kind: User}\n',
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: d}\nroleRef: {kind: [ClusterRole], name: {a: 1}, apiGroup: 3}\nsubjects: [null, 5, {kind: ServiceAccount, name: [x]}, {kind: {}, name: y}]\n',
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: e}\nroleRef: &r {kind: ClusterRole, name: b, apiGroup: rbac.authorization.k8s.io}\nsubjects: [{kind: Group, name: g, apiGroup: rbac.authorization.k8s.io}]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: f, namespace: x}\nroleRef: *r\nsubjects: [{kind: Group, name: g, apiGroup: rbac.authorization.k8s.io}]\n',
  ];
  const a = new Analyzer();
  docs.forEach((d, i) => a.setFile(`f${i}.yaml`, d));
  const found = a.analyzeAll().filter((f) => f.ruleId.startsWith('rbac-') && f.file === 'f1.yaml');
  assert.deepEqual(a.internalErrors, []);
  // Only the real wildcard and the unbound role: no verb or resource matched a prototype member.
  assert.deepEqual(found.map((f) => f.ruleId), ['rbac-unused-role', 'rbac-wildcard']);
  const model = buildAccessModel(a.index);
  // ClusterRole b aggregates every ClusterRole with a label `k` (none): it has no rules to give.
  assert.deepEqual(model.accessOf({ kind: 'Group', name: 'g' }), []);
  assert.deepEqual(model.subjectsWith('get', 'pods'), []);
});
