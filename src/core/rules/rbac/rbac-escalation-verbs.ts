import { RBAC_GROUP, rolesIn, type ListItem, type RbacRule } from '../../model/rbac';
import { defineRule } from '../types';
import { coversGroup, joined, roleText, span } from './shared';

const WHY = new Map<string, string>([
  ['escalate', 'it may create or change roles with permissions it does not hold, so it can grant itself anything'],
  ['bind', 'it may bind roles whose permissions it does not hold, cluster-admin included'],
  ['impersonate', 'it acts with every permission of the identity it impersonates (kubectl --as)'],
]);

/** Where each verb acts: [API group, resources] pairs (a `*` group or resource reaches them all). */
const ACTS_ON = new Map<string, [string, string[]][]>([
  ['escalate', [[RBAC_GROUP, ['roles', 'clusterroles']]]],
  ['bind', [[RBAC_GROUP, ['roles', 'clusterroles']]]],
  ['impersonate', [['', ['users', 'groups', 'serviceaccounts']], ['authentication.k8s.io', ['uids', 'userextras']]]],
]);

/** Whether the resource item reaches `resource`: same name, `*`, or a `userextras/<scope>` for userextras. */
function reaches(item: string, resource: string): boolean {
  return item === '*' || item === resource || (resource === 'userextras' && item.startsWith('userextras/'));
}

/** The resource items of a rule on which `verb` acts; empty when it acts on none of them. */
function actedOn(rule: RbacRule, verb: string): ListItem[] {
  const out: ListItem[] = [];
  for (const [group, resources] of ACTS_ON.get(verb) ?? []) {
    if (!coversGroup(rule, [group])) continue;
    for (const item of rule.resources.items) {
      if (item.value !== null && resources.some((r) => reaches(item.value as string, r)) && !out.includes(item)) out.push(item);
    }
  }
  return out;
}

export default defineRule({
  id: 'rbac-escalation-verbs',
  title: 'Privilege escalation verbs: escalate, bind, impersonate',
  defaultSeverity: 'warning',
  category: 'rbac',
  fixable: false,
  docs: {
    why: '`escalate` and `bind` on roles or clusterroles bypass the check that stops a subject from granting permissions it does not have; `impersonate` on users, groups, serviceaccounts (core group), uids or userextras (authentication.k8s.io) acts as another identity. Each lets the holder reach cluster-admin. The verbs act only there: `escalate` on configmaps grants nothing and is not reported. `*` verbs on those resources include them.',
    howToFix: 'Remove these verbs; when a controller must manage bindings, limit `bind` to named roles with `resourceNames`.',
    example: {
      bad: 'rules:\n- apiGroups: ["rbac.authorization.k8s.io"]\n  resources: ["clusterroles"]\n  verbs: ["bind", "escalate"]',
      good: 'rules:\n- apiGroups: ["rbac.authorization.k8s.io"]\n  resources: ["rolebindings"]\n  verbs: ["create"]',
    },
    severity: 'warning: each verb can lead to cluster-admin, but controllers that manage RBAC or act for users need them by design; a reviewer must check who holds the role. Reported only where the verb acts: `escalate` and `bind` on roles/clusterroles (or `*` resources) of rbac.authorization.k8s.io (or `*`), `impersonate` on users, groups, serviceaccounts (core) or uids, userextras (authentication.k8s.io); `*` verbs only on those resources (`*` on `*` is rbac-wildcard\'s finding).',
    assumes: 'Needs the rule\'s apiGroups and resources to be known to see where a verb acts: templated lists get no finding. Needs no namespace.',
  },
  check(ctx) {
    for (const role of rolesIn(ctx.file.objects)) {
      const who = roleText(role);
      for (const rule of role.rules) {
        const names = rule.resourceNames.values.length ? ` (only ${joined(rule.resourceNames.values)})` : '';
        for (const item of rule.verbs.items) {
          const why = item.value !== null ? WHY.get(item.value) : undefined;
          if (!why) continue;
          // escalate and bind act only on roles, impersonate only on identities: elsewhere the verb grants nothing.
          const on = actedOn(rule, item.value as string).map((i) => i.value as string);
          if (!on.length) continue;
          const target = on.includes('*') ? `every resource of ${coversGroup(rule, [RBAC_GROUP]) && item.value !== 'impersonate' ? 'the RBAC API group, roles and clusterroles included' : 'the identity groups, users and serviceaccounts included'}` : joined(on);
          ctx.report({ message: `Escalation through ${item.value}: ${who} can ${item.value} ${target}${names}; ${why}.`, ...span(item.node) });
        }
        // `*` verbs include escalate, bind and impersonate only where those act, on resources named explicitly (`*` on
        // `*` resources is rbac-wildcard's finding).
        const star = rule.verbs.items.find((i) => i.value === '*');
        if (!star) continue;
        // Verbs grouped by the resources they act on: "escalate and bind" on roles, "impersonate" on serviceaccounts.
        const byTargets = new Map<string, string[]>();
        for (const verb of ACTS_ON.keys()) {
          const on = actedOn(rule, verb).map((i) => i.value as string).filter((v) => v !== '*');
          if (!on.length) continue;
          const k = joined(on);
          byTargets.set(k, [...(byTargets.get(k) ?? []), verb]);
        }
        if (!byTargets.size) continue;
        const and = (vs: string[]) => (vs.length > 1 ? `${vs.slice(0, -1).join(', ')} and ${vs[vs.length - 1]}` : vs[0]);
        const [[targets, verbs]] = [...byTargets];
        const what = byTargets.size === 1
          ? `every verb on ${targets}${names}, which includes ${and(verbs)}`
          : `every verb${names}, which includes ${[...byTargets].map(([t, vs]) => `${and(vs)} on ${t}`).join(' and ')}`;
        ctx.report({ message: `Escalation through \`*\` in verbs: ${who} allows ${what}; ${verbs.map((v) => WHY.get(v)).join('; ')}.`, ...span(star.node) });
      }
    }
  },
});
