// Turning evaluated Terraform values into fact values, anchored where they are written: shared by the readers of
// each resource type.
import type { IacFactBase, IacList, IacMap, IacSpan, IacValue } from '../types';
import type { Attribute, Block, Body } from './hcl';
import { evaluate, type Instance } from './evaluate';
import { whyNot, type Val } from './values';

export function span(file: string, start: number, end: number): IacSpan {
  return { file, start, end };
}

export function base(block: Block, inst: Instance): IacFactBase {
  const b: IacFactBase = {
    address: inst.address, language: 'terraform',
    span: span(block.file, block.start, block.end), headerSpan: span(block.file, block.header.start, block.header.end),
  };
  if (inst.repeatedUnknown) b.repeatedUnknown = true;
  return b;
}

/** Converts an evaluated value to a fact value, anchored at the attribute's expression. */
export function toValue(v: Val, at: IacSpan): IacValue {
  switch (v.k) {
    case 'str': {
      const out: IacValue = { kind: 'literal', value: v.v, span: at };
      if (v.origin && (v.origin.file !== at.file || v.origin.start !== at.start)) out.origin = v.origin;
      return out;
    }
    case 'num':
      return { kind: 'literal', value: String(v.v), span: at };
    case 'bool':
      return { kind: 'literal', value: String(v.v), span: at };
    case 'ref':
      return { kind: 'ref', target: v.target, targetType: v.targetType, attribute: v.attribute, span: at };
    case 'null':
      return { kind: 'unknown', why: 'null (the provider decides)', span: at };
    case 'unknown':
      return { kind: 'unknown', why: v.why, span: at };
    default:
      return { kind: 'unknown', why: whyNot(v, 'the value'), span: at };
  }
}

export function attrSpan(a: Attribute): IacSpan {
  return span(a.file, a.expr.start, a.expr.end);
}

export function value(body: Body, name: string, inst: Instance, header: IacSpan): IacValue {
  const a = body.attributes.get(name);
  if (!a) return { kind: 'unknown', why: `${name} is not set`, span: header };
  return toValue(evaluate(a.expr, inst.scope), attrSpan(a));
}

export function optionalValue(body: Body, name: string, inst: Instance): IacValue | undefined {
  const a = body.attributes.get(name);
  return a ? toValue(evaluate(a.expr, inst.scope), attrSpan(a)) : undefined;
}

/** A boolean argument; left out (or commented out) is the provider's default, false. */
export function flag(body: Body, name: string, inst: Instance, header: IacSpan): IacValue<boolean> {
  const a = body.attributes.get(name);
  if (!a) return { kind: 'literal', value: false, span: header, implicit: true };
  const v = evaluate(a.expr, inst.scope);
  const at = attrSpan(a);
  if (v.k === 'bool') return v.origin && v.origin.start !== at.start ? { kind: 'literal', value: v.v, span: at, origin: v.origin } : { kind: 'literal', value: v.v, span: at };
  if (v.k === 'str' && (v.v === 'true' || v.v === 'false')) return { kind: 'literal', value: v.v === 'true', span: at };
  const t = toValue(v, at);
  return t.kind === 'unknown' ? t : { kind: 'unknown', why: `${name} is not a boolean`, span: at };
}

export function list(body: Body, name: string, inst: Instance, header: IacSpan): IacList {
  const a = body.attributes.get(name);
  if (!a) return { kind: 'unknown', why: `${name} is not set`, span: header };
  const at = attrSpan(a);
  const v = evaluate(a.expr, inst.scope);
  if (v.k !== 'list') return toValue(v, at).kind === 'unknown' ? (toValue(v, at) as IacList) : { kind: 'unknown', why: `${name} is not a list`, span: at };
  // Items written in the list keep their own spans; items that came through a variable point at the attribute.
  const items = a.expr.t === 'tuple' && a.expr.items.length === v.items.length
    ? v.items.map((it, i) => toValue(it, span(a.file, (a.expr as { items: { start: number; end: number }[] }).items[i].start, (a.expr as { items: { start: number; end: number }[] }).items[i].end)))
    : v.items.map((it) => toValue(it, at));
  return { kind: 'list', items, span: at };
}

export function map(body: Body, name: string, inst: Instance, header: IacSpan): IacMap {
  const a = body.attributes.get(name);
  if (!a) return { kind: 'map', entries: [], span: header };
  const at = attrSpan(a);
  const v = evaluate(a.expr, inst.scope);
  if (v.k !== 'obj') {
    const t = toValue(v, at);
    return t.kind === 'unknown' ? t : { kind: 'unknown', why: `${name} is not a map`, span: at };
  }
  const written = a.expr.t === 'object' ? a.expr.entries : [];
  const entries = [...v.entries].map(([key, val]) => {
    const w = written.find((en) => en.key.t === 'lit' && en.key.value === key);
    const keySpan = w ? span(a.file, w.key.start, w.key.end) : at;
    return { key, keySpan, value: toValue(val, w ? span(a.file, w.value.start, w.value.end) : at) };
  });
  return { kind: 'map', entries, span: at };
}

export function firstBlock(body: Body, type: string): Block | undefined {
  return body.blocks.find((b) => b.type === type);
}
