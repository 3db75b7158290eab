import { RBAC_GROUP, bindingsIn, isEmptyValue } from '../../model/rbac';
import { setPairValue } from '../../yaml/edit';
import { describe, objectSpan, pairSpan } from '../helpers';
import { defineRule, type Fix } from '../types';
import { span } from './shared';

const IMMUTABLE = 'On a live cluster delete the binding and create it again: roleRef cannot be changed on an existing binding';

export default defineRule({
  id: 'rbac-roleref-invalid',
  title: 'Invalid roleRef (kind, apiGroup or name)',
  defaultSeverity: 'error',
  category: 'rbac',
  fixable: true,
  suggests: true,
  docs: {
    why: 'A ClusterRoleBinding can only refer to a ClusterRole, `roleRef.apiGroup` must be `rbac.authorization.k8s.io` (a missing or empty one is filled in by `rbac.authorization.k8s.io/v1`, so it is not a finding) and `roleRef.name` is required; the API rejects anything else. roleRef is immutable, so an existing binding cannot be corrected in place: `kubectl apply` fails until it is deleted and recreated.',
    howToFix: 'Refer to a ClusterRole from a ClusterRoleBinding (or use a RoleBinding for a Role), correct a wrong `apiGroup` and name the role; then delete and recreate the binding on clusters that already have it. Fix (safe): correct a wrong roleRef.apiGroup. Suggestion (quick-fix menu): change roleRef.kind to ClusterRole.',
    severity: 'error: the API server rejects the binding.',
    assumes: 'Reads only the binding itself; a templated or placeholder value is unknown and never reported. In a kustomize patch only values that are present are checked (a patch leaves out what it does not change).',
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
      // A kustomize patch leaves out what it does not change.
      if (!ref && b.object.partial) continue;
      if (!ref) {
        ctx.report({ message: `Missing roleRef: ${who} names no role, and the API rejects such a binding.`, ...objectSpan(b.object) });
        continue;
      }
      if (!ref.node) {
        if (ref.pair.value?.unknown) continue;
        ctx.report({ message: `Malformed roleRef: the one of ${who} is not a map of apiGroup, kind and name. ${IMMUTABLE}.`, ...pairSpan(ref.pair) });
        continue;
      }
      if (b.kind === 'ClusterRoleBinding' && ref.kind.value === 'Role' && ref.kind.pair) {
        const edit = setPairValue(text, ref.kind.pair, 'ClusterRole');
        ctx.report({
          message: `Wrong roleRef kind: ${who} refers to Role ${ref.name.value ?? '(unnamed)'}, but a ClusterRoleBinding can only refer to a ClusterRole (use a RoleBinding to grant a Role). ${IMMUTABLE}.`,
          ...span(ref.kind.node ?? ref.kind.pair),
          // A RoleBinding may have been meant instead: which one is the author's call.
          suggestions: edit ? [{ title: 'Change roleRef.kind to ClusterRole', edits: [edit], isPreferred: true }] : [],
        });
      }
      // A missing field is reported on the `roleRef` key.
      const refKey = ref.pair.keyNode ? span(ref.pair.keyNode) : pairSpan(ref.pair);
      const g = ref.apiGroup;
      // rbac.authorization.k8s.io/v1 defaults a missing or empty roleRef.apiGroup to its own group.
      if (!g.unknown && g.pair && !isEmptyValue(g.node) && g.value !== RBAC_GROUP) {
        const fixes: Fix[] = [];
        const edit = setPairValue(text, g.pair, RBAC_GROUP);
        if (edit) fixes.push({ title: `Set roleRef.apiGroup to ${RBAC_GROUP}`, edits: [edit], isPreferred: true });
        ctx.report({
          message: `Wrong roleRef.apiGroup: ${who} has ${g.value ?? 'a value that is not a string'}, but it must be ${RBAC_GROUP} (or left out). ${IMMUTABLE}.`,
          ...(g.node && g.node.end > g.node.start ? span(g.node) : pairSpan(g.pair)),
          fixes,
        });
      }
      if (b.object.partial) continue;
      if (!ref.name.value && !ref.name.unknown) {
        ctx.report({ message: `Missing roleRef.name: ${who} names no role, and the API rejects such a binding. ${IMMUTABLE}.`, ...(ref.name.pair ? pairSpan(ref.name.pair) : refKey) });
      }
      const kind = ref.kind.value;
      if (!ref.kind.unknown && kind !== 'Role' && kind !== 'ClusterRole') {
        ctx.report({
          message: `${kind ? 'Wrong' : 'Missing'} roleRef.kind: ${who} has ${kind ?? 'none'}, but it must be ${b.kind === 'ClusterRoleBinding' ? 'ClusterRole' : 'Role or ClusterRole'}. ${IMMUTABLE}.`,
          ...(ref.kind.pair ? pairSpan(ref.kind.pair) : refKey),
        });
      }
    }
  },
});
