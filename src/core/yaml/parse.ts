import { Composer, Parser, isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import type { YNode, YPair, YScalar } from './node';
import { PLACEHOLDER_HINT, isPlaceholder } from './placeholder';

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
  /**
   * Template syntax was found (Helm/Go `{{`, Jinja/Liquid `{%`), or the caller says the file is one: values with it
   * are unknown and syntax errors are not reported.
   */
  isTemplate: boolean;
  docs: ParsedDocument[];
  errors: YamlProblem[];
}

const TEMPLATE = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;

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
  /** The parser's errors of the document being converted ([start, end] pairs), or null when it has none. */
  errorRanges: [number, number][] | null;
  /** How the next scalar is judged for placeholders: a map key, a value that may be an ALL_CAPS identifier, any value. */
  mode: ScalarMode;
  /** The key of the pair whose value is being converted (for a list: whose items are). */
  pairKey: unknown;
  /** The key of the list whose item is being converted, or null when the node is not a list item. */
  listKey: unknown;
  /** Keys seen twice in one map (the second one), found here in linear time. */
  duplicates: YScalar[];
  /** A configuration's extra placeholder patterns (values only), or null. */
  extra: readonly RegExp[] | null;
}

export interface ParseOptions {
  forceTemplate?: boolean;
  /**
   * Extra placeholder patterns (a configuration's `placeholders`): a value they match is unknown, like a built-in
   * placeholder. Map keys are never matched.
   */
  placeholders?: readonly RegExp[];
}

const MAX_DEPTH = 200;
// Maps up to this size look for duplicate keys by comparing with the earlier keys instead of allocating a Set.
const SMALL_MAP = 8;

const enum ScalarMode {
  Value,
  /** Environment variable names, secret/config map keys, capabilities: ALL_CAPS identifiers by nature. */
  CapsAllowed,
  /** Map keys: only templates and variables make them unknown. */
  Key,
}
const KEY_OPTIONS = { syntacticOnly: true };
const CAPS_OPTIONS = { capsIdentifierAllowed: true };
// Values of these keys, and the items of these lists, are ALL_CAPS identifiers by nature.
const CAPS_KEYS = new Set(['key', 'prefix', 'add', 'drop']);

/** Whether text[start, end) holds `{{` or `{%`, without slicing. */
function hasTemplate(text: string, start: number, end: number): boolean {
  for (let i = start; i < end - 1; i++) {
    if (text.charCodeAt(i) !== 123) continue;
    const next = text.charCodeAt(i + 1);
    if (next === 123 || next === 37) return true;
  }
  return false;
}

/**
 * Whether [start, end] touches one of the parser's errors. Inclusive at both ends: the parser reports an unterminated
 * quote just past the scalar it swallowed.
 */
function overlapsError(ranges: [number, number][], start: number, end: number): boolean {
  for (const [s, e] of ranges) if (s <= end && e >= start) return true;
  return false;
}

/** Whether a parser node is a scalar that starts with a capital (the cheap test before `isEnvVar`). */
function capsValue(n: unknown): boolean {
  if (!isScalar(n) || typeof n.value !== 'string') return false;
  const c = n.value.charCodeAt(0);
  return c >= 65 && c <= 90;
}

/** Whether a parse error starts between `from` and `to` (both included). */
function errorBetween(ctx: Ctx, from: number, to: number): boolean {
  for (const [s] of ctx.errorRanges!) if (s >= from && s <= to) return true;
  return false;
}

/** Whether a parse error lies on the line of `at`, before or at it. */
function brokenLine(ctx: Ctx, at: number): boolean {
  return errorBetween(ctx, ctx.original.lastIndexOf('\n', at - 1) + 1, at);
}

/**
 * Whether the parser reported an error inside a scalar or flow value, or after it on its line (`{attr}iam::…`, an
 * AsciiDoc attribute pasted from docs, parses as a flow map followed by a stray scalar): what it read is a guess.
 * Block collections are left to their own entries, so one broken entry does not hide its siblings.
 */
function brokenInline(ctx: Ctx, value: YNode): boolean {
  if (value.kind !== 'scalar' && !((value.kind === 'map' || value.kind === 'seq') && value.flow)) return false;
  const nl = ctx.original.indexOf('\n', value.end);
  return errorBetween(ctx, value.start, nl < 0 ? ctx.original.length : nl);
}

/** Whether a map is an environment variable (`name` beside `value` or `valueFrom`), from the parser's pairs. */
function isEnvVar(items: unknown[]): boolean {
  for (const item of items) {
    if (!isPair(item) || !isScalar(item.key)) continue;
    const k = item.key.value;
    if (k === 'value' || k === 'valueFrom') return true;
  }
  return false;
}

/** Whether two keys are equal as the parser defines it: same scalar value and type. */
function sameKey(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === typeof b && typeof a !== 'string' && String(a) === String(b));
}

