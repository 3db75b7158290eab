import type { TextEdit } from '../../text/types';
import { pairOf, type YMap, type YPair } from '../../yaml/node';
import type { KObject } from '../../model/objects';
import { describe } from '../helpers';
import { BoundedMemo } from '../bounded-memo';
import { defineRule, type Fix } from '../types';
import { osaDistanceWithin as editDistance } from '../../text/edit-distance';
import { KNOWN_KEYS, isAzureCustomEndpointKey } from './identity-keys';

/** Real keys near the known ones that must not be taken for typos. */
const OTHER_REAL_KEYS = new Set(['aadpodidbinding', 'aadpodidentity.k8s.io/Behavior']);

const normalise = (s: string): string => s.toLowerCase().replace(/[-_.\s]/g, '');

interface KnownKey {
  key: string;
  domain: string;
}

/** Known keys by their normalised name (after the `/`), in the order of KNOWN_KEYS. */
const KNOWN_BY_NAME = new Map<string, KnownKey[]>();
for (const known of KNOWN_KEYS.keys()) {
  const [domain, name] = known.split('/');
  const n = normalise(name);
  const list = KNOWN_BY_NAME.get(n) ?? [];
  list.push({ key: known, domain });
  KNOWN_BY_NAME.set(n, list);
}

/** The known key this one was probably meant to be, or null; computed every time (see `intendedKey`). */
export function computeIntendedKey(key: string): string | null {
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
  const candidates = KNOWN_BY_NAME.get(normalise(key.slice(slash + 1)));
  if (!candidates) return null;
  const domain = key.slice(0, slash).toLowerCase();
  for (const { key: known, domain: kDomain } of candidates) {
    const allowed = Math.max(3, Math.floor(kDomain.length / 4));
    if (domain === kDomain || editDistance(domain, kDomain, allowed) <= allowed) return known;
  }
  return null;
}

/**
 * Every known key as close to `key` as the intended one (edit distance up to 2). More than one (a key halfway between
 * client-id and tenant-id) means the intent is a guess: the finding then offers no edit. Computed only when reporting.
 */
function equallyClose(key: string, meant: string): string[] {
  const d = editDistance(key, meant, 2);
  if (d > 2) return [meant];
  const out: string[] = [];
  for (const known of KNOWN_KEYS.keys()) if (editDistance(key, known, 2) === d) out.push(known);
  return out.length ? out : [meant];
}

/** Distinct keys remembered; a workspace repeats a few hundred label and annotation keys. */
export const INTENDED_KEY_MEMO_LIMIT = 4096;
const memo = new BoundedMemo<string | null>(INTENDED_KEY_MEMO_LIMIT, computeIntendedKey);

/** The known key this one was probably meant to be, or null. Remembered per key: every object asks again. */
export function intendedKey(key: string): string | null {
  return memo.get(key);
}

/** How many keys are remembered (for tests of the bound). */
export function intendedKeyMemoSize(): number {
  return memo.size;
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
    severity: 'error: the API server accepts the misspelt key and the webhook ignores it, so the pod silently runs without the intended identity.',
    assumes: 'Reads keys, which are never placeholders (a templated key is skipped). Needs no namespace. The key replacement is a fix when exactly one known key is that close; a key equally close to two known keys (halfway between client-id and tenant-id) or one whose replacement is already present gets no edit, since the intent would be a guess.',
  },
  check(ctx) {
    const text = ctx.file.text;
    // Each distinct labels or annotations map of an object (its own, its pod templates'), once, as `labelMaps`
    // and `annotationMaps` give them, without building their descriptions for every object.
    const checkMap = (o: KObject, map: YMap, what: 'label' | 'annotation'): void => {
      // Two misspellings of one key in one map: fixing both would write a duplicate key.
      let claimed: Set<string> | null = null;
      for (const p of map.pairs as YPair[]) {
        const k = p.keyNode;
        if (!k || k.unknown || p.key === null) continue;
        const meant = intendedKey(p.key);
        if (!meant) continue;
        claimed ??= new Set<string>();
        const fixes: Fix[] = [];
        const clash = pairOf(map, meant) ?? (claimed.has(meant) ? p : undefined);
        claimed.add(meant);
        const options = equallyClose(p.key, meant);
        if (!clash && options.length === 1) {
          const q = k.quoted ? text[k.start] : '';
          const edit: TextEdit = { start: k.start, end: k.end, newText: q ? `${q}${meant}${q}` : meant };
          fixes.push({ title: `Replace with ${meant}`, edits: [edit], isPreferred: true });
        }
        const tail = clash === p
          ? ` ${describe(o)} has another misspelling of it among its ${what}s; keep one of them.`
          : clash ? ` ${describe(o)} also has ${meant}; remove one of them.` : '';
        // Look-alike letters (a Cyrillic е for e) are invisible in the message unless named.
        const odd = [...p.key].find((ch) => ch.charCodeAt(0) > 0x7e);
        const oddText = odd ? `it has the non-ASCII character U+${odd.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} and ` : 'it ';
        ctx.report({
          message: `Likely misspelled ${what} key ${p.key}: ${oddText}looks like ${options.join(' or ')}, which the webhook matches exactly, so on ${describe(o)} it is ignored as written.${tail}`,
          start: k.start,
          end: k.end,
          fixes,
        });
      }
    };
    for (const o of ctx.file.objects) {
      const ownLabels = o.labels;
      if (ownLabels) checkMap(o, ownLabels, 'label');
      for (const p of o.podSpecs) if (p.labels && p.labels !== ownLabels) checkMap(o, p.labels, 'label');
      const ownAnnotations = o.annotations;
      if (ownAnnotations) checkMap(o, ownAnnotations, 'annotation');
      for (const p of o.podSpecs) if (p.annotations && p.annotations !== ownAnnotations) checkMap(o, p.annotations, 'annotation');
    }
  },
});
