import { defineRule } from '../types';

export default defineRule({
  id: 'yaml-syntax',
  title: 'YAML syntax error',
  defaultSeverity: 'error',
  category: 'general',
  fixable: false,
  docs: {
    why: 'kubectl and the API server refuse a manifest that is not valid YAML; nothing in the file is applied.',
    howToFix: 'Correct the YAML at the reported position. Helm chart templates and files with `{{` are not checked for syntax.',
  },
  check(ctx) {
    if (ctx.file.parsed.isTemplate) return;
    const seen = new Set<string>();
    for (const e of ctx.file.parsed.errors) {
      const k = `${e.start}:${e.message}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const text = ctx.file.text;
      const contentEnd = text.trimEnd().length;
      if (e.start >= contentEnd && contentEnd > 0) {
        // Errors found only at the end of input (an unclosed `{` or `[`) point at the last line with content.
        const line = ctx.file.lines.positionAt(contentEnd - 1).line;
        const start = ctx.file.lines.lineStart(line) + (/^\s*/.exec(text.slice(ctx.file.lines.lineStart(line)))?.[0].length ?? 0);
        ctx.report({ message: `YAML syntax error: ${e.message}`, start, end: contentEnd });
        continue;
      }
      const end = e.end > e.start ? e.end : Math.min(e.start + 1, text.length);
      ctx.report({ message: `YAML syntax error: ${e.message}`, start: e.start, end });
    }
  },
});
