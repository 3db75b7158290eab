import { parseYaml, type ParsedDocument, type ParsedFile, type ParseOptions, type YamlProblem } from './parse';
import type { YNode, YPair, YScalar } from './node';

/** Result of a re-parse that kept the documents before the edit as they were. */
export interface Reparsed {
  parsed: ParsedFile;
  /** Leading documents taken over unchanged (same objects): their readers' results stay valid. */
  kept: number;
}

// Below this many documents a full parse is as cheap as the bookkeeping.
const MIN_DOCS = 3;

// A document start marker: `---` at a line start followed by a blank or the line end.
const DOC_START = /^---(?:[ \t\n]|$)/;
// Anything that makes a document depend on its neighbours, or that this scheme does not model: directives,
// document end markers (the next document may then start without `---`), a BOM, CR line ends.
const DOUBTFUL_LINE = /^(?:%|\.\.\.(?:[ \t\n]|$))/m;
const doubtful = (text: string) => text.includes('\r') || text.includes('\ufeff') || DOUBTFUL_LINE.test(text);
// A marker or directive on one of the edited lines.
const MARKER_LINE = /(?:^|\n)(?:---|\.\.\.)(?:[ \t\n]|$)|(?:^|\n)%/;

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

function lineEnd(text: string, at: number): number {
  const i = text.indexOf('\n', at);
  return i < 0 ? text.length : i;
}

/** Start of the last document start line at or before `at` (a line start), or 0. */
function markerAtOrBefore(text: string, at: number): number {
  for (let i = text.lastIndexOf('\n---', at - 1); i >= 0; i = text.lastIndexOf('\n---', i - 1)) {
    if (DOC_START.test(text.slice(i + 1, i + 5))) return i + 1;
  }
  return 0;
}

/** Start of the first document start line after offset `at` (which is a line end), or the text length. */
function markerAfter(text: string, at: number): number {
  for (let i = text.indexOf('\n---', at); i >= 0; i = text.indexOf('\n---', i + 1)) {
    if (DOC_START.test(text.slice(i + 1, i + 5))) return i + 1;
  }
  return text.length;
}

// Literals in the same shape as parse.ts builds them (not spreads): copying every later document is the main cost
// of an edit near the top of a large file.
function shiftNode(n: YNode, d: number): YNode {
  switch (n.kind) {
    case 'map': {
      const pairs: YPair[] = new Array(n.pairs.length);
      for (let i = 0; i < pairs.length; i++) pairs[i] = shiftPair(n.pairs[i], d);
      return { kind: 'map', flow: n.flow, pairs, start: n.start + d, end: n.end + d, unknown: n.unknown };
    }
    case 'seq': {
      const items: YNode[] = new Array(n.items.length);
      for (let i = 0; i < items.length; i++) items[i] = shiftNode(n.items[i], d);
      return { kind: 'seq', flow: n.flow, items, start: n.start + d, end: n.end + d, unknown: n.unknown };
    }
    case 'scalar':
      return { kind: 'scalar', value: n.value, source: n.source, quoted: n.quoted, start: n.start + d, end: n.end + d, unknown: n.unknown };
    default:
      return { kind: 'alias', name: n.name, start: n.start + d, end: n.end + d, unknown: n.unknown };
  }
}

function shiftPair(p: YPair, d: number): YPair {
  const keyNode = p.keyNode ? (shiftNode(p.keyNode, d) as YScalar) : null;
  return { key: p.key, keyNode, value: p.value ? shiftNode(p.value, d) : null, start: p.start + d, end: p.end + d };
}

function shiftDoc(doc: ParsedDocument, d: number): ParsedDocument {
  return { index: doc.index, start: doc.start + d, end: doc.end + d, root: doc.root ? shiftNode(doc.root, d) : null };
}

function shiftProblem(e: YamlProblem, d: number): YamlProblem {
  return { ...e, start: e.start + d, end: e.end + d };
}

/**
 * Re-parses `text`, a new version of the file parsed as `old`, by parsing only the document the edit falls in
 * when the edit stays inside one document: the documents before it are reused as they are, those after it are
 * copies shifted by the length change (copies, so that nothing keyed by node identity sees a changed node).
 * Returns null whenever that is not certainly what a full parse would give; the caller then parses in full.
 *
 * Why this is exact: a YAML stream without directives has no state that crosses a `---` line at column 0 other
 * than an unterminated scalar or collection, which makes the edited document's own parse report an error. Without
 * errors, documents therefore parse the same alone as in their stream. With errors (and a document after it), the
 * next document is parsed together with the edited one and must come out exactly as before, else the whole file
 * is parsed. The property tests in test/unit/incremental-parse.test.ts compare every result with a full parse.
 */
