import { bindingsIn } from '../../model/rbac';
import { describe } from '../helpers';
import { defineRule } from '../types';
import { span, subjectText } from './shared';

/** What each built-in role grants in a namespace, for messages. */
const GRANTS = new Map<string, string>([
  ['edit', 'read and write Secrets, ConfigMaps, Services and workloads, and run pods as any ServiceAccount (using its permissions and cloud identity)'],
  ['admin', 'read and write Secrets, ConfigMaps, Services and workloads, run pods as any ServiceAccount (using its permissions and cloud identity), and manage Roles and RoleBindings'],
]);

export default defineRule({
  id: 'rbac-broad-builtin-binding',
  title: 'Built-in `edit` or `admin` ClusterRole bound cluster-wide',
  defaultSeverity: 'warning',
  category: 'rbac',
  fixable: false,
  docs: {
    why: 'The built-in `edit` and `admin` ClusterRoles are meant to be bound per namespace with a RoleBinding. Bound by a ClusterRoleBinding they apply in every namespace, kube-system included: the subject reads and writes every Secret and runs pods as any ServiceAccount of the cluster, so it inherits those ServiceAccounts\' permissions and cloud identities.',
    howToFix: 'Bind the role with a RoleBinding in each namespace the subject works in, or write a Role with the verbs and resources it needs.',
    example: {
      bad: 'kind: ClusterRoleBinding\nmetadata:\n  name: ci-edit\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: edit\nsubjects:\n- kind: ServiceAccount\n  name: ci\n  namespace: ci',
      good: 'kind: RoleBinding\nmetadata:\n  name: ci-edit\n  namespace: apps\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: edit\nsubjects:\n- kind: ServiceAccount\n  name: ci\n  namespace: ci',
    },
    severity: 'warning: a real risk a reviewer acts on. Not an error: `edit` and `admin` cannot change cluster-scoped objects, nodes or ClusterRoles, so they are not cluster-admin, even though reaching kube-system\'s ServiceAccounts can lead there. `cluster-admin` has its own rule.',
    assumes: 'Needs the roleRef (kind ClusterRole, name `edit` or `admin`) to be known: a templated roleRef gets no finding. Needs no namespace: a ClusterRoleBinding has none. Fires whoever the subjects are (a ServiceAccount, a user, a group), and names them when they are known.',
  },
  check(ctx) {
    for (const b of bindingsIn(ctx.file.objects)) {
      const ref = b.roleRef;
      if (b.kind !== 'ClusterRoleBinding' || !ref || ref.kind.value !== 'ClusterRole' || !ref.name.node || !ref.name.value) continue;
      const grants = GRANTS.get(ref.name.value);
      if (!grants) continue;
      const subjects = b.subjects.map((s) => subjectText(s, b));
      const to = subjects.length ? ` to ${subjects.join(', ')}` : '';
      ctx.report({
        message: `Built-in ClusterRole ${ref.name.value} granted in every namespace, kube-system included: ${describe(b.object)} grants it${to}, so its subjects can ${grants} everywhere. Bind it with a RoleBinding in the namespaces it needs.`,
        ...span(ref.name.node),
      });
    }
  },
});
