/**
 * JSON with offsets, as the engine's YAML node view (`YNode`), for ARM templates. The YAML parser reads JSON too, but
 * a compiled Bicep template of a megabyte took it a second; this reads one in a few milliseconds per hundred
 * kilobytes. Templates may hold `//` and `/* *\/` comments (Resource Manager accepts them). A syntax error is
 * returned, not thrown, and nothing of the file is kept: offsets of a half-read object could point anywhere.
 */
import type { YMap, YNode, YPair, YScalar, YSeq } from '../../yaml/node';

export interface JsonParse {
  root: YNode | null;
  error: { start: number; end: number } | null;
}

class Stop extends Error {
  constructor(readonly at: number) {
    super('JSON syntax error');
  }
}

export function parseJson(text: string): JsonParse {
  let i = 0;
  const n = text.length;
  const skip = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff) i++;
      else if (c === 47 && text[i + 1] === '/') {
        const eol = text.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
      } else if (c === 47 && text[i + 1] === '*') {
        const close = text.indexOf('*/', i + 2);
        if (close < 0) throw new Stop(i);
        i = close + 2;
      } else return;
    }
  };
  const string = (): YScalar => {
    const start = i;
    i++;
    let out = '';
    let from = i;
    for (;;) {
      if (i >= n) throw new Stop(start);
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) {
        out += text.slice(from, i);
        const e = text[i + 1];
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Stop(i);
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
          if (!(e in simple)) throw new Stop(i);
          out += simple[e];
          i += 2;
        }
        from = i;
      } else i++;
    }
    out += text.slice(from, i);
    i++;
    return { kind: 'scalar', value: out, source: text.slice(start, i), quoted: true, unknown: false, start, end: i };
  };
  const value = (): YNode => {
    skip();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const pairs: YPair[] = [];
      skip();
      while (text[i] !== '}') {
        if (text[i] !== '"') throw new Stop(i);
        const key = string();
        skip();
        if (text[i] !== ':') throw new Stop(i);
        i++;
        const v = value();
        pairs.push({ key: key.value as string, keyNode: key, value: v, start: key.start, end: v.end });
        skip();
        if (text[i] === ',') {
          i++;
          skip();
        } else if (text[i] !== '}') throw new Stop(i);
      }
      i++;
      const map: YMap = { kind: 'map', flow: true, pairs, unknown: false, start, end: i };
      return map;
    }
    if (c === '[') {
      i++;
      const items: YNode[] = [];
      skip();
      while (text[i] !== ']') {
        items.push(value());
        skip();
        if (text[i] === ',') {
          i++;
          skip();
        } else if (text[i] !== ']') throw new Stop(i);
      }
      i++;
      const seq: YSeq = { kind: 'seq', flow: true, items, unknown: false, start, end: i };
      return seq;
    }
    if (c === '"') return string();
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (!m) throw new Stop(i);
    i += m[0].length;
    const v = m[0] === 'true' ? true : m[0] === 'false' ? false : m[0] === 'null' ? null : Number(m[0]);
    return { kind: 'scalar', value: v, source: m[0], quoted: false, unknown: false, start, end: i };
  };
  try {
    const root = value();
    skip();
    if (i < n) return { root, error: { start: i, end: i + 1 } };
    return { root, error: null };
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    // Unreadable from here on: nothing is kept rather than a half-built object with offsets that lie.
    return { root: null, error: { start: err.at, end: Math.min(err.at + 1, n) } };
  }
}
