/**
 * The part of the ARM template expression language (`"[parameters('x')]"`) whose value the template itself fixes:
 * `parameters()` and `variables()` from their defaults, `concat`, `format`, `toLower`, `toUpper`, a role definition
 * id built from its GUID, and the id, client id, principal id or OIDC issuer of a resource the template declares
 * (`resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'x')`, `reference(…).clientId`). Anything else
 * is unknown.
 */
import type { IacRefAttribute } from '../types';

export type AVal =
  | { k: 'str'; v: string }
  | { k: 'num'; v: number }
  | { k: 'bool'; v: boolean }
  | { k: 'json'; v: unknown }
  /** A resource the template declares: by type and name. */
  | { k: 'res'; address: string; type: string }
  | { k: 'ref'; target: string; attribute: IacRefAttribute }
  | { k: 'unknown'; why: string };

type Ast =
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'call'; name: string; args: Ast[] }
  | { t: 'prop'; object: Ast; name: string }
  | { t: 'index'; object: Ast; index: Ast };

export interface ArmContext {
  parameter(name: string): AVal;
  variable(name: string): AVal;
  /** The declared resource of this type and name, if any. */
  resource(type: string, name: string): { address: string; type: string } | null;
}

/** Parses `[…]` (without the brackets); throws on syntax the reader does not know. */
function parse(src: string): Ast {
  let i = 0;
  const ws = () => {
    while (i < src.length && /\s/.test(src[i])) i++;
  };
  const expr = (): Ast => {
    ws();
    let node: Ast;
    if (src[i] === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new Error('unterminated string');
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            v += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += src[i++];
      }
      node = { t: 'str', v };
    } else if (/[-\d]/.test(src[i] ?? '')) {
      const m = /^-?\d+/.exec(src.slice(i));
      if (!m) throw new Error('bad number');
      i += m[0].length;
      node = { t: 'num', v: Number(m[0]) };
    } else {
      const m = /^[A-Za-z_][\w.]*/.exec(src.slice(i));
      if (!m) throw new Error(`unexpected ${src[i]}`);
      i += m[0].length;
      ws();
      if (src[i] !== '(') throw new Error('a name that is not a call');
      i++;
      const args: Ast[] = [];
      ws();
      if (src[i] === ')') i++;
      else {
        for (;;) {
          args.push(expr());
          ws();
          if (src[i] === ',') {
            i++;
            continue;
          }
          if (src[i] === ')') {
            i++;
            break;
          }
          throw new Error('expected , or )');
        }
      }
      node = { t: 'call', name: m[0], args };
    }
    for (;;) {
      ws();
      if (src[i] === '.') {
        i++;
        const m = /^[A-Za-z_]\w*/.exec(src.slice(i));
        if (!m) throw new Error('bad property');
        i += m[0].length;
        node = { t: 'prop', object: node, name: m[0] };
      } else if (src[i] === '[') {
        i++;
        const index = expr();
        ws();
        if (src[i] !== ']') throw new Error('expected ]');
        i++;
        node = { t: 'index', object: node, index };
      } else return node;
    }
  };
  const out = expr();
  ws();
  if (i !== src.length) throw new Error('trailing text');
  return out;
}

const REFS: Record<string, Record<string, IacRefAttribute>> = {
  'microsoft.managedidentity/userassignedidentities': { clientId: 'clientId', principalId: 'principalId', tenantId: 'tenantId' },
  'microsoft.containerservice/managedclusters': { 'oidcIssuerProfile.issuerURL': 'oidcIssuerUrl', 'identityProfile.kubeletidentity.objectId': 'kubeletPrincipalId', 'identityProfile.kubeletidentity.clientId': 'kubeletClientId' },
};

/** The value of a JSON string from a template: an expression when it is `[…]` (but not `[[`, an escaped bracket). */
export function evaluateString(s: string, ctx: ArmContext, depth = 0): AVal {
  if (!s.startsWith('[') || !s.endsWith(']') || s.startsWith('[[')) return { k: 'str', v: s.startsWith('[[') ? s.slice(1) : s };
  let ast: Ast;
  try {
    ast = parse(s.slice(1, -1));
  } catch (err) {
    return { k: 'unknown', why: `expression not read (${(err as Error).message})` };
  }
  return ev(ast, ctx, depth);
}

