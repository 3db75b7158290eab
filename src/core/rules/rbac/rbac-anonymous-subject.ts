import { findBuiltinBinding } from '../../knowledge/k8s-builtins';
import { bindingsIn, type BindingObject, type SubjectRef } from '../../model/rbac';
import { describe } from '../helpers';
import { defineRule } from '../types';
import { roleRefText, span } from './shared';

const WHO = new Map<string, string>([
  ['User system:anonymous', 'requests that carry no credentials'],
  ['Group system:unauthenticated', 'every request that carries no credentials'],
  ['Group system:authenticated', 'anyone with any valid credential: every user and every ServiceAccount of every namespace'],
]);

/**
 * Built-in ClusterRoles that exist to be read without credentials: granting them to everyone is a documented setup,
 * reported as info. They grant GET on a few non-resource URLs and nothing else.
 */
const PUBLIC_BY_DESIGN = new Map<string, string>([
  // Kubernetes documents binding it to system:unauthenticated so that token verifiers outside the cluster can fetch
  // the issuer's discovery document and signing keys.
  ['system:service-account-issuer-discovery', 'it reads only the OIDC discovery document and the token signing keys, which verifiers outside the cluster need'],
  ['system:public-info-viewer', 'it reads only the health and version endpoints'],
]);

/**
 * Whether the binding is one of the bootstrap bindings every cluster has (system:public-info-viewer, system:discovery,
 * system:basic-user …) as the API server creates it: same name and roleRef, and this subject among its subjects.
 */
function isDefaultBinding(b: BindingObject, s: SubjectRef): boolean {
  if (b.kind !== 'ClusterRoleBinding' || !b.object.name) return false;
  const builtin = findBuiltinBinding('ClusterRoleBinding', null, b.object.name);
  if (!builtin || b.roleRef?.kind.value !== builtin.roleRef.kind || b.roleRef?.name.value !== builtin.roleRef.name) return false;
  return builtin.subjects.some((x) => x.kind === s.kind.value && x.name === s.name.value);
}

export default defineRule({
  id: 'rbac-anonymous-subject',
  title: 'Grant to anonymous or all authenticated users',
  defaultSeverity: 'error',
  category: 'rbac',
  fixable: false,
  alsoReports: ['info'],
  docs: {
    why: '`system:anonymous` and `system:unauthenticated` are requests without credentials; `system:authenticated` is everyone with any valid credential, including every ServiceAccount token of every pod. Granting to them opens the role to the whole network or the whole cluster.',
    howToFix: 'Bind the named users, groups or ServiceAccounts that need the role.',
    example: {
      bad: 'subjects:\n- kind: Group\n  apiGroup: rbac.authorization.k8s.io\n  name: system:authenticated',
      good: 'subjects:\n- kind: Group\n  apiGroup: rbac.authorization.k8s.io\n  name: platform-team',
    },
    severity: 'error: whatever the role grants goes to anyone who can reach the API server (anonymous, unauthenticated) or to every user and every pod\'s token (authenticated); reviewers treat that as handing the role to the network or the whole cluster. The bootstrap bindings every cluster has (system:public-info-viewer, system:discovery, system:basic-user … with their own roleRef and subjects) are not reported. info: a grant of the built-in ClusterRole system:service-account-issuer-discovery or system:public-info-viewer, which only read public endpoints (binding the first to system:unauthenticated is how Kubernetes documents public OIDC discovery).',
    assumes: 'Needs the subject\'s kind and name to be known: a templated or placeholder subject gets no finding. Needs no namespace.',
  },
  check(ctx) {
    for (const b of bindingsIn(ctx.file.objects)) {
      for (const s of b.subjects) {
        const key = `${s.kind.value} ${s.name.value}`;
        const who = WHO.get(key);
        if (!who || !s.name.node || isDefaultBinding(b, s)) continue;
        const headline = key === 'Group system:authenticated' ? 'Grant to every authenticated identity' : 'Grant to anonymous requests';
        const publicRole = b.roleRef?.kind.value === 'ClusterRole' && b.roleRef.name.value ? PUBLIC_BY_DESIGN.get(b.roleRef.name.value) : undefined;
        const message = `${headline}: ${describe(b.object)} grants ${roleRefText(b)} to ${key}, that is ${who}`;
        if (publicRole) ctx.report({ message: `${message}; ${publicRole}.`, ...span(s.name.node), severity: 'info' });
        else ctx.report({ message: `${message}.`, ...span(s.name.node) });
      }
    }
  },
});
