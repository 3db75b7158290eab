import { knownStr } from '../../yaml/node';
import { describe, span } from '../helpers';
import { defineRule, type Related } from '../types';
import { cloudOfKey, type Cloud } from './identity-keys';

export default defineRule({
  id: 'identity-multi-cloud',
  title: 'ServiceAccount carries identity annotations of more than one cloud',
  defaultSeverity: 'info',
  category: 'other-clouds',
  fixable: false,
  docs: {
    why: 'A cluster runs on one cloud, and only that cloud\'s webhook or metadata server reads its annotations; the others are dead weight. Usually this is a chart value or a copied manifest left over from another cluster, and it hides which identity the workload really uses.',
    howToFix: 'Keep the annotations of the cloud the cluster runs on and remove the others, or template them per environment. Suppress the finding when one manifest is deliberately shared by clusters on several clouds.',
    severity: 'info: annotations of two clouds are usually a leftover from a migration or a copied manifest; harmless to the webhooks, worth knowing.',
    assumes: 'Counts only identity annotations with a known, non-empty value: a template or placeholder may render to nothing, so it does not count. Needs no namespace.',
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      if (o.kind !== 'ServiceAccount' || !o.annotations) continue;
      const byCloud = new Map<Cloud, { key: string; start: number; end: number }>();
      for (const p of o.annotations.pairs) {
        if (!p.key || !p.keyNode) continue;
        const cloud = cloudOfKey(p.key);
        // Placeholders and empty values may render to nothing, so they do not count.
        const v = knownStr(p.value);
        if (!cloud || !v || v.trim() === '' || byCloud.has(cloud)) continue;
        byCloud.set(cloud, { key: p.key, ...span(p.keyNode) });
      }
      if (byCloud.size < 2) continue;
      const found = [...byCloud.entries()];
      const [last] = found.slice(-1);
      const related: Related[] = found.slice(0, -1).map(([cloud, k]) => ({ file: o.file, start: k.start, end: k.end, message: `${cloud} identity annotation ${k.key}` }));
      const names = found.map(([cloud, k]) => `${cloud} (${k.key})`);
      const list = `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
      ctx.report({
        message: `Identity annotations of several clouds: ${describe(o)} carries ${list}; a cluster uses only one cloud's, so the others are probably left over.`,
        start: last[1].start,
        end: last[1].end,
        related,
      });
    }
  },
});
