import { entry } from '../../model/objects';
import { removePairPruning } from '../../yaml/edit';
import type { TextEdit } from '../../text/types';
import { WI, describe, pairSpan, podSpecsAmong, podSpecsUsing, setPodLabel } from '../helpers';
import { defineRule } from '../types';

export default defineRule({
  id: 'wi-use-label-misplaced',
  title: 'Workload identity `use` label on a ServiceAccount or a controller instead of the pod template',
  defaultSeverity: 'warning',
  category: 'workload-identity',
  fixable: true,
  alsoReports: ['info'],
  docs: {
    why: 'The webhook selects pods by their own labels. On a ServiceAccount or on a Deployment\'s top-level metadata the `azure.workload.identity/use` label selects nothing, and the pods start without the identity.',
    howToFix: 'Move the label to the pod template (`spec.template.metadata.labels`, `spec.jobTemplate.spec.template.metadata.labels` for CronJobs).',
    severity: 'warning: the label does nothing where it sits, so the pods run without the identity, a mistake a reviewer fixes at once. Not an error: webhooks before v1.0 did read it on the ServiceAccount. info when every pod that runs as the ServiceAccount in the workspace (or the controller\'s own pod template) already carries the label: the leftover is harmless, and the fix only removes it.',
    assumes: 'Needs the label key, not its value. For a ServiceAccount, the fix adds the label to the pods of the same file that run as it (same resolved namespace and name); pods elsewhere are not edited, and with an unknown namespace none is. A templated label value is moved as written.',
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      if (o.kind === 'Pod' || !o.labels) continue;
      const p = entry(o.labels, WI.use);
      if (!p) continue;
      let pods;
      // Only this file's pods get the label in the fix: no walk over the workspace.
      if (o.kind === 'ServiceAccount') pods = podSpecsAmong(ctx.file.objects, o);
      else if (o.podSpecs.length > 0) pods = o.podSpecs;
      else continue;
      const remove = removePairPruning(ctx.file.text, o.labels, p, o.metadata, 'labels');
      // Pods that already carry the label make this one a harmless leftover.
      const runners = o.kind === 'ServiceAccount' ? podSpecsUsing(ctx.index, o) : pods;
      if (runners.length > 0 && runners.every((pod) => pod.labels && entry(pod.labels, WI.use))) {
        const whose = o.kind === 'ServiceAccount' ? 'the pods that run as it already carry it' : 'its pod template already carries it';
        ctx.report({
          message: `Leftover label azure.workload.identity/use on ${describe(o)}: the webhook reads it only from pod labels, and ${whose}. Remove it.`,
          ...pairSpan(p),
          severity: 'info',
          fixes: [{ title: 'Remove the leftover label', edits: [remove], isPreferred: true }],
        });
        continue;
      }
      const edits: TextEdit[] = [remove];
      for (const pod of pods) {
        if (pod.labels && entry(pod.labels, WI.use)) continue;
        const add = setPodLabel(ctx.file.text, pod, WI.use, 'true');
        if (add) edits.push(add);
      }
      const [where, target] = o.kind === 'ServiceAccount'
        ? [`on ${describe(o)}`, 'the pod templates of the workloads that run as it']
        : [`in the metadata of ${describe(o)}`, 'the pod template'];
      ctx.report({
        message: `Label azure.workload.identity/use outside a pod template: it sits ${where}, but the webhook reads it only from pod labels, so it selects nothing. Put it on ${target}.`,
        ...pairSpan(p),
        fixes: pods.length > 0 ? [{ title: 'Move the label to the pod template', edits, isPreferred: true }] : [],
      });
    }
  },
});
