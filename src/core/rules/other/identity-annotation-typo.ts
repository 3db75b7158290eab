import type { TextEdit } from '../../text/types';
import { pairOf, type YPair } from '../../yaml/node';
import { annotationMaps, describe, labelMaps } from '../helpers';
import { defineRule, type Fix } from '../types';
import { KNOWN_KEYS, editDistance, isAzureCustomEndpointKey } from './identity-keys';

/** Real keys near the known ones that must not be taken for typos. */
const OTHER_REAL_KEYS = new Set(['aadpodidbinding', 'aadpodidentity.k8s.io/Behavior']);

const normalise = (s: string): string => s.toLowerCase().replace(/[-_.\s]/g, '');

/** The known key this one was probably meant to be, or null. */
export function intendedKey(key: string): string | null {
  if (KNOWN_KEYS.has(key) || OTHER_REAL_KEYS.has(key) || isAzureCustomEndpointKey(key)) return null;
  let best: string | null = null;
  let bestDistance = 3;
  for (const known of KNOWN_KEYS.keys()) {
    const d = editDistance(key, known, 2);
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
    }
  }
  if (best) return best;
  // A known name under a misspelt domain (eks.amazon.com/role-arn), or a re-cased/re-punctuated name.
  const slash = key.indexOf('/');
  if (slash <= 0) return null;
  const domain = key.slice(0, slash);
  const name = normalise(key.slice(slash + 1));
  for (const known of KNOWN_KEYS.keys()) {
    const [kDomain, kName] = known.split('/');
    if (normalise(kName) !== name) continue;
    const allowed = Math.max(3, Math.floor(kDomain.length / 4));
    if (domain.toLowerCase() === kDomain || editDistance(domain.toLowerCase(), kDomain, allowed) <= allowed) return known;
  }
  return null;
}

export default defineRule({
  id: 'identity-annotation-typo',
  title: 'Misspelt workload identity label or annotation key',
  defaultSeverity: 'error',
  category: 'other-clouds',
  fixable: true,
  docs: {
    why: 'The identity webhooks match keys exactly. A misspelt key such as `eks.amazon.com/role-arn`, `azure.workload.identity/client_id` or `iam.gke.io/gcp-serviceaccount` is accepted by the API server and ignored by the webhook, so the pod runs without the intended identity and nothing reports it.',
    howToFix: 'Replace the key with the exact one from the webhook documentation. Custom token endpoint keys `azure.workload.identity/use-<suffix>` are real and not flagged.',
    example: { bad: 'eks.amazon.com/role-arn: arn:aws:iam::111122223333:role/s3-reader', good: 'eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/s3-reader' },
  },
  check(ctx) {
    const text = ctx.file.text;
    for (const o of ctx.file.objects) {
      const maps = [
        ...labelMaps(o).map((m) => ({ ...m, what: 'label' })),
        ...annotationMaps(o).map((m) => ({ ...m, what: 'annotation' })),
      ];
      for (const m of maps) {
        // Two misspellings of one key in one map: fixing both would write a duplicate key.
        const claimed = new Set<string>();
        for (const p of m.map.pairs as YPair[]) {
          const k = p.keyNode;
          if (!k || k.unknown || p.key === null) continue;
          const meant = intendedKey(p.key);
          if (!meant) continue;
          const fixes: Fix[] = [];
          const clash = pairOf(m.map, meant) ?? (claimed.has(meant) ? p : undefined);
          claimed.add(meant);
          if (!clash) {
            const q = k.quoted ? text[k.start] : '';
            const edit: TextEdit = { start: k.start, end: k.end, newText: q ? `${q}${meant}${q}` : meant };
            fixes.push({ title: `Replace with ${meant}`, edits: [edit], isPreferred: true });
          }
          const tail = clash === p
            ? ` ${describe(o)} has another misspelling of it among its ${m.what}s; keep one of them.`
            : clash ? ` ${describe(o)} also has ${meant}; remove one of them.` : '';
          // Look-alike letters (a Cyrillic е for e) are invisible in the message unless named.
          const odd = [...p.key].find((ch) => ch.charCodeAt(0) > 0x7e);
          const shown = odd ? `${p.key} (with the non-ASCII character U+${odd.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})` : p.key;
          ctx.report({
            message: `The ${m.what} key ${shown} of ${describe(o)} looks like a misspelling of ${meant}, which the webhook matches exactly; as written it is ignored.${tail}`,
            start: k.start,
            end: k.end,
            fixes,
          });
        }
      }
    }
  },
});
