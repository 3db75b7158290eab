import { entry } from '../../model/objects';
import { removeSeqItem } from '../../yaml/edit';
import { knownStr } from '../../yaml/node';
import { WI, describe, serviceAccountOf, setAnnotation } from '../helpers';
import { defineRule, type Fix } from '../types';
import type { EnvVar, KObject } from '../../model/objects';
import type { YSeq } from '../../yaml/node';

/**
 * Removing the variable is right only when the ServiceAccount carries the same value; a value the account lacks
 * (a cross-tenant AZURE_TENANT_ID) moves to its annotation in the same edit, when the account is in this file.
 */
function envSuggestions(file: string, text: string, sa: KObject | null, key: string | null, e: EnvVar, envSeq: YSeq): Fix[] {
  const remove = removeSeqItem(text, envSeq, e.node);
  const annotated = key && sa?.annotations ? entry(sa.annotations, key) : null;
  if (key && e.value !== null && !annotated) {
    // Edits stay in the finding's own file: without the ServiceAccount here there is nothing safe to offer.
    const add = sa && sa.file === file ? setAnnotation(text, sa, key, e.value) : null;
    return add ? [{ title: `Move ${e.name} to ServiceAccount ${sa!.name}'s ${key} annotation`, edits: [add, remove], isPreferred: true }] : [];
  }
  return [{ title: `Remove ${e.name} and let the webhook inject it`, edits: [remove], isPreferred: true }];
}

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
  alsoReports: ['error'],
  category: 'workload-identity',
  fixable: false,
  suggests: true,
  docs: {
    why: 'The webhook does not overwrite AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE or AZURE_AUTHORITY_HOST when a container already sets them, so a hand-written value wins — a stale client id or token path breaks sign-in after the ServiceAccount changes.',
    howToFix: 'Move the value to the ServiceAccount\'s annotation (`client-id`, `tenant-id` — a cross-tenant workload needs its tenant there) and remove the env entry, so the webhook sets it. Suggestions only (quick-fix menu): a variable may be set on purpose, so `--fix` never removes one.',
    severity: 'warning: the variable freezes what the webhook would keep current; error when its value contradicts the ServiceAccount\'s annotation, because the pod then silently signs in as another identity or tenant.',
    assumes: 'Needs the pod\'s `use` label to be the string "true" and, for the error, the ServiceAccount in the workspace with a known annotation; placeholder values are unknown and never compared.',
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
            const where = `container ${c.name ?? '(unnamed)'} of ${describe(o)}`;
            ctx.report({
              message: differs
                ? `Conflicting ${e.name}: ${where} sets ${e.value}, but its ServiceAccount ${sa?.name} says ${annotated}; the webhook keeps the container's value, so the pod signs in as the wrong identity.`
                : `${e.name} set by hand: ${where} sets it, so the webhook leaves it as written instead of injecting it.`,
              start: nameNode.start, end: nameNode.end,
              severity: differs ? 'error' : undefined,
              suggestions: envSuggestions(ctx.file.path, ctx.file.text, sa, key, e, c.envSeq),
            });
          }
        }
      }
    }
  },
});
