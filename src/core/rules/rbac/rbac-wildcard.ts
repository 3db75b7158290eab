import { rolesIn } from '../../model/rbac';
import { defineRule } from '../types';
import { coversGroup, roleText, scopeText, span, targetText, verbsText } from './shared';

function groupsText(groups: readonly string[]): string {
  if (groups.includes('*')) return 'every API group';
  if (groups.length === 1) return groups[0] === '' ? 'the core API group' : `API group ${groups[0]}`;
  return `API groups ${groups.map((g) => (g === '' ? 'core' : g)).join(', ')}`;
}

export default defineRule({
  id: 'rbac-wildcard',
  title: 'Wildcard `*` in the verbs, resources or API groups of an RBAC rule',
  defaultSeverity: 'warning',
  category: 'rbac',
  fixable: false,
  docs: {
    why: 'A `*` grants every verb, resource or API group, including escalate, bind, impersonate, Secrets and whatever later Kubernetes versions or CRDs add. The holder ends up with far more than the workload needs.',
    howToFix: 'List the verbs, resources and API groups the workload actually uses.',
    example: {
      bad: 'rules:\n- apiGroups: ["apps"]\n  resources: ["*"]\n  verbs: ["*"]',
      good: 'rules:\n- apiGroups: ["apps"]\n  resources: ["deployments"]\n  verbs: ["get", "list", "patch"]',
    },
  },
  check(ctx) {
    for (const role of rolesIn(ctx.file.objects)) {
      const who = roleText(role);
      for (const rule of role.rules) {
        const verbStar = rule.verbs.items.find((i) => i.value === '*');
        const resourceStar = rule.resources.items.find((i) => i.value === '*');
        if (verbStar && resourceStar) {
          // Every verb on every resource is one mistake: one finding, not one per `*`.
          const all = rule.apiGroups.values.includes('*');
          const what = all
            ? `every verb on every resource of every API group, all that cluster-admin can do ${role.kind === 'Role' ? scopeText(role) : 'wherever it is bound'}`
            : `every verb on every resource of ${groupsText(rule.apiGroups.values)}${coversGroup(rule, ['']) ? ', Secrets included' : ''}`;
          ctx.report({
            message: `${who} allows ${what} (\`*\` in verbs and resources${all ? ' and apiGroups' : ''}); list the ${all ? 'verbs, resources and API groups' : 'verbs and resources'} it needs.`,
            ...span(verbStar.node),
          });
          continue;
        }
        if (verbStar) {
          ctx.report({
            message: `${who} allows every verb on ${targetText(rule)} (\`*\` in verbs), including escalate, bind, impersonate and verbs added later; list the verbs it needs.`,
            ...span(verbStar.node),
          });
        }
        if (resourceStar) {
          ctx.report({
            message: `${who} allows ${verbsText(rule)} on every resource of ${groupsText(rule.apiGroups.values)} (\`*\` in resources), ${coversGroup(rule, ['']) ? 'Secrets, ' : ''}subresources and resources added later included; list the resources it needs.`,
            ...span(resourceStar.node),
          });
        }
        const groupStar = rule.apiGroups.items.find((i) => i.value === '*');
        if (groupStar) {
          ctx.report({
            message: `${who} allows ${verbsText(rule)} on ${targetText(rule)} in every API group (\`*\` in apiGroups), custom resources and groups added later included; name the groups it needs.`,
            ...span(groupStar.node),
          });
        }
      }
    }
  },
});
