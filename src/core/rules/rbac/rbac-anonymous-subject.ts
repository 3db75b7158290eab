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
  docs: {
    why: '`system:anonymous` and `system:unauthenticated` are requests without credentials; `system:authenticated` is everyone with any valid credential, including every ServiceAccount token of every pod. Granting to them opens the role to the whole network or the whole cluster.',
    howToFix: 'Bind the named users, groups or ServiceAccounts that need the role.',
    example: {
      bad: 'subjects:\n- kind: Group\n  apiGroup: rbac.authorization.k8s.io\n  name: system:authenticated',
      good: 'subjects:\n- kind: Group\n  apiGroup: rbac.authorization.k8s.io\n  name: platform-team',
    },
    severity: 'error: whatever the role grants goes to anyone who can reach the API server (anonymous, unauthenticated) or to every user and every pod\'s token (authenticated); reviewers treat that as handing the role to the network or the whole cluster. The bootstrap bindings every cluster has (system:public-info-viewer, system:discovery, system:basic-user … with their own roleRef and subjects) are not reported.',
    assumes: 'Needs the subject\'s kind and name to be known: a templated or placeholder subject gets no finding. Needs no namespace.',
  },
  check(ctx) {
    for (const b of bindingsIn(ctx.file.objects)) {
      for (const s of b.subjects) {
        const key = `${s.kind.value} ${s.name.value}`;
        const who = WHO.get(key);
        if (!who || !s.name.node || isDefaultBinding(b, s)) continue;
        const headline = key === 'Group system:authenticated' ? 'Grant to every authenticated identity' : 'Grant to anonymous requests';
        ctx.report({ message: `${headline}: ${describe(b.object)} grants ${roleRefText(b)} to ${key}, that is ${who}.`, ...span(s.name.node) });
      }
    }
  },
});