// Short plain strings (keys, kinds, API versions, verbs) repeat across every file of a workspace: the index keeps
// one copy of each instead of one per occurrence. Bounded, so that odd input cannot grow it without end.
const INTERNED = new Map<string, string>();
const MAX_INTERNED = 20000;
const MAX_INTERNED_LENGTH = 40;

function intern(s: string): string {
  const known = INTERNED.get(s);
  if (known !== undefined) return known;
  if (INTERNED.size < MAX_INTERNED) INTERNED.set(s, s);
  return s;
}

function convertScalar(value: unknown, type: string | undefined, start: number, end: number, ctx: Ctx): YScalar {
  const text = ctx.original;
  let source: string;
  if (typeof value === 'string' && value.length === end - start && text.startsWith(value, start)) {
    // A plain scalar's value is usually its source text: one string serves as both.
    if (value.length <= MAX_INTERNED_LENGTH) value = intern(value);
    source = value as string;
  } else source = text.slice(start, end);
  const quoted = type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE';
  const unknown =
    (ctx.template && hasTemplate(text, start, end)) ||
    (typeof value === 'string' && PLACEHOLDER_HINT.test(value) &&
      isPlaceholder(value, ctx.mode === ScalarMode.Key ? KEY_OPTIONS : ctx.mode === ScalarMode.CapsAllowed ? CAPS_OPTIONS : undefined)) ||
    (ctx.extra !== null && typeof value === 'string' && ctx.mode !== ScalarMode.Key && matchesAny(ctx.extra, value)) ||
    // A value the parser reported as broken (an unterminated quote swallowing the next lines) cannot be judged. Keys
    // stay readable: the pair is still there, and hiding it would make a rule miss the whole entry.
    (ctx.errorRanges !== null && ctx.mode !== ScalarMode.Key && overlapsError(ctx.errorRanges, start, end));
  return { kind: 'scalar', value, source, quoted, start, end, unknown };
}

function convertMap(items: unknown[], flow: boolean, start: number, end: number, after: number, ctx: Ctx): YNode {
  // An item of `env:` is an environment variable even without a value (`- name: DEBUG_MODE`).
  const inEnv = ctx.listKey === 'env';
  ctx.listKey = null;
  const pairs: YPair[] = new Array(items.length);
  let count = 0;
  // The parser's own uniqueKeys check compares every key with every other: seconds for a map of some
  // thousand keys. Small maps compare with the earlier keys; large ones keep sets of the keys seen.
  let seenStrings: Set<string> | null = null;
  let seenOthers: Set<string> | null = null;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!isPair(item)) continue;
    ctx.mode = ScalarMode.Key;
    const keyNode = convert(item.key, ctx);
    const k = keyNode && keyNode.kind === 'scalar' ? keyNode.value : null;
    ctx.mode = typeof k === 'string' && (CAPS_KEYS.has(k) || (k === 'name' && capsValue(item.value) && (inEnv || isEnvVar(items)))) ? ScalarMode.CapsAllowed : ScalarMode.Value;
    ctx.pairKey = k;
    ctx.listKey = null;
    const value = convert(item.value, ctx);
    // A pair whose key line the parser reported as broken (a key indented out of line, an item without `-`) was
    // recovered by guesswork: its value cannot be judged.
    if (value && keyNode && ctx.errorRanges !== null && !value.unknown && (brokenLine(ctx, keyNode.start) || brokenInline(ctx, value))) value.unknown = true;
    if (ctx.template && value && keyNode && (value.kind !== 'scalar' || (value.value === null && value.end === value.start))) {
      // A template line among a collection's entries (e.g. `{{- include "labels" . | nindent 4 }}`)
      // is a comment to the parser but can add any entry: the collection is not fully known. The
      // same holds for `labels:` whose only content is such a line (an empty value to the parser).
      const next = items[i + 1];
      const nextStart = isPair(next) && next.key && (next.key as YamlNode).range ? (next.key as YamlNode).range![0] : after;
      if (hasTemplate(ctx.original, keyNode.end, nextStart)) value.unknown = true;
    }
    const keyScalar = keyNode && keyNode.kind === 'scalar' ? keyNode : null;
    const key = keyScalar && keyScalar.value !== null ? String(keyScalar.value) : null;
    if (keyScalar && !(typeof keyScalar.value === 'number' && Number.isNaN(keyScalar.value))) {
      const k = keyScalar.value;
      let dup = false;
      if (items.length <= SMALL_MAP) {
        for (let j = 0; j < count && !dup; j++) {
          const other = pairs[j].keyNode;
          dup = !!other && !(typeof other.value === 'number' && Number.isNaN(other.value)) && sameKey(other.value, k);
        }
      } else if (typeof k === 'string') {
        seenStrings ??= new Set();
        dup = seenStrings.has(k);
        if (!dup) seenStrings.add(k);
      } else {
        const id = `${typeof k}\u0000${String(k)}`;
        seenOthers ??= new Set();
        dup = seenOthers.has(id);
        if (!dup) seenOthers.add(id);
      }
      if (dup) ctx.duplicates.push(keyScalar);
    }
    const pStart = keyNode ? keyNode.start : value ? value.start : start;
    const pEnd = value && value.end > pStart ? value.end : keyNode ? keyNode.end : pStart;
    pairs[count++] = { key: keyNode?.unknown ? null : key, keyNode: keyScalar, value, start: pStart, end: pEnd };
  }
  if (count < pairs.length) pairs.length = count;
  return { kind: 'map', flow, pairs, start, end, unknown: ctx.template && hasTemplate(ctx.original, start, end) };
}

