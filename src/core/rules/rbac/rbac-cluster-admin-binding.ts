import { bindingsIn } from '../../model/rbac';
import { describe } from '../helpers';
import { defineRule } from '../types';
import { span, subjectText } from './shared';

export default defineRule({
  id: 'rbac-cluster-admin-binding',
  title: 'Binding to cluster-admin',
  defaultSeverity: 'warning',
  alsoReports: ['error'],
  category: 'rbac',
  fixable: false,
  docs: {
    why: '`cluster-admin` allows every verb on every resource. Bound cluster-wide it controls the whole cluster; bound in a namespace it controls that namespace, its Secrets, roles and bindings. A ServiceAccount bound cluster-wide is worst: any pod that runs as it, or anyone who reads its token, owns the cluster.',
    howToFix: 'Bind a role with the verbs and resources the subject needs: a built-in `admin`, `edit` or `view`, or a dedicated Role.',
    example: {
      bad: 'roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin',
      good: 'roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: edit',
    },
    severity: 'warning for a grant of cluster-admin to people or inside one namespace (sometimes intended, always worth a review); error when a ServiceAccount holds it cluster-wide: any pod running as it, or anyone with its token, owns the cluster.',
    assumes: 'Needs the roleRef to be known as ClusterRole cluster-admin: a templated roleRef gets no finding. Needs no namespace to fire; a RoleBinding\'s message names its namespace, or \'unknown\'. A subject with a placeholder name is named \'(templated)\'.',
  },
  check(ctx) {
    for (const b of bindingsIn(ctx.file.objects)) {
      const ref = b.roleRef;
      if (!ref || ref.name.value !== 'cluster-admin' || ref.kind.value !== 'ClusterRole' || !ref.name.node) continue;
      const subjects = b.subjects.map((s) => subjectText(s, b));
      const to = subjects.length ? ` to ${subjects.join(', ')}` : '';
      const clusterWide = b.kind === 'ClusterRoleBinding';
      // ServiceAccount groups (all of them, or a namespace's) are ServiceAccounts too.
      const sa = clusterWide && b.subjects.some((s) => s.kind.value === 'ServiceAccount' || (s.kind.value === 'Group' && /^system:serviceaccounts(:|$)/.test(s.name.value ?? '')));
      const what = clusterWide
        ? 'full control of every resource in every namespace'
        : `full control of namespace ${b.object.namespace ?? 'unknown'}, its Secrets, roles and bindings included`;
      const saNote = sa ? '; every pod that runs as such a ServiceAccount, and anyone holding its token, controls the cluster' : '';
      ctx.report({
        message: `Grant of cluster-admin ${clusterWide ? 'cluster-wide' : `in namespace ${b.object.namespace ?? 'unknown'}`}: ${describe(b.object)} grants it (${what})${to}${saNote}.`,
        ...span(ref.name.node),
        severity: sa ? 'error' : 'warning',
      });
    }
  },
});
