import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../src/core/analyze';
import type { SeveritySetting } from '../../src/core/rules/types';

// The editor reads `aksIam.rules` per workspace folder: two folders of one workspace may disagree.
const BINDING = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: deployer-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - kind: ServiceAccount
    name: deployer
    namespace: ci
`;

const PER_FOLDER: Record<string, Record<string, SeveritySetting>> = {
  'file:///a/': { 'rbac-cluster-admin-binding': 'info' },
  'file:///b/': { 'rbac-cluster-admin-binding': 'off' },
};

const rulesFor = (path: string) => Object.entries(PER_FOLDER).find(([folder]) => path.startsWith(folder))?.[1] ?? {};

const admin = (a: Analyzer, path: string) => a.analyzeFile(path).filter((f) => f.ruleId === 'rbac-cluster-admin-binding').map((f) => f.severity);

test('rulesFor gives each file its own severity overrides', () => {
  const a = new Analyzer({ rulesFor });
  for (const p of ['file:///a/admin.yaml', 'file:///b/admin.yaml', 'file:///c/admin.yaml']) a.setFile(p, BINDING);
  assert.deepEqual(admin(a, 'file:///a/admin.yaml'), ['info']);
  assert.deepEqual(admin(a, 'file:///b/admin.yaml'), []);
  assert.deepEqual(admin(a, 'file:///c/admin.yaml'), ['error']);
});

test('rulesFor given to configure() replaces the workspace-wide overrides; without it `rules` applies to every file', () => {
  const a = new Analyzer({ rules: { 'rbac-cluster-admin-binding': 'warning' } });
  a.setFile('file:///a/admin.yaml', BINDING);
  a.setFile('file:///b/admin.yaml', BINDING);
  assert.deepEqual([admin(a, 'file:///a/admin.yaml'), admin(a, 'file:///b/admin.yaml')], [['warning'], ['warning']]);
  a.configure({ rulesFor });
  assert.deepEqual([admin(a, 'file:///a/admin.yaml'), admin(a, 'file:///b/admin.yaml')], [['info'], []]);
});
