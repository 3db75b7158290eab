import type { YamlProblem } from '../../yaml/parse';
import { defineRule, type RuleContext } from '../types';

/** The index of the document an offset falls in (errors past the last document belong to it). */
function documentAt(ctx: RuleContext, offset: number): number {
  const docs = ctx.file.parsed.docs;
  for (let i = 0; i < docs.length; i++) if (offset < docs[i].end) return i;
  return Math.max(0, docs.length - 1);
}

/** Where to report an error: errors found only at the end of input point at the last line with content. */
function rangeOf(ctx: RuleContext, e: YamlProblem): { start: number; end: number } {
  const text = ctx.file.text;
  const contentEnd = text.trimEnd().length;
  if (e.start >= contentEnd && contentEnd > 0) {
    const line = ctx.file.lines.positionAt(contentEnd - 1).line;
    const start = ctx.file.lines.lineStart(line) + (/^\s*/.exec(text.slice(ctx.file.lines.lineStart(line)))?.[0].length ?? 0);
    return { start, end: contentEnd };
  }
  return { start: e.start, end: e.end > e.start ? e.end : Math.min(e.start + 1, text.length) };
}

export default defineRule({
  id: 'yaml-syntax',
  title: 'YAML syntax error',
  defaultSeverity: 'error',
  category: 'general',
  fixable: false,
  docs: {
    why: 'kubectl and the API server refuse a manifest that is not valid YAML; nothing in the file is applied.',
    howToFix: 'Correct the YAML at the reported position; one mistake (an open quote, a wrong indent) often causes the errors after it, so start with the first. Helm chart templates and files with `{{` or `{%` are not checked for syntax.',
    severity: 'error: kubectl and the API server reject the file, so nothing in it is applied. One finding per document, at its first error, with the count of the errors after it in the message: the rest are usually consequences of the first.',
    assumes: 'Needs nothing about namespaces. Files with template syntax (`{{ }}`, `{% %}`) or under a Helm chart\'s `templates/` folder are templates, not YAML, until rendered: no finding there. Values the parser reported as broken are unknown to every other rule, so a swallowed line never produces a second, misleading finding.',
  },
  check(ctx) {
    if (ctx.file.parsed.isTemplate) return;
    // The first error of each document, and how many distinct errors follow it there.
    const first = new Map<number, { error: YamlProblem; more: number; seen: Set<string> }>();
    for (const e of ctx.file.parsed.errors) {
      const doc = documentAt(ctx, e.start);
      const k = `${e.start}:${e.message}`;
      const known = first.get(doc);
      if (!known) first.set(doc, { error: e, more: 0, seen: new Set([k]) });
      else if (!known.seen.has(k)) {
        known.seen.add(k);
        known.more++;
      }
    }
    for (const { error, more } of first.values()) {
      const rest = more ? ` (and ${more} more error${more > 1 ? 's' : ''} in this document, often caused by this one)` : '';
      ctx.report({ message: `YAML syntax error: ${error.message}${rest}`, ...rangeOf(ctx, error) });
    }
  },
});
