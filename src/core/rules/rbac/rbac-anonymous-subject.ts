import { bindingsIn } from '../../model/rbac';
import { describe } from '../helpers';
import { defineRule } from '../types';
import { roleRefText, span } from './shared';

const WHO = new Map<string, string>([
  ['User system:anonymous', 'requests that carry no credentials'],
  ['Group system:unauthenticated', 'every request that carries no credentials'],
  ['Group system:authenticated', 'anyone with any valid credential: every user and every ServiceAccount of every namespace'],
]);

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
  },
  check(ctx) {
    for (const b of bindingsIn(ctx.file.objects)) {
      for (const s of b.subjects) {
        const key = `${s.kind.value} ${s.name.value}`;
        const who = WHO.get(key);
        if (!who || !s.name.node) continue;
        ctx.report({ message: `${describe(b.object)} grants ${roleRefText(b)} to ${key}, that is ${who}.`, ...span(s.name.node) });
      }
    }
  },
});
