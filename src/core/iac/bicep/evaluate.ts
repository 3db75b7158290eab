/**
 * Values of Bicep expressions as far as the repository spells them out: literals, `param` defaults and
 * `.bicepparam` values, `var`s, loop items, string interpolation, `concat`/`format`, and the attributes Azure assigns
 * to declared resources (`uami.properties.clientId`, `aks.properties.oidcIssuerProfile.issuerURL`), which are
 * references. Everything else is unknown, with the reason.
 */
import type { IacRefAttribute, IacSpan } from '../types';
import type { BExpr, BResource } from './ast';

export type BVal =
  | { k: 'str'; v: string; origin: IacSpan }
  | { k: 'num'; v: number; origin: IacSpan }
  | { k: 'bool'; v: boolean; origin: IacSpan }
  | { k: 'null' }
  | { k: 'obj'; props: Map<string, BVal>; origin: IacSpan }
  | { k: 'arr'; items: BVal[]; origin: IacSpan }
  /** An attribute Azure assigns to a declared resource. */
  | { k: 'ref'; target: string; attribute: IacRefAttribute; targetType: string }
  /** A declared resource itself (for `parent:` and `scope:`), or a loop of them. */
  | { k: 'res'; address: string; type: string; decl: BResource; instances?: string[] }
  | { k: 'unknown'; why: string };

/** A resource symbol of the file: its address (or its loop instances' addresses) and declaration. */
export interface ResourceSymbol {
  address: string;
  type: string;
  decl: BResource;
  /** Instance addresses of a loop with known items; null: a loop over an unknown collection. */
  instances?: string[] | null;
  /** The evaluated `name` of each instance (or of the one resource). */
  names: BVal[];
}

/** A module call as its caller sees it: its outputs, when the module file is read. */
export interface ModuleSymbol {
  /** The value of one output; absent when the module is not read (`why` says so). */
  output?: (name: string) => BVal;
  why: string;
}

export interface Scope {
  file: string;
  /**
   * `given`: a `.bicepparam` value, evaluated in its own file. `bound`: the value a module call passes, already
   * evaluated in the caller (its literals keep their place there).
   */
  params: Map<string, { value: BExpr | null; given?: { expr: BExpr; file: string }; bound?: BVal }>;
  vars: Map<string, BExpr>;
  resources: Map<string, ResourceSymbol>;
  /** Loop items in scope. */
  locals: Map<string, BVal>;
  /** Module symbols of the file. */
  modules: Map<string, ModuleSymbol>;
  /** Variables being evaluated (a cycle is unknown, not a hang). */
  busy: Set<string>;
}

const unknown = (why: string): BVal => ({ k: 'unknown', why });

/** Attributes Azure assigns, by the member path after the resource symbol. */
function refAttribute(type: string, path: string[]): IacRefAttribute | null {
  const p = path.join('.');
  const t = type.toLowerCase();
  if (p === 'id') return 'id';
  if (t.startsWith('microsoft.managedidentity/userassignedidentities') && !t.includes('/federated')) {
    if (p === 'properties.clientId') return 'clientId';
    if (p === 'properties.principalId') return 'principalId';
    if (p === 'properties.tenantId') return 'tenantId';
  }
  if (t.startsWith('microsoft.containerservice/managedclusters')) {
    if (p === 'properties.oidcIssuerProfile.issuerURL') return 'oidcIssuerUrl';
    if (p === 'properties.identityProfile.kubeletidentity.objectId') return 'kubeletPrincipalId';
    if (p === 'properties.identityProfile.kubeletidentity.clientId') return 'kubeletClientId';
    if (p === 'identity.principalId') return 'clusterPrincipalId';
  }
  return null;
}

function span(scope: Scope, e: { start: number; end: number }): IacSpan {
  return { file: scope.file, start: e.start, end: e.end };
}

