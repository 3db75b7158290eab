import { entry, type KObject } from '../../model/objects';
import { getPath, isMap, type YMap } from '../../yaml/node';
import { setPairValue } from '../../yaml/edit';
import { isUseLabelOptOut } from '../../model/workload-identity';
import { WI, describe, labelMaps, pairSpan } from '../helpers';
import { defineRule } from '../types';

// Where a pod template's labels sit when the model found no pod spec: a kustomize patch often carries only the
// template's metadata, and a boolean label there is rejected whatever the patch is merged into.
const TEMPLATE_LABELS = [['spec', 'template', 'metadata', 'labels'], ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels']];

const YAML11_TRUE = /^(?:y|Y|yes|Yes|YES|on|On|ON)$/;
const YAML11_FALSE = /^(?:n|N|no|No|NO|off|Off|OFF)$/;

/** Every labels map of an object that a pod could carry: its own, its pod templates', and a patch's bare template. */
function podLabelMaps(o: KObject): YMap[] {
  const maps = labelMaps(o).map((m) => m.map);
  if (o.podSpecs.length === 0) {
    for (const path of TEMPLATE_LABELS) {
      const m = getPath(o.root, path);
      if (isMap(m) && !maps.includes(m)) maps.push(m);
    }
  }
  return maps;
}

export default defineRule({
  id: 'wi-use-label-value',
  title: 'Workload identity `use` label is not the string "true"',
  defaultSeverity: 'error',
  category: 'workload-identity',
  fixable: true,
  suggests: true,
  docs: {
    why: 'The webhook selects pods with the label `azure.workload.identity/use: "true"` (exact string). Unquoted `true` is a YAML boolean that the API server rejects as a label value; "True" or "yes" are accepted but never match, so the pod runs without the identity.',
    howToFix: 'Write the value as the quoted string "true". Fix (safe): an unquoted `true` or "True" becomes "true", an unquoted `false` becomes "false" (kept off). Suggestion (quick-fix menu): any other word becomes "true". A string that turns the identity off ("false", "no", "disabled") is left alone.',
    example: { bad: 'labels:\n  azure.workload.identity/use: true', good: 'labels:\n  azure.workload.identity/use: "true"' },
    severity: 'error: an unquoted boolean (`true`, `false`, and in Kubernetes\' YAML 1.1 also `yes`, `no`, `on`, `off`) is rejected by the API server as a label value; any other string is accepted but never matches the webhook\'s selector, so the pod silently runs without the identity. Not reported: a string that turns it off on purpose ("false", "no", "off", "disabled", "0").',
    assumes: 'Needs the value to be known: a template or placeholder (`${USE_WI}`, `{{ .Values.use }}`) is not judged. Needs no namespace. Also reads the pod template labels of a kustomize patch, which is merged into the real object.',
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      for (const map of podLabelMaps(o)) {
        const p = entry(map, WI.use);
        const v = p?.value;
        if (!p || !v || v.unknown || v.kind !== 'scalar') continue;
        const text = typeof v.value === 'string' ? v.value : null;
        if (text === 'true') continue;
        const shown = v.source.length ? v.source : '(empty)';
        const at = v.end > v.start ? { start: v.start, end: v.end } : pairSpan(p);
        const set = (value: string) => setPairValue(ctx.file.text, p, value);
        // Kubernetes decodes manifests as YAML 1.1, where plain yes/no/on/off are booleans too.
        const plain = !v.quoted && text !== null;
        const off = v.value === false || (plain && YAML11_FALSE.test(text));
        if (v.value === true || (plain && YAML11_TRUE.test(text))) {
          const edit = set('"true"');
          ctx.report({
            message: `Label azure.workload.identity/use is not the string "true": on ${describe(o)} it is the YAML boolean ${shown}; label values must be strings and the webhook matches only the string "true".`,
            ...at,
            fixes: edit ? [{ title: 'Set the label to "true"', edits: [edit], isPreferred: true }] : [],
          });
          continue;
        }
        if (off) {
          // Off on purpose, but as a boolean the API server rejects the object: quoting keeps the meaning.
          const edit = set('"false"');
          ctx.report({
            message: `Label azure.workload.identity/use is a YAML boolean: on ${describe(o)} it is ${shown}, and the API server rejects label values that are not strings. Quote it ("false") to keep workload identity off.`,
            ...at,
            fixes: edit ? [{ title: 'Quote the label value ("false")', edits: [edit], isPreferred: true }] : [],
          });
          continue;
        }
        // "false", "no", "disabled": workload identity is off, as written.
        if (isUseLabelOptOut(v)) continue;
        const edit = set('"true"');
        const change = edit ? [{ title: 'Set the label to "true"', edits: [edit], isPreferred: true }] : [];
        // "True" can only mean "true"; any other word is a guess, offered in the quick-fix menu only.
        const evident = text !== null && text.trim().toLowerCase() === 'true';
        const why = text === null
          ? `${shown}, not a string, which the API server rejects as a label value; the webhook matches only the string "true"`
          : `${shown}; the webhook selects only pods whose label is exactly "true"`;
        ctx.report({
          message: `Label azure.workload.identity/use is not the string "true": on ${describe(o)} it is ${why}.`,
          ...at,
          ...(evident ? { fixes: change } : { suggestions: change }),
        });
      }
    }
  },
});
