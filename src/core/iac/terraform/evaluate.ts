import type { IacRefAttribute } from '../types';
import type { Block, Body, Expr } from './hcl';
import { joinDir, localSource, type ModuleSource, type Program } from './program';
import { asString, callFunction, equalVals, firstOpaque, str, unknown, whyNot, type Val } from './values';

/**
 * Evaluates Terraform expressions as far as the repository spells them out: variables (defaults, tfvars), locals,
 * `count`/`for_each` instances, local module inputs and outputs, and attributes of other resources that are written
 * in the configuration. Attributes Azure assigns become `ref`s; everything else is `unknown` with why.
 */

export interface Scope {
  mod: ModuleInstance;
  each?: { key: Val; value: Val };
  countIndex?: Val;
  vars?: Map<string, Val>;
}

export interface Instance {
  /** Full address, e.g. `module.wi.azurerm_user_assigned_identity.app["api"]`. */
  address: string;
  scope: Scope;
  repeatedUnknown: boolean;
}

type Step = { attr: string } | { index: Expr };

const MAX_DEPTH = 48;
const META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

// Attributes a resource gets at deployment (never in the configuration), by resource type.
const COMPUTED: Record<string, Record<string, IacRefAttribute>> = {
  azurerm_user_assigned_identity: { client_id: 'clientId', principal_id: 'principalId', tenant_id: 'tenantId' },
  azurerm_kubernetes_cluster: { oidc_issuer_url: 'oidcIssuerUrl' },
};
const NESTED_COMPUTED: Record<string, Record<string, Record<string, IacRefAttribute>>> = {
  azurerm_kubernetes_cluster: {
    kubelet_identity: { object_id: 'kubeletPrincipalId', client_id: 'kubeletClientId' }, identity: { principal_id: 'clusterPrincipalId' },
    kube_config: { host: 'apiServerHost' }, kube_admin_config: { host: 'apiServerHost' },
  },
};

export class ModuleInstance {
  private readonly localCache = new Map<string, Val | 'busy'>();
  private readonly varCache = new Map<string, Val | 'busy'>();
  private readonly instanceCache = new Map<string, Instance[]>();
  private childCache: Map<string, { instances: Instance[]; mods: ModuleInstance[] } | null> | null = null;

  constructor(
    readonly program: Program,
    readonly src: ModuleSource,
    /** '' for a root module, `module.x.` / `module.x["k"].` below. */
    readonly prefix: string,
    /** Module inputs, evaluated in the caller's scope; null for a root module (tfvars and defaults apply). */
    private readonly inputs: { body: Body; scope: Scope } | null,
    readonly repeatedUnknown: boolean,
    readonly depth: number,
  ) {}

  variable(name: string, depth: number): Val {
    const cached = this.varCache.get(name);
    if (cached === 'busy') return unknown(`var.${name} refers to itself`);
    if (cached) return cached;
    this.varCache.set(name, 'busy');
    const v = this.computeVariable(name, depth);
    this.varCache.set(name, v);
    return v;
  }

  private computeVariable(name: string, depth: number): Val {
    const decl = this.src.variables.get(name);
    const dflt = decl?.body.attributes.get('default');
    const defaultVal = dflt ? evaluate(dflt.expr, { mod: this }, depth + 1) : null;
    if (this.inputs) {
      const input = this.inputs.body.attributes.get(name);
      if (input && !META.has(name)) return evaluate(input.expr, this.inputs.scope, depth + 1);
      if (defaultVal) return defaultVal;
      return unknown(`module input ${name} is not set`);
    }
    const files = this.program.tfvars.get(this.src.dir) ?? [];
    let base: Val | null = defaultVal && defaultVal.k !== 'null' ? defaultVal : null;
    let baseFrom = 'its default';
    const others: { v: Val; path: string }[] = [];
    for (const f of files) {
      const a = f.file.body.attributes.get(name);
      if (!a) continue;
      const v = evaluate(a.expr, { mod: this }, depth + 1);
      if (f.auto) {
        base = v;
        baseFrom = f.file.path;
      } else others.push({ v, path: f.file.path });
    }
    if (!base && others.length === 0) return unknown(`var.${name} has no default and no tfvars file sets it`);
    const candidates = base ? [{ v: base, path: baseFrom }, ...others] : others;
    const first = candidates[0];
    for (const c of candidates.slice(1)) {
      if (equalVals(first.v, c.v) !== true) return unknown(`var.${name} differs between ${first.path} and ${c.path}`);
    }
    return first.v;
  }

