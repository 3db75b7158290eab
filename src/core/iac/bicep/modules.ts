/**
 * Following Bicep `module` calls to local files: which file a call reads, the params it binds, and the addresses of
 * what the module declares (`main.bicep#wi:modules/identity.bicep#credential`: the call, then the path as written).
 */
import type { IacFacts } from '../types';
import type { BExpr, BicepFile, BStatement } from './ast';
import { evaluate, type BVal, type Scope } from './evaluate';
import { expand, prop } from './instances';

/** Modules calling modules deeper than this are not followed (a cycle is caught before; this bounds the work). */
const MODULE_DEPTH = 8;

/** The params a module call passes, evaluated in the caller; `unknown` when its whole `params` object is. */
export interface BoundParams {
  values: Map<string, BVal>;
  unknown: string | null;
}

/** Reading a file as a module of another: the files to follow, where addresses start, the calls above. */
export interface ModuleContext {
  files: ReadonlyMap<string, BicepFile>;
  /** Addresses are `<base>#<symbol>`: the file's path, or for a module `<call's address>:<path as written>`. */
  base: string;
  /** Files of the calls above (a module calling one of them is a cycle, not read again). */
  stack: readonly string[];
  bound?: BoundParams;
  /** A call above names a `scope:` (another resource group or subscription than the deployment's). */
  scoped?: boolean;
}

/** `dir/x/../main.bicep` → `dir/main.bicep`, with either separator kept as the path has it. */
export function resolveRelative(from: string, rel: string): string {
  const sep = from.includes('\\') && !from.includes('/') ? '\\' : '/';
  const parts = from.split(/[\\/]/).slice(0, -1);
  for (const p of rel.split(/[\\/]/)) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join(sep);
}

/** The local Bicep file a module path names, or null for a registry (`br:`), a template spec (`ts:`) or a JSON template. */
export function localModulePath(from: string, written: string): string | null {
  if (/^(br|ts)[:/]/i.test(written) || !/\.bicep$/i.test(written)) return null;
  return resolveRelative(from, written);
}

/**
 * The files read as roots: every `.bicep` file no other file of the set calls as a local module (those are read
 * through each call). Files that only call each other (a cycle) would have no root: the first of them becomes one.
 */
export function moduleRoots(files: readonly BicepFile[]): BicepFile[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const calls = (f: BicepFile) => f.statements.flatMap((s) => {
    const target = s.k === 'module' ? localModulePath(f.path, s.path) : null;
    return target && target !== f.path && byPath.has(target) ? [target] : [];
  });
  const called = new Set(files.flatMap(calls));
  const roots = files.filter((f) => !called.has(f.path));
  const reached = new Set<string>();
  const visit = (f: BicepFile) => {
    if (reached.has(f.path)) return;
    reached.add(f.path);
    for (const t of calls(f)) visit(byPath.get(t)!);
  };
  roots.forEach(visit);
  for (const f of files) {
    if (reached.has(f.path)) continue;
    roots.push(f);
    visit(f);
  }
  return roots;
}

/** The path part of a module address: as written, without a leading `./`. */
export function moduleLabel(written: string): string {
  return written.replace(/^\.\//, '');
}

/** The params a call's body passes (`params: { ns: 'shop' }`), each evaluated in the caller's scope. */
export function bindParams(params: BExpr | null, scope: Scope): BoundParams {
  if (!params) return { values: new Map(), unknown: null };
  if (params.k === 'object') {
    const values = new Map<string, BVal>();
    for (const p of params.props) {
      if (p.key === null) return { values: new Map(), unknown: 'the module call\'s params have a key that is an expression' };
      values.set(p.key, evaluate(p.value, scope));
    }
    return { values, unknown: null };
  }
  const v = evaluate(params, scope);
  if (v.k === 'obj') return { values: v.props, unknown: null };
  return { values: new Map(), unknown: v.k === 'unknown' ? `the module call's params: ${v.why}` : 'the module call\'s params are not an object' };
}

/**
 * Reads the local file a module call names, once per instance of the call, with the params that instance binds;
 * registers the call's outputs with the caller when it has one instance. What cannot be followed stays unknown.
 */
export function followModule(
  m: Extract<BStatement, { k: 'module' }>, scope: Scope, ctx: ModuleContext, facts: IacFacts,
  readFile: (file: BicepFile, ctx: ModuleContext) => { facts: IacFacts; scope: Scope },
): IacFacts[] {
  const target = localModulePath(scope.file, m.path);
  const file = target ? ctx.files.get(target) : undefined;
  const notRead = (why: string) => {
    scope.modules.set(m.name, { why: `an output of module ${m.name} (${why})` });
    return [];
  };
  if (!target || !m.decl) return notRead('a registry module or template is not read');
  if (!file) return notRead(`${m.path} is not among the files read`);
  if (target === scope.file || ctx.stack.includes(target)) {
    facts.problems.push({ message: `Bicep module ${m.name} calls ${m.path}, which calls back: read once`, span: { file: scope.file, start: m.start, end: m.decl.header.end } });
    return notRead('a cycle of modules');
  }
  if (ctx.stack.length >= MODULE_DEPTH) return notRead(`modules nested deeper than ${MODULE_DEPTH}`);
  const out: IacFacts[] = [];
  const reads: Scope[] = [];
  for (const inst of expand(m.decl.body, `${ctx.base}#${m.name}`, scope)) {
    const bound = bindParams(prop(inst.body, ['params']), { ...scope, locals: inst.locals });
    const scoped = !!ctx.scoped || !!prop(inst.body, ['scope']);
    const read = readFile(file, { files: ctx.files, base: `${inst.address}:${moduleLabel(m.path)}`, stack: [...ctx.stack, scope.file], bound, scoped });
    if (inst.repeatedUnknown) for (const k of FACT_KINDS) for (const f of read.facts[k]) f.repeatedUnknown = true;
    out.push(read.facts);
    reads.push(read.scope);
  }
  const one = reads.length === 1 && m.decl.body.k !== 'for' ? reads[0] : null;
  if (!one) {
    notRead(reads.length ? 'a loop of module calls' : 'a call under a false condition');
    return out;
  }
  const outputs = new Map(file.statements.flatMap((s) => (s.k === 'output' ? [[s.name, s.value] as const] : [])));
  scope.modules.set(m.name, {
    why: `an output of module ${m.name}`,
    output: (name) => {
      const e = outputs.get(name);
      return e ? evaluate(e, { ...one, locals: new Map() }) : { k: 'unknown', why: `module ${m.name} has no output ${name}` };
    },
  });
  return out;
}

const FACT_KINDS = ['identities', 'federatedCredentials', 'roleAssignments', 'clusters', 'serviceAccounts'] as const;
