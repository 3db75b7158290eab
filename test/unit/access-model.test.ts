import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { buildAccessModel, subjectLabel, type Grant, type Subject } from '../../src/core/access/index';

function workspace(files: Record<string, string>, defaultNamespace = 'default'): WorkspaceIndex {
  const idx = new WorkspaceIndex({ defaultNamespace, maxFileSize: 1024 * 1024 });
  for (const [path, text] of Object.entries(files)) idx.setFile(path, text);
  return idx;
}

const sa = (namespace: string, name: string): Subject => ({ kind: 'ServiceAccount', namespace, name });

/** A compact view of grants: "<scope> <binding> -> <role> [<rule source>]: verbs on resources". */
function show(grants: readonly Grant[]): string[] {
  return grants.map((g) => {
    const scope = g.scope === 'cluster' ? 'cluster' : `ns:${g.scope.namespace}`;
    const res = g.rule.resources ? g.rule.resources.join(',') : `urls:${(g.rule.nonResourceURLs ?? []).join(',')}`;
    const src = g.ruleSource.name === g.role.name ? '' : ` [${g.ruleSource.name}]`;
    return `${scope} ${g.binding.kind}/${g.binding.name} -> ${g.role.kind}/${g.role.name}${src}: ${g.rule.verbs.join(',')} on ${res}`;
  });
}

const READER_ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
  namespace: shop
rules:
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get"]
`;

const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, ns: string | null, roleKind: string, role: string, subjects: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: ${name}
${ns ? `  namespace: ${ns}\n` : ''}roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ${roleKind}
  name: ${role}
subjects:
${subjects}`;

const saSubject = (name: string, ns?: string) => `- kind: ServiceAccount\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}`;
const groupSubject = (name: string) => `- kind: Group\n  apiGroup: rbac.authorization.k8s.io\n  name: ${name}\n`;

test('a RoleBinding in one file grants the rules of a Role defined in another, in the binding\'s namespace only', () => {
  const bindings = `${binding('RoleBinding', 'orders-reader', 'shop', 'Role', 'reader', saSubject('orders', 'shop'))}---\n${binding('RoleBinding', 'orders-reader', 'billing', 'Role', 'reader', saSubject('orders', 'shop'))}`;
  const idx = workspace({ 'rbac/roles.yaml': READER_ROLE, 'rbac/bindings.yaml': bindings });
  const model = buildAccessModel(idx);
  const grants = model.accessOf(sa('shop', 'orders'));
  // The billing binding names a Role that does not exist in billing: it grants nothing.
  assert.deepEqual(show(grants), [
    'ns:shop RoleBinding/orders-reader -> Role/reader: get,list on configmaps',
    'ns:shop RoleBinding/orders-reader -> Role/reader: get on deployments',
  ]);
  const g = grants[0];
  assert.deepEqual(g.rule, { verbs: ['get', 'list'], apiGroups: [''], resources: ['configmaps'] });
  assert.equal(g.binding.file, 'rbac/bindings.yaml');
  assert.equal(g.binding.namespace, 'shop');
  assert.equal(g.role.file, 'rbac/roles.yaml');
  assert.equal(g.role.builtin, false);
  assert.match(bindings.slice(g.binding.start, g.binding.end), /^apiVersion[\s\S]*name: orders-reader\n  namespace: shop\n/);
  assert.equal(bindings.slice(g.binding.nameRange!.start, g.binding.nameRange!.end), 'orders-reader');
  assert.equal(READER_ROLE.slice(g.role.nameRange!.start, g.role.nameRange!.end), 'reader');
  assert.equal(READER_ROLE.slice(g.ruleRange!.start, g.ruleRange!.end), 'apiGroups: [""]\n  resources: ["configmaps"]\n  verbs: ["get", "list"]');
  assert.deepEqual(g.via, sa('shop', 'orders'));
  assert.deepEqual(model.accessOf(sa('billing', 'orders')), []);
  assert.deepEqual(model.accessOf(sa('shop', 'web')), []);
});