  local(name: string, depth: number): Val {
    const cached = this.localCache.get(name);
    if (cached === 'busy') return unknown(`local.${name} refers to itself`);
    if (cached) return cached;
    const a = this.src.locals.get(name);
    if (!a) return unknown(`local.${name} is not declared`);
    this.localCache.set(name, 'busy');
    const v = evaluate(a.expr, { mod: this }, depth + 1);
    this.localCache.set(name, v);
    return v;
  }

  /** The instances of a resource or module block of this module (count/for_each expanded when known). */
  instancesOf(kind: 'resource' | 'module', key: string, block: Block, depth: number): Instance[] {
    const cacheKey = `${kind}:${key}`;
    const cached = this.instanceCache.get(cacheKey);
    if (cached) return cached;
    const base = `${this.prefix}${kind === 'module' ? 'module.' : ''}${key}`;
    const scope: Scope = { mod: this };
    const out: Instance[] = [];
    const count = block.body.attributes.get('count');
    const forEach = block.body.attributes.get('for_each');
    if (count) {
      const n = evaluate(count.expr, scope, depth + 1);
      if (n.k === 'num' && Number.isInteger(n.v) && n.v >= 0 && n.v <= 1000) {
        for (let i = 0; i < n.v; i++) out.push({ address: `${base}[${i}]`, scope: { mod: this, countIndex: { k: 'num', v: i } }, repeatedUnknown: this.repeatedUnknown });
      } else {
        const why = `count of ${base} is unknown (${whyNot(n, 'count')})`;
        out.push({ address: `${base}[?]`, scope: { mod: this, countIndex: unknown(why) }, repeatedUnknown: true });
      }
    } else if (forEach) {
      const coll = evaluate(forEach.expr, scope, depth + 1);
      const pairs = forEachPairs(coll);
      if (pairs) {
        for (const [k, v] of pairs) out.push({ address: `${base}[${JSON.stringify(k)}]`, scope: { mod: this, each: { key: str(k), value: v } }, repeatedUnknown: this.repeatedUnknown });
      } else {
        const why = `for_each of ${base} is unknown (${whyNot(coll, 'for_each')})`;
        out.push({ address: `${base}[?]`, scope: { mod: this, each: { key: unknown(why), value: unknown(why) } }, repeatedUnknown: true });
      }
    } else out.push({ address: base, scope, repeatedUnknown: this.repeatedUnknown });
    this.instanceCache.set(cacheKey, out);
    return out;
  }

  /** Instances of a local module call (null: not a local module of this repository). */
  child(name: string, depth: number): { instances: Instance[]; mods: ModuleInstance[] } | null {
    this.childCache ??= new Map();
    if (this.childCache.has(name)) return this.childCache.get(name)!;
    this.childCache.set(name, null);
    const block = this.src.modules.get(name);
    const src = block ? localSource(block) : null;
    const target = src ? this.program.modules.get(joinDir(this.src.dir, src)) : undefined;
    if (!block || !target || this.depth >= 12 || target === this.src) return null;
    const instances = this.instancesOf('module', name, block, depth);
    const mods = instances.map((i) => new ModuleInstance(this.program, target, `${i.address}.`, { body: block.body, scope: i.scope }, i.repeatedUnknown, this.depth + 1));
    const result = { instances, mods };
    this.childCache.set(name, result);
    return result;
  }
}

function forEachPairs(coll: Val): [string, Val][] | null {
  if (coll.k === 'obj') return [...coll.entries.entries()];
  if (coll.k === 'list') {
    const out: [string, Val][] = [];
    for (const item of coll.items) {
      if (item.k !== 'str') return null;
      out.push([item.v, item]);
    }
    return out;
  }
  return null;
}

function apply(v: Val, step: Step, scope: Scope, depth: number): Val {
  if (v.k === 'unknown') return v;
  if (v.k === 'ref') return unknown(`${v.target} is assigned by Azure at deployment`);
  if ('attr' in step) {
    if (v.k === 'obj') return v.entries.get(step.attr) ?? unknown(`no attribute "${step.attr}"`);
    return unknown(`.${step.attr} of a value that is not an object`);
  }
  const key = evaluate(step.index, scope, depth + 1);
  if (key.k === 'unknown') return key;
  if (v.k === 'list' && key.k === 'num') return v.items[key.v] ?? unknown(`index ${key.v} is out of range`);
  const k = asString(key);
  if (v.k === 'obj' && k !== null) return v.entries.get(k) ?? unknown(`no key "${k}"`);
  return unknown('index of a value that is not a list or map');
}

