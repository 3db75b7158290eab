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
export function fixAllInFile(analyzer: Analyzer, path: string, accept: (f: Finding) => boolean = () => true, maxPasses = 25): FixAllResult | null {
  const original = analyzer.index.getFile(path)?.text;
  if (original === undefined) return null;
  let text = original;
  let applied = 0;
  let remaining = 0;
  try {
    for (let pass = 0; pass < maxPasses; pass++) {
      const fixable = analyzer.analyzeFile(path).filter((f) => f.fixes.length > 0 && accept(f));
      remaining = fixable.length;
      if (fixable.length === 0) break;
      const groups = fixable.map((f) => (f.fixes.find((x) => x.isPreferred) ?? f.fixes[0]).edits);
      const { edits, skipped } = mergeNonOverlapping(groups);
      if (edits.length === 0) break;
      const errorsBefore = analyzer.index.getFile(path)?.parsed.errors.length ?? 0;
      let next = applyEdits(text, edits);
      if (next === text) break;
      let count = groups.length - skipped;
      analyzer.setFile(path, next);
      // Fixes that are right alone can clash together (a typo renamed to a key another fix inserts): then this
      // pass takes one fix only, and the next pass re-analyses before taking the others.
      if ((analyzer.index.getFile(path)?.parsed.errors.length ?? 0) > errorsBefore && count > 1) {
        next = applyEdits(text, groups[0]);
        count = 1;
        analyzer.setFile(path, next);
      }
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
