import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../src/core/index/workspace-index';
import { AccessEngine, whoCan, type QuerySubject } from '../../src/core/access/index';
import { bindingYaml, oracleAllows, roleYaml, type OBinding, type ORequest, type ORole, type ORule, type OSubject } from '../support/access-oracle';

function engineOf(roles: ORole[], bindings: OBinding[]): AccessEngine {
  const idx = new WorkspaceIndex({ defaultNamespace: 'default', maxFileSize: 1 << 20 });
  // The subject asked about exists: who-can lists the workspace's ServiceAccounts, not every possible one.
  const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  namespace: shop\n';
  idx.setFile('/ws/rbac.yaml', [sa, ...roles.map(roleYaml), ...bindings.map(bindingYaml)].join('---\n'));
  return new AccessEngine(idx);
}

const label = (s: QuerySubject) => (s.kind === 'ServiceAccount' ? `sa:${s.namespace}/${s.name}` : s.kind === 'Entra' ? `entra:${s.id}` : `${s.kind.toLowerCase()}:${s.name}`);

/** The engine's answer for one subject: 'yes', 'names' (only for some names) or 'no'. */
function engineSays(e: AccessEngine, who: OSubject, verb: string, what: string, namespace: string | null, name: string | null): 'yes' | 'names' | 'no' {
  const a = whoCan(e, { verb, target: e.target(what), namespace, name });
  const key = who.kind === 'ServiceAccount' ? `sa:${who.namespace}/${who.name}` : `${who.kind.toLowerCase()}:${who.name}`;
  const h = a.holders.find((x) => label(x.subject) === key);
  return !h ? 'no' : h.reach === 'names' ? 'names' : 'yes';
}

const SA: OSubject = { kind: 'ServiceAccount', namespace: 'shop', name: 'api' };
const cr = (name: string, rules: ORule[], extra: Partial<ORole> = {}): ORole => ({ kind: 'ClusterRole', name, rules, ...extra });
const role = (name: string, rules: ORule[]): ORole => ({ kind: 'Role', namespace: 'shop', name, rules });
const crb = (roleName: string, subjects: OSubject[] = [SA]): OBinding => ({ kind: 'ClusterRoleBinding', name: `crb-${roleName}`, roleRef: { kind: 'ClusterRole', name: roleName }, subjects });
const rb = (ns: string, ref: { kind: 'Role' | 'ClusterRole'; name: string }, subjects: OSubject[] = [SA]): OBinding => ({ kind: 'RoleBinding', namespace: ns, name: `rb-${ref.name}`, roleRef: ref, subjects });

interface Case {
  what: string;
  roles: ORole[];
  bindings: OBinding[];
  ask: { verb: string; target: string; namespace?: string; name?: string };
  /** The oracle's request for the same question. */
  req: ORequest;
  expect: 'yes' | 'names' | 'no';
}