function applyAll(v: Val, steps: readonly Step[], scope: Scope, depth: number): Val {
  let out = v;
  for (const s of steps) out = apply(out, s, scope, depth);
  return out;
}

function flatten(e: Expr): { root: string; steps: Step[] } | null {
  const steps: Step[] = [];
  let cur: Expr = e;
  for (;;) {
    if (cur.t === 'attr') {
      steps.unshift({ attr: cur.name });
      cur = cur.of;
    } else if (cur.t === 'idx') {
      steps.unshift({ index: cur.key });
      cur = cur.of;
    } else if (cur.t === 'var') return { root: cur.name, steps };
    else return null;
  }
}

function resolveTraversal(root: string, steps: Step[], scope: Scope, depth: number): Val {
  const first = steps[0];
  const name = first && 'attr' in first ? first.attr : null;
  if (scope.vars?.has(root)) return applyAll(scope.vars.get(root)!, steps, scope, depth);
  switch (root) {
    case 'var':
      return name ? applyAll(scope.mod.variable(name, depth), steps.slice(1), scope, depth) : unknown('var without a name');
    case 'local':
      return name ? applyAll(scope.mod.local(name, depth), steps.slice(1), scope, depth) : unknown('local without a name');
    case 'each':
      if (!scope.each) return unknown('each outside for_each');
      if (name === 'key') return applyAll(scope.each.key, steps.slice(1), scope, depth);
      if (name === 'value') return applyAll(scope.each.value, steps.slice(1), scope, depth);
      return unknown(`each.${name}`);
    case 'count':
      return name === 'index' && scope.countIndex ? scope.countIndex : unknown('count outside count');
    case 'module':
      return name ? moduleOutput(name, steps.slice(1), scope, depth) : unknown('module without a name');
    case 'data':
      return dataAttribute(steps, scope, depth) ?? unknown(`data sources are read at plan time${name ? ` (data.${name})` : ''}`);
    case 'path':
    case 'terraform':
    case 'self':
      return unknown(`${root}.* is known only when Terraform runs`);
  }
  if (!name) return unknown(`${root} is not a value`);
  const key = `${root}.${name}`;
  const block = scope.mod.src.resources.get(key);
  if (!block) return unknown(`${key} is not declared in this module`);
  const instances = scope.mod.instancesOf('resource', key, block, depth);
  let rest = steps.slice(1);
  let inst = instances[0];
  if (block.body.attributes.has('count') || block.body.attributes.has('for_each')) {
    const ix = rest[0];
    if (!ix || !('index' in ix)) return unknown(`${key} has count/for_each: a reference needs an instance key`);
    const k = evaluate(ix.index, scope, depth + 1);
    const ks = k.k === 'num' ? `[${k.v}]` : k.k === 'str' ? `[${JSON.stringify(k.v)}]` : null;
    if (ks === null) return unknown(`instance key of ${key} is unknown (${whyNot(k, 'the key')})`);
    const found = instances.find((i) => i.address === `${scope.mod.prefix}${key}${ks}`);
    if (!found) return unknown(`${key}${ks} is not an instance`);
    inst = found;
    rest = rest.slice(1);
  }
  return resourceAttribute(root, inst, block.body, rest, depth);
}

/** Data sources whose attributes Azure assigns can still be referred to, like a declared resource's. */
const DATA_REFS = new Set(['azurerm_kubernetes_cluster', 'azurerm_user_assigned_identity']);

/**
 * `data.azurerm_kubernetes_cluster.x.<attribute>` and `data.azurerm_user_assigned_identity.x.<attribute>`: what Azure
 * assigns (issuer, API server, client and principal ids), as references to the data source (declared in another
 * configuration); its arguments as written. Other data sources stay unknown.
 */
function dataAttribute(steps: Step[], scope: Scope, depth: number): Val | null {
  const [type, name] = steps.map((s) => ('attr' in s ? s.attr : null));
  if (!type || !name || !DATA_REFS.has(type)) return null;
  const block = scope.mod.src.dataSources.get(`${type}.${name}`);
  if (!block || block.body.attributes.has('count') || block.body.attributes.has('for_each')) return null;
  const inst: Instance = { address: `${scope.mod.prefix}data.${type}.${name}`, scope: { mod: scope.mod }, repeatedUnknown: false };
  return resourceAttribute(type, inst, block.body, steps.slice(2), depth);
}

