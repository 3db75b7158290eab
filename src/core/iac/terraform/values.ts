import type { IacRefAttribute, IacSpan } from '../types';

/**
 * What an expression evaluates to, as far as the repository tells. `unknown` carries why; a string keeps where its
 * text is written when it is exactly one literal (for quick fixes and related locations).
 */
export type Val =
  | { k: 'str'; v: string; origin?: IacSpan }
  | { k: 'num'; v: number }
  | { k: 'bool'; v: boolean; origin?: IacSpan }
  | { k: 'null' }
  | { k: 'list'; items: Val[] }
  | { k: 'obj'; entries: Map<string, Val> }
  | { k: 'ref'; target: string; targetType: string; attribute: IacRefAttribute }
  | { k: 'unknown'; why: string };

export const unknown = (why: string): Val => ({ k: 'unknown', why });
export const str = (v: string): Val => ({ k: 'str', v });

/** The text form Terraform converts primitives to inside templates and string arguments. */
export function asString(v: Val): string | null {
  if (v.k === 'str') return v.v;
  if (v.k === 'num') return String(v.v);
  if (v.k === 'bool') return String(v.v);
  return null;
}

export function whyNot(v: Val, what: string): string {
  if (v.k === 'unknown') return v.why;
  if (v.k === 'ref') return `${v.target} is assigned by Azure at deployment`;
  return `${what} is not a single value`;
}

/** The first unknown (or ref) among values, for "unknown because …". */
export function firstOpaque(vals: readonly Val[]): Val | null {
  return vals.find((v) => v.k === 'unknown' || v.k === 'ref') ?? null;
}

function elements(v: Val): Val[] | null {
  if (v.k === 'list') return v.items;
  if (v.k === 'obj') return [...v.entries.values()];
  return null;
}

function strings(args: Val[]): string[] | null {
  const out: string[] = [];
  for (const a of args) {
    const s = asString(a);
    if (s === null) return null;
    out.push(s);
  }
  return out;
}

