import type { TextEdit } from './types';

/** Applies non-overlapping edits; text outside every edit's range is kept byte for byte. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) throw new Error(`overlapping edits at offset ${edit.start}`);
    out += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at one offset would have an order we cannot choose safely.
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end || (a.start === a.end && a.start > b.start && a.start < b.end) || (b.start === b.end && b.start > a.start && b.start < a.end);
}

/**
 * Merges groups of edits (one group per fix) for "fix all": a group is taken whole or not at all,
 * and a group that overlaps an already taken one is left for the next run.
 */
export function mergeNonOverlapping(groups: readonly (readonly TextEdit[])[]): { edits: TextEdit[]; skipped: number } {
  const taken: TextEdit[] = [];
  let skipped = 0;
  for (const group of groups) {
    if (group.some((e) => taken.some((t) => overlaps(e, t)))) {
      skipped++;
      continue;
    }
    taken.push(...group);
  }
  return { edits: taken.sort((a, b) => a.start - b.start), skipped };
}