function resourceAttribute(type: string, inst: Instance, body: Body, steps: Step[], depth: number): Val {
  const first = steps[0];
  if (!first || !('attr' in first)) return unknown(`${inst.address} as a whole is not a value`);
  const name = first.attr;
  // The kubernetes provider's namespace id is the namespace's name.
  if (name === 'id' && /^kubernetes_namespace(_v1)?$/.test(type) && !inst.address.includes('.metadata[')) {
    return resourceAttribute(type, inst, body, [{ attr: 'metadata' }, { index: { t: 'lit', value: 0, file: '', start: 0, end: 0 } }, { attr: 'name' }, ...steps.slice(1)], depth);
  }
  if (name === 'id') return { k: 'ref', target: inst.address, targetType: type, attribute: 'id' };
  const computed = COMPUTED[type]?.[name];
  if (computed) return { k: 'ref', target: inst.address, targetType: type, attribute: computed };
  const nested = NESTED_COMPUTED[type]?.[name];
  const leaf = steps[2];
  if (nested && leaf && 'attr' in leaf && nested[leaf.attr]) return { k: 'ref', target: inst.address, targetType: type, attribute: nested[leaf.attr] };
  const attr = body.attributes.get(name);
  if (attr) return applyAll(evaluate(attr.expr, inst.scope, depth + 1), steps.slice(1), inst.scope, depth);
  const blocks = body.blocks.filter((b) => b.type === name);
  if (blocks.length > 0) {
    const ix = steps[1];
    if (!ix || !('index' in ix)) return unknown(`${inst.address}.${name} is a block list`);
    const k = evaluate(ix.index, inst.scope, depth + 1);
    if (k.k !== 'num' || !blocks[k.v]) return unknown(`${inst.address}.${name}[…] is not a block`);
    return resourceAttribute(type, { ...inst, address: `${inst.address}.${name}[${k.v}]` }, blocks[k.v].body, steps.slice(2), depth);
  }
  return unknown(`${inst.address}.${name} is not set in the configuration`);
}

function moduleOutput(name: string, steps: Step[], scope: Scope, depth: number): Val {
  const child = scope.mod.child(name, depth);
  if (!child) return unknown(`module.${name} is not a module of this repository`);
  let rest = steps;
  let mod = child.mods[0];
  const block = scope.mod.src.modules.get(name)!;
  if (block.body.attributes.has('count') || block.body.attributes.has('for_each')) {
    const ix = rest[0];
    if (!ix || !('index' in ix)) return unknown(`module.${name} has count/for_each: a reference needs an instance key`);
    const k = evaluate(ix.index, scope, depth + 1);
    const ks = k.k === 'num' ? `[${k.v}]` : k.k === 'str' ? `[${JSON.stringify(k.v)}]` : null;
    const i = ks === null ? -1 : child.instances.findIndex((x) => x.address.endsWith(`module.${name}${ks}`));
    if (i < 0) return unknown(`instance of module.${name} is unknown`);
    mod = child.mods[i];
    rest = rest.slice(1);
  }
  const out = rest[0];
  if (!mod || !out || !('attr' in out)) return unknown(`module.${name} as a whole is not a value`);
  const value = mod.src.outputs.get(out.attr)?.body.attributes.get('value');
  if (!value) return unknown(`module.${name} has no output "${out.attr}"`);
  return applyAll(evaluate(value.expr, { mod }, depth + 1), rest.slice(1), scope, depth);
}

