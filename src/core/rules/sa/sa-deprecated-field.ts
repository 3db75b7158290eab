import { entry } from '../../model/objects';
import { removePair, setPairValue } from '../../yaml/edit';
import type { YPair } from '../../yaml/node';
import { knownStr } from '../../yaml/node';
import { describe, pairSpan } from '../helpers';
import { defineRule, type Fix } from '../types';

/** A pair's value as the API server sees it: '' for an empty or null value, null when unknown. */
function valueOf(p: YPair): string | null {
  const v = p.value;
  if (!v || (v.kind === 'scalar' && !v.unknown && (v.value === null || v.value === ''))) return '';
  return knownStr(v);
}

export default defineRule({
  id: 'sa-deprecated-field',
  title: 'Deprecated `serviceAccount` field in a pod spec',
  defaultSeverity: 'warning',
  alsoReports: ['error'],
  category: 'service-account',
  fixable: true,
  suggests: true,
  docs: {
    why: '`serviceAccount` is a deprecated alias of `serviceAccountName`. The API server only reads it when `serviceAccountName` is empty, so when both are set and differ the pod silently runs as `serviceAccountName` and readers of the manifest are misled.',
    howToFix: 'Use `serviceAccountName` only. When both fields are set to different names, decide which ServiceAccount the pod should run as and keep that one.',
    severity: 'warning: the deprecated field still works; error when both fields name different ServiceAccounts, because the manifest then says one thing and the pod runs as the other.',
    assumes: 'Reads the pod spec alone; no namespace needed. Fix (safe): rename a lone serviceAccount to serviceAccountName, drop a duplicate that names the same account. Suggestions (quick-fix menu): which name to keep when the two differ.',
    example: {
      bad: 'spec:\n  serviceAccount: orders',
      good: 'spec:\n  serviceAccountName: orders',
    },
  },
  check(ctx) {
    const text = ctx.file.text;
    for (const o of ctx.file.objects) {
      for (const pod of o.podSpecs) {
        const old = entry(pod.spec, 'serviceAccount');
        if (!old) continue;
        const current = entry(pod.spec, 'serviceAccountName');
        const oldValue = valueOf(old);
        const shown = (v: string | null) => (v === null ? 'an unknown value' : v === '' ? 'nothing' : v);
        if (!current) {
          const rename: Fix[] = old.keyNode ? [{ title: 'Rename serviceAccount to serviceAccountName', edits: [{ start: old.keyNode.start, end: old.keyNode.end, newText: 'serviceAccountName' }], isPreferred: true }] : [];
          ctx.report({
            message: `Deprecated field serviceAccount: ${describe(o)} names its ServiceAccount${oldValue ? ` (${oldValue})` : ''} with it; use serviceAccountName.`,
            ...pairSpan(old),
            fixes: rename,
          });
          continue;
        }
        const currentValue = valueOf(current);
        const related = [{ file: ctx.file.path, start: current.start, end: Math.max(current.end, current.start), message: 'serviceAccountName is set here' }];
        const dropOld = removePair(text, pod.spec, old);
        // The deprecated value as written (quotes, templates and all), for copying into serviceAccountName.
        // Only a scalar can be copied onto the serviceAccountName line; a block list or map there would not parse.
        const oldSource = old.value && old.value.kind === 'scalar' && old.value.end > old.value.start && !/[\r\n]/.test(text.slice(old.value.start, old.value.end))
          ? text.slice(old.value.start, old.value.end) : null;
        const keepOld = oldSource ? setPairValue(text, current, oldSource) : null;
        // The same template or placeholder text in both fields names the same account, known or not.
        const sameSource = !!current.value && !!old.value && text.slice(current.value.start, current.value.end).trim() === text.slice(old.value.start, old.value.end).trim();
        if (oldValue === '' || (currentValue !== null && currentValue === oldValue) || sameSource) {
          ctx.report({
            message: oldValue === ''
              ? `Empty deprecated field serviceAccount: ${describe(o)} sets serviceAccountName and an empty serviceAccount; remove serviceAccount.`
              : `Deprecated field serviceAccount repeats serviceAccountName: ${describe(o)} sets both to ${currentValue ?? 'the same value'}; remove serviceAccount.`,
            ...pairSpan(old),
            related,
            fixes: [{ title: 'Remove the deprecated serviceAccount field', edits: [dropOld], isPreferred: true }],
          });
          continue;
        }
        if (currentValue === '') {
          // An empty serviceAccountName lets the deprecated field decide, so its value is the one to keep.
          ctx.report({
            message: `Name only in the deprecated field serviceAccount: ${describe(o)} leaves serviceAccountName empty and names ${shown(oldValue)} in serviceAccount; move the name to serviceAccountName.`,
            ...pairSpan(old),
            related,
            fixes: keepOld ? [{ title: 'Move the serviceAccount value to serviceAccountName', edits: [keepOld, dropOld], isPreferred: true }] : [],
          });
          continue;
        }
        // They differ, or one of them is unknown: which ServiceAccount was meant is the author's call.
        const suggestions: Fix[] = [{ title: `Keep serviceAccountName (${shown(currentValue)}) and remove serviceAccount`, edits: [dropOld] }];
        if (keepOld) suggestions.push({ title: `Use serviceAccount's value (${shown(oldValue)}) as serviceAccountName and remove serviceAccount`, edits: [keepOld, dropOld] });
        const differ = currentValue !== null && oldValue !== null;
        ctx.report({
          message: differ
            ? `Conflicting serviceAccountName and deprecated serviceAccount: ${describe(o)} sets ${currentValue} and ${oldValue}; the pod runs as ${currentValue} and serviceAccount is ignored. Keep the name that is meant, in serviceAccountName only.`
            : `Deprecated field serviceAccount beside serviceAccountName: ${describe(o)} sets serviceAccountName (${shown(currentValue)}) and serviceAccount (${shown(oldValue)}); keep one name, in serviceAccountName only.`,
          ...pairSpan(old),
          ...(differ ? { severity: 'error' as const } : {}),
          related,
          suggestions,
        });
      }
    }
  },
});
