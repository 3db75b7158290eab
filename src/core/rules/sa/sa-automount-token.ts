import { entry } from '../../model/objects';
import { ensurePath } from '../../yaml/edit';
import { pairOf, type YMap } from '../../yaml/node';
import { cloudOfKey } from '../other/identity-keys';
import { describe, pairSpan, serviceAccountOf, span } from '../helpers';
import { defineRule } from '../types';
import { isBound } from './bound-service-accounts';

function hasIdentityKey(map: YMap | null): boolean {
  return !!map && map.pairs.some((p) => p.key !== null && cloudOfKey(p.key) !== null);
}

export default defineRule({
  id: 'sa-automount-token',
  title: 'Pod mounts an API token it has no use for',
  defaultSeverity: 'info',
  category: 'service-account',
  fixable: false,
  suggests: true,
  docs: {
    why: 'Unless `automountServiceAccountToken: false` is set on the pod or its ServiceAccount, every container gets a Kubernetes API token. A pod that uses no workload identity and whose ServiceAccount no RoleBinding or ClusterRoleBinding grants anything has no use for it, and a compromised container can use it to probe the API server.',
    howToFix: 'Set `automountServiceAccountToken: false` in the pod spec (or on the ServiceAccount, for every pod that uses it). Leave it mounted for pods that call the Kubernetes API. Suggestion only (quick-fix menu): whether the program calls the API is something only its author knows, so `--fix` and fix-all never turn the token off.',
    severity: 'info: an unneeded token is a hardening opportunity, not a mistake; many programs call the API with permissions granted outside the workspace.',
    assumes: 'Needs the pod\'s namespace and ServiceAccount: unknown namespaces (Helm templates without one, kustomize bases included under several namespaces) are never reported. Kustomize patches are partial objects and never reported: what a patch leaves out stays as the target has it.',
    example: {
      bad: 'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx',
      good: 'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx\n      automountServiceAccountToken: false',
    },
  },
  check(ctx) {
    const text = ctx.file.text;
    for (const o of ctx.file.objects) {
      const ns = o.namespace;
      if (ns === null || o.partial) continue;
      for (const pod of o.podSpecs) {
        const name = pod.serviceAccountName;
        if (!name || pod.automountPair) continue;
        // Workload identity of any cloud, even misplaced (other rules report where it belongs).
        if ((pod.labels && entry(pod.labels, 'azure.workload.identity/use')) || (o.labels && entry(o.labels, 'azure.workload.identity/use'))) continue;
        if (hasIdentityKey(pod.annotations) || hasIdentityKey(o.annotations)) continue;
        // aad-pod-identity pods are aadpi-deprecated's finding; migrating them brings the use label anyway.
        if (pod.labels && entry(pod.labels, 'aadpodidbinding')) continue;
        const sa = serviceAccountOf(ctx.index, pod);
        // A named ServiceAccount we cannot see may disable automounting; `default` is created by Kubernetes with it unset.
        if (!sa && name !== 'default') continue;
        if (sa && (entry(sa.root, 'automountServiceAccountToken') || hasIdentityKey(sa.annotations) || hasIdentityKey(sa.labels))) continue;
        if (isBound(ctx.index, ns, name)) continue;
        const edit = ensurePath(text, pod.spec, ['automountServiceAccountToken'], false);
        const specKey = pairOf(pod.template, 'spec')?.keyNode;
        const at = pod.serviceAccountPair ? pairSpan(pod.serviceAccountPair) : specKey ? span(specKey) : span(pod.spec);
        const who = name === 'default' ? 'the default ServiceAccount' : `ServiceAccount ${name}`;
        ctx.report({
          message: `Unneeded Kubernetes API token in every container: ${describe(o)} runs as ${who}, which uses no workload identity and is granted nothing by any RoleBinding or ClusterRoleBinding in the workspace, yet automountServiceAccountToken is unset on both the pod and the ServiceAccount. Set it to false on the pod if the containers do not call the API.`,
          ...at,
          suggestions: edit ? [{ title: 'Set automountServiceAccountToken: false on the pod spec', edits: [edit], isPreferred: true }] : [],
        });
      }
    }
  },
});
