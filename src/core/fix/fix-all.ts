import type { Analyzer, Finding } from '../analyze';
import { applyEdits, mergeNonOverlapping } from '../text/edits';
import type { TextEdit } from '../text/types';
import { parseYaml } from '../yaml/parse';

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
interface Place {
  key: string;
  start: number;
}

const keyOf = (f: Finding): string => `${f.ruleId}\u0000${f.message}`;
const placeOf = (f: Finding): Place => ({ key: keyOf(f), start: f.start });
const placeKey = (p: Place): string => `${p.key}\u0000${p.start}`;

/** Where an offset of the text before the edits is in the text after them (inside an edit: the edit's start). */
function mapOffset(offset: number, edits: readonly TextEdit[]): number {
  let delta = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    if (e.end <= offset) delta += e.newText.length - (e.end - e.start);
    else if (e.start < offset) return e.start + delta;
  }
  return offset + delta;
}

export function fixAllInFile(analyzer: Analyzer, path: string, accept: (f: Finding) => boolean = () => true, maxPasses = 25): FixAllResult | null {
  const original = analyzer.index.getFile(path)?.text;
  if (original === undefined) return null;
  let text = original;
  let applied = 0;
  let remaining = 0;
  // A finding still at the place where its fix was just applied (the fix re-creates what it reports) would be fixed
  // again and again: it is left after one try. Places are mapped through each pass's edits.
  let watched: Place[] = [];
  let stuck: Place[] = [];
  try {
    for (let pass = 0; pass < maxPasses; pass++) {
      const all = analyzer.analyzeFile(path).filter((f) => f.fixes.length > 0 && accept(f));
      remaining = all.length;
      const back = new Set(watched.map(placeKey));
      for (const f of all) if (back.has(placeKey(placeOf(f)))) stuck.push(placeOf(f));
      const stuckKeys = new Set(stuck.map(placeKey));
      const fixable = all.filter((f) => !stuckKeys.has(placeKey(placeOf(f))));
      if (fixable.length === 0) break;
      const groups = fixable.map((f) => (f.fixes.find((x) => x.isPreferred) ?? f.fixes[0]).edits);
      const { edits } = mergeNonOverlapping(groups);
      if (edits.length === 0) break;
      const errorsBefore = analyzer.index.getFile(path)?.parsed.errors.length ?? 0;
      let appliedEdits = edits;
      let next = applyEdits(text, edits);
      if (next === text) break;
      let taken = fixable.filter((_, i) => groups[i].every((e) => edits.includes(e)));
      analyzer.setFile(path, next);
      // Fixes that are right alone can clash together (a typo renamed to a key another fix inserts): then this pass
      // keeps, in order, each fix that adds no YAML error to those kept before it; the next pass re-analyses.
      if ((analyzer.index.getFile(path)?.parsed.errors.length ?? 0) > errorsBefore) {
        const forceTemplate = analyzer.index.options.isTemplatePath?.(path) ?? false;
        let keptEdits: TextEdit[] = [];
        const kept: Finding[] = [];
        for (const [i, f] of fixable.entries()) {
          if (!taken.includes(f)) continue;
          const trial = [...keptEdits, ...groups[i]];
          if (parseYaml(applyEdits(text, trial), { forceTemplate }).errors.length > errorsBefore) continue;
          keptEdits = trial;
          kept.push(f);
        }
        if (kept.length === 0) {
          analyzer.setFile(path, text);
          break;
        }
        appliedEdits = keptEdits;
        next = applyEdits(text, keptEdits);
        taken = kept;
        analyzer.setFile(path, next);
      }
      watched = taken.map((f) => ({ key: keyOf(f), start: mapOffset(f.start, appliedEdits) }));
      stuck = stuck.map((p) => ({ key: p.key, start: mapOffset(p.start, appliedEdits) }));
      applied += taken.length;
      text = next;
      remaining = 0;
    }
    if (text !== original) remaining = analyzer.analyzeFile(path).filter((f) => f.fixes.length > 0 && accept(f)).length;
  } finally {
    if (text !== original) analyzer.setFile(path, original);
  }
  return { text, applied, remaining };
}
