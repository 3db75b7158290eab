/**
 * The instances of a declaration's body (a resource or a module call): through `if` and `for`, with the loop items
 * each instance sees.
 */
import type { BExpr } from './ast';
import { evaluate, type BVal, type Scope } from './evaluate';

export function baseType(t: string): string {
  return t.split('@')[0];
}

/** The object a resource body declares, through `if` and `for`. */
export function bodyObject(e: BExpr): BExpr | null {
  if (e.k === 'object') return e;
  if (e.k === 'if' || e.k === 'for') return bodyObject(e.body);
  return null;
}

/** The value of a property path in an object literal, or null. */
export function prop(obj: BExpr | null, path: string[]): BExpr | null {
  let o = obj;
  for (const p of path) {
    if (!o || o.k !== 'object') return null;
    o = o.props.find((x) => x.key === p)?.value ?? null;
  }
  return o;
}

/** The instances of a resource body: one, none (a false condition), one per known loop item, or one standing for many. */
export function expand(body: BExpr, address: string, scope: Scope): { address: string; body: BExpr | null; locals: Map<string, BVal>; repeatedUnknown: boolean }[] {
  if (body.k === 'if') {
    const c = evaluate(body.condition, scope);
    if (c.k === 'bool' && !c.v) return [];
    return expand(body.body, address, scope);
  }
  if (body.k === 'for') {
    const src = evaluate(body.source, scope);
    const items = src.k === 'arr' ? src.items : src.k === 'obj' ? [...src.props.entries()].map(([key, value]) => ({ k: 'obj' as const, props: new Map<string, BVal>([['key', { k: 'str', v: key, origin: src.origin }], ['value', value]]), origin: src.origin })) : null;
    if (!items) {
      const locals = new Map(scope.locals);
      locals.set(body.item, { k: 'unknown', why: `${body.item} is an item of a collection that is not known` });
      if (body.index) locals.set(body.index, { k: 'unknown', why: 'a loop index' });
      return [{ address: `${address}[*]`, body: bodyObject(body.body), locals, repeatedUnknown: true }];
    }
    const out: ReturnType<typeof expand> = [];
    items.forEach((item, i) => {
      const locals = new Map(scope.locals);
      locals.set(body.item, item);
      if (body.index) locals.set(body.index, { k: 'num', v: i, origin: { file: scope.file, start: body.start, end: body.end } });
      for (const x of expand(body.body, `${address}[${i}]`, { ...scope, locals })) out.push(x);
    });
    return out;
  }
  return [{ address, body: bodyObject(body), locals: scope.locals, repeatedUnknown: false }];
}

/** Where a property path meets a value that is not an object literal (`properties: union(…)`), and the keys left. */
export function opaque(obj: BExpr | null, path: string[]): { expr: BExpr; rest: string[] } | null {
  let o = obj;
  for (let i = 0; i < path.length; i++) {
    if (!o) return null;
    if (o.k !== 'object') return { expr: o, rest: path.slice(i) };
    o = o.props.find((x) => x.key === path[i])?.value ?? null;
  }
  return null;
}
