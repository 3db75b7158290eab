import { rolesIn } from '../../model/rbac';
import { defineRule } from '../types';
import { coversGroup, joined, roleText, scopeText, span, verbItems } from './shared';

/** Resources whose creation starts pods, by API group. */
const WORKLOADS = new Map<string, string[]>([
  ['pods', ['']],
  ['replicationcontrollers', ['']],
  ['deployments', ['apps', 'extensions']],
  ['replicasets', ['apps', 'extensions']],
  ['daemonsets', ['apps', 'extensions']],
  ['statefulsets', ['apps']],
  ['jobs', ['batch']],
  ['cronjobs', ['batch']],
]);

export default defineRule({
  id: 'rbac-create-workloads',
  title: 'Creating pods or pod controllers',
  defaultSeverity: 'info',
  category: 'rbac',
  fixable: false,
  docs: {
    why: 'A subject that can create pods, or anything that creates pods, can run a pod as any ServiceAccount of the namespace and so use that ServiceAccount\'s permissions, Secrets and cloud identity. This is often intended (CI, operators), but it should be a conscious choice.',
    howToFix: 'Keep the grant to the namespaces that need it, and keep powerful ServiceAccounts (and their workload identities) out of those namespaces.',
    example: {
      bad: 'kind: ClusterRole\nrules:\n- apiGroups: ["apps"]\n  resources: ["deployments"]\n  verbs: ["create", "patch"]',
      good: 'kind: Role\nmetadata:\n  namespace: shop\nrules:\n- apiGroups: ["apps"]\n  resources: ["deployments"]\n  verbs: ["patch"]',
    },
    severity: 'info: creating pods is what CI systems and operators are for; worth knowing because it lends every ServiceAccount of the namespace to the holder, not an alarm.',
    assumes: 'Needs the apiGroups to be known to include the workload\'s group and a known `create` (or `*`) verb. Needs no namespace: a Role\'s message names its namespace, or \'unknown\'.',
  },
  check(ctx) {
    for (const role of rolesIn(ctx.file.objects)) {
      for (const rule of role.rules) {
        const verbs = verbItems(rule, ['create']).map((i) => i.value as string);
        if (!verbs.length) continue;
        for (const item of rule.resources.items) {
          const groups = item.value !== null ? WORKLOADS.get(item.value) : undefined;
          if (!groups || !coversGroup(rule, groups)) continue;
          ctx.report({
            message: `Subjects can create ${item.value} ${scopeText(role)}: ${roleText(role)} grants ${joined(verbs)} on ${item.value}, so they can run pods as any ServiceAccount there and use its permissions and identity.`,
            ...span(item.node),
          });
        }
      }
    }
  },
});