const CASES: Case[] = [
  { what: 'verb * allows any verb', roles: [cr('r', [{ apiGroups: [''], resources: ['secrets'], verbs: ['*'] }])], bindings: [crb('r')], ask: { verb: 'delete', target: 'secrets', namespace: 'shop' }, req: { verb: 'delete', resource: 'secrets', namespace: 'shop' }, expect: 'yes' },
  { what: 'resource * covers subresources', roles: [cr('r', [{ apiGroups: [''], resources: ['*'], verbs: ['create'] }])], bindings: [crb('r')], ask: { verb: 'create', target: 'pods/exec', namespace: 'shop' }, req: { verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'shop' }, expect: 'yes' },
  { what: 'pods does not cover pods/exec', roles: [cr('r', [{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }])], bindings: [crb('r')], ask: { verb: 'create', target: 'pods/exec', namespace: 'shop' }, req: { verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'shop' }, expect: 'no' },
  { what: '*/scale covers deployments/scale', roles: [cr('r', [{ apiGroups: ['apps'], resources: ['*/scale'], verbs: ['update'] }])], bindings: [crb('r')], ask: { verb: 'update', target: 'deployments/scale', namespace: 'shop' }, req: { verb: 'update', group: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'shop' }, expect: 'yes' },
  { what: 'the core group does not hold deployments', roles: [cr('r', [{ apiGroups: [''], resources: ['deployments'], verbs: ['get'] }])], bindings: [crb('r')], ask: { verb: 'get', target: 'deployments', namespace: 'shop' }, req: { verb: 'get', group: 'apps', resource: 'deployments', namespace: 'shop' }, expect: 'no' },
  { what: 'apiGroups * holds every group', roles: [cr('r', [{ apiGroups: ['*'], resources: ['deployments'], verbs: ['get'] }])], bindings: [crb('r')], ask: { verb: 'get', target: 'deployments', namespace: 'shop' }, req: { verb: 'get', group: 'apps', resource: 'deployments', namespace: 'shop' }, expect: 'yes' },
  { what: 'a rule without apiGroups grants no resource', roles: [cr('r', [{ resources: ['secrets'], verbs: ['get'] }])], bindings: [crb('r')], ask: { verb: 'get', target: 'secrets', namespace: 'shop' }, req: { verb: 'get', resource: 'secrets', namespace: 'shop' }, expect: 'no' },
  { what: 'resourceNames without a name: only for names', roles: [cr('r', [{ apiGroups: [''], resources: ['secrets'], resourceNames: ['db'], verbs: ['get'] }])], bindings: [crb('r')], ask: { verb: 'get', target: 'secrets', namespace: 'shop' }, req: { verb: 'get', resource: 'secrets', namespace: 'shop' }, expect: 'names' },
  { what: 'resourceNames with a listed name', roles: [cr('r', [{ apiGroups: [''], resources: ['secrets'], resourceNames: ['db'], verbs: ['get'] }])], bindings: [crb('r')], ask: { verb: 'get', target: 'secrets', namespace: 'shop', name: 'db' }, req: { verb: 'get', resource: 'secrets', namespace: 'shop', name: 'db' }, expect: 'yes' },
  { what: 'resourceNames with another name', roles: [cr('r', [{ apiGroups: [''], resources: ['secrets'], resourceNames: ['db'], verbs: ['get'] }])], bindings: [crb('r')], ask: { verb: 'get', target: 'secrets', namespace: 'shop', name: 'tls' }, req: { verb: 'get', resource: 'secrets', namespace: 'shop', name: 'tls' }, expect: 'no' },
  { what: 'a RoleBinding to a ClusterRole grants in its namespace', roles: [cr('r', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }])], bindings: [rb('shop', { kind: 'ClusterRole', name: 'r' })], ask: { verb: 'get', target: 'secrets', namespace: 'shop' }, req: { verb: 'get', resource: 'secrets', namespace: 'shop' }, expect: 'yes' },
  { what: '… and not in another', roles: [cr('r', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }])], bindings: [rb('shop', { kind: 'ClusterRole', name: 'r' })], ask: { verb: 'get', target: 'secrets', namespace: 'billing' }, req: { verb: 'get', resource: 'secrets', namespace: 'billing' }, expect: 'no' },
  { what: 'a RoleBinding never grants a cluster-scoped resource', roles: [cr('r', [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }])], bindings: [rb('shop', { kind: 'ClusterRole', name: 'r' })], ask: { verb: 'get', target: 'nodes' }, req: { verb: 'get', resource: 'nodes' }, expect: 'no' },
  { what: 'a RoleBinding never grants a non-resource URL', roles: [cr('r', [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }])], bindings: [rb('shop', { kind: 'ClusterRole', name: 'r' })], ask: { verb: 'get', target: '/healthz' }, req: { verb: 'get', path: '/healthz' }, expect: 'no' },
  { what: 'a URL prefix with *', roles: [cr('r', [{ nonResourceURLs: ['/metrics*'], verbs: ['get'] }])], bindings: [crb('r')], ask: { verb: 'get', target: '/metrics/cadvisor' }, req: { verb: 'get', path: '/metrics/cadvisor' }, expect: 'yes' },
  { what: 'a URL is not a prefix without *', roles: [cr('r', [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }])], bindings: [crb('r')], ask: { verb: 'get', target: '/healthz/etcd' }, req: { verb: 'get', path: '/healthz/etcd' }, expect: 'no' },
  { what: 'a RoleBinding grants get on its own Namespace object', roles: [cr('r', [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get'] }])], bindings: [rb('shop', { kind: 'ClusterRole', name: 'r' })], ask: { verb: 'get', target: 'namespaces', name: 'shop' }, req: { verb: 'get', resource: 'namespaces', namespace: 'shop', name: 'shop' }, expect: 'yes' },
  { what: 'an aggregated ClusterRole collects labelled roles', roles: [cr('agg', [], { aggregate: [{ 'x/agg': 'true' }] }), cr('part', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['list'] }], { labels: { 'x/agg': 'true' } })], bindings: [crb('agg')], ask: { verb: 'list', target: 'configmaps', namespace: 'shop' }, req: { verb: 'list', resource: 'configmaps', namespace: 'shop' }, expect: 'yes' },
  { what: 'a group binding reaches the namespace\'s ServiceAccounts', roles: [role('r', [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }])], bindings: [rb('shop', { kind: 'Role', name: 'r' }, [{ kind: 'Group', name: 'system:serviceaccounts:shop' }])], ask: { verb: 'list', target: 'pods', namespace: 'shop' }, req: { verb: 'list', resource: 'pods', namespace: 'shop' }, expect: 'yes' },
  { what: 'the ServiceAccount\'s user name', roles: [cr('r', [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }])], bindings: [crb('r', [{ kind: 'User', name: 'system:serviceaccount:shop:api' }])], ask: { verb: 'list', target: 'pods', namespace: 'shop' }, req: { verb: 'list', resource: 'pods', namespace: 'shop' }, expect: 'yes' },
  { what: 'a ClusterRoleBinding to a Role grants nothing', roles: [role('r', [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }])], bindings: [{ kind: 'ClusterRoleBinding', name: 'x', roleRef: { kind: 'Role', name: 'r' }, subjects: [SA] }], ask: { verb: 'list', target: 'pods', namespace: 'shop' }, req: { verb: 'list', resource: 'pods', namespace: 'shop' }, expect: 'no' },
  { what: 'create with resourceNames never matches (creates carry no name)', roles: [cr('r', [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['x'], verbs: ['create'] }])], bindings: [crb('r')], ask: { verb: 'create', target: 'configmaps', namespace: 'shop' }, req: { verb: 'create', resource: 'configmaps', namespace: 'shop' }, expect: 'names' },
];

