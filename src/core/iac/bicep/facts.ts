/**
 * Identity facts of one Bicep file: user-assigned identities and their federated credentials (nested, `parent:` or
 * `'<identity>/<name>'`), role assignments, AKS clusters and, through the Kubernetes extension, ServiceAccounts.
 * Loops with a known collection give one fact per item; a loop over an unknown collection gives one fact marked
 * `repeatedUnknown`; a resource under a condition that is false gives none.
 */
import { emptyFacts, mergeFacts, type IacFacts, type IacIdentity, type IacList, type IacMap, type IacSpan, type IacValue } from '../types';
import type { BExpr, BicepFile, BResource, BStatement } from './ast';
import { evaluate, type BVal, type ResourceSymbol, type Scope } from './evaluate';
import { baseType, bodyObject, expand, opaque, prop } from './instances';
import { followModule, type ModuleContext } from './modules';

interface Instance {
  address: string;
  decl: BResource;
  /** Full resource type without the API version. */
  type: string;
  body: BExpr | null;
  locals: Map<string, BVal>;
  repeatedUnknown: boolean;
  /** The enclosing resource instance of a nested declaration. */
  parent: Instance | null;
}

export interface ParamValues {
  /** Values of `param`s from the .bicepparam files that use this file; null marks files that disagree. */
  values: Map<string, { expr: BExpr; file: string } | null>;
}

/**
 * How each identity fact was declared: `existing` (a reference to one deployed elsewhere) and `scoped` (it, or a module
 * call above it, names another scope than the deployment's resource group).
 */
const identityOrigins = new WeakMap<IacIdentity, { existing: boolean; scoped: boolean }>();

export function identityOrigin(identity: IacIdentity): { existing: boolean; scoped: boolean } | undefined {
  return identityOrigins.get(identity);
}

export function bicepFacts(file: BicepFile, params: ParamValues | null, ctx?: ModuleContext): IacFacts {
  return readBicep(file, params, ctx ?? { files: new Map(), base: file.path, stack: [] }).facts;
}

