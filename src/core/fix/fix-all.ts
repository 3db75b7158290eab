import type { Analyzer, Finding } from '../analyze';
import { applyEdits, mergeNonOverlapping } from '../text/edits';

export interface FixAllResult {
  text: string;
  /** Fixes applied over all passes. */
  applied: number;
  /** Fixable findings still left (overlaps that did not settle within the pass limit). */
  remaining: number;
}

/**
 * Applies the preferred (else first) fix of every matching finding of one file, in passes: overlapping fixes wait
 * for the next pass, which re-analyses the fixed text. The analyzer's copy of the file is restored afterwards, so
 * the caller decides whether the result is written.
 */
const keyOf = (f: Finding): string => `${f.ruleId}\u0000${f.message}`;

function countByKey(findings: readonly Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) m.set(keyOf(f), (m.get(keyOf(f)) ?? 0) + 1);
  return m;
}

export function fixAllInFile(analyzer: Analyzer, path: string, accept: (f: Finding) => boolean = () => true, maxPasses = 25): FixAllResult | null {
  const original = analyzer.index.getFile(path)?.text;
  if (original === undefined) return null;
  let text = original;
  let applied = 0;
  let remaining = 0;
  // Findings whose fix was applied but which came back (the fix re-creates what it reports) would be fixed again and
  // again: they are left after one try. Counted per key, as duplicated documents repeat the same finding.
  const stuck = new Set<string>();
  let expected: Map<string, number> | null = null;
  try {
    for (let pass = 0; pass < maxPasses; pass++) {
      const all = analyzer.analyzeFile(path).filter((f) => f.fixes.length > 0 && accept(f));
      remaining = all.length;
      const counts = countByKey(all);
      if (expected) for (const [k, n] of expected) if ((counts.get(k) ?? 0) > n) stuck.add(k);
      const fixable = all.filter((f) => !stuck.has(keyOf(f)));
      if (fixable.length === 0) break;
      const groups = fixable.map((f) => (f.fixes.find((x) => x.isPreferred) ?? f.fixes[0]).edits);
      const { edits, skipped } = mergeNonOverlapping(groups);
      if (edits.length === 0) break;
      const errorsBefore = analyzer.index.getFile(path)?.parsed.errors.length ?? 0;
      let next = applyEdits(text, edits);
      if (next === text) break;
      let count = groups.length - skipped;
      let taken = fixable.filter((_, i) => groups[i].every((e) => edits.includes(e)));
      analyzer.setFile(path, next);
      // Fixes that are right alone can clash together (a typo renamed to a key another fix inserts): then this
      // pass takes one fix only, and the next pass re-analyses before taking the others.
      if ((analyzer.index.getFile(path)?.parsed.errors.length ?? 0) > errorsBefore && count > 1) {
        next = applyEdits(text, groups[0]);
        count = 1;
        taken = [fixable[0]];
        analyzer.setFile(path, next);
      }
      expected = new Map();
      for (const f of taken) expected.set(keyOf(f), (expected.get(keyOf(f)) ?? counts.get(keyOf(f)) ?? 0) - 1);
      applied += count;
      text = next;
      remaining = 0;
    }
    if (text !== original) remaining = analyzer.analyzeFile(path).filter((f) => f.fixes.length > 0 && accept(f)).length;
  } finally {
    if (text !== original) analyzer.setFile(path, original);
  }
  return { text, applied, remaining };
}
