import { entry, type KObject } from '../../model/objects';
import { getPath, isMap, type YMap } from '../../yaml/node';
import { setPairValue } from '../../yaml/edit';
import { WI, describe, labelMaps, pairSpan } from '../helpers';
import { defineRule } from '../types';

// Where a pod template's labels sit when the model found no pod spec: a kustomize patch often carries only the
// template's metadata, and a boolean label there is rejected whatever the patch is merged into.
const TEMPLATE_LABELS = [['spec', 'template', 'metadata', 'labels'], ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels']];

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
  docs: {
    why: 'The webhook selects pods with the label `azure.workload.identity/use: "true"` (exact string). Unquoted `true` is a YAML boolean that the API server rejects as a label value; "True" or "yes" are accepted but never match, so the pod runs without the identity.',
    howToFix: 'Write the value as the quoted string "true".',
    example: { bad: 'labels:\n  azure.workload.identity/use: true', good: 'labels:\n  azure.workload.identity/use: "true"' },
    severity: 'error: an unquoted `true` is a boolean the API server rejects as a label value; any other string is accepted but never matches the webhook\'s selector, so the pod silently runs without the identity.',
    assumes: 'Needs the value to be known: a template or placeholder (`${USE_WI}`, `{{ .Values.use }}`) is not judged. Needs no namespace. Also reads the pod template labels of a kustomize patch, which is merged into the real object.',
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      for (const map of podLabelMaps(o)) {
        const p = entry(map, WI.use);
        const v = p?.value;
        if (!p || !v || v.unknown || v.kind !== 'scalar') continue;
        if (typeof v.value === 'string' && v.value === 'true') continue;
        const shown = v.source.length ? v.source : '(empty)';
        const why = typeof v.value === 'boolean'
          ? `the YAML boolean ${shown}; label values must be strings and the webhook matches only the string "true"`
          : `${shown}; the webhook selects only pods whose label is exactly "true"`;
        const edit = setPairValue(ctx.file.text, p, '"true"');
        ctx.report({
          message: `Label azure.workload.identity/use is not the string "true": on ${describe(o)} it is ${why}.`,
          ...(v.end > v.start ? { start: v.start, end: v.end } : pairSpan(p)),
          fixes: edit ? [{ title: 'Set the label to "true"', edits: [edit], isPreferred: true }] : [],
        });
      }
    }
  },
});
