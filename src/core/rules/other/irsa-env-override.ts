import { entry, entryValue } from '../../model/objects';
import { removeSeqItem } from '../../yaml/edit';
import { get } from '../../yaml/node';
import { describe, serviceAccountOf, span } from '../helpers';
import { defineRule } from '../types';
import { IRSA } from './identity-keys';

const INJECTED = new Set(['AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE']);

export default defineRule({
  id: 'irsa-env-override',
  title: 'Container sets IRSA variables that the webhook injects',
  defaultSeverity: 'warning',
  category: 'other-clouds',
  fixable: false,
  suggests: true,
  docs: {
    why: 'When the ServiceAccount has `eks.amazonaws.com/role-arn`, the EKS pod identity webhook injects AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE, but it leaves a variable the container already defines alone. A hand-written value then wins: a stale role, or a token path where no token is mounted.',
    howToFix: 'Remove the env entry and let the webhook set it from the ServiceAccount. To manage a container by hand, list it in the pod annotation `eks.amazonaws.com/skip-containers`. Suggestion only (quick-fix menu): a variable may be set on purpose, so --fix never removes one.',
    severity: 'warning: the hand-written value wins over the webhook\'s and goes stale when the ServiceAccount changes; the pod still gets credentials.',
    assumes: 'Needs the pod\'s ServiceAccount in the workspace with a role-arn annotation; unknown namespaces and placeholder values are never reported.',
    example: { bad: 'env:\n  - name: AWS_ROLE_ARN\n    value: arn:aws:iam::111122223333:role/old', good: 'env: []' },
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      for (const pod of o.podSpecs) {
        const sa = serviceAccountOf(ctx.index, pod);
        const role = sa ? entryValue(sa.annotations, IRSA.roleArn) : null;
        if (!sa || !role || role.trim() === '') continue;
        // Pods the webhook does not touch may set the variables themselves.
        if (entry(pod.labels, IRSA.skipWebhook)) continue;
        const skipRaw = entry(pod.annotations, IRSA.skipContainers);
        if (skipRaw && skipRaw.value?.unknown) continue;
        const skipped = new Set((entryValue(pod.annotations, IRSA.skipContainers) ?? '').split(',').map((s) => s.trim()).filter(Boolean));
        for (const c of pod.containers) {
          if (c.list === 'ephemeralContainers' || !c.envSeq) continue;
          if (c.name && skipped.has(c.name)) continue;
          for (const e of c.env) {
            if (!e.name || !INJECTED.has(e.name)) continue;
            const nameNode = get(e.node, 'name');
            ctx.report({
              message: `${e.name} set by hand: container ${c.name ?? '(unnamed)'} of ${describe(o)} sets it, but its ${describe(sa)} has ${IRSA.roleArn}, and the webhook keeps this value instead of injecting its own.`,
              ...(nameNode ? span(nameNode) : span(e.node)),
              suggestions: [{ title: `Remove ${e.name} and let the webhook inject it`, edits: [removeSeqItem(ctx.file.text, c.envSeq, e.node)], isPreferred: true }],
            });
          }
        }
      }
    }
  },
});
