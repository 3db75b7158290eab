import { RBAC_GROUP, rolesIn } from '../../model/rbac';
import { defineRule } from '../types';
import { coversGroup, joined, resourceItems, roleText, span, targetText } from './shared';

const WHY = new Map<string, string>([
  ['escalate', 'it may create or change roles with permissions it does not hold, so it can grant itself anything'],
  ['bind', 'it may bind roles whose permissions it does not hold, cluster-admin included'],
  ['impersonate', 'it acts with every permission of the identity it impersonates (kubectl --as)'],
]);

const IDENTITY_RESOURCES = ['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings', 'users', 'groups', 'serviceaccounts'];

export default defineRule({
  id: 'rbac-escalation-verbs',
  title: 'Privilege escalation verbs: escalate, bind, impersonate',
  defaultSeverity: 'warning',
  category: 'rbac',
  fixable: false,
  docs: {
    why: '`escalate` and `bind` bypass the check that stops a subject from granting permissions it does not have; `impersonate` acts as another user, group or ServiceAccount. Each lets the holder reach cluster-admin. `*` verbs on roles, bindings or identities include all three.',
    howToFix: 'Remove these verbs; when a controller must manage bindings, limit `bind` to named roles with `resourceNames`.',
    example: {
      bad: 'rules:\n- apiGroups: ["rbac.authorization.k8s.io"]\n  resources: ["clusterroles"]\n  verbs: ["bind", "escalate"]',
      good: 'rules:\n- apiGroups: ["rbac.authorization.k8s.io"]\n  resources: ["rolebindings"]\n  verbs: ["create"]',
    },
  },
  check(ctx) {
    for (const role of rolesIn(ctx.file.objects)) {
      const who = roleText(role);
      for (const rule of role.rules) {
        for (const item of rule.verbs.items) {
          const why = item.value !== null ? WHY.get(item.value) : undefined;
          if (!why) continue;
          ctx.report({ message: `${who} can ${item.value} ${targetText(rule)}: ${why}.`, ...span(item.node) });
        }
        const star = rule.verbs.items.find((i) => i.value === '*');
        if (!star || !coversGroup(rule, ['', RBAC_GROUP])) continue;
        const hit = resourceItems(rule, IDENTITY_RESOURCES).map((i) => i.value as string);
        if (!hit.length) continue;
        ctx.report({
          message: `${who} allows every verb on ${joined(hit)} (\`*\` in verbs), which includes escalate, bind and impersonate.`,
          ...span(star.node),
        });
      }
    }
  },
});
