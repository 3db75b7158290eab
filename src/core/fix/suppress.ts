import type { FileEntry } from '../index/workspace-index';
import { eolOf } from '../yaml/edit';
import type { TextEdit } from '../text/types';

export type SuppressScope = 'line' | 'document';

const NEXT_LINE = /^([ \t]*)#[ \t]*aks-iam-disable-next-line\b([^\r\n]*)$/;

/**
 * The edit that silences `ruleId` at `offset`: a `# aks-iam-disable-next-line` comment above the finding's
 * line (joining an existing one there), or a `# aks-iam-disable` comment opening the finding's document.
 */
export function suppressionEdit(file: FileEntry, offset: number, ruleId: string, scope: SuppressScope): TextEdit {
  const text = file.text;
  const eol = eolOf(text);
  const lines = file.lines;
  if (scope === 'line') {
    const line = lines.positionAt(offset).line;
    const start = lines.lineStart(line);
    const indent = /^[ \t]*/.exec(text.slice(start, lines.lineEnd(line)))![0];
    if (line > 0) {
      const prevStart = lines.lineStart(line - 1);
      const prevEnd = lines.lineEnd(line - 1);
      const m = NEXT_LINE.exec(text.slice(prevStart, prevEnd));
      // Keep one comment per line: add the id to the one already there, before any `-- reason`.
      if (m) {
        const reason = m[2].search(/(?:^|\s)--(?:\s|$)/);
        const at = reason >= 0 ? prevStart + m[0].length - m[2].length + reason : prevEnd;
        const before = text.slice(prevStart, at);
        return { start: at, end: at, newText: (/\s$/.test(before) ? '' : ' ') + ruleId + (/\S/.test(text[at] ?? '') ? ' ' : '') };
      }
    }
    return { start, end: start, newText: `${indent}# aks-iam-disable-next-line ${ruleId}${eol}` };
  }
  const doc = file.parsed.docs.find((d) => offset >= d.start && offset < Math.max(d.end, d.start + 1));
  let at = doc ? doc.start : 0;
  // After the `---` marker line, so the comment belongs to this document and not the previous one.
  if (text.startsWith('---', at)) {
    const line = lines.positionAt(at).line;
    at = lines.lineEndWithBreak(line);
    if (at === text.length && !/\r?\n$/.test(text)) return { start: at, end: at, newText: `${eol}# aks-iam-disable ${ruleId}` };
  } else if (at === 0 && text.charCodeAt(0) === 0xfeff) at = 1;
  return { start: at, end: at, newText: `# aks-iam-disable ${ruleId}${eol}` };
}
