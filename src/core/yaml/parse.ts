import { parseAllDocuments, isAlias, isMap, isPair, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { YNode, YPair, YScalar } from './node';
import { isPlaceholder } from './placeholder';

export interface ParsedDocument {
  index: number;
  /** Offset of the document's first byte (its `---` marker if any) and just past its last. */
  start: number;
  end: number;
  /** Null for an empty document or one whose top level is not readable. */
  root: YNode | null;
}

export interface YamlProblem {
  start: number;
  end: number;
  message: string;
  code: string;
}

export interface ParsedFile {
  text: string;
  /** Helm/Go template syntax was found: values with it are unknown and syntax errors are not reported. */
  isTemplate: boolean;
  docs: ParsedDocument[];
  errors: YamlProblem[];
}

const TEMPLATE = /\{\{[\s\S]*?\}\}/g;

/**
 * Replaces template actions by same-length text so that offsets stay exact: an action alone on its
 * line(s) becomes a comment, one inside a line becomes a plain scalar of `x`.
 */
export function neutraliseTemplates(text: string): string {
  return text.replace(TEMPLATE, (match: string, offset: number) => {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    let lineEnd = text.indexOf('\n', offset + match.length);
    if (lineEnd < 0) lineEnd = text.length;
    const before = text.slice(lineStart, offset);
    const after = text.slice(offset + match.length, lineEnd).replace(/\r$/, '');
    const alone = before.trim() === '' && after.trim() === '';
    let out = '';
    for (let i = 0; i < match.length; i++) {
      const c = match[i];
      if (c === '\n' || c === '\r') out += c;
      else if (alone) out += i === 0 ? '#' : ' ';
      else out += 'x';
    }
    return out;
  });
}

interface Ctx {
  original: string;
  template: boolean;
  depth: number;
  /** Keys seen twice in one map (the second one), found here in linear time. */
  duplicates: YScalar[];
}

const MAX_DEPTH = 200;



function convert(node: unknown, ctx: Ctx): YNode | null {
  if (!node || typeof node !== 'object') return null;
  const n = node as YamlNode;
  const range = n.range ?? [0, 0, 0];
  const start = range[0];
  const end = range[1];
  const originalSlice = () => ctx.original.slice(start, end);
  const unknownByTemplate = () => ctx.template && originalSlice().includes('{{');
  if (ctx.depth > MAX_DEPTH) return { kind: 'alias', name: '(too deep)', start, end, unknown: true };
  if (isAlias(n)) return { kind: 'alias', name: String(n.source), start, end, unknown: true };
  if (isScalar(n)) {
    const source = originalSlice();
    const quoted = n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE';
    const tpl = unknownByTemplate();
    return { kind: 'scalar', value: n.value, source, quoted, start, end, unknown: tpl || (typeof n.value === 'string' && isPlaceholder(n.value)) };
  }
  ctx.depth++;
  try {
    if (isMap(n)) {
      const pairs: YPair[] = [];
      const items = n.items;
      // The parser's own uniqueKeys check compares every key with every other: seconds for a map of some
      // thousand keys. Keys are equal as the parser defines it: same scalar value and type.
      const seen = new Set<string>();
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        if (!isPair(item)) continue;
        const keyNode = convert(item.key, ctx);
        const value = convert(item.value, ctx);
        const empty = !!value && value.kind === 'scalar' && value.value === null && value.end === value.start;
        if (ctx.template && value && (value.kind !== 'scalar' || empty) && keyNode) {
          // A template line among a collection's entries (e.g. `{{- include "labels" . | nindent 4 }}`)
          // is a comment to the parser but can add any entry: the collection is not fully known. The
          // same holds for `labels:` whose only content is such a line (an empty value to the parser).
          const next = items[i + 1];
          const nextStart = isPair(next) && next.key && (next.key as YamlNode).range ? (next.key as YamlNode).range![0] : range[2];
          if (ctx.original.slice(keyNode.end, nextStart).includes('{{')) value.unknown = true;
        }
        const key = keyNode && keyNode.kind === 'scalar' && keyNode.value !== null ? String(keyNode.value) : null;
        const keyScalar = keyNode && keyNode.kind === 'scalar' ? (keyNode as YScalar) : null;
        if (keyScalar && !(typeof keyScalar.value === 'number' && Number.isNaN(keyScalar.value))) {
          const id = `${typeof keyScalar.value}\u0000${String(keyScalar.value)}`;
          if (seen.has(id)) ctx.duplicates.push(keyScalar);
          else seen.add(id);
        }
        const pStart = keyNode ? keyNode.start : value ? value.start : start;
        const pEnd = value && value.end > pStart ? value.end : keyNode ? keyNode.end : pStart;
        pairs.push({ key: keyNode?.unknown ? null : key, keyNode: keyScalar, value, start: pStart, end: pEnd });
      }
      return { kind: 'map', flow: !!n.flow, pairs, start, end, unknown: unknownByTemplate() };
    }
    if (isSeq(n)) {
      const items: YNode[] = [];
      for (const item of n.items) {
        const c = convert(item, ctx);
        if (c) items.push(c);
      }
      return { kind: 'seq', flow: !!n.flow, items, start, end, unknown: unknownByTemplate() };
    }
  } finally {
    ctx.depth--;
  }
  return null;
}

/** What the engine gives the `yaml` parser (duplicate keys are found in convert instead). */
export const PARSE_OPTIONS = { prettyErrors: false, strict: false, uniqueKeys: false } as const;

/** Parses every document of a file. Never throws: unreadable input yields errors, not exceptions. */
export function parseYaml(text: string, options: { forceTemplate?: boolean } = {}): ParsedFile {
  const template = options.forceTemplate === true || text.includes('{{');
  const source = template ? neutraliseTemplates(text) : text;
  const result: ParsedFile = { text, isTemplate: template, docs: [], errors: [] };
  let documents;
  try {
    documents = parseAllDocuments(source, PARSE_OPTIONS);
  } catch (err) {
    result.errors.push({ start: 0, end: Math.min(1, text.length), message: `YAML could not be read: ${(err as Error).message}`, code: 'PARSE' });
    return result;
  }
  // parseAllDocuments returns an EmptyStream (an array with no documents) for empty input.
  const list = Array.isArray(documents) ? documents : [documents];
  const ctx: Ctx = { original: text, template, depth: 0, duplicates: [] };
  list.forEach((doc, index) => {
    const [dStart, , dEnd] = doc.range;
    let root: YNode | null = null;
    try {
      root = convert(doc.contents, ctx);
      // A document of only comments reads as an empty null scalar: it has no content at all.
      if (root && root.kind === 'scalar' && root.value === null && root.source.trim() === '') root = null;
    } catch {
      root = null;
    }
    result.docs.push({ index, start: dStart, end: dEnd, root });
    const errors = doc.errors.map((e) => ({ pos: e.pos, code: e.code as string, message: e.message }));
    for (const k of ctx.duplicates.splice(0)) errors.push({ pos: [k.start, k.end], code: 'DUPLICATE_KEY', message: 'Map keys must be unique' });
    errors.sort((a, b) => a.pos[0] - b.pos[0]);
    for (const e of errors) {
      const [s, en] = e.pos;
      result.errors.push({ start: s, end: Math.max(en, s), message: e.message.split('\n')[0], code: e.code });
    }
  });
  return result;
}