test('a RoleBinding to a ClusterRole grants its rules in the binding\'s namespace only', () => {
  const idx = workspace({
    'cr.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: pod-reader\nrules:\n- apiGroups: [""]\n  resources: ["pods", "pods/log"]\n  verbs: ["get", "list", "watch"]\n',
    'rb.yaml': binding('RoleBinding', 'read-pods', 'shop', 'ClusterRole', 'pod-reader', saSubject('orders', 'shop')),
  });
  const model = buildAccessModel(idx);
  assert.deepEqual(show(model.accessOf(sa('shop', 'orders'))), ['ns:shop RoleBinding/read-pods -> ClusterRole/pod-reader: get,list,watch on pods,pods/log']);
  assert.deepEqual(model.subjectsWith('get', 'pods', 'shop').map((s) => subjectLabel(s.subject)), ['ServiceAccount shop/orders']);
  assert.deepEqual(model.subjectsWith('get', 'pods', 'billing'), []);
  assert.deepEqual(model.subjectsWith('get', 'pods/log').map((s) => subjectLabel(s.subject)), ['ServiceAccount shop/orders']);
  assert.deepEqual(model.subjectsWith('delete', 'pods', 'shop'), []);
});

test('built-in edit includes view\'s read rules and admin aggregates edit, each rule traced to the role that writes it', () => {
  const idx = workspace({
    'b.yaml': `${binding('RoleBinding', 'devs-edit', 'shop', 'ClusterRole', 'edit', groupSubject('devs'))}---\n${binding('RoleBinding', 'leads-admin', 'shop', 'ClusterRole', 'admin', groupSubject('leads'))}---\n${binding('ClusterRoleBinding', 'all-view', null, 'ClusterRole', 'view', groupSubject('auditors'))}`,
  });
  const model = buildAccessModel(idx);
  const devs = model.accessOf({ kind: 'Group', name: 'devs' });
  assert.equal(devs.length, 23);
  assert.ok(devs.every((g) => g.role.builtin && g.role.name === 'edit' && g.scope !== 'cluster' && g.scope.namespace === 'shop'));
  const readPods = devs.find((g) => g.rule.resources?.includes('pods') && g.rule.verbs.includes('get'));
  assert.equal(readPods?.ruleSource.name, 'system:aggregate-to-view');
  assert.equal(readPods?.ruleRange, null);
  assert.ok(devs.some((g) => g.ruleSource.name === 'system:aggregate-to-edit' && g.rule.resources?.includes('deployments') && g.rule.verbs.includes('create')));
  // edit does not manage roles or bindings; admin does, and still has everything of edit and view.
  assert.ok(!devs.some((g) => g.rule.resources?.includes('rolebindings')));
  const leads = model.accessOf({ kind: 'Group', name: 'leads' });
  assert.equal(leads.length, 25);
  assert.ok(leads.some((g) => g.ruleSource.name === 'system:aggregate-to-admin' && g.rule.resources?.includes('rolebindings')));
  assert.ok(leads.some((g) => g.ruleSource.name === 'system:aggregate-to-view'));
  // view reads, but neither writes nor reads Secrets.
  const auditors = model.accessOf({ kind: 'Group', name: 'auditors' });
  assert.equal(auditors.length, 10);
  assert.ok(auditors.every((g) => g.scope === 'cluster'));
  assert.deepEqual(model.subjectsWith('create', 'deployments', 'shop', { apiGroup: 'apps' }).map((s) => subjectLabel(s.subject)), ['Group devs', 'Group leads']);
  assert.deepEqual(model.subjectsWith('get', 'secrets', 'shop').map((s) => subjectLabel(s.subject)), ['Group devs', 'Group leads']);
  assert.deepEqual(model.subjectsWith('list', 'deployments', 'other').map((s) => subjectLabel(s.subject)), ['Group auditors']);
});