for (const c of CASES) {
  test(`who-can, documented semantics: ${c.what}`, () => {
    const e = engineOf(c.roles, c.bindings);
    const got = engineSays(e, SA, c.ask.verb, c.ask.target, c.ask.namespace ?? null, c.ask.name ?? null);
    assert.equal(got, c.expect);
    // The oracle answers allowed/denied for a concrete request; 'names' is denied for a request without a name.
    assert.equal(oracleAllows(c.roles, c.bindings, SA, c.req), c.expect === 'yes');
  });
}

test('a built-in aggregated ClusterRole collects a workspace role labelled for it (admin)', () => {
  const extra = cr('widgets-admin', [{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['delete'] }], { labels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } });
  const e = engineOf([extra], [rb('shop', { kind: 'ClusterRole', name: 'admin' })]);
  assert.equal(engineSays(e, SA, 'delete', 'widgets.example.com', 'shop', null), 'yes');
  assert.equal(engineSays(e, SA, 'delete', 'widgets.example.com', 'billing', null), 'no');
  // admin's own rules are there too, and admin does not hold escalate.
  assert.equal(engineSays(e, SA, 'get', 'secrets', 'shop', null), 'yes');
  assert.equal(engineSays(e, SA, 'escalate', 'roles', 'shop', null), 'no');
});

test('who-can lists cluster-wide holders first, then namespace-limited, then names-only, then who can gain it', () => {
  const roles = [
    cr('read', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }]),
    cr('named', [{ apiGroups: [''], resources: ['secrets'], resourceNames: ['db'], verbs: ['get'] }]),
    cr('imp', [{ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] }]),
  ];
  const bindings: OBinding[] = [
    rb('shop', { kind: 'ClusterRole', name: 'read' }, [{ kind: 'ServiceAccount', namespace: 'shop', name: 'a' }]),
    crb('read', [{ kind: 'User', name: 'zed' }]),
    { ...rb('shop', { kind: 'ClusterRole', name: 'named' }, [{ kind: 'Group', name: 'devs' }]), name: 'named' },
    { ...rb('shop', { kind: 'ClusterRole', name: 'imp' }, [{ kind: 'User', name: 'mallory' }]), name: 'imp' },
  ];
  const e = engineOf(roles, bindings);
  const a = whoCan(e, { verb: 'get', target: e.target('secrets'), namespace: 'shop', name: null });
  assert.deepEqual(a.holders.map((h) => `${h.reach} ${label(h.subject)}`), ['cluster user:zed', 'namespace sa:shop/a', 'names group:devs']);
  assert.deepEqual(a.gainers.map((g) => `${label(g.subject)}: ${g.how}`), ['user:mallory: can impersonate ServiceAccount shop/a, which holds it']);
});