export function reparse(old: ParsedFile, text: string, options: ParseOptions = {}): Reparsed | null {
  const prev = old.text;
  if (options.forceTemplate || old.isTemplate || old.docs.length < MIN_DOCS || prev === text) return null;
  if (text.includes('{{') || doubtful(text)) return null;

  // The changed region: [p, prev.length - s) in the old text, [p, text.length - s) in the new one.
  const max = Math.min(prev.length, text.length);
  let p = 0;
  while (p < max && prev.charCodeAt(p) === text.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && prev.charCodeAt(prev.length - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
  const delta = text.length - prev.length;

  // The edited lines, whole, must hold no marker in either version.
  const from = lineStart(text, p);
  const toNew = lineEnd(text, text.length - s);
  const toOld = lineEnd(prev, prev.length - s);
  // Outside them both versions are the same text, already checked in the new one.
  const oldLines = prev.slice(from, toOld);
  if (MARKER_LINE.test(text.slice(from, toNew)) || MARKER_LINE.test(oldLines) || doubtful(oldLines)) return null;

  // The document segment around the edit: from its `---` line (or the file start) to the next `---` line.
  const segStart = markerAtOrBefore(text, from);
  const segEnd = markerAfter(text, toNew);
  const segEndOld = segEnd - delta;
  if (segEndOld < toOld || (segEnd < text.length && !DOC_START.test(prev.slice(segEndOld, segEndOld + 4)))) return null;

  // Exactly one old document in the segment, none straddling its bounds.
  let k = -1;
  for (let i = 0; i < old.docs.length; i++) {
    const d = old.docs[i];
    if (d.end <= segStart && d.start < segStart) continue;
    if (d.start >= segEndOld) break;
    if (k >= 0 || d.start < segStart || d.end > segEndOld) return null;
    k = i;
  }
  if (k < 0) return null;

  // Each old error must lie inside one document (the edited one's are parsed anew), none on a bound.
  const errors: YamlProblem[] = [];
  for (const e of old.errors) {
    const j = e.end < segStart ? old.docs.findIndex((d) => d.start <= e.start && e.end <= d.end) : -1;
    if (j >= 0 && j < k) errors.push(e);
    else if (e.start >= old.docs[k].start && e.end <= old.docs[k].end) continue; // the edited document's: parsed anew
    else if (e.start > segEndOld && e.start > old.docs[k + 1]?.start && e.end <= old.docs[old.docs.length - 1].end) errors.push(shiftProblem(e, delta));
    else return null;
  }

  const segment = parseYaml(text.slice(segStart, segEnd), { placeholders: options.placeholders });
  if (segment.docs.length !== 1 || segment.isTemplate) return null;
  const docs = old.docs.slice(0, k);
  docs.push(shiftDoc({ ...segment.docs[0], index: k }, segStart));
  let from2 = k + 1;
  if (segment.errors.length && segEnd < text.length) {
    // A broken document may run on over the next marker (an open quote or bracket). Parse the next document
    // with it: if that one still starts where it did and reads exactly as before, without errors, the break
    // stayed inside the edited document and everything after it reads as before.
    const nextOld = old.docs[k + 1];
    const afterNext = old.docs[k + 2] ? old.docs[k + 2].start + delta : Infinity;
    if (!nextOld || errors.some((e) => e.start >= segEnd && e.start < afterNext)) return null;
    const end2 = markerAfter(text, lineEnd(text, segEnd));
    const pair = parseYaml(text.slice(segStart, end2), { placeholders: options.placeholders });
    if (pair.docs.length !== 2 || pair.isTemplate) return null;
    const second = shiftDoc({ ...pair.docs[1], index: k + 1 }, segStart);
    if (!sameDoc(second, nextOld, delta)) return null;
    const first = pair.docs[0];
    if (pair.errors.some((e) => e.start < first.start || e.end > first.end)) return null;
    docs[k] = shiftDoc({ ...first, index: k }, segStart);
    docs.push(second);
    from2 = k + 2;
    segment.errors = pair.errors;
  }
  for (let i = from2; i < old.docs.length; i++) docs.push(shiftDoc(old.docs[i], delta));
  const at = errors.findIndex((e) => e.start > segStart);
  const mine = segment.errors.map((e) => shiftProblem(e, segStart));
  if (at < 0) errors.push(...mine);
  else errors.splice(at, 0, ...mine);
  return { parsed: { text, isTemplate: false, docs, errors }, kept: k };
}

/** Whether `a` is `b` moved by `d` (same structure and values, every offset `d` further). */
function sameDoc(a: ParsedDocument, b: ParsedDocument, d: number): boolean {
  if (a.start !== b.start + d || a.end !== b.end + d) return false;
  return a.root === null || b.root === null ? a.root === b.root : sameNode(a.root, b.root, d);
}

function sameNode(a: YNode | null, b: YNode | null, d: number): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind !== b.kind || a.start !== b.start + d || a.end !== b.end + d || a.unknown !== b.unknown) return false;
  switch (a.kind) {
    case 'map': {
      const bm = b as typeof a;
      if (a.flow !== bm.flow || a.pairs.length !== bm.pairs.length) return false;
      return a.pairs.every((p, i) => {
        const q = bm.pairs[i];
        return p.key === q.key && p.start === q.start + d && p.end === q.end + d && sameNode(p.keyNode, q.keyNode, d) && sameNode(p.value, q.value, d);
      });
    }
    case 'seq': {
      const bs = b as typeof a;
      return a.flow === bs.flow && a.items.length === bs.items.length && a.items.every((x, i) => sameNode(x, bs.items[i], d));
    }
    case 'scalar': {
      const bs = b as typeof a;
      return Object.is(a.value, bs.value) && a.source === bs.source && a.quoted === bs.quoted;
    }
    default:
      return a.name === (b as typeof a).name;
  }
}