function format(spec: string, args: Val[]): Val {
  let i = 0;
  let bad: Val | null = null;
  const out = spec.replace(/%(%|[-+# 0-9.]*[sdvtqf])/g, (m, verb: string) => {
    if (verb === '%') return '%';
    const a = args[i++];
    const s = a ? asString(a) : null;
    if (s === null) {
      bad ??= a ?? unknown('format() has fewer arguments than verbs');
      return '';
    }
    return verb.endsWith('q') ? JSON.stringify(s) : s;
  });
  if (bad) return (bad as Val).k === 'unknown' ? bad : unknown(whyNot(bad, 'a format() argument'));
  return str(out);
}

type Fn = (args: Val[]) => Val;

// Only functions whose result follows from known arguments without any outside state; the rest are unknown.
const FUNCTIONS: Record<string, Fn> = {
  lower: ([a]) => (a?.k === 'str' ? str(a.v.toLowerCase()) : opaque(a)),
  upper: ([a]) => (a?.k === 'str' ? str(a.v.toUpperCase()) : opaque(a)),
  trimspace: ([a]) => (a?.k === 'str' ? str(a.v.trim()) : opaque(a)),
  trimsuffix: (args) => { const s = strings(args); return s && s.length === 2 ? str(s[0].endsWith(s[1]) ? s[0].slice(0, s[0].length - s[1].length) : s[0]) : opaqueOf(args); },
  trimprefix: (args) => { const s = strings(args); return s && s.length === 2 ? str(s[0].startsWith(s[1]) ? s[0].slice(s[1].length) : s[0]) : opaqueOf(args); },
  replace: (args) => {
    const s = strings(args);
    if (!s || s.length !== 3) return opaqueOf(args);
    // A /regex/ pattern follows RE2 rules; not worth guessing.
    if (s[1].length > 1 && s[1].startsWith('/') && s[1].endsWith('/')) return unknown('replace() with a regular expression');
    return str(s[0].split(s[1]).join(s[2]));
  },
  format: ([spec, ...rest]) => (spec?.k === 'str' ? format(spec.v, rest) : opaque(spec)),
  join: ([sep, list]) => {
    const items = list ? elements(list) : null;
    const s = items ? strings(items) : null;
    return sep?.k === 'str' && s ? str(s.join(sep.v)) : opaqueOf([sep ?? unknown('join()'), list ?? unknown('join()'), ...(items ?? [])]);
  },
  tostring: ([a]) => { const s = a ? asString(a) : null; return s !== null ? str(s) : opaque(a); },
  tolist: ([a]) => (a?.k === 'list' ? a : opaque(a)),
  toset: ([a]) => {
    if (a?.k !== 'list') return opaque(a);
    const s = strings(a.items);
    if (!s) return a.items.some((x) => x.k === 'unknown' || x.k === 'ref') ? opaqueOf(a.items) : a;
    const seen = new Set<string>();
    return { k: 'list', items: a.items.filter((_x, i) => !seen.has(s[i]) && !!seen.add(s[i])) };
  },
  tomap: ([a]) => (a?.k === 'obj' ? a : opaque(a)),
  concat: (args) => (args.every((a) => a.k === 'list') ? { k: 'list', items: args.flatMap((a) => (a as { items: Val[] }).items) } : opaqueOf(args)),
  merge: (args) => {
    if (!args.every((a) => a.k === 'obj')) return opaqueOf(args);
    const entries = new Map<string, Val>();
    for (const a of args) for (const [k, v] of (a as { entries: Map<string, Val> }).entries) entries.set(k, v);
    return { k: 'obj', entries };
  },
  lookup: ([m, key, dflt]) => {
    if (m?.k !== 'obj' || key?.k !== 'str') return opaqueOf([m ?? unknown('lookup()'), key ?? unknown('lookup()')]);
    return m.entries.get(key.v) ?? dflt ?? unknown(`lookup(): no key "${key.v}"`);
  },
  element: ([l, i]) => (l?.k === 'list' && i?.k === 'num' && l.items.length > 0 ? l.items[Math.floor(i.v) % l.items.length] : opaqueOf([l ?? unknown('element()'), i ?? unknown('element()')])),
  keys: ([m]) => (m?.k === 'obj' ? { k: 'list', items: [...m.entries.keys()].sort().map(str) } : opaque(m)),
  values: ([m]) => (m?.k === 'obj' ? { k: 'list', items: [...m.entries.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v) } : opaque(m)),
  length: ([a]) => (a?.k === 'list' ? { k: 'num', v: a.items.length } : a?.k === 'obj' ? { k: 'num', v: a.entries.size } : a?.k === 'str' ? { k: 'num', v: [...a.v].length } : opaque(a)),
  range: (args) => {
    if (!args.every((a) => a.k === 'num')) return opaqueOf(args);
    const n = args.map((a) => (a as { v: number }).v);
    const [start, limit, step] = n.length === 1 ? [0, n[0], 1] : [n[0], n[1], n[2] ?? (n[1] >= n[0] ? 1 : -1)];
    if (step === 0 || Math.abs((limit - start) / step) > 1024) return unknown('range() too long');
    const items: Val[] = [];
    for (let i = start; step > 0 ? i < limit : i > limit; i += step) items.push({ k: 'num', v: i });
    return { k: 'list', items };
  },
  coalesce: (args) => {
    for (const a of args) {
      if (a.k === 'unknown' || a.k === 'ref') return a.k === 'unknown' ? a : unknown(whyNot(a, 'coalesce()'));
      if (a.k !== 'null' && !(a.k === 'str' && a.v === '')) return a;
    }
    return unknown('coalesce() of no value');
  },
};

function opaque(a: Val | undefined): Val {
  if (!a) return unknown('missing argument');
  return a.k === 'unknown' ? a : unknown(whyNot(a, 'the argument'));
}

function opaqueOf(args: readonly Val[]): Val {
  const o = firstOpaque(args);
  return o ? opaque(o) : unknown('arguments of an unexpected type');
}

export function callFunction(name: string, args: Val[]): Val {
  const f = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!f) return unknown(`function ${name}() is not evaluated`);
  try {
    return f(args);
  } catch {
    return unknown(`${name}() could not be evaluated`);
  }
}

/** Terraform's `==`: same type and value; anything opaque is unknown. */
export function equalVals(a: Val, b: Val): boolean | null {
  if (a.k === 'unknown' || b.k === 'unknown' || a.k === 'ref' || b.k === 'ref') return null;
  if (a.k !== b.k) return false;
  if (a.k === 'null') return true;
  if (a.k === 'str' || a.k === 'num' || a.k === 'bool') return a.v === (b as typeof a).v;
  return null;
}
