import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../src/core/analyze';

const role = (name: string, ns: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nrules:\n  - apiGroups: [""]\n    resources: ["configmaps"]\n    verbs: ["get"]\n`;
const binding = (name: string, ns: string, roleName: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nsubjects:\n  - kind: Group\n    name: devs\n    apiGroup: rbac.authorization.k8s.io\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: ${roleName}\n`;

const unused = (a: Analyzer) => a.analyzeAll().filter((f) => f.ruleId === 'rbac-unused-role').map((f) => `${f.file}:${f.message.split(' is ')[0]}`);

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
