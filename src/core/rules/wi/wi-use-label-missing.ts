import { entry } from '../../model/objects';
import { WI, describe, pairSpan, serviceAccountOf, setPodLabel } from '../helpers';
import { defineRule } from '../types';

export default defineRule({
  id: 'wi-use-label-missing',
  title: 'Pod runs as a workload identity ServiceAccount without the `use` label',
  defaultSeverity: 'warning',
  category: 'workload-identity',
  fixable: true,
  docs: {
    why: 'Since webhook v1.0 only pods labelled `azure.workload.identity/use: "true"` are mutated. A pod whose ServiceAccount carries a client-id but whose template lacks the label starts without AZURE_CLIENT_ID or a token file, and fails at the first Azure call.',
    howToFix: 'Add `azure.workload.identity/use: "true"` to the pod template\'s labels (not to the Deployment\'s own labels or the ServiceAccount).',
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      for (const pod of o.podSpecs) {
        if (pod.labels && entry(pod.labels, WI.use)) continue;
        // Label on the controller itself or on the ServiceAccount: wi-use-label-misplaced reports it.
        if (o.labels && entry(o.labels, WI.use)) continue;
        const sa = serviceAccountOf(ctx.index, pod);
        if (!sa?.annotations || !entry(sa.annotations, WI.clientId)) continue;
        if (sa.labels && entry(sa.labels, WI.use)) continue;
        const edit = setPodLabel(ctx.file.text, pod, WI.use, 'true');
        const at = pod.serviceAccountPair ? pairSpan(pod.serviceAccountPair) : { start: pod.spec.start, end: pod.spec.start };
        ctx.report({
          message: `${describe(o)} runs as ServiceAccount ${sa.name}, which has a workload identity client-id, but its pod template lacks the label azure.workload.identity/use: "true", so the webhook does not inject the identity.`,
          ...at,
          fixes: edit ? [{ title: 'Add azure.workload.identity/use: "true" to the pod template labels', edits: [edit], isPreferred: true }] : [],
        });
      }
    }
  },
});
