import type { FileEntry } from '../index/workspace-index';
import type { Report } from './types';
import { entry } from '../model/objects';
import { isScalar, type YNode } from '../yaml/node';

export const SUPPRESSION_UNUSED = 'suppression-unused';
export const IGNORE_ANNOTATION = 'aks-iam.io/ignore';

interface Suppression {
  id: string;
  /** Range of the id token, where an unused suppression is reported. */
  start: number;
  end: number;
  /** Findings starting in [from, to) are suppressed. */
  from: number;
  to: number;
  used: boolean;
  how: string;
}

const COMMENT = /#[ \t]*aks-iam-(disable-next-line|disable)\b([^\r\n]*)/g;
const ID = /[A-Za-z0-9_.-]+/g;

function docEndAt(file: FileEntry, offset: number): number {
  for (const d of file.parsed.docs) if (offset >= d.start && offset < Math.max(d.end, d.start + 1)) return d.end;
  const next = file.parsed.docs.find((d) => d.start > offset);
  return next ? next.end : file.text.length;
}

/** Spans of multi-character scalars (quoted or block), where a `#` is text, not a comment. */
function scalarSpans(file: FileEntry): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const stack: YNode[] = [];
  for (const d of file.parsed.docs) if (d.root) stack.push(d.root);
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'scalar') {
      if (n.end - n.start > 1 && (n.quoted || /^[|>]/.test(n.source))) spans.push({ start: n.start, end: n.end });
    } else if (n.kind === 'map') {
      for (const p of n.pairs) {
        if (p.keyNode) stack.push(p.keyNode);
        if (p.value) stack.push(p.value);
      }
    } else if (n.kind === 'seq') stack.push(...n.items);
  }
  return spans;
}

function collect(file: FileEntry): Suppression[] {
  const out: Suppression[] = [];
  const text = file.text;
  let spans: { start: number; end: number }[] | null = null;
  for (const m of text.matchAll(COMMENT)) {
    const at = m.index ?? 0;
    // A `#` after a non-space character, or inside a quoted or block scalar, is not a comment.
    if (at > 0 && !/[\s]/.test(text[at - 1])) continue;
    spans ??= scalarSpans(file);
    if (spans.some((sp) => at > sp.start && at < sp.end)) continue;
    const line = file.lines.positionAt(at).line;
    const nextLine = !!(m[1] === 'disable-next-line');
    const from = nextLine ? file.lines.lineStart(line + 1) : at;
    const to = nextLine ? file.lines.lineEndWithBreak(line + 1) : docEndAt(file, at);
    const idsStart = at + m[0].length - m[2].length;
    // `-- reason` after the ids is a description, as in ESLint.
    const ids = m[2].split(/(?:^|\s)--(?:\s|$)/)[0];
    for (const idm of ids.matchAll(ID)) {
      const s = idsStart + (idm.index ?? 0);
      out.push({ id: idm[0], start: s, end: s + idm[0].length, from, to, used: false, how: `aks-iam-${m[1]}` });
    }
  }
  for (const o of file.objects) {
    const p = entry(o.annotations, IGNORE_ANNOTATION);
    if (!p || !isScalar(p.value) || typeof p.value.value !== 'string') continue;
    const v = p.value;
    const ids = v.value as string;
    // Find each id in the source so quotes, escapes and block scalars do not shift the range.
    let cursor = 0;
    for (const idm of ids.matchAll(ID)) {
      const found = v.source.indexOf(idm[0], cursor);
      const s = v.start + (found >= 0 ? found : 0);
      if (found >= 0) cursor = found + idm[0].length;
      out.push({ id: idm[0], start: s, end: s + idm[0].length, from: o.doc.start, to: Math.max(o.doc.end, o.doc.start + 1), used: false, how: IGNORE_ANNOTATION });
    }
  }
  return out;
}

/**
 * Drops suppressed findings and reports the suppressions that suppressed nothing.
 * `judgeable(id)` says whether a rule ran, so that a suppression of a rule turned off is not called unused.
 */
export function applySuppressions(
  file: FileEntry,
  findings: (Report & { ruleId: string })[],
  known: (id: string) => boolean,
  judgeable: (id: string) => boolean,
): { kept: (Report & { ruleId: string })[]; unused: Report[] } {
  const sups = collect(file);
  if (sups.length === 0) return { kept: findings, unused: [] };
  const kept = findings.filter((f) => {
    let suppressed = false;
    for (const s of sups) {
      if (s.id === f.ruleId && f.start >= s.from && f.start < s.to) {
        s.used = true;
        suppressed = true;
      }
    }
    return !suppressed;
  });
  const unused: Report[] = [];
  for (const s of sups) {
    if (s.used) continue;
    if (!known(s.id)) {
      unused.push({ message: `Unknown rule id "${s.id}": it is not an aks-iam rule id, so this ${s.how} suppresses nothing.`, start: s.start, end: s.end });
    } else if (judgeable(s.id)) {
      unused.push({ message: `Unused suppression: no ${s.id} finding here any more; remove it so it does not hide a future one.`, start: s.start, end: s.end });
    }
  }
  // An unused suppression can itself be suppressed by the object annotation.
  const keptUnused = unused.filter((u) => !sups.some((s) => s.id === SUPPRESSION_UNUSED && s.how === IGNORE_ANNOTATION && u.start >= s.from && u.start < s.to));
  return { kept, unused: keptUnused };
}