/** The facts of one file (and of the modules it calls), and its scope, whose outputs a caller may read. */
function readBicep(file: BicepFile, params: ParamValues | null, ctx: ModuleContext): { facts: IacFacts; scope: Scope } {
  const facts = emptyFacts();
  const scope: Scope = { file: file.path, params: new Map(), vars: new Map(), resources: new Map(), locals: new Map(), modules: new Map(), busy: new Set() };
  const bound = ctx.bound;
  for (const s of file.statements) {
    if (s.k === 'param') {
      if (bound) {
        // A module's param: what the call passes, else its default (the call's params unknown: every param is).
        const b: BVal | undefined = bound.unknown !== null ? { k: 'unknown', why: bound.unknown } : bound.values.get(s.name);
        scope.params.set(s.name, b ? { value: s.value, bound: b } : { value: s.value });
        continue;
      }
      const given = params?.values.get(s.name);
      scope.params.set(s.name, given === null ? { value: { k: 'other', text: 'the .bicepparam files give different values', start: s.start, end: s.end } } : { value: s.value, given });
    } else if (s.k === 'var') scope.vars.set(s.name, s.value);
    else if (s.k === 'module') scope.modules.set(s.name, { why: `an output of module ${s.name} (not read yet)` });
  }

  // Symbols first (references may point forward), then their instances.
  const decls: { decl: BResource; address: string; type: string; parent: BResource | null }[] = [];
  const collect = (decl: BResource, address: string, type: string, parent: BResource | null) => {
    decls.push({ decl, address, type, parent });
    for (const p of bodyObject(decl.body)?.k === 'object' ? (bodyObject(decl.body) as Extract<BExpr, { k: 'object' }>).props : []) {
      if (p.value.k === 'resource') {
        const child = p.value.decl;
        const childType = child.type.includes('/') && child.type.split('/')[0].includes('.') ? baseType(child.type) : `${type}/${baseType(child.type)}`;
        collect(child, `${address}::${child.name}`, childType, decl);
      }
    }
  };
  for (const s of file.statements) if (s.k === 'resource') collect(s.decl, `${ctx.base}#${s.decl.name}`, baseType(s.decl.type), null);
  for (const d of decls) scope.resources.set(d.parent ? `${d.parent.name}::${d.decl.name}` : d.decl.name, { address: d.address, type: d.type, decl: d.decl, names: [] });

  const instances: Instance[] = [];
  const byDecl = new Map<BResource, Instance[]>();
  for (const d of decls) {
    const parents = d.parent ? byDecl.get(d.parent) ?? [] : [null];
    const mine: Instance[] = [];
    for (const parent of parents) {
      const locals = new Map(parent?.locals ?? []);
      const base = parent ? `${parent.address}::${d.decl.name}` : d.address;
      for (const inst of expand(d.decl.body, base, { ...scope, locals })) {
        mine.push({ address: inst.address, decl: d.decl, type: d.type, body: inst.body, locals: inst.locals, repeatedUnknown: inst.repeatedUnknown || !!parent?.repeatedUnknown, parent });
      }
    }
    byDecl.set(d.decl, mine);
    instances.push(...mine);
    const sym = scope.resources.get(d.parent ? `${d.parent.name}::${d.decl.name}` : d.decl.name) as ResourceSymbol;
    const loop = d.decl.body.k === 'for';
    sym.instances = loop ? (mine.some((m) => m.repeatedUnknown) ? null : mine.map((m) => m.address)) : undefined;
    sym.names = mine.map((m) => evaluate(prop(m.body, ['name']) ?? { k: 'null', start: 0, end: 0 }, { ...scope, locals: m.locals }));
  }

  // Modules after the resources' names are known (a call may pass them), before the facts that may use outputs.
  const called: IacFacts[] = [];
  for (const s of file.statements) if (s.k === 'module') called.push(...followModule(s as Extract<BStatement, { k: 'module' }>, scope, ctx, facts, (f, c) => readBicep(f, null, c)));
  for (const inst of instances) addFact(inst, scope, facts, !!ctx.scoped);
  for (const e of file.errors.slice(0, 1)) facts.problems.push({ message: 'Bicep syntax error: this part is not read', span: { file: file.path, ...e } });
  return { facts: mergeFacts([facts, ...called]), scope };
}


function toValue(v: BVal, at: IacSpan): IacValue {
  switch (v.k) {
    case 'str': {
      const same = v.origin.file === at.file && v.origin.start === at.start && v.origin.end === at.end;
      return same ? { kind: 'literal', value: v.v, span: at } : { kind: 'literal', value: v.v, span: at, origin: v.origin };
    }
    case 'ref':
      return { kind: 'ref', target: v.target, attribute: v.attribute, span: at };
    case 'res':
      return { kind: 'ref', target: v.address, attribute: 'id', span: at };
    case 'unknown':
      return { kind: 'unknown', why: v.why, span: at };
    default:
      return { kind: 'unknown', why: v.k === 'null' ? 'null' : `a ${v.k === 'num' ? 'number' : v.k === 'bool' ? 'boolean' : v.k === 'arr' ? 'list' : 'object'}, not a string`, span: at };
  }
}