test('workspace ClusterRoles labelled aggregate-to-view reach view, edit and admin; workspace aggregationRules collect their matches', () => {
  const crd = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: widgets-view
  labels:
    rbac.authorization.k8s.io/aggregate-to-view: "true"
    team.example.com/aggregate-to-monitoring: "true"
rules:
- apiGroups: ["example.com"]
  resources: ["widgets"]
  verbs: ["get", "list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: metrics-reader
  labels:
    team.example.com/aggregate-to-monitoring: "true"
rules:
- nonResourceURLs: ["/metrics"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: monitoring
aggregationRule:
  clusterRoleSelectors:
  - matchLabels:
      team.example.com/aggregate-to-monitoring: "true"
rules: []
`;
  const idx = workspace({
    'roles.yaml': crd,
    'b.yaml': `${binding('RoleBinding', 'a', 'shop', 'ClusterRole', 'admin', groupSubject('leads'))}---\n${binding('ClusterRoleBinding', 'm', null, 'ClusterRole', 'monitoring', saSubject('prometheus', 'monitoring'))}`,
  });
  const model = buildAccessModel(idx);
  const widgets = model.subjectsWith('list', 'widgets', 'shop', { apiGroup: 'example.com' });
  assert.deepEqual(widgets.map((s) => subjectLabel(s.subject)), ['ServiceAccount monitoring/prometheus', 'Group leads']);
  const lead = widgets[1].grants;
  assert.deepEqual(show(lead), ['ns:shop RoleBinding/a -> ClusterRole/admin [widgets-view]: get,list on widgets']);
  assert.equal(lead[0].ruleSource.file, 'roles.yaml');
  assert.equal(lead[0].ruleSource.builtin, false);
  assert.deepEqual(show(model.accessOf(sa('monitoring', 'prometheus'))), [
    'cluster ClusterRoleBinding/m -> ClusterRole/monitoring [widgets-view]: get,list on widgets',
    'cluster ClusterRoleBinding/m -> ClusterRole/monitoring [metrics-reader]: get on urls:/metrics',
  ]);
});

test('a subject bound several times receives every grant, each with its own binding and scope', () => {
  const idx = workspace({
    'roles.yaml': READER_ROLE,
    'a.yaml': binding('RoleBinding', 'orders-reader', 'shop', 'Role', 'reader', `${saSubject('orders', 'shop')}${saSubject('web', 'shop')}${saSubject('orders')}`),
    'b.yaml': binding('ClusterRoleBinding', 'orders-view', null, 'ClusterRole', 'view', saSubject('orders', 'shop')),
    'c.yaml': binding('RoleBinding', 'orders-pods', 'billing', 'ClusterRole', 'cluster-admin', saSubject('orders', 'shop')),
  });
  const grants = buildAccessModel(idx).accessOf(sa('shop', 'orders'));
  const byBinding = new Map<string, number>();
  for (const g of grants) byBinding.set(`${g.binding.file} ${g.binding.name}`, (byBinding.get(`${g.binding.file} ${g.binding.name}`) ?? 0) + 1);
  assert.deepEqual([...byBinding].sort(), [['a.yaml orders-reader', 2], ['b.yaml orders-view', 10], ['c.yaml orders-pods', 2]]);
  assert.deepEqual(show(grants.filter((g) => g.binding.name === 'orders-pods')), [
    'ns:billing RoleBinding/orders-pods -> ClusterRole/cluster-admin: * on *',
    'ns:billing RoleBinding/orders-pods -> ClusterRole/cluster-admin: * on urls:*',
  ]);
  const model = buildAccessModel(idx);
  // cluster-admin's `*` matches any verb and resource, in billing only.
  assert.deepEqual(model.subjectsWith('delete', 'secrets', 'billing').map((s) => subjectLabel(s.subject)), ['ServiceAccount shop/orders']);
  assert.deepEqual(model.subjectsWith('delete', 'secrets', 'shop'), []);
  assert.deepEqual(model.subjectsWith('get', 'configmaps', 'shop').map((s) => subjectLabel(s.subject)), ['ServiceAccount shop/orders', 'ServiceAccount shop/web']);
});

test('system:serviceaccounts:<ns> applies to every ServiceAccount of that namespace, system:serviceaccounts to all of them', () => {
  const idx = workspace({
    'sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: agent\n  namespace: monitoring\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: orders\n  namespace: shop\n',
    'b.yaml': `${binding('RoleBinding', 'mon-view', 'monitoring', 'ClusterRole', 'view', groupSubject('system:serviceaccounts:monitoring'))}---\n${binding('ClusterRoleBinding', 'discover', null, 'ClusterRole', 'ns-lister', groupSubject('system:serviceaccounts'))}`,
    'cr.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ns-lister\nrules:\n- apiGroups: [""]\n  resources: ["namespaces"]\n  verbs: ["list"]\n',
  });
  const model = buildAccessModel(idx);
  // Any ServiceAccount of monitoring, defined in the workspace or not.
  for (const name of ['agent', 'not-in-the-workspace']) {
    const grants = model.accessOf(sa('monitoring', name));
    assert.equal(grants.filter((g) => g.binding.name === 'mon-view').length, 10);
    assert.ok(grants.every((g) => g.via.kind === 'Group'));
    assert.deepEqual(show(grants.filter((g) => g.binding.name === 'discover')), ['cluster ClusterRoleBinding/discover -> ClusterRole/ns-lister: list on namespaces']);
  }
  assert.deepEqual(show(model.accessOf(sa('shop', 'orders'))), ['cluster ClusterRoleBinding/discover -> ClusterRole/ns-lister: list on namespaces']);
  assert.deepEqual(model.accessOf({ kind: 'User', name: 'alice' }), []);
  const listPods = model.subjectsWith('list', 'pods', 'monitoring');
  assert.deepEqual(listPods.map((s) => subjectLabel(s.subject)), ['ServiceAccount monitoring/agent', 'Group system:serviceaccounts:monitoring']);
  assert.deepEqual(listPods[0].grants[0].via, { kind: 'Group', name: 'system:serviceaccounts:monitoring' });
  // view also lists namespaces, so the monitoring group itself is among the answers.
  assert.deepEqual(model.subjectsWith('list', 'namespaces').map((s) => subjectLabel(s.subject)), [
    'ServiceAccount monitoring/agent', 'ServiceAccount shop/orders', 'Group system:serviceaccounts', 'Group system:serviceaccounts:monitoring',
  ]);
});

test('system:authenticated reaches users and ServiceAccounts; a ServiceAccount\'s user name is the ServiceAccount', () => {
  const idx = workspace({
    'b.yaml': `${binding('ClusterRoleBinding', 'everyone', null, 'ClusterRole', 'view', groupSubject('system:authenticated'))}---\n${binding('RoleBinding', 'as-user', 'shop', 'ClusterRole', 'edit', '- kind: User\n  apiGroup: rbac.authorization.k8s.io\n  name: system:serviceaccount:shop:orders\n')}`,
  });
  const model = buildAccessModel(idx);
  assert.equal(model.accessOf({ kind: 'User', name: 'alice' }).length, 10);
  assert.equal(model.accessOf({ kind: 'User', name: 'system:anonymous' }).length, 0);
  const orders = model.accessOf(sa('shop', 'orders'));
  assert.equal(orders.length, 10 + 23);
  assert.deepEqual(model.accessOf({ kind: 'User', name: 'system:serviceaccount:shop:orders' }), orders);
  assert.deepEqual(model.subjects().map(subjectLabel), ['ServiceAccount shop/orders', 'Group system:authenticated']);
});

test('wildcards and subresources: `*` verbs, resources and groups, `*/scale`, resourceNames kept on the grant', () => {
  const idx = workspace({
    'cr.yaml': `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: scaler
rules:
- apiGroups: ["*"]
  resources: ["*/scale"]
  verbs: ["update"]
- apiGroups: ["batch"]
  resources: ["*"]
  verbs: ["*"]
- apiGroups: [""]
  resources: ["configmaps"]
  resourceNames: ["settings"]
  verbs: ["get"]
`,
    'b.yaml': binding('ClusterRoleBinding', 'scaler', null, 'ClusterRole', 'scaler', saSubject('hpa', 'ops')),
  });
  const model = buildAccessModel(idx);
  const who = (verb: string, res: string, group?: string) => model.subjectsWith(verb, res, 'shop', group === undefined ? undefined : { apiGroup: group }).length;
  assert.equal(who('update', 'deployments/scale', 'apps'), 1);
  assert.equal(who('update', 'deployments', 'apps'), 0);
  assert.equal(who('delete', 'jobs', 'batch'), 1);
  assert.equal(who('delete', 'jobs', 'apps'), 0);
  assert.equal(who('delete', 'cronjobs/status', 'batch'), 1);
  // Without an API group every group counts, so batch's `*` answers for configmaps too.
  assert.equal(model.subjectsWith('get', 'configmaps', 'shop')[0].grants.length, 2);
  const cm = model.subjectsWith('get', 'configmaps', 'shop', { apiGroup: '' })[0].grants;
  assert.deepEqual(cm.map((g) => g.rule.resourceNames), [['settings']]);
});

test('bindings that grant nothing: a ClusterRoleBinding to a Role, unknown roles; a RoleBinding ServiceAccount without namespace is the binding\'s', () => {
  const idx = workspace({
    'roles.yaml': READER_ROLE,
    'b.yaml': `${binding('ClusterRoleBinding', 'wrong', null, 'Role', 'reader', saSubject('orders', 'shop'))}---\n${binding('RoleBinding', 'missing', 'shop', 'ClusterRole', 'not-defined-anywhere', saSubject('orders', 'shop'))}---\n${binding('RoleBinding', 'implicit', 'shop', 'Role', 'reader', saSubject('web'))}`,
  });
  const model = buildAccessModel(idx);
  assert.deepEqual(model.accessOf(sa('shop', 'orders')), []);
  assert.deepEqual(show(model.accessOf(sa('shop', 'web'))), [
    'ns:shop RoleBinding/implicit -> Role/reader: get,list on configmaps',
    'ns:shop RoleBinding/implicit -> Role/reader: get on deployments',
  ]);
});

test('the model is cached per index version and rebuilt after a change', () => {
  const idx = workspace({ 'roles.yaml': READER_ROLE, 'b.yaml': binding('RoleBinding', 'r', 'shop', 'Role', 'reader', saSubject('orders', 'shop')) });
  const first = buildAccessModel(idx);
  assert.equal(buildAccessModel(idx), first);
  assert.equal(first.accessOf(sa('shop', 'orders')), first.accessOf(sa('shop', 'orders')));
  idx.setFile('roles.yaml', READER_ROLE.replace('verbs: ["get"]', 'verbs: ["get", "patch"]'));
  const second = buildAccessModel(idx);
  assert.notEqual(second, first);
  assert.equal(second.version, idx.version);
  assert.deepEqual(second.subjectsWith('patch', 'deployments', 'shop').map((s) => subjectLabel(s.subject)), ['ServiceAccount shop/orders']);
  assert.deepEqual(first.subjectsWith('patch', 'deployments', 'shop'), []);
});

test('an empty aggregation selector collects every ClusterRole, cluster-admin included', () => {
  const idx = workspace({
    'cr.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: everything\naggregationRule:\n  clusterRoleSelectors:\n  - {}\n',
    'b.yaml': binding('RoleBinding', 'oops', 'shop', 'ClusterRole', 'everything', saSubject('orders', 'shop')),
  });
  const grants = buildAccessModel(idx).accessOf(sa('shop', 'orders'));
  assert.ok(grants.some((g) => g.ruleSource.name === 'cluster-admin' && g.rule.verbs[0] === '*'));
  assert.deepEqual(buildAccessModel(idx).subjectsWith('delete', 'secrets', 'shop').map((s) => subjectLabel(s.subject)), ['ServiceAccount shop/orders']);
});

test('subjectsWith also answers for ServiceAccounts that pods run as without the workspace defining them', () => {
  const idx = workspace({
    'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  template:\n    spec:\n      serviceAccountName: api\n      containers: [{name: app, image: x}]\n---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  namespace: billing\nspec:\n  template:\n    spec:\n      containers: [{name: app, image: x}]\n',
    'b.yaml': binding('RoleBinding', 'sa-read', 'shop', 'ClusterRole', 'view', groupSubject('system:serviceaccounts:shop')),
  });
  assert.deepEqual(buildAccessModel(idx).subjectsWith('list', 'pods', 'shop').map((s) => subjectLabel(s.subject)), [
    'ServiceAccount shop/api', 'Group system:serviceaccounts:shop',
  ]);
  // billing's Job runs as billing/default, which no binding reaches.
  assert.deepEqual(buildAccessModel(idx).subjectsWith('list', 'pods', 'billing'), []);
});

test('answers do not depend on the order files were loaded in', () => {
  const files: Record<string, string> = {
    'roles.yaml': READER_ROLE,
    'b.yaml': binding('RoleBinding', 'second', 'shop', 'ClusterRole', 'view', saSubject('orders', 'shop')),
    'a.yaml': binding('RoleBinding', 'first', 'shop', 'Role', 'reader', saSubject('orders', 'shop')),
  };
  const forward = workspace(files);
  const backward = workspace(Object.fromEntries(Object.entries(files).reverse()));
  const names = (idx: WorkspaceIndex) => buildAccessModel(idx).accessOf(sa('shop', 'orders')).map((g) => g.binding.name);
  assert.deepEqual(names(forward), names(backward));
  assert.deepEqual([...new Set(names(forward))], ['first', 'second']);
});