export function evaluate(e: Expr, scope: Scope, depth = 0): Val {
  if (depth > MAX_DEPTH) return unknown('references nest too deeply');
  switch (e.t) {
    case 'lit': {
      const span = { file: e.file, start: e.start, end: e.end };
      if (typeof e.value === 'string') return { k: 'str', v: e.value, origin: span };
      if (typeof e.value === 'number') return { k: 'num', v: e.value };
      if (typeof e.value === 'boolean') return { k: 'bool', v: e.value, origin: span };
      return { k: 'null' };
    }
    case 'tmpl': {
      let out = '';
      for (const p of e.parts) {
        if (typeof p === 'string') {
          out += p;
          continue;
        }
        const v = evaluate(p, scope, depth + 1);
        const s = asString(v);
        if (s === null) return v.k === 'unknown' ? v : unknown(whyNot(v, 'an interpolation'));
        out += s;
      }
      return str(out);
    }
    case 'var':
      if (scope.vars?.has(e.name)) return scope.vars.get(e.name)!;
      return unknown(`${e.name} is not a value here`);
    case 'attr':
    case 'idx': {
      const flat = flatten(e);
      if (flat) return resolveTraversal(flat.root, flat.steps, scope, depth + 1);
      const base = evaluate(e.of, scope, depth + 1);
      return apply(base, e.t === 'attr' ? { attr: e.name } : { index: e.key }, scope, depth + 1);
    }
    case 'tuple':
      return { k: 'list', items: e.items.map((i) => evaluate(i, scope, depth + 1)) };
    case 'object': {
      const entries = new Map<string, Val>();
      for (const en of e.entries) {
        const k = evaluate(en.key, scope, depth + 1);
        const ks = asString(k);
        if (ks === null) return unknown(`an object key is unknown (${whyNot(k, 'the key')})`);
        entries.set(ks, evaluate(en.value, scope, depth + 1));
      }
      return { k: 'obj', entries };
    }
    case 'call':
      if (e.expand) return unknown(`${e.name}(…) with expanded arguments`);
      return callFunction(e.name, e.args.map((a) => evaluate(a, scope, depth + 1)));
    case 'cond': {
      const t = evaluate(e.test, scope, depth + 1);
      if (t.k !== 'bool') return unknown(`the condition is unknown (${whyNot(t, 'the condition')})`);
      return evaluate(t.v ? e.yes : e.no, scope, depth + 1);
    }
    case 'binop': {
      const l = evaluate(e.left, scope, depth + 1);
      const r = evaluate(e.right, scope, depth + 1);
      if (e.op === '==' || e.op === '!=') {
        const eq = equalVals(l, r);
        return eq === null ? unknown(`comparison of unknown values (${whyNot(firstOpaque([l, r]) ?? l, 'an operand')})`) : { k: 'bool', v: e.op === '==' ? eq : !eq };
      }
      if ((e.op === '&&' || e.op === '||') && l.k === 'bool' && r.k === 'bool') return { k: 'bool', v: e.op === '&&' ? l.v && r.v : l.v || r.v };
      if (l.k === 'num' && r.k === 'num') {
        const n = ({ '+': l.v + r.v, '-': l.v - r.v, '*': l.v * r.v } as Record<string, number>)[e.op];
        if (n !== undefined) return { k: 'num', v: n };
        const b = ({ '<': l.v < r.v, '>': l.v > r.v, '<=': l.v <= r.v, '>=': l.v >= r.v } as Record<string, boolean>)[e.op];
        if (b !== undefined) return { k: 'bool', v: b };
      }
      return unknown(`operator ${e.op} is not evaluated`);
    }
    case 'unop': {
      const v = evaluate(e.of, scope, depth + 1);
      if (e.op === '!' && v.k === 'bool') return { k: 'bool', v: !v.v };
      if (e.op === '-' && v.k === 'num') return { k: 'num', v: -v.v };
      return v.k === 'unknown' ? v : unknown(`operator ${e.op} is not evaluated`);
    }
    case 'for':
      return evaluateFor(e, scope, depth);
    case 'splat':
      return unknown('splat expressions ([*]) are not evaluated');
    case 'unsupported':
      return unknown(e.why);
  }
}

function evaluateFor(e: Extract<Expr, { t: 'for' }>, scope: Scope, depth: number): Val {
  const coll = evaluate(e.coll, scope, depth + 1);
  let pairs: [Val, Val][];
  if (coll.k === 'list') pairs = coll.items.map((v, i) => [{ k: 'num', v: i }, v]);
  else if (coll.k === 'obj') pairs = [...coll.entries.entries()].map(([k, v]) => [str(k), v]);
  else return unknown(`for over an unknown collection (${whyNot(coll, 'the collection')})`);
  const items: Val[] = [];
  const entries = new Map<string, Val>();
  for (const [k, v] of pairs) {
    const vars = new Map(scope.vars ?? []);
    if (e.keyVar) vars.set(e.keyVar, k);
    vars.set(e.valueVar, v);
    const inner: Scope = { ...scope, vars };
    if (e.cond) {
      const c = evaluate(e.cond, inner, depth + 1);
      if (c.k !== 'bool') return unknown(`a for condition is unknown (${whyNot(c, 'the condition')})`);
      if (!c.v) continue;
    }
    const value = evaluate(e.value, inner, depth + 1);
    if (e.tuple) {
      items.push(value);
      continue;
    }
    const key = evaluate(e.key!, inner, depth + 1);
    const ks = asString(key);
    if (ks === null) return unknown(`a for key is unknown (${whyNot(key, 'the key')})`);
    if (e.group) {
      const g = entries.get(ks);
      entries.set(ks, { k: 'list', items: [...(g && g.k === 'list' ? g.items : []), value] });
    } else if (entries.has(ks)) return unknown(`duplicate key "${ks}" in a for expression`);
    else entries.set(ks, value);
  }
  return e.tuple ? { k: 'list', items } : { k: 'obj', entries };
}