export function evaluate(e: BExpr, scope: Scope, depth = 0): BVal {
  if (depth > 40) return unknown('expression nested too deeply');
  const ev = (x: BExpr) => evaluate(x, scope, depth + 1);
  switch (e.k) {
    case 'string': {
      // '${uami.id}' is the value itself (a reference stays a reference).
      if (e.parts.length === 1 && typeof e.parts[0] !== 'string') {
        const only = ev(e.parts[0]);
        if (only.k === 'ref' || only.k === 'res') return only;
      }
      let out = '';
      for (const p of e.parts) {
        if (typeof p === 'string') out += p;
        else {
          const v = ev(p);
          if (v.k === 'str') out += v.v;
          else if (v.k === 'num' || v.k === 'bool') out += String(v.v);
          else return v.k === 'unknown' ? unknown(`interpolation: ${v.why}`) : unknown('interpolation of a value Azure assigns');
        }
      }
      return { k: 'str', v: out, origin: span(scope, e) };
    }
    case 'number':
      return { k: 'num', v: e.value, origin: span(scope, e) };
    case 'bool':
      return { k: 'bool', v: e.value, origin: span(scope, e) };
    case 'null':
      return { k: 'null' };
    case 'ident':
      return identifier(e.name, scope, depth);
    case 'member': {
      // A chain from a resource symbol: the attribute it names.
      const path: string[] = [];
      let o: BExpr = e;
      while (o.k === 'member') {
        path.unshift(o.property);
        o = o.object;
      }
      // `wi.outputs.x…`: the output of a module the reader followed, then the rest of the path into it.
      const mod = o.k === 'ident' && !scope.locals.has(o.name) ? scope.modules.get(o.name) : undefined;
      if (mod) {
        if (path[0] !== 'outputs' || path.length < 2) return unknown(`${path.join('.')} of module ${(o as { name: string }).name}`);
        if (!mod.output) return unknown(mod.why);
        path.shift();
      }
      const base = mod?.output ? mod.output(path.shift()!) : ev(o);
      if (base.k === 'res' && path.length) {
        if (path.length === 1 && path[0] === 'name') {
          const sym = [...scope.resources.values()].find((s) => s.address === base.address || s.instances?.includes(base.address));
          const i = sym?.instances ? sym.instances.indexOf(base.address) : 0;
          return sym?.names[i] ?? unknown('the resource name is not known');
        }
        const attr = refAttribute(base.type, path);
        return attr ? { k: 'ref', target: base.address, attribute: attr, targetType: base.type.split('@')[0] } : unknown(`${path.join('.')} of ${base.decl.name} is known only after deployment`);
      }
      let v: BVal = base;
      for (const p of path) {
        if (v.k === 'obj') v = v.props.get(p) ?? unknown(`no property ${p}`);
        else if (v.k === 'unknown') return v;
        else return unknown(`property ${p} of a non-object`);
      }
      return v;
    }
    case 'index': {
      const o = ev(e.object);
      const i = ev(e.index);
      if (o.k === 'unknown') return o;
      if (i.k === 'unknown') return i;
      if (o.k === 'arr' && i.k === 'num') return o.items[i.v] ?? unknown('index out of range');
      if (o.k === 'obj' && i.k === 'str') return o.props.get(i.v) ?? unknown(`no property ${i.v}`);
      if (o.k === 'res' && o.instances && i.k === 'num') {
        const a = o.instances[i.v];
        return a ? { ...o, address: a, instances: undefined } : unknown('index out of range');
      }
      return unknown('index of a value that is not a list or object');
    }
    case 'call':
      return call(e, scope, depth);
    case 'object': {
      const props = new Map<string, BVal>();
      for (const p of e.props) if (p.key !== null) props.set(p.key, ev(p.value));
      return { k: 'obj', props, origin: span(scope, e) };
    }
    case 'array':
      return { k: 'arr', items: e.items.map(ev), origin: span(scope, e) };
    case 'ternary': {
      const c = ev(e.condition);
      if (c.k === 'bool') return ev(c.v ? e.then : e.else);
      return unknown('a condition that is not known');
    }
    case 'for':
      return unknown('a for expression');
    default:
      return unknown(e.k === 'other' ? `expression ${e.text.split('\n')[0].slice(0, 60)}` : `a ${e.k}`);
  }
}

