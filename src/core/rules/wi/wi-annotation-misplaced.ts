import { entry } from '../../model/objects';
import { removePairPruning } from '../../yaml/edit';
import { isScalar } from '../../yaml/node';
import type { Fix } from '../types';
import { WI, annotationMaps, describe, pairSpan, serviceAccountOf, setAnnotation } from '../helpers';
import { defineRule } from '../types';

export default defineRule({
  id: 'wi-annotation-misplaced',
  title: 'Workload identity client-id or tenant-id annotation on a pod or workload',
  defaultSeverity: 'warning',
  category: 'workload-identity',
  fixable: false,
  suggests: true,
  docs: {
    why: 'The webhook reads `azure.workload.identity/client-id` and `tenant-id` only from the pod\'s ServiceAccount. On a pod, pod template or controller they are ignored, and the pod gets no AZURE_CLIENT_ID.',
    howToFix: 'Move the annotation to the ServiceAccount named by the pod\'s `serviceAccountName`. Suggestion only (quick-fix menu): moving an identity onto a ServiceAccount changes every pod that runs as it.',
    severity: 'warning: the annotation does nothing where it is (only ServiceAccounts are read), so the pod runs without the identity it names.',
    assumes: 'Reads the object\'s own metadata and pod template; the move is offered only when the pod\'s ServiceAccount is in the same file and its namespace is known. Placeholder values are still misplaced (the key is what matters).',
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      if (o.kind === 'ServiceAccount' || o.podSpecs.length === 0) continue;
      for (const { map, pod } of annotationMaps(o)) {
        const podSpec = pod ?? o.podSpecs[0];
        const sa = serviceAccountOf(ctx.index, podSpec);
        const saHere = sa && ctx.file.objects.includes(sa) ? sa : null;
        for (const key of [WI.clientId, WI.tenantId]) {
          const p = entry(map, key);
          if (!p) continue;
          const fixes: Fix[] = [];
          const remove = removePairPruning(ctx.file.text, map, p, pod ? pod.templateMeta : o.metadata, 'annotations');
          const v = p.value;
          if (saHere) {
            const already = saHere.annotations ? entry(saHere.annotations, key) : undefined;
            const add = already ? null : setAnnotation(ctx.file.text, saHere, key, isScalar(v) ? v.source : '""');
            if (already) fixes.push({ title: `Remove it (ServiceAccount ${saHere.name} already has ${key})`, edits: [remove], isPreferred: true });
            else if (add) fixes.push({ title: `Move it to ServiceAccount ${saHere.name}`, edits: [remove, add], isPreferred: true });
          }
          const target = sa ? `ServiceAccount ${sa.name}` : `the pod's ServiceAccount (${podSpec.serviceAccountName ?? 'unknown'})`;
          ctx.report({
            message: `Ignored annotation ${key}: the webhook reads it only from the pod's ServiceAccount, not from ${describe(o)}. Move it to ${target}.`,
            ...pairSpan(p),
            suggestions: fixes,
          });
        }
      }
    }
  },
});
