import { entry } from '../../model/objects';
import { removeSeqItem } from '../../yaml/edit';
import { knownStr } from '../../yaml/node';
import { WI, describe, serviceAccountOf } from '../helpers';
import { defineRule } from '../types';

/** Variables the webhook injects, and the ServiceAccount annotation each one mirrors. */
const INJECTED: Record<string, string | null> = {
  AZURE_CLIENT_ID: WI.clientId,
  AZURE_TENANT_ID: WI.tenantId,
  AZURE_FEDERATED_TOKEN_FILE: null,
  AZURE_AUTHORITY_HOST: null,
};

export default defineRule({
  id: 'wi-env-override',
  title: 'Container sets a variable the workload identity webhook injects',
  defaultSeverity: 'warning',
  category: 'workload-identity',
  fixable: true,
  docs: {
    why: 'The webhook does not overwrite AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE or AZURE_AUTHORITY_HOST when a container already sets them, so a hand-written value wins — a stale client id or token path breaks sign-in after the ServiceAccount changes.',
    howToFix: 'Remove the env entry and let the webhook set it from the ServiceAccount annotations.',
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      for (const pod of o.podSpecs) {
        const use = pod.labels ? knownStr(entry(pod.labels, WI.use)?.value) : null;
        if (use !== 'true') continue;
        const sa = serviceAccountOf(ctx.index, pod);
        for (const c of pod.containers) {
          for (const e of c.env) {
            if (!e.name || !(e.name in INJECTED) || !c.envSeq) continue;
            const key = INJECTED[e.name];
            const annotated = key && sa?.annotations ? knownStr(entry(sa.annotations, key)?.value) : null;
            const differs = annotated !== null && e.value !== null && e.value !== annotated;
            const nameNode = entry(e.node, 'name')?.value ?? e.node;
            const where = `Container ${c.name ?? '(unnamed)'} of ${describe(o)}`;
            ctx.report({
              message: differs
                ? `${where} sets ${e.name} to ${e.value}, but its ServiceAccount ${sa?.name} says ${annotated}; the webhook keeps the container's value, so the pod signs in as the wrong identity.`
                : `${where} sets ${e.name} itself, so the webhook leaves it as written instead of injecting it.`,
              start: nameNode.start, end: nameNode.end,
              severity: differs ? 'error' : undefined,
              fixes: [{ title: `Remove ${e.name} and let the webhook inject it`, edits: [removeSeqItem(ctx.file.text, c.envSeq, e.node)], isPreferred: true }],
            });
          }
        }
      }
    }
  },
});
