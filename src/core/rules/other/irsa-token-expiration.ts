import { entry } from '../../model/objects';
import { isScalar } from '../../yaml/node';
import { annotationMaps, describe, pairSpan } from '../helpers';
import { defineRule } from '../types';
import { IRSA } from './identity-keys';

const MIN = 600;

export default defineRule({
  id: 'irsa-token-expiration',
  title: 'IRSA token-expiration is not an integer or is below 600 seconds',
  defaultSeverity: 'warning',
  category: 'other-clouds',
  fixable: false,
  docs: {
    why: 'The EKS pod identity webhook reads `eks.amazonaws.com/token-expiration` as whole seconds. A value that is not an integer is ignored (the ServiceAccount value or the webhook default of 86400 applies instead), and a value below 600 is silently raised to 600, so the token lives longer than the manifest says.',
    howToFix: 'Write an integer number of seconds, at least 600, as a quoted string, e.g. `"3600"`.',
    example: { bad: 'eks.amazonaws.com/token-expiration: "1h"', good: 'eks.amazonaws.com/token-expiration: "3600"' },
    severity: 'warning: the webhook raises a value below 600 to 600, and ignores one that is not a number, so the token lives longer than written: a surprise a reviewer fixes, not a failure.',
    assumes: 'Needs the value to be known: templates and placeholders are not judged. Needs no namespace.',
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      for (const { map } of annotationMaps(o)) {
        const p = entry(map, IRSA.tokenExpiration);
        if (!p) continue;
        const v = p.value;
        if (v && v.unknown) continue;
        const raw = isScalar(v) && v.value !== null ? (typeof v.value === 'string' ? v.value : v.source) : '';
        const at = v && v.end > v.start ? { start: v.start, end: v.end } : pairSpan(p);
        const what = `${IRSA.tokenExpiration} of ${describe(o)}`;
        // Go's strconv.ParseInt(s, 10, 64): optional sign, decimal digits, nothing else.
        if (!/^[+-]?\d+$/.test(raw)) {
          const shown = v && !isScalar(v) ? `Token expiration not a string: ${what} is not a string` : raw === '' ? `Empty token expiration: ${what} is empty` : `Token expiration not in whole seconds: ${what} is "${raw}"`;
          ctx.report({ message: `${shown}; the webhook ignores it and uses the next setting (pod, ServiceAccount, then its default of 86400).`, ...at });
        } else if (Number(raw) < MIN) {
          ctx.report({ message: `Token expiration below ${MIN} seconds: ${what} is ${Number(raw)}; the webhook silently raises it to ${MIN}.`, ...at });
        }
      }
    }
  },
});
