import { entry } from '../../model/objects';
import { WI, describe, pairSpan, serviceAccountOf, setPodLabel, span } from '../helpers';
import { defineRule } from '../types';

export default defineRule({
  id: 'wi-use-label-missing',
  title: 'Pod runs as a workload identity ServiceAccount without the `use` label',
  defaultSeverity: 'warning',
  category: 'workload-identity',
  fixable: true,
  docs: {
    why: 'Since webhook v1.0 only pods labelled `azure.workload.identity/use: "true"` are mutated. A pod whose ServiceAccount carries a client-id but whose template lacks the label starts without AZURE_CLIENT_ID or a token file, and fails at the first Azure call.',
    howToFix: 'Add `azure.workload.identity/use: "true"` to the pod template\'s labels (not to the Deployment\'s own labels or the ServiceAccount). Fix (safe): the label is what the ServiceAccount\'s client-id asks for.',
    severity: 'warning, not error: the pod starts and runs; it fails only at its first Azure call, and some pods share a ServiceAccount without needing the identity.',
    assumes: 'Needs the pod\'s ServiceAccount, defined in the workspace in a known namespace (or a workload identity proxy container in the pod). Unknown namespaces and kustomize patches (the label may be on the target) are never reported.',
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      // A kustomize patch leaves out what it does not change: the label may well be on the target.
      if (o.partial) continue;
      for (const pod of o.podSpecs) {
        if (pod.labels && entry(pod.labels, WI.use)) continue;
        // Label on the controller itself or on the ServiceAccount: wi-use-label-misplaced reports it.
        if (o.labels && entry(o.labels, WI.use)) continue;
        const proxy = pod.containers.find((c) => c.name === 'azwi-proxy' || c.name === 'azwi-proxy-init');
        if (proxy && proxy.nameNode) {
          const edit = setPodLabel(ctx.file.text, pod, WI.use, 'true');
          ctx.report({
            message: `Missing label azure.workload.identity/use: "true" on the pod template of ${describe(o)}, which runs the workload identity proxy (${proxy.name}): without the label the webhook injects no token, so the proxy has nothing to exchange.`,
            ...span(proxy.nameNode),
            fixes: edit ? [{ title: 'Add azure.workload.identity/use: "true" to the pod template labels', edits: [edit], isPreferred: true }] : [],
          });
          continue;
        }
        const sa = serviceAccountOf(ctx.index, pod);
        if (!sa?.annotations || !entry(sa.annotations, WI.clientId)) continue;
        if (sa.labels && entry(sa.labels, WI.use)) continue;
        const edit = setPodLabel(ctx.file.text, pod, WI.use, 'true');
        const at = pod.serviceAccountPair ? pairSpan(pod.serviceAccountPair) : { start: pod.spec.start, end: pod.spec.start };
        ctx.report({
          message: `Missing label azure.workload.identity/use: "true" on the pod template: ${describe(o)} runs as ServiceAccount ${sa.name}, which has a workload identity client-id, but the webhook does not inject the identity without the label.`,
          ...at,
          fixes: edit ? [{ title: 'Add azure.workload.identity/use: "true" to the pod template labels', edits: [edit], isPreferred: true }] : [],
        });
      }
    }
  },
});
