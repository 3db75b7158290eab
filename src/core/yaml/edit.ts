import { LineIndex } from '../text/line-index';
import type { TextEdit } from '../text/types';
import { pairOf, type YMap, type YNode, type YPair, type YSeq } from './node';

/** A value our edit builders can write: scalars, or nested maps of them. */
export type PlainValue = string | number | boolean | null | { [key: string]: PlainValue } | PlainValue[];

export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function lineOf(text: string, offset: number): { start: number; indent: string } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const m = /^[ \t]*/.exec(text.slice(start, offset));
  return { start, indent: m ? m[0] : '' };
}

export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The indentation step used by the file: the first nested block key's extra indent, else 2. */
export function indentUnit(text: string): number {
  const m = /^[^\s#-][^\n]*:[ \t]*\r?\n( +)[^\s#]/m.exec(text);
  return m ? m[1].length : 2;
}

const NEEDS_QUOTES = /^$|^[\s]|[\s]$|^[-?:,[\]{}#&*!|>'"%@`]|: |\s#|^(true|false|yes|no|on|off|null|~|y|n)$|^[-+]?(\d|\.\d)|[\n\r\t]/i;

export function formatScalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  return NEEDS_QUOTES.test(value) ? JSON.stringify(value) : value;
}

function renderFlow(value: PlainValue): string {
  if (Array.isArray(value)) return `[${value.map(renderFlow).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${formatScalar(k)}: ${renderFlow(v)}`).join(', ')}}`;
  }
  return formatScalar(value);
}

/** Renders `key: value` block lines at the given indent, each ending with eol. */
export function renderEntry(key: string, value: PlainValue, indent: number, unit: number, eol: string): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return `${pad}${formatScalar(key)}: []${eol}`;
    let out = `${pad}${formatScalar(key)}:${eol}`;
    for (const item of value) {
      if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
        const lines = Object.entries(item).map(([k, v]) => renderEntry(k, v, indent + 2, unit, eol));
        out += `${pad}- ${lines.join('').slice(indent + 2)}`;
      } else {
        out += `${pad}- ${renderFlow(item)}${eol}`;
      }
    }
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return `${pad}${formatScalar(key)}: {}${eol}`;
    return `${pad}${formatScalar(key)}:${eol}` + entries.map(([k, v]) => renderEntry(k, v, indent + unit, unit, eol)).join('');
  }
  return `${pad}${formatScalar(key)}: ${formatScalar(value)}${eol}`;
}

/** Offset just past the end of the line holding `offset`, with its line break; for inserting after it. */
function afterLine(text: string, offset: number): { at: number; needsBreak: boolean } {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return { at: text.length, needsBreak: true };
  return { at: nl + 1, needsBreak: false };
}

/** Inserts `key: value` as the last entry of a map, in its own style (block or flow). */
export function insertMapEntry(text: string, map: YMap, key: string, value: PlainValue): TextEdit {
  const eol = eolOf(text);
  if (map.flow) {
    const body = `${formatScalar(key)}: ${renderFlow(value)}`;
    const newText = map.pairs.length ? `, ${body}` : body;
    // The closing brace is the map's own last character. An unclosed map (a syntax error) has none: searching
    // back for one would land in an earlier node, even another document, so the entry goes after the last pair.
    let end = map.end;
    while (end > map.start && /\s/.test(text[end - 1])) end--;
    const lastPair = map.pairs[map.pairs.length - 1];
    const closed = end > map.start + 1 && text[end - 1] === '}' && (!lastPair || lastPair.end <= end - 1);
    const at = closed ? end - 1 : lastPair ? lastPair.end : end;
    return { start: at, end: at, newText };
  }
  const unit = indentUnit(text);
  const first = map.pairs[0];
  const indent = first ? columnOf(text, first.start) : columnOf(text, map.start);
  const last = map.pairs[map.pairs.length - 1];
  const { at, needsBreak } = afterLine(text, last ? Math.max(last.end - 1, last.start) : map.end);
  return { start: at, end: at, newText: (needsBreak ? eol : '') + renderEntry(key, value, indent, unit, eol) };
}

/**
 * Sets `path` (keys below `map`) to `value`, creating the missing maps on the way. Returns null when
 * something on the path is not a map (we never overwrite a non-map value).
 */
export function ensurePath(text: string, map: YMap, path: readonly string[], value: PlainValue): TextEdit | null {
  let cur: YMap = map;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const pair = [...cur.pairs].reverse().find((p) => p.key === key);
    const rest = path.slice(i + 1);
    const leaf: PlainValue = rest.reduceRight<PlainValue>((acc, k) => ({ [k]: acc }), value);
    if (!pair) return insertMapEntry(text, cur, key, leaf);
    const v = pair.value;
    if (i === path.length - 1) {
      const rendered = value !== null && typeof value === 'object' ? renderFlow(value) : formatScalar(value);
      // `key:` with nothing after it: write after the colon, not glued to it.
      return v && v.end > v.start ? { start: v.start, end: v.end, newText: rendered } : setPairValue(text, pair, rendered);
    }
    if (v && v.kind === 'scalar' && v.end > v.start && (v.value === null || v.value === '')) {
      // `labels: null`, `labels: ~` or `labels: ''`: the written value must go, so a flow map takes its place.
      return { start: v.start, end: v.end, newText: renderFlow(leaf) };
    }
    if (!v || (v.kind === 'scalar' && (v.value === null || v.value === ''))) {
      // `labels:` with no value: add the children on the following lines.
      if (!pair.keyNode) return null;
      const eol = eolOf(text);
      const unit = indentUnit(text);
      const indent = columnOf(text, pair.keyNode.start) + unit;
      const { at, needsBreak } = afterLine(text, pair.keyNode.end);
      const body = Object.entries(leaf as Record<string, PlainValue>).map(([k, val]) => renderEntry(k, val, indent, unit, eol)).join('');
      return { start: at, end: at, newText: (needsBreak ? eol : '') + body };
    }
    if (v.kind !== 'map') return null;
    cur = v;
  }
  return null;
}

/** Removes one pair of a block or flow map, with its whole line(s) for block maps. */
export function removePair(text: string, map: YMap, pair: YPair): TextEdit {
  if (map.flow) {
    const idx = map.pairs.indexOf(pair);
    const next = map.pairs[idx + 1];
    const prev = map.pairs[idx - 1];
    if (next) return { start: pair.start, end: next.start, newText: '' };
    if (prev) return { start: prev.end, end: pair.end, newText: '' };
    return { start: pair.start, end: pair.end, newText: '' };
  }
  const { start, indent } = lineOf(text, pair.start);
  const onlyIndentBefore = indent.length === pair.start - start;
  const next = map.pairs[map.pairs.indexOf(pair) + 1];
  if (!onlyIndentBefore && next && /^[ \t]*-[ \t]+$/.test(text.slice(start, pair.start))) {
    // First entry of a sequence item (`- name: a`): the next entry moves up behind the `- `.
    return { start: pair.start, end: next.start, newText: '' };
  }
  const lines = new LineIndex(text);
  const endLine = lines.positionAt(Math.max(pair.end - 1, pair.start)).line;
  const end = lines.lineEndWithBreak(endLine);
  if (onlyIndentBefore) return { start, end, newText: '' };
  return { start: pair.start, end: lines.lineEnd(endLine), newText: '' };
}

/**
 * Removes one entry of a labels/annotations-like map that sits under `key` in `parent`; when it is the map's only
 * entry the whole `key:` goes too, so no empty `labels:` is left behind. A map that holds a comment is kept (the
 * comment may be about what stays).
 */
export function removePairPruning(text: string, map: YMap, pair: YPair, parent: YMap | null, key: string): TextEdit {
  const holder = parent ? pairOf(parent, key) : undefined;
  const alone = map.pairs.length === 1 && map.pairs[0] === pair;
  if (parent && holder && holder.value === map && alone) {
    // A comment on the removed entry's own line goes with it; one elsewhere in the map keeps the map.
    const lineEnd = text.indexOf('\n', pair.end);
    const rest = text.slice(holder.start, pair.start) + (lineEnd < 0 || lineEnd >= map.end ? '' : text.slice(lineEnd, map.end));
    if (!rest.includes('#')) return removePair(text, parent, holder);
  }
  return removePair(text, map, pair);
}

/** Removes one item of a sequence, with its `- ` marker and line(s) for block sequences. */
export function removeSeqItem(text: string, seq: YSeq, item: YNode): TextEdit {
  if (seq.flow) {
    const idx = seq.items.indexOf(item);
    const next = seq.items[idx + 1];
    const prev = seq.items[idx - 1];
    if (next) return { start: item.start, end: next.start, newText: '' };
    if (prev) return { start: prev.end, end: item.end, newText: '' };
    return { start: item.start, end: item.end, newText: '' };
  }
  const lines = new LineIndex(text);
  const startLine = lines.positionAt(item.start).line;
  const endLine = lines.positionAt(Math.max(item.end - 1, item.start)).line;
  return { start: lines.lineStart(startLine), end: lines.lineEndWithBreak(endLine), newText: '' };
}

export function replaceNode(node: { start: number; end: number }, newText: string): TextEdit {
  return { start: node.start, end: node.end, newText };
}

/** Appends a new YAML document (given as text without a `---` marker) at the end of the file. */
export function appendDocument(text: string, body: string): TextEdit {
  const eol = eolOf(text);
  const sep = text.length === 0 || text.endsWith('\n') ? '' : eol;
  const normalised = body.replace(/\r?\n/g, eol);
  return { start: text.length, end: text.length, newText: `${sep}---${eol}${normalised}${normalised.endsWith(eol) ? '' : eol}` };
}

/** A whole document rendered from a plain object, for appendDocument. */
export function renderDocument(obj: Record<string, PlainValue>, unit = 2, eol = '\n'): string {
  return Object.entries(obj).map(([k, v]) => renderEntry(k, v, 0, unit, eol)).join('');
}

/** Replaces a pair's value, also when the value is missing (`key:` with nothing after it). */
export function setPairValue(text: string, pair: YPair, newText: string): TextEdit | null {
  const v = pair.value;
  if (v && v.end > v.start) {
    // Block collections and block scalars end after their last line break, which belongs to the next line.
    let end = v.end;
    while (end > v.start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
    // A block collection starts on the line after its key: the new value goes after the colon instead.
    if ((v.kind === 'map' || v.kind === 'seq') && !v.flow && pair.keyNode) {
      const colon = text.indexOf(':', pair.keyNode.end);
      if (colon >= 0 && colon < v.start && /[\r\n]/.test(text.slice(colon, v.start))) return { start: colon, end, newText: `: ${newText}` };
    }
    return { start: v.start, end, newText };
  }
  if (!pair.keyNode) return null;
  const colon = text.indexOf(':', pair.keyNode.end);
  if (colon < 0 || text.slice(pair.keyNode.end, colon).trim() !== '') return null;
  return { start: colon, end: colon + 1, newText: `: ${newText}` };
}
