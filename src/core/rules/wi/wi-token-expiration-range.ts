import { entry } from '../../model/objects';
import { setPairValue } from '../../yaml/edit';
import { isScalar } from '../../yaml/node';
import { WI, annotationMaps, describe, pairSpan } from '../helpers';
import { defineRule } from '../types';

const MIN = 3600;
const MAX = 86400;

export default defineRule({
  id: 'wi-token-expiration-range',
  title: 'Workload identity token expiration is not a whole number of seconds in 3600..86400',
  defaultSeverity: 'error',
  category: 'workload-identity',
  fixable: true,
  docs: {
    why: 'The webhook rejects pods whose `azure.workload.identity/service-account-token-expiration` (on the ServiceAccount or the pod, the pod\'s wins) is not an integer number of seconds between 3600 and 86400, so the pod is never created.',
    howToFix: 'Use a whole number of seconds from 3600 (1 hour, the default) to 86400 (24 hours), written as a quoted string, or remove the annotation.',
    example: { bad: 'azure.workload.identity/service-account-token-expiration: "600"', good: 'azure.workload.identity/service-account-token-expiration: "3600"' },
    severity: 'error: the webhook refuses a value outside 3600..86400 or one that is not a whole number, so the pod is not created as written.',
    assumes: 'Needs the value to be known: a template or placeholder is not judged. Needs no namespace. The fix clamps to the nearest bound, which keeps the author\'s intent as closely as the webhook allows.',
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      for (const { map } of annotationMaps(o)) {
        const p = entry(map, WI.tokenExpiration);
        if (!p) continue;
        const v = p.value;
        if (v && v.unknown) continue;
        const raw = isScalar(v) && v.value !== null ? String(v.value).trim() : '';
        const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
        if (n >= MIN && n <= MAX) continue;
        const at = v && v.end > v.start ? { start: v.start, end: v.end } : pairSpan(p);
        const base = `azure.workload.identity/service-account-token-expiration of ${describe(o)}`;
        if (Number.isNaN(n)) {
          const problem = raw === '' ? `Empty token expiration: ${base} is empty` : `Token expiration not in whole seconds: ${base} is "${raw}"`;
          ctx.report({ message: `${problem}; the webhook accepts ${MIN} to ${MAX} seconds and rejects the pod otherwise.`, ...at });
          continue;
        }
        const bound = n < MIN ? MIN : MAX;
        const edit = setPairValue(ctx.file.text, p, `"${bound}"`);
        ctx.report({
          message: `Token expiration ${n < MIN ? 'below the minimum' : 'above the maximum'} of ${bound} seconds: ${base} is ${n}; the webhook rejects the pod.`,
          ...at,
          fixes: edit ? [{ title: `Set the token expiration to ${bound} seconds`, edits: [edit], isPreferred: true }] : [],
        });
      }
    }
  },
});
