import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Analyzer } from '../../src/core/analyze';

const role = (name: string, ns: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nrules:\n  - apiGroups: [""]\n    resources: ["configmaps"]\n    verbs: ["get"]\n`;
const binding = (name: string, ns: string, roleName: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nsubjects:\n  - kind: Group\n    name: devs\n    apiGroup: rbac.authorization.k8s.io\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: ${roleName}\n`;

const unused = (a: Analyzer) => a.analyzeAll().filter((f) => f.ruleId === 'rbac-unused-role').map((f) => `${f.file}:${/refers to (.*?), so/.exec(f.message)?.[1]}`);

function fresh(files: Map<string, string>): string[] {
  const a = new Analyzer();
  for (const [p, t] of files) a.setFile(p, t);
  return unused(a);
}

test('rbac-unused-role follows edits, removals and re-additions of other files exactly like a fresh analysis', () => {
  const a = new Analyzer();
  const files = new Map<string, string>();
  const step = (path: string, text: string | null) => {
    if (text === null) {
      files.delete(path);
      a.removeFile(path);
    } else {
      files.set(path, text);
      a.setFile(path, text);
    }
    assert.deepEqual(unused(a), fresh(files), `after ${text === null ? 'removing' : 'setting'} ${path}`);
  };
  step('roles.yaml', `${role('reader', 'shop')}---\n${role('writer', 'shop')}`);
  step('b1.yaml', binding('b1', 'shop', 'reader'));
  assert.deepEqual(unused(a), ['roles.yaml:Role writer (namespace shop)']);
  step('b2.yaml', binding('b2', 'shop', 'writer'));
  assert.deepEqual(unused(a), []);
  step('b2.yaml', binding('b2', 'billing', 'writer'));
  step('b3.yaml', binding('b3', 'shop', 'reader'));
  step('b1.yaml', null);
  assert.deepEqual(unused(a), ['roles.yaml:Role writer (namespace shop)'], 'reader is still bound by b3');
  step('b3.yaml', null);
  step('b2.yaml', binding('b2', 'shop', 'writer'));
  assert.deepEqual(unused(a), ['roles.yaml:Role reader (namespace shop)']);
});

const clusterRole = (name: string, labels: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ${name}\n${labels ? `  labels:\n    ${labels}\n` : ''}rules: []\n`;
const aggregated = (name: string, label: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ${name}\naggregationRule:\n  clusterRoleSelectors:\n    - matchLabels:\n        ${label}: "true"\nrules: []\n`;
const crb = (name: string, kind: string, roleName: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ${name}\nsubjects:\n  - kind: Group\n    name: devs\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ${kind}\n  name: ${roleName}\n`;

test('rbac-unused-role after random sequences of edits equals a fresh analysis (roles and bindings moving between files)', () => {
  const names = ['reader', 'writer', 'admin'];
  const nss = ['shop', 'billing'];
  const docArb = fc.oneof(
    fc.record({ n: fc.constantFrom(...names), ns: fc.constantFrom(...nss) }).map(({ n, ns }) => role(n, ns)),
    fc.record({ n: fc.constantFrom(...names), ns: fc.constantFrom(...nss), r: fc.constantFrom(...names, '{{ .Values.role }}') })
      .map(({ n, ns, r }) => binding(`b-${n}`, ns, r)),
    fc.record({ n: fc.constantFrom(...names), l: fc.constantFrom('', 'team: a', 'pick: "true"') }).map(({ n, l }) => clusterRole(n, l)),
    fc.constantFrom(aggregated('agg', 'pick')),
    fc.record({ n: fc.constantFrom(...names), k: fc.constantFrom('ClusterRole', 'Role') }).map(({ n, k }) => crb(`c-${n}`, k, n)),
    fc.constantFrom('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n'),
  );
  const stepArb = fc.record({
    path: fc.constantFrom('a.yaml', 'b.yaml', 'c.yaml', 'd.yaml'),
    docs: fc.option(fc.array(docArb, { minLength: 0, maxLength: 4 }), { freq: 4 }),
    check: fc.boolean(),
  });
  let checks = 0;
  fc.assert(fc.property(fc.array(stepArb, { minLength: 1, maxLength: 25 }), (steps) => {
    const a = new Analyzer();
    const files = new Map<string, string>();
    for (const s of steps) {
      if (s.docs === null) {
        files.delete(s.path);
        a.removeFile(s.path);
      } else {
        const text = s.docs.join('---\n');
        files.set(s.path, text);
        a.setFile(s.path, text);
      }
      // Checking only now and then lets several changes pile up between two analyses.
      if (s.check) {
        checks++;
        assert.deepEqual(unused(a), fresh(files));
      }
    }
    assert.deepEqual(unused(a), fresh(files));
  }), { numRuns: 150, seed: 7 });
  assert.ok(checks > 200, `only ${checks} intermediate checks ran`);
});
