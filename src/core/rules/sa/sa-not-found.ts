import { entry } from '../../model/objects';
import { appendDocument, formatScalar, renderDocument, setPairValue } from '../../yaml/edit';
import { osaDistanceWithin as editDistance } from '../../text/edit-distance';
import { describe, span } from '../helpers';
import { defineRule, type Fix, type Related } from '../types';
import { isDnsSubdomain } from './dns-name';
import { builtinObject } from '../../knowledge/k8s-builtins';

export default defineRule({
  id: 'sa-not-found',
  title: 'Pod runs as a ServiceAccount the workspace does not define',
  defaultSeverity: 'warning',
  category: 'service-account',
  fixable: false,
  suggests: true,
  docs: {
    why: 'A pod whose ServiceAccount does not exist is refused by the API server ("serviceaccount not found"); for a Deployment or Job the controller keeps failing to create pods while the apply itself looks successful. Checked only in namespaces where the workspace defines ServiceAccounts, so a repository that keeps them elsewhere is not flagged.',
    howToFix: 'Create the ServiceAccount in the pod\'s namespace, or correct a misspelt `serviceAccountName`. Suggestions (quick-fix menu): run as the near-miss ServiceAccount, or create one; never applied in bulk.',
    severity: 'warning, not error: the ServiceAccount may be created outside this workspace (a chart dependency, another repository); the rule fires only where the workspace defines the namespace\'s ServiceAccounts.',
    assumes: 'Needs the pod\'s namespace: unknown namespaces (Helm templates without one, kustomize bases included under several namespaces) are never reported, and a ServiceAccount with an unknown namespace or templated name counts as a match. The ServiceAccounts every cluster has (`default`, the kube-system controllers\' accounts) count as defined, and so do names a kustomize build produces with namePrefix/nameSuffix. Placeholder names are unknown.',
    example: {
      bad: 'kind: Deployment\nmetadata:\n  name: orders\n  namespace: shop\nspec:\n  template:\n    spec:\n      serviceAccountName: order',
      good: 'kind: Deployment\nmetadata:\n  name: orders\n  namespace: shop\nspec:\n  template:\n    spec:\n      serviceAccountName: orders\n---\nkind: ServiceAccount\nmetadata:\n  name: orders\n  namespace: shop',
    },
  },
  check(ctx) {
    const text = ctx.file.text;
    for (const o of ctx.file.objects) {
      const ns = o.namespace;
      for (const pod of o.podSpecs) {
        const name = pod.serviceAccountName;
        const value = pod.serviceAccountPair?.value;
        if (!value || !name || name === 'default' || ns === null) continue;
        // An invalid name is sa-name-invalid's finding; creating an SA with it would not help.
        if (!isDnsSubdomain(name)) continue;
        if (!ctx.index.hasKindIn('ServiceAccount', ns) || ctx.index.find('ServiceAccount', ns, name).length) continue;
        if (builtinObject('ServiceAccount', ns, name) || ctx.index.findRenamed('ServiceAccount', ns, name).length) continue;

        // A near miss in the same namespace is most likely a typo.
        let near: { name: string; related: Related } | null = null;
        let best = 3;
        let unknown = false;
        // Only ServiceAccounts of this namespace or of an unknown one can matter: no walk over the workspace.
        for (const sa of [...ctx.index.ofKindIn('ServiceAccount', null), ...ctx.index.ofKindIn('ServiceAccount', ns)]) {
          // A templated name or namespace may well be the one the pod asks for.
          if ((sa.namespace === null && (sa.name === null || sa.name === name)) || (sa.namespace === ns && sa.name === null)) unknown = true;
          if (sa.namespace !== ns || !sa.name || !sa.nameNode) continue;
          const d = editDistance(sa.name, name, 2);
          if (d < best || (d === best && near && sa.name < near.name)) {
            best = d;
            near = { name: sa.name, related: { file: sa.file, ...span(sa.nameNode), message: `ServiceAccount ${sa.name} is defined here` } };
          }
        }

        if (unknown) continue;

        const metadata: Record<string, string> = { name };
        // State the namespace only when the workload does; otherwise both follow the apply-time namespace.
        if (o.metadata && entry(o.metadata, 'namespace')) metadata.namespace = ns;
        const create = appendDocument(text, renderDocument({ apiVersion: 'v1', kind: 'ServiceAccount', metadata }));
        // With a near miss, which one was meant is open: neither choice is preferred.
        const suggestions: Fix[] = [{ title: `Create ServiceAccount ${name} in namespace ${ns}`, edits: [create], ...(near ? {} : { isPreferred: true }) }];
        const rename = near && pod.serviceAccountPair ? setPairValue(text, pod.serviceAccountPair, formatScalar(near.name)) : null;
        if (near && rename) suggestions.push({ title: `Run as ServiceAccount ${near.name} instead`, edits: [rename] });

        ctx.report({
          message: `No ServiceAccount ${name} in namespace ${ns}: ${describe(o)} runs as it${near ? ` (did you mean ${near.name}?)` : ''}, but the workspace does not define it, and the API server refuses pods whose ServiceAccount does not exist.`,
          ...span(value),
          ...(near ? { related: [near.related] } : {}),
          suggestions,
        });
      }
    }
  },
});