function addFact(inst: Instance, scope: Scope, facts: IacFacts, scoped: boolean): void {
  const s: Scope = { ...scope, locals: inst.locals };
  const header: IacSpan = { file: scope.file, start: inst.decl.header.start, end: inst.decl.header.end };
  const whole: IacSpan = { file: scope.file, start: inst.decl.start, end: inst.decl.end };
  const at = (e: BExpr): IacSpan => ({ file: scope.file, start: e.start, end: e.end });
  const value = (path: string[], absent = 'not set'): IacValue => {
    const e = prop(inst.body, path);
    return e ? toValue(evaluate(e, s), at(e)) : { kind: 'unknown', why: absent, span: header };
  };
  const flag = (path: string[]): IacValue<boolean> => {
    if (inst.decl.existing) return { kind: 'unknown', why: 'an existing resource: its settings are not in this template', span: header };
    const e = prop(inst.body, path);
    if (!e) {
      // Left out means off, unless it sits inside a value built by an expression (`properties: union(…)`).
      const hidden = opaque(inst.body, path);
      if (!hidden) return { kind: 'literal', value: false, span: header, implicit: true };
      let v = evaluate(hidden.expr, s);
      for (const k of hidden.rest) v = v.k === 'obj' ? v.props.get(k) ?? { k: 'null' } : v;
      if (v.k === 'null') return { kind: 'literal', value: false, span: header, implicit: true };
      return v.k === 'bool' ? { kind: 'literal', value: v.v, span: at(hidden.expr), origin: v.origin } : { kind: 'unknown', why: v.k === 'unknown' ? v.why : 'not a boolean', span: at(hidden.expr) };
    }
    const v = evaluate(e, s);
    if (v.k === 'bool') return { kind: 'literal', value: v.v, span: at(e), ...(v.origin.start !== e.start || v.origin.file !== scope.file ? { origin: v.origin } : {}) };
    return { kind: 'unknown', why: v.k === 'unknown' ? v.why : 'not a boolean', span: at(e) };
  };
  const list = (path: string[]): IacList => {
    const e = prop(inst.body, path);
    if (!e) return { kind: 'unknown', why: 'not set', span: header };
    if (e.k === 'array') return { kind: 'list', items: e.items.map((x) => toValue(evaluate(x, s), at(x))), span: at(e) };
    const v = evaluate(e, s);
    if (v.k === 'arr') return { kind: 'list', items: v.items.map((x) => toValue(x, at(e))), span: at(e) };
    return { kind: 'unknown', why: v.k === 'unknown' ? v.why : 'not a list', span: at(e) };
  };
  const map = (path: string[]): IacMap => {
    const e = prop(inst.body, path);
    if (!e) return { kind: 'map', entries: [], span: header };
    if (e.k !== 'object') return { kind: 'unknown', why: 'not an object literal', span: at(e) };
    const entries: Extract<IacMap, { kind: 'map' }>['entries'] = [];
    for (const p of e.props) {
      if (p.key === null) return { kind: 'unknown', why: 'a key that is an expression', span: at(e) };
      entries.push({ key: p.key, keySpan: { file: scope.file, ...p.keyLoc }, value: toValue(evaluate(p.value, s), at(p.value)) });
    }
    return { kind: 'map', entries, span: at(e) };
  };
  const base = { address: inst.address, span: whole, headerSpan: header, ...(inst.repeatedUnknown ? { repeatedUnknown: true } : {}) };
  const type = inst.type.toLowerCase();

  if (type === 'microsoft.managedidentity/userassignedidentities') {
    const identity: IacIdentity = { ...base, language: 'bicep', type: 'identity', name: value(['name']), resourceGroup: { kind: 'unknown', why: 'the resource group the template is deployed to', span: header }, location: value(['location']) };
    identityOrigins.set(identity, { existing: inst.decl.existing, scoped: scoped || !!prop(inst.body, ['scope']) });
    facts.identities.push(identity);
  } else if (type === 'microsoft.managedidentity/userassignedidentities/federatedidentitycredentials') {
    if (inst.decl.existing) return;
    facts.federatedCredentials.push({
      ...base, language: 'bicep', type: 'federatedCredential', name: childName(inst, s, at),
      parent: parentOf(inst, s, at, header), issuer: value(['properties', 'issuer']), subject: value(['properties', 'subject']), audiences: list(['properties', 'audiences']),
    });
  } else if (type === 'microsoft.authorization/roleassignments') {
    if (inst.decl.existing) return;
    const scopeExpr = prop(inst.body, ['scope']);
    facts.roleAssignments.push({
      ...base, language: 'bicep', type: 'roleAssignment', roleDefinitionId: value(['properties', 'roleDefinitionId']),
      scope: scopeExpr ? toValue(evaluate(scopeExpr, s), at(scopeExpr)) : { kind: 'unknown', why: 'the scope the template is deployed to', span: header },
      principal: value(['properties', 'principalId']),
      ...(prop(inst.body, ['properties', 'principalType']) ? { principalType: value(['properties', 'principalType']) } : {}),
    });
  } else if (type === 'microsoft.containerservice/managedclusters') {
    const uai = prop(inst.body, ['identity', 'userAssignedIdentities']);
    const identityIds: IacList = !uai ? { kind: 'list', items: [], span: header }
      : uai.k !== 'object' ? { kind: 'unknown', why: 'not an object literal', span: at(uai) }
        : { kind: 'list', items: uai.props.map((p) => (p.key !== null ? { kind: 'literal' as const, value: p.key, span: { file: scope.file, ...p.keyLoc } } : p.keyExpr ? toValue(evaluate(p.keyExpr, s), at(p.keyExpr)) : { kind: 'unknown' as const, why: 'a nested resource', span: at(p.value) })), span: at(uai) };
    facts.clusters.push({
      ...base, language: 'bicep', type: 'cluster', name: value(['name']), resourceGroup: { kind: 'unknown', why: 'the resource group the template is deployed to', span: header },
      oidcIssuerEnabled: flag(['properties', 'oidcIssuerProfile', 'enabled']), workloadIdentityEnabled: flag(['properties', 'securityProfile', 'workloadIdentity', 'enabled']),
      identityType: value(['identity', 'type']), identityIds,
      ...(prop(inst.body, ['properties', 'identityProfile', 'kubeletidentity', 'resourceId']) ? { kubeletIdentityId: value(['properties', 'identityProfile', 'kubeletidentity', 'resourceId']) } : {}),
    });
  } else if (type === 'core/serviceaccount') {
    facts.serviceAccounts.push({
      ...base, language: 'bicep', type: 'serviceAccount', namespace: value(['metadata', 'namespace'], 'no namespace: the deployment\'s default'),
      name: value(['metadata', 'name']), annotations: map(['metadata', 'annotations']), labels: map(['metadata', 'labels']),
    });
  }
}

