import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { buildAccessModel, type AccessModel, type Subject } from '../../src/core/access/index';

const opts = () => ({ defaultNamespace: 'default', maxFileSize: 1024 * 1024 });
const role = (name: string, ns: string, verb: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nrules:\n- apiGroups: [""]\n  resources: ["secrets", "pods/exec"]\n  verbs: ["${verb}"]\n`;
const clusterRole = (name: string, label: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ${name}\n  labels:\n    ${label}: "true"\nrules:\n- apiGroups: [""]\n  resources: ["secrets"]\n  verbs: ["list"]\n`;
const aggregate = `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: agg\naggregationRule:\n  clusterRoleSelectors:\n  - matchLabels:\n      pick: "true"\nrules: []\n`;
const binding = (kind: string, ns: string, refKind: string, ref: string, subject: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: b-${ref}\n  namespace: ${ns}\nsubjects:\n- ${subject}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ${refKind}\n  name: ${ref}\n`;
const pod = (ns: string, account: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: ${ns}\nspec:\n  serviceAccountName: ${account}\n  containers: []\n`;
const sa = (ns: string, name: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n`;

const subjects: Subject[] = [
  { kind: 'ServiceAccount', namespace: 'shop', name: 'api' },
  { kind: 'ServiceAccount', namespace: 'billing', name: 'api' },
  { kind: 'User', name: 'alice' },
  { kind: 'Group', name: 'devs' },
];

function view(m: AccessModel): unknown {
  return {
    subjects: m.subjects(),
    access: subjects.map((s) => m.accessOf(s)),
    secrets: m.subjectsWith('get', 'secrets'),
    list: m.subjectsWith('list', 'secrets', 'shop'),
    exec: m.subjectsWith('create', 'pods/exec', 'shop'),
  };
}

test('the access model kept across edits answers exactly like one built from scratch', () => {
  const ns = fc.constantFrom('shop', 'billing');
  const subject = fc.constantFrom('kind: ServiceAccount\n  name: api', 'kind: User\n  name: alice', 'kind: Group\n  name: devs', 'kind: Group\n  name: system:serviceaccounts:shop');
  const doc = fc.oneof(
    fc.tuple(fc.constantFrom('r1', 'r2'), ns, fc.constantFrom('get', 'create', 'list')).map(([n, s, v]) => role(n, s, v)),
    fc.tuple(fc.constantFrom('c1', 'c2'), fc.constantFrom('pick', 'other')).map(([n, l]) => clusterRole(n, l)),
    fc.constant(aggregate),
    fc.tuple(fc.constantFrom('RoleBinding', 'ClusterRoleBinding'), ns, fc.constantFrom('Role', 'ClusterRole'), fc.constantFrom('r1', 'r2', 'c1', 'agg'), subject)
      .map(([k, s, rk, r, sub]) => binding(k, s, rk, r, sub)),
    fc.tuple(ns, fc.constantFrom('api', 'web')).map(([s, a]) => pod(s, a)),
    fc.tuple(ns, fc.constantFrom('api', 'web')).map(([s, a]) => sa(s, a)),
    fc.constant('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  k: v\n'),
  );
  const step = fc.record({
    path: fc.constantFrom('a.yaml', 'b.yaml', 'c.yaml'),
    docs: fc.option(fc.array(doc, { maxLength: 4 }), { freq: 5 }),
    // Typing inside a ConfigMap's data: the model stays; anything else may change it.
    typeInData: fc.boolean(),
    check: fc.boolean(),
  });
  let kept = 0;
  fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 20 }), (steps) => {
    const live = new WorkspaceIndex(opts());
    const texts = new Map<string, string>();
    let last: AccessModel | null = null;
    for (const s of steps) {
      let text = s.docs === null ? null : s.docs.join('---\n');
      if (s.typeInData && texts.get(s.path)?.includes('  k: v')) text = texts.get(s.path)!.replace('  k: v', '  k: vx');
      if (text === null) {
        texts.delete(s.path);
        live.removeFile(s.path);
      } else {
        texts.set(s.path, text);
        live.setFile(s.path, text);
      }
      if (!s.check) continue;
      const model = buildAccessModel(live);
      if (model === last) kept++;
      last = model;
      const fresh = new WorkspaceIndex(opts());
      for (const [p, t] of texts) fresh.setFile(p, t);
      assert.deepStrictEqual(view(model), view(buildAccessModel(fresh)));
      assert.equal(model.version, live.version);
    }
  }), { numRuns: 200, seed: 5 });
  assert.ok(kept > 20, `the model was kept only ${kept} times`);
});

test('an edit that moves a binding within its file rebuilds the model: its ranges change', () => {
  const idx = new WorkspaceIndex(opts());
  const rb = binding('RoleBinding', 'shop', 'Role', 'r1', 'kind: User\n  name: alice');
  idx.setFile('r.yaml', role('r1', 'shop', 'get'));
  idx.setFile('b.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n---\n${rb}`);
  const before = buildAccessModel(idx).accessOf({ kind: 'User', name: 'alice' })[0].binding.start;
  idx.setFile('b.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cmx\n---\n${rb}`);
  assert.equal(buildAccessModel(idx).accessOf({ kind: 'User', name: 'alice' })[0].binding.start, before + 1);
});
