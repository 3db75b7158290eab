import { bindingsIn } from '../../model/rbac';
import { levenshteinWithin } from '../../text/edit-distance';
import { builtinObject, builtinObjects, isBuiltinClusterRole as isBootstrapClusterRole } from '../../knowledge/k8s-builtins';
import { describe } from '../helpers';
import { defineRule, type Related } from '../types';
import { span } from './shared';

/**
 * Cluster roles every cluster has: the bootstrap policy's, and any `system:` one (the prefix is reserved for the
 * cluster's own components, which providers such as AKS add to).
 */
export function isBuiltinClusterRole(name: string): boolean {
  return name.startsWith('system:') || isBootstrapClusterRole(name);
}

/** The closest of `names` within two edits of `name`, for a "did you mean". */
function closest(name: string, names: Iterable<string>): string | null {
  let best: string | null = null;
  let bestD = 3;
  for (const n of names) {
    const d = levenshteinWithin(name, n, 2);
    if (d > 0 && d < bestD) [best, bestD] = [n, d];
  }
  return best;
}

export default defineRule({
  id: 'rbac-roleref-not-found',
  title: 'Binding refers to a role the workspace does not define',
  defaultSeverity: 'warning',
  category: 'rbac',
  fixable: false,
  docs: {
    why: 'A binding to a role that does not exist grants nothing, and the API accepts it without complaint; a typo in `roleRef.name` or a Role in the wrong namespace leaves the workload without the access it was meant to get. The rule runs only when the workspace defines some Role or ClusterRole. The roles every cluster has count as defined: the Kubernetes bootstrap policy\'s ClusterRoles and namespaced Roles (such as `kube-system/extension-apiserver-authentication-reader`), and every `system:` ClusterRole.',
    severity: 'warning, not error: the role may be created outside this workspace (another repository, an operator), so "not found here" is a likely mistake rather than a certain one.',
    assumes: 'Needs the binding\'s namespace for a Role: with an unknown namespace (a Helm template without one, a kustomize base included under different namespaces) it stays quiet, and a Role of that name with an unknown namespace counts as a match. Names are compared as written within a kustomize build (kustomize renames references with their objects); a reference to a name a build produced with namePrefix/nameSuffix counts as found. Placeholder names are unknown.',
    howToFix: 'Correct `roleRef.name` (or the kind: Role vs ClusterRole), or define the role in the binding\'s namespace. roleRef is immutable: recreate the binding on a live cluster.',
    example: {
      bad: 'kind: RoleBinding\nmetadata:\n  namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: reader   # defined in namespace billing only',
      good: 'kind: RoleBinding\nmetadata:\n  namespace: billing\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: reader',
    },
  },
  check(ctx) {
    const { index } = ctx;
    if (!index.hasKind('Role') && !index.hasKind('ClusterRole')) return;
    for (const b of bindingsIn(ctx.file.objects)) {
      const ref = b.roleRef;
      const name = ref?.name.value;
      if (!ref || !name || !ref.name.node) continue;
      const related: Related[] = [];
      const near = (kind: 'Role' | 'ClusterRole', ns: string | null) => {
        for (const o of index.rolesNamed(kind, name)) {
          if (o.name === name && o.namespace !== ns) related.push({ file: o.file, ...span(o.nameNode ?? o.root), message: `${describe(o)} has that name` });
        }
      };
      let message: string;
      if (ref.kind.value === 'Role' && b.kind === 'RoleBinding') {
        const ns = b.object.namespace;
        if (!ns || index.find('Role', ns, name).length || builtinObject('Role', ns, name)) continue;
        // A Role whose namespace is unknown (a Helm template, a disputed kustomize base) may be this one.
        if (index.find('Role', null, name).length || index.findRenamed('Role', ns, name).length) continue;
        near('Role', ns);
        near('ClusterRole', null);
        const guess = closest(name, [...index.ofKindIn('Role', ns)].filter((o) => o.name).map((o) => o.name as string));
        message = `No Role ${name} in namespace ${ns}: ${describe(b.object)} refers to it${guess ? ` (did you mean ${guess}?)` : ''}, but the workspace does not define it there; the binding grants nothing until it exists.`;
      } else if (ref.kind.value === 'ClusterRole') {
        if (isBuiltinClusterRole(name) || index.find('ClusterRole', null, name).length || index.findRenamed('ClusterRole', null, name).length) continue;
        near('Role', null);
        const known = [...[...index.ofKind('ClusterRole')].map((o) => o.name ?? ''), ...builtinObjects('ClusterRole').map((c) => c.name)];
        const guess = closest(name, known);
        message = `No ClusterRole ${name}: ${describe(b.object)} refers to it${guess ? ` (did you mean ${guess}?)` : ''}, but it is neither built in nor defined in the workspace; the binding grants nothing until it exists.`;
      } else continue;
      const hint = related.length ? ` ${related.map((r) => r.message.replace(/ has that name$/, '')).join(', ')} ${related.length > 1 ? 'have' : 'has'} that name.` : '';
      ctx.report({ message: message + hint, ...span(ref.name.node), related });
    }
  },
});
