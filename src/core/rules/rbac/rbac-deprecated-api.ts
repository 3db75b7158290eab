import { RBAC_GROUP } from '../../model/rbac';
import { get } from '../../yaml/node';
import { describe } from '../helpers';
import { defineRule } from '../types';
import { span } from './shared';

const KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);
const REMOVED = new Set([`${RBAC_GROUP}/v1beta1`, `${RBAC_GROUP}/v1alpha1`]);

export default defineRule({
  id: 'rbac-deprecated-api',
  title: 'Removed RBAC API version (v1beta1, v1alpha1)',
  defaultSeverity: 'error',
  category: 'rbac',
  fixable: true,
  docs: {
    why: '`rbac.authorization.k8s.io/v1beta1` and `v1alpha1` were removed in Kubernetes 1.22; clusters reject manifests that still use them.',
    howToFix: 'Use `rbac.authorization.k8s.io/v1`; the fields are the same.',
    example: { bad: 'apiVersion: rbac.authorization.k8s.io/v1beta1\nkind: Role', good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role' },
    severity: 'error: Kubernetes 1.22 and later reject these API versions, so the object is not applied.',
    assumes: 'Needs the apiVersion to be known; a templated apiVersion is not judged. Needs no namespace. The fix only changes the version: the fields of v1 are the same.',
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      if (!o.kind || !KINDS.has(o.kind) || !o.apiVersion || !REMOVED.has(o.apiVersion)) continue;
      const node = get(o.root, 'apiVersion');
      if (!node || node.kind !== 'scalar') continue;
      // Keep the author's quoting.
      const q = node.quoted ? node.source[0] : '';
      ctx.report({
        message: `Removed API version ${o.apiVersion}: ${describe(o)} uses it, and Kubernetes 1.22 no longer serves it; use ${RBAC_GROUP}/v1.`,
        ...span(node),
        fixes: [{ title: `Set apiVersion: ${RBAC_GROUP}/v1`, edits: [{ start: node.start, end: node.end, newText: `${q}${RBAC_GROUP}/v1${q}` }], isPreferred: true }],
      });
    }
  },
});
