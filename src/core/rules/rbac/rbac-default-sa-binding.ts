import { bindingsIn } from '../../model/rbac';
import { describe } from '../helpers';
import { defineRule } from '../types';
import { roleRefText, span, subjectNamespace } from './shared';

export default defineRule({
  id: 'rbac-default-sa-binding',
  title: 'Permissions granted to a `default` ServiceAccount',
  defaultSeverity: 'warning',
  category: 'rbac',
  fixable: false,
  docs: {
    why: 'Every pod of a namespace that names no ServiceAccount runs as `default`. Permissions bound to it go to all those pods, including ones added later by someone else.',
    howToFix: 'Create a dedicated ServiceAccount for the workload that needs the permissions, bind it instead, and set `serviceAccountName` on that workload.',
    example: {
      bad: 'subjects:\n- kind: ServiceAccount\n  name: default\n  namespace: shop',
      good: 'subjects:\n- kind: ServiceAccount\n  name: orders\n  namespace: shop',
    },
    severity: 'warning: the permissions go to every pod of the namespace that names no ServiceAccount, including pods added later by others; a likely mistake a reviewer acts on.',
    assumes: 'Needs the subject name to be known as `default` (or the user `system:serviceaccount:<ns>:default`). The namespace is only for the message: the subject\'s own, else the RoleBinding\'s; when unknown (Helm, overlays) the message says \'a default ServiceAccount\'.',
  },
  check(ctx) {
    for (const b of bindingsIn(ctx.file.objects)) {
      for (const s of b.subjects) {
        if (!s.name.node || !s.name.value) continue;
        // The ServiceAccount itself, or the user name it authenticates as.
        const asUser = s.kind.value === 'User' ? /^system:serviceaccount:([^:]+):default$/.exec(s.name.value) : null;
        if (!asUser && (s.kind.value !== 'ServiceAccount' || s.name.value !== 'default')) continue;
        const ns = asUser ? asUser[1] : subjectNamespace(s, b);
        const which = ns ? `the default ServiceAccount of namespace ${ns}` : 'a default ServiceAccount';
        ctx.report({
          message: `Grant to a default ServiceAccount: ${describe(b.object)} grants ${roleRefText(b)} to ${which}, which every pod there that names no ServiceAccount runs as; bind a dedicated ServiceAccount instead.`,
          ...span(s.name.node),
        });
      }
    }
  },
});