function convert(node: unknown, ctx: Ctx): YNode | null {
  if (!node || typeof node !== 'object') return null;
  const n = node as YamlNode;
  const range = n.range;
  const start = range ? range[0] : 0;
  const end = range ? range[1] : 0;
  if (ctx.depth > MAX_DEPTH) return { kind: 'alias', name: '(too deep)', start, end, unknown: true };
  if (isAlias(n)) return { kind: 'alias', name: String(n.source), start, end, unknown: true };
  if (isScalar(n)) return convertScalar(n.value, n.type, start, end, ctx);
  ctx.depth++;
  try {
    if (isMap(n)) return convertMap(n.items, !!n.flow, start, end, range ? range[2] : 0, ctx);
    if (isSeq(n)) {
      const list = n.items;
      const items: YNode[] = new Array(list.length);
      let count = 0;
      // Items are judged as the list's own value is (the items of `add:` are capabilities), whatever a map item sets.
      const mode = ctx.mode;
      const listKey = ctx.pairKey;
      for (let i = 0; i < list.length; i++) {
        ctx.mode = mode;
        ctx.listKey = listKey;
        ctx.pairKey = null;
        const c = convert(list[i], ctx);
        if (c) items[count++] = c;
      }
      if (count < items.length) items.length = count;
      return { kind: 'seq', flow: !!n.flow, items, start, end, unknown: ctx.template && hasTemplate(ctx.original, start, end) };
    }
  } finally {
    ctx.depth--;
  }
  return null;
}

function matchesAny(patterns: readonly RegExp[], value: string): boolean {
  for (const p of patterns) {
    p.lastIndex = 0;
    if (p.test(value)) return true;
  }
  return false;
}

/** What the engine gives the `yaml` parser (duplicate keys are found in convert instead). */
export const PARSE_OPTIONS = { prettyErrors: false, strict: false, uniqueKeys: false } as const;

/** Parses every document of a file. Never throws: unreadable input yields errors, not exceptions. */
export function parseYaml(text: string, options: ParseOptions = {}): ParsedFile {
  const braces = text.includes('{{') || text.includes('{%');
  const template = options.forceTemplate === true || braces;
  // Without `{{` or `{%` there is nothing to neutralise, even in a file that is a template by its path.
  const source = braces ? neutraliseTemplates(text) : text;
  const result: ParsedFile = { text, isTemplate: template, docs: [], errors: [] };
  const ctx: Ctx = { original: text, template, depth: 0, duplicates: [], errorRanges: null, mode: ScalarMode.Value, pairKey: null, listKey: null, extra: options.placeholders?.length ? options.placeholders : null };
  // What parseAllDocuments does, one document at a time: each parser Document is converted as soon as it is
  // composed and can be collected young, instead of a whole file's Documents living until the last is done.
  const composer = new Composer(PARSE_OPTIONS);
  let index = 0;
  try {
    for (const doc of composer.compose(new Parser().parse(source))) addDocument(doc, index++);
  } catch (err) {
    return { text, isTemplate: template, docs: [], errors: [{ start: 0, end: Math.min(1, text.length), message: `YAML could not be read: ${(err as Error).message}`, code: 'PARSE' }] };
  }
  return result;

  function addDocument(doc: Document.Parsed, index: number): void {
    const [dStart, , dEnd] = doc.range;
    let root: YNode | null = null;
    ctx.errorRanges = doc.errors.length ? doc.errors.map((e) => e.pos) : null;
    ctx.mode = ScalarMode.Value;
    ctx.pairKey = null;
    ctx.listKey = null;
    try {
      root = convert(doc.contents, ctx);
      // A document of only comments reads as an empty null scalar: it has no content at all.
      if (root && root.kind === 'scalar' && root.value === null && root.source.trim() === '') root = null;
    } catch {
      root = null;
    }
    result.docs.push({ index, start: dStart, end: dEnd, root });
    if (doc.errors.length === 0 && ctx.duplicates.length === 0) return;
    const errors = doc.errors.map((e) => ({ pos: e.pos, code: e.code as string, message: e.message }));
    for (const k of ctx.duplicates.splice(0)) errors.push({ pos: [k.start, k.end], code: 'DUPLICATE_KEY', message: 'Map keys must be unique' });
    errors.sort((a, b) => a.pos[0] - b.pos[0]);
    for (const e of errors) {
      const [s, en] = e.pos;
      result.errors.push({ start: s, end: Math.max(en, s), message: e.message.split('\n')[0], code: e.code });
    }
  }
}
