import { entry } from '../../model/objects';
import type { TextEdit } from '../../text/types';
import { removePairPruning } from '../../yaml/edit';
import { knownStr } from '../../yaml/node';
import { annotationMaps, describe, pairSpan, serviceAccountOf, setAnnotation, span } from '../helpers';
import { defineRule, type Fix } from '../types';
import { GKE, IRSA } from './identity-keys';

const KEYS = [IRSA.roleArn, GKE.gsa];

/** Removes the pair, or the whole `annotations:` entry when the pair is its only one. */
export default defineRule({
  id: 'identity-annotation-misplaced',
  title: 'Cloud identity annotation on a pod or workload instead of its ServiceAccount',
  defaultSeverity: 'warning',
  category: 'other-clouds',
  fixable: false,
  suggests: true,
  docs: {
    why: 'The EKS pod identity webhook reads `eks.amazonaws.com/role-arn`, and GKE reads `iam.gke.io/gcp-service-account`, only from the ServiceAccount. On a pod, its template or its controller the annotation does nothing, and the pod runs with the node\'s credentials or none.',
    howToFix: 'Move the annotation to the ServiceAccount the pod runs as (`spec.serviceAccountName`). The quick fix does that when the ServiceAccount is in the same file. Suggestion only (quick-fix menu): moving an identity onto a ServiceAccount changes every pod that runs as it.',
    severity: 'warning: the annotation does nothing where it is, so the pod falls back to the node\'s identity or none.',
    assumes: 'Reads the object\'s own metadata and pod template; the move is offered only when the pod\'s ServiceAccount is in the same file and its namespace is known.',
    example: {
      bad: 'kind: Deployment\nspec:\n  template:\n    metadata:\n      annotations:\n        eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/s3-reader',
      good: 'kind: ServiceAccount\nmetadata:\n  name: api\n  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/s3-reader',
    },
  },
  check(ctx) {
    const text = ctx.file.text;
    for (const o of ctx.file.objects) {
      if (o.podSpecs.length === 0) continue;
      for (const m of annotationMaps(o)) {
        const pod = m.pod ?? o.podSpecs[0];
        const parent = m.place === 'object' && o.kind !== 'Pod' ? o.metadata : pod.templateMeta;
        for (const key of KEYS) {
          const p = entry(m.map, key);
          if (!p) continue;
          const where = m.place === 'pod-template' && o.kind !== 'Pod' ? `the pod template of ${describe(o)}` : describe(o);
          const sa = serviceAccountOf(ctx.index, pod);
          const saText = pod.serviceAccountName ? `ServiceAccount ${pod.serviceAccountName}` : 'its ServiceAccount';
          const fixes: Fix[] = [];
          const value = knownStr(p.value);
          if (sa && sa.file === o.file && value !== null) {
            const have = entry(sa.annotations, key);
            const edits: TextEdit[] = [removePairPruning(text, m.map, p, parent, 'annotations')];
            const add = have ? null : setAnnotation(text, sa, key, value);
            if (!have || knownStr(have.value) === value) {
              if (add) edits.push(add);
              if (have || add) fixes.push({ title: `Move ${key} to ${describe(sa)}`, edits, isPreferred: true });
            }
          }
          ctx.report({
            message: `Ignored annotation ${key}: the webhook reads it only from the ServiceAccount, not from ${where}. Move it to ${saText}.`,
            ...(p.keyNode ? span(p.keyNode) : pairSpan(p)),
            suggestions: fixes,
          });
        }
      }
    }
  },
});