function identifier(name: string, scope: Scope, depth: number): BVal {
  const local = scope.locals.get(name);
  if (local) return local;
  const param = scope.params.get(name);
  if (param) {
    // A value a .bicepparam gives wins over the default; it is evaluated in its own file.
    if (param.bound) return param.bound;
    if (param.given) return evaluate(param.given.expr, { ...scope, file: param.given.file, locals: new Map() }, depth + 1);
    if (param.value) return evaluate(param.value, scope, depth + 1);
    return unknown(`param ${name} has no default and no .bicepparam gives it`);
  }
  const v = scope.vars.get(name);
  if (v) {
    if (scope.busy.has(name)) return unknown(`var ${name} refers to itself`);
    scope.busy.add(name);
    try {
      return evaluate(v, { ...scope, locals: new Map() }, depth + 1);
    } finally {
      scope.busy.delete(name);
    }
  }
  const r = scope.resources.get(name);
  if (r) {
    if (r.instances === null) return unknown(`${name} is a loop over a collection that is not known`);
    return { k: 'res', address: r.address, type: r.type, decl: r.decl, instances: r.instances };
  }
  const mod = scope.modules.get(name);
  if (mod) return unknown(mod.why);
  return unknown(`${name} is not declared in this file`);
}

const ROLE_DEFINITIONS = /^Microsoft\.Authorization\/roleDefinitions$/i;

function call(e: Extract<BExpr, { k: 'call' }>, scope: Scope, depth: number): BVal {
  const name = e.callee.replace(/^(sys|az)\./, '');
  const args = e.args.map((a) => evaluate(a, scope, depth + 1));
  const at = span(scope, e);
  const strings = () => (args.every((a) => a.k === 'str' || a.k === 'num' || a.k === 'bool') ? args.map((a) => String((a as { v: unknown }).v)) : null);
  switch (name) {
    case 'subscriptionResourceId':
    case 'resourceId':
    case 'tenantResourceId':
    case 'managementGroupResourceId': {
      // A role definition named by GUID: the GUID is what identifies the role, wherever the id is rooted.
      const typeIdx = args.findIndex((a) => a.k === 'str' && ROLE_DEFINITIONS.test(a.v));
      const guid = typeIdx >= 0 ? args[typeIdx + 1] : undefined;
      if (guid?.k === 'str' && typeIdx + 2 === args.length) return { k: 'str', v: guid.v, origin: guid.origin };
      return unknown(`${name}() builds an id that depends on the deployment`);
    }
    case 'concat': {
      const s = strings();
      if (s) return { k: 'str', v: s.join(''), origin: at };
      if (args.length && args.every((a) => a.k === 'arr')) return { k: 'arr', items: args.flatMap((a) => (a as { items: BVal[] }).items), origin: at };
      return firstUnknown(args, name);
    }
    case 'format': {
      const s = strings();
      if (!s || !s.length) return firstUnknown(args, name);
      return { k: 'str', v: s[0].replace(/\{(\d+)\}/g, (m, i: string) => s[Number(i) + 1] ?? m), origin: at };
    }
    case 'toLower':
    case 'toUpper': {
      const a = args[0];
      if (a?.k !== 'str') return firstUnknown(args, name);
      return { k: 'str', v: name === 'toLower' ? a.v.toLowerCase() : a.v.toUpperCase(), origin: at };
    }
    case 'range': {
      const [s, n] = args;
      if (s?.k !== 'num' || n?.k !== 'num' || n.v > 1000) return firstUnknown(args, name);
      return { k: 'arr', items: Array.from({ length: n.v }, (_, i) => ({ k: 'num' as const, v: s.v + i, origin: at })), origin: at };
    }
    case 'string': {
      const a = args[0];
      return a && (a.k === 'str' || a.k === 'num' || a.k === 'bool') ? { k: 'str', v: String(a.v), origin: at } : firstUnknown(args, name);
    }
    default:
      return unknown(`function call ${name}()`);
  }
}

function firstUnknown(args: BVal[], name: string): BVal {
  const u = args.find((a) => a.k === 'unknown');
  return u ?? unknown(`${name}() of values that are not all known`);
}