/** A credential's own name: the last segment of `'<identity>/<name>'` when declared at the top with a full type. */
function childName(inst: Instance, s: Scope, at: (e: BExpr) => IacSpan): IacValue {
  const e = prop(inst.body, ['name']);
  if (!e) return { kind: 'unknown', why: 'not set', span: { file: s.file, ...inst.decl.header } };
  const v = toValue(evaluate(e, s), at(e));
  if (!inst.parent && !prop(inst.body, ['parent']) && v.kind === 'literal' && v.value.includes('/')) return { ...v, value: v.value.slice(v.value.lastIndexOf('/') + 1) };
  return v;
}

function parentOf(inst: Instance, s: Scope, at: (e: BExpr) => IacSpan, header: IacSpan): IacValue {
  if (inst.parent) return { kind: 'ref', target: inst.parent.address, attribute: 'id', span: header };
  const p = prop(inst.body, ['parent']);
  if (p) return toValue(evaluate(p, s), at(p));
  // `name: '${uami.name}/fic'` at the top: the identity whose name is the first segment.
  const n = prop(inst.body, ['name']);
  const v = n ? evaluate(n, s) : null;
  if (v?.k === 'str' && v.v.includes('/')) {
    const identityName = v.v.slice(0, v.v.lastIndexOf('/'));
    for (const sym of s.resources.values()) {
      if (baseType(sym.type).toLowerCase() !== 'microsoft.managedidentity/userassignedidentities') continue;
      const i = sym.names.findIndex((x) => x.k === 'str' && x.v === identityName);
      if (i >= 0) return { kind: 'ref', target: sym.instances ? sym.instances[i] : sym.address, attribute: 'id', span: at(n!) };
    }
    return { kind: 'unknown', why: `identity ${identityName} is not declared in this file`, span: at(n!) };
  }
  return { kind: 'unknown', why: 'no parent', span: header };
}
