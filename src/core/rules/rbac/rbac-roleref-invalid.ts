import { RBAC_GROUP, bindingsIn } from '../../model/rbac';
import { insertMapEntry, setPairValue } from '../../yaml/edit';
import { describe, objectSpan, pairSpan } from '../helpers';
import { defineRule, type Fix } from '../types';
import { span } from './shared';

const IMMUTABLE = 'roleRef cannot be changed on an existing binding: on a live cluster delete the binding and create it again';

export default defineRule({
  id: 'rbac-roleref-invalid',
  title: 'Invalid roleRef (kind, apiGroup or name)',
  defaultSeverity: 'error',
  category: 'rbac',
  fixable: true,
  docs: {
    why: 'A ClusterRoleBinding can only refer to a ClusterRole, `roleRef.apiGroup` must be `rbac.authorization.k8s.io` and `roleRef.name` is required; the API rejects anything else. roleRef is immutable, so an existing binding cannot be corrected in place: `kubectl apply` fails until it is deleted and recreated.',
    howToFix: 'Refer to a ClusterRole from a ClusterRoleBinding (or use a RoleBinding for a Role), set `apiGroup: rbac.authorization.k8s.io` and name the role; then delete and recreate the binding on clusters that already have it.',
    example: {
      bad: 'kind: ClusterRoleBinding\nroleRef:\n  apiGroup: rbac.authorization.k8s.io/v1\n  kind: Role\n  name: reader',
      good: 'kind: ClusterRoleBinding\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: reader',
    },
  },
  check(ctx) {
    const text = ctx.file.text;
    for (const b of bindingsIn(ctx.file.objects)) {
      const who = describe(b.object);
      const ref = b.roleRef;
      if (!ref) {
        ctx.report({ message: `${who} has no roleRef; the API rejects a binding that names no role.`, ...objectSpan(b.object) });
        continue;
      }
      if (!ref.node) {
        if (ref.pair.value?.unknown) continue;
        ctx.report({ message: `${who} has a roleRef that is not a map of apiGroup, kind and name; ${IMMUTABLE}.`, ...pairSpan(ref.pair) });
        continue;
      }
      if (b.kind === 'ClusterRoleBinding' && ref.kind.value === 'Role' && ref.kind.pair) {
        const edit = setPairValue(text, ref.kind.pair, 'ClusterRole');
        ctx.report({
          message: `${who} refers to Role ${ref.name.value ?? '(unnamed)'}, but a ClusterRoleBinding can only refer to a ClusterRole (use a RoleBinding to grant a Role); ${IMMUTABLE}.`,
          ...span(ref.kind.node ?? ref.kind.pair),
          fixes: edit ? [{ title: 'Change roleRef.kind to ClusterRole', edits: [edit], isPreferred: true }] : [],
        });
      }
      // A missing field is reported on the `roleRef` key.
      const refKey = ref.pair.keyNode ? span(ref.pair.keyNode) : pairSpan(ref.pair);
      const g = ref.apiGroup;
      if (!g.unknown && g.value !== RBAC_GROUP) {
        const fixes: Fix[] = [];
        const edit = g.pair ? setPairValue(text, g.pair, RBAC_GROUP) : insertMapEntry(text, ref.node, 'apiGroup', RBAC_GROUP);
        if (edit) fixes.push({ title: `Set roleRef.apiGroup to ${RBAC_GROUP}`, edits: [edit], isPreferred: true });
        const what = g.pair ? `roleRef.apiGroup ${g.value ?? '(empty)'}` : 'no roleRef.apiGroup';
        ctx.report({
          message: `${who} has ${what}; it must be ${RBAC_GROUP}; ${IMMUTABLE}.`,
          ...(g.node && g.node.end > g.node.start ? span(g.node) : g.pair ? pairSpan(g.pair) : refKey),
          fixes,
        });
      }
      if (!ref.name.value && !ref.name.unknown) {
        ctx.report({ message: `${who} has no roleRef.name; the API rejects a binding that names no role; ${IMMUTABLE}.`, ...(ref.name.pair ? pairSpan(ref.name.pair) : refKey) });
      }
      const kind = ref.kind.value;
      if (!ref.kind.unknown && kind !== 'Role' && kind !== 'ClusterRole') {
        ctx.report({
          message: `${who} has ${kind ? `roleRef.kind ${kind}` : 'no roleRef.kind'}; it must be ${b.kind === 'ClusterRoleBinding' ? 'ClusterRole' : 'Role or ClusterRole'}; ${IMMUTABLE}.`,
          ...(ref.kind.pair ? pairSpan(ref.kind.pair) : refKey),
        });
      }
    }
  },
});