function ev(a: Ast, ctx: ArmContext, depth: number): AVal {
  if (depth > 30) return { k: 'unknown', why: 'expression nested too deeply' };
  if (a.t === 'str') return { k: 'str', v: a.v };
  if (a.t === 'num') return { k: 'num', v: a.v };
  if (a.t === 'index') {
    const o = ev(a.object, ctx, depth + 1);
    const i = ev(a.index, ctx, depth + 1);
    if (o.k === 'json' && (i.k === 'num' || i.k === 'str')) return fromJson((o.v as Record<string | number, unknown> | null)?.[i.v]);
    return o.k === 'unknown' ? o : i.k === 'unknown' ? i : { k: 'unknown', why: 'an index the template does not fix' };
  }
  if (a.t === 'prop') {
    const path: string[] = [];
    let o: Ast = a;
    while (o.t === 'prop') {
      path.unshift(o.name);
      o = o.object;
    }
    if (o.t === 'call' && o.name.toLowerCase() === 'reference') {
      const target = o.args[0] ? ev(o.args[0], ctx, depth + 1) : null;
      if (target?.k !== 'res') return { k: 'unknown', why: 'reference() of a resource the template does not declare' };
      const p = path[0] === 'properties' ? path.slice(1) : path;
      const attr = REFS[target.type.toLowerCase()]?.[p.join('.')];
      return attr ? { k: 'ref', target: target.address, attribute: attr } : { k: 'unknown', why: `${p.join('.')} is known only after deployment` };
    }
    let v = ev(o, ctx, depth + 1);
    for (const p of path) {
      if (v.k !== 'json' || typeof v.v !== 'object' || v.v === null) return v.k === 'unknown' ? v : { k: 'unknown', why: `property ${p} the template does not fix` };
      v = fromJson((v.v as Record<string, unknown>)[p]);
    }
    return v;
  }
  const name = a.name.toLowerCase();
  const args = a.args.map((x) => ev(x, ctx, depth + 1));
  const texts = () => (args.every((x) => x.k === 'str' || x.k === 'num' || x.k === 'bool') ? args.map((x) => String((x as { v: unknown }).v)) : null);
  const firstUnknown = (): AVal => args.find((x) => x.k === 'unknown') ?? { k: 'unknown', why: `${a.name}() of values the template does not fix` };
  switch (name) {
    case 'parameters':
    case 'variables': {
      const n = args[0];
      if (n?.k !== 'str') return firstUnknown();
      const v = name === 'parameters' ? ctx.parameter(n.v) : ctx.variable(n.v);
      return v.k === 'str' ? evaluateString(v.v, ctx, depth + 1) : v;
    }
    case 'concat': {
      const t = texts();
      return t ? { k: 'str', v: t.join('') } : firstUnknown();
    }
    case 'format': {
      const t = texts();
      return t && t.length ? { k: 'str', v: t[0].replace(/\{(\d+)(?::[^}]*)?\}/g, (m, i: string) => t[Number(i) + 1] ?? m) } : firstUnknown();
    }
    case 'tolower':
    case 'toupper': {
      const x = args[0];
      if (x?.k !== 'str') return firstUnknown();
      return { k: 'str', v: name === 'tolower' ? x.v.toLowerCase() : x.v.toUpperCase() };
    }
    case 'resourceid':
    case 'subscriptionresourceid':
    case 'tenantresourceid': {
      // The last two text arguments are type and name (earlier ones: subscription, resource group).
      const t = texts();
      if (!t || t.length < 2) return firstUnknown();
      const [type, ...names] = t.slice(t.findIndex((x) => x.includes('/') && /^[A-Za-z]+\.[A-Za-z.]+\//.test(x)));
      if (!type || !names.length) return { k: 'unknown', why: `${a.name}() of a type the reader does not know` };
      if (/^Microsoft\.Authorization\/roleDefinitions$/i.test(type) && names.length === 1) return { k: 'str', v: names[0] };
      const r = ctx.resource(type, names.join('/'));
      return r ? { k: 'res', address: r.address, type: r.type } : { k: 'unknown', why: `${type} ${names.join('/')} is not declared in this template` };
    }
    default:
      return { k: 'unknown', why: `function ${a.name}()` };
  }
}

function fromJson(v: unknown): AVal {
  if (typeof v === 'string') return { k: 'str', v };
  if (typeof v === 'number') return { k: 'num', v };
  if (typeof v === 'boolean') return { k: 'bool', v };
  if (v === undefined) return { k: 'unknown', why: 'not set' };
  return { k: 'json', v };
}

export { fromJson };
