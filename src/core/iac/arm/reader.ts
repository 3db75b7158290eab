/**
 * ARM JSON templates (`deploymentTemplate.json#` schema): the same identity facts as Bicep, read with the YAML
 * parser (JSON is YAML, and its nodes carry offsets). Resources may be a list or, in language version 2.0, an object
 * of symbolic names; nested `resources` take their parent's type and name as prefix. A `copy` loop stands for an
 * unknown number of instances.
 */
import { get, getPath, isMap, isSeq, str, type YMap, type YNode } from '../../yaml/node';
import { emptyFacts, mergeFacts, type IacFacts, type IacFile, type IacList, type IacReader, type IacSpan, type IacValue } from '../types';
import { isArmCandidatePath, isArmTemplateText } from '../paths';
import { parseJson } from './json';
import { evaluateString, fromJson, type ArmContext, type AVal } from './expression';

export function isArmTemplate(path: string, text?: string): boolean {
  return isArmCandidatePath(path) && (text === undefined || isArmTemplateText(text));
}

/** The node as plain JSON (strings, numbers, booleans, arrays, objects). */
function plain(n: YNode | null): unknown {
  if (!n) return undefined;
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(plain);
  if (n.kind === 'map') return Object.fromEntries(n.pairs.filter((p) => p.key !== null).map((p) => [p.key as string, plain(p.value)]));
  return undefined;
}

interface Decl {
  node: YMap;
  type: string;
  name: AVal;
  address: string;
  header: IacSpan;
  whole: IacSpan;
  copy: boolean;
  parent: Decl | null;
}

export function armFacts(file: IacFile): IacFacts {
  const parsed = parseJson(file.text);
  const root = parsed.root;
  if (!isMap(root)) {
    const facts = emptyFacts();
    const at = parsed.error ?? { start: 0, end: 0 };
    facts.problems.push({ message: parsed.error ? 'ARM template syntax error: the template is not read' : 'ARM template not read: not a JSON object', span: { file: file.path, ...at } });
    return facts;
  }
  const facts = readTemplate(root, { file, prefix: `${file.path}#`, outer: null, bound: null, repeated: false, depth: 0 });
  if (parsed.error) facts.problems.push({ message: 'ARM template syntax error: what follows is not read', span: { file: file.path, ...parsed.error } });
  return facts;
}

/** How one template of a file is read: the file's own, or one nested in a deployment of it. */
interface TemplateEnv {
  file: IacFile;
  /** Addresses are `<prefix><symbol or name>`: `<file>#`, or for a nested template `<deployment's address>:`. */
  prefix: string;
  /** The enclosing template: its expressions (outer scope) and its resources (the same resource group). */
  outer: { ctx: ArmContext; sameGroup: boolean } | null;
  /** Inner scope: the values the deployment passes for the nested template's parameters. */
  bound: Map<string, AVal> | null;
  /** The deployment is a `copy` loop: everything in it stands for an unknown number of instances. */
  repeated: boolean;
  depth: number;
}

function readTemplate(root: YMap, env: TemplateEnv): IacFacts {
  const { file } = env;
  const facts = emptyFacts();
  const parameters = get(root, 'parameters');
  const variables = get(root, 'variables');
  const decls: Decl[] = [];
  const own: ArmContext = {
    parameter(name) {
      const given = env.bound?.get(name);
      if (given) return given;
      const d = get(get(parameters, name), 'defaultValue');
      return d ? fromJson(plain(d)) : { k: 'unknown', why: `parameter ${name} has no default${env.bound ? ' and the deployment does not give it' : ''}` };
    },
    variable(name) {
      const v = get(variables, name);
      if (!v) return { k: 'unknown', why: `variable ${name} is not declared` };
      return fromJson(plain(v));
    },
    resource(type, name) {
      const d = decls.find((x) => x.type.toLowerCase() === type.toLowerCase() && x.name.k === 'str' && x.name.v === name && !x.copy);
      if (d) return { address: d.address, type: d.type };
      return env.outer?.sameGroup ? env.outer.ctx.resource(type, name) : null;
    },
  };
  // Outer scope (the default for a nested template): parameters() and variables() are the enclosing template's.
  const ctx: ArmContext = env.outer && !env.bound ? { parameter: env.outer.ctx.parameter, variable: env.outer.ctx.variable, resource: own.resource } : own;
  const span = (n: YNode | { start: number; end: number }): IacSpan => ({ file: file.path, start: n.start, end: n.end });
  const evalNode = (n: YNode | null): AVal => {
    if (!n) return { k: 'unknown', why: 'not set' };
    if (n.kind === 'scalar' && typeof n.value === 'string') return evaluateString(n.value, ctx);
    return fromJson(plain(n));
  };

  const collect = (list: YNode | null, parent: Decl | null) => {
    const items: [string | null, YNode | null][] = isSeq(list) ? list.items.map((x) => [null, x]) : isMap(list) ? list.pairs.map((p) => [p.key, p.value]) : [];
    for (const [symbol, n] of items) {
      if (!isMap(n)) continue;
      const typeNode = get(n, 'type');
      const rawType = typeNode?.kind === 'scalar' && typeof typeNode.value === 'string' ? typeNode.value : '';
      const type = parent && !rawType.includes('.') ? `${parent.type}/${rawType}` : rawType;
      let name = evalNode(get(n, 'name'));
      if (parent && name.k === 'str' && parent.name.k === 'str' && !name.v.includes('/')) name = { k: 'str', v: `${parent.name.v}/${name.v}` };
      const address = `${env.prefix}${symbol ?? (name.k === 'str' ? name.v : `${type}@${n.start}`)}`;
      const d: Decl = {
        node: n, type, name, address, header: typeNode ? span(typeNode) : span(n), whole: span(n),
        copy: env.repeated || !!get(n, 'copy') || !!parent?.copy, parent,
      };
      decls.push(d);
      collect(get(n, 'resources'), d);
    }
  };
  collect(get(root, 'resources'), null);

  const value = (d: Decl, path: string[]): IacValue => {
    const n = getPath(d.node, path);
    if (!n) return { kind: 'unknown', why: 'not set', span: d.header };
    return toValue(evalNode(n), span(n));
  };
  const flag = (d: Decl, path: string[]): IacValue<boolean> => {
    const n = getPath(d.node, path);
    if (!n) {
      // Left out means off, unless it sits inside a value built by an expression (`"properties": "[union(…)]"`).
      let at: YNode | null = d.node;
      let i = 0;
      while (isMap(at) && i < path.length) at = get(at, path[i++]);
      if (!at || isMap(at)) return { kind: 'literal', value: false, span: d.header, implicit: true };
      let v = evalNode(at);
      for (const k of path.slice(i)) v = v.k === 'json' && v.v && typeof v.v === 'object' ? fromJson((v.v as Record<string, unknown>)[k] ?? null) : v;
      if (v.k === 'json' && v.v === null) return { kind: 'literal', value: false, span: d.header, implicit: true };
      return v.k === 'bool' ? { kind: 'literal', value: v.v, span: span(at) } : { kind: 'unknown', why: v.k === 'unknown' ? v.why : 'not a boolean', span: span(at) };
    }
    const v = evalNode(n);
    return v.k === 'bool' ? { kind: 'literal', value: v.v, span: span(n) } : { kind: 'unknown', why: v.k === 'unknown' ? v.why : 'not a boolean', span: span(n) };
  };
  const list = (d: Decl, path: string[]): IacList => {
    const n = getPath(d.node, path);
    if (!n) return { kind: 'unknown', why: 'not set', span: d.header };
    if (isSeq(n)) return { kind: 'list', items: n.items.map((x) => toValue(evalNode(x), span(x))), span: span(n) };
    const v = evalNode(n);
    if (v.k === 'json' && Array.isArray(v.v)) return { kind: 'list', items: v.v.map((x) => toValue(fromJson(x), span(n))), span: span(n) };
    return { kind: 'unknown', why: v.k === 'unknown' ? v.why : 'not a list', span: span(n) };
  };
  const ownName = (d: Decl): IacValue => {
    const v = value(d, ['name']);
    return v.kind === 'literal' && v.value.includes('/') ? { ...v, value: v.value.slice(v.value.lastIndexOf('/') + 1) } : v;
  };
  const parentOf = (d: Decl): IacValue => {
    if (d.parent) return { kind: 'ref', target: d.parent.address, attribute: 'id', span: d.header };
    if (d.name.k !== 'str' || !d.name.v.includes('/')) return { kind: 'unknown', why: d.name.k === 'unknown' ? d.name.why : 'no parent in the name', span: d.header };
    const identity = d.name.v.slice(0, d.name.v.lastIndexOf('/'));
    const p = ctx.resource('Microsoft.ManagedIdentity/userAssignedIdentities', identity);
    return p ? { kind: 'ref', target: p.address, attribute: 'id', span: d.header } : { kind: 'unknown', why: `identity ${identity} is not declared in this template`, span: d.header };
  };

  for (const d of decls) {
    const base = { address: d.address, language: 'arm' as const, span: d.whole, headerSpan: d.header, ...(d.copy ? { repeatedUnknown: true } : {}) };
    const rg: IacValue = { kind: 'unknown', why: 'the resource group the template is deployed to', span: d.header };
    const t = d.type.toLowerCase();
    if (t === 'microsoft.managedidentity/userassignedidentities') {
      facts.identities.push({ ...base, type: 'identity', name: value(d, ['name']), resourceGroup: rg, location: value(d, ['location']) });
    } else if (t === 'microsoft.managedidentity/userassignedidentities/federatedidentitycredentials') {
      facts.federatedCredentials.push({
        ...base, type: 'federatedCredential', name: ownName(d), parent: parentOf(d),
        issuer: value(d, ['properties', 'issuer']), subject: value(d, ['properties', 'subject']), audiences: list(d, ['properties', 'audiences']),
      });
    } else if (t === 'microsoft.authorization/roleassignments') {
      facts.roleAssignments.push({
        ...base, type: 'roleAssignment', roleDefinitionId: value(d, ['properties', 'roleDefinitionId']),
        scope: getPath(d.node, ['scope']) ? value(d, ['scope']) : { kind: 'unknown', why: 'the scope the template is deployed to', span: d.header },
        principal: value(d, ['properties', 'principalId']),
        ...(getPath(d.node, ['properties', 'principalType']) ? { principalType: value(d, ['properties', 'principalType']) } : {}),
      });
    } else if (t === 'microsoft.containerservice/managedclusters') {
      const uai = getPath(d.node, ['identity', 'userAssignedIdentities']);
      const identityIds: IacList = !uai ? { kind: 'list', items: [], span: d.header }
        : isMap(uai) ? { kind: 'list', items: uai.pairs.map((p) => toValue(p.key !== null ? evaluateString(p.key, ctx) : { k: 'unknown', why: 'no key' }, span(p.keyNode ?? p))), span: span(uai) }
          : { kind: 'unknown', why: 'not an object', span: span(uai) };
      facts.clusters.push({
        ...base, type: 'cluster', name: value(d, ['name']), resourceGroup: rg,
        oidcIssuerEnabled: flag(d, ['properties', 'oidcIssuerProfile', 'enabled']),
        workloadIdentityEnabled: flag(d, ['properties', 'securityProfile', 'workloadIdentity', 'enabled']),
        identityType: value(d, ['identity', 'type']), identityIds,
        ...(getPath(d.node, ['properties', 'identityProfile', 'kubeletidentity', 'resourceId']) ? { kubeletIdentityId: value(d, ['properties', 'identityProfile', 'kubeletidentity', 'resourceId']) } : {}),
      });
    }
  }
  const nested = decls.filter((d) => d.type.toLowerCase() === 'microsoft.resources/deployments').map((d) => readDeployment(d, ctx, evalNode, env));
  return mergeFacts([facts, ...nested]);
}

/** A deployment with its template inline (`properties.template`): read with the parameters it passes. */
function readDeployment(d: Decl, ctx: ArmContext, evalNode: (n: YNode | null) => AVal, env: TemplateEnv): IacFacts {
  const template = getPath(d.node, ['properties', 'template']);
  if (!isMap(template)) return emptyFacts();
  if (env.depth >= NESTING) {
    const f = emptyFacts();
    f.problems.push({ message: `ARM template: deployments nested deeper than ${NESTING} are not read`, span: d.header });
    return f;
  }
  const inner = /^inner$/i.test(str(getPath(d.node, ['properties', 'expressionEvaluationOptions', 'scope'])) ?? '');
  let bound: Map<string, AVal> | null = null;
  if (inner) {
    bound = new Map();
    const given = getPath(d.node, ['properties', 'parameters']);
    for (const p of isMap(given) ? given.pairs : []) {
      if (p.key === null) continue;
      const v = get(p.value, 'value');
      bound.set(p.key, v ? evalNode(v) : { k: 'unknown', why: get(p.value, 'reference') ? `parameter ${p.key} is a Key Vault secret` : `parameter ${p.key} has no value` });
    }
    // Parameters written as one expression: none of them is known, defaults included.
    if (given && !isMap(given)) for (const p of isMap(get(template, 'parameters')) ? (get(template, 'parameters') as YMap).pairs : []) if (p.key !== null) bound.set(p.key, { k: 'unknown', why: 'the deployment\'s parameters are one expression' });
  }
  // Another resource group or subscription: the enclosing template's resources are not the ones its ids name.
  const sameGroup = !getPath(d.node, ['resourceGroup']) && !getPath(d.node, ['subscriptionId']);
  return readTemplate(template, { file: env.file, prefix: `${d.address}:`, outer: { ctx, sameGroup }, bound, repeated: d.copy, depth: env.depth + 1 });
}

/** Deployments nested deeper than this are not read (compiled Bicep nests one level per module). */
const NESTING = 8;

function toValue(v: AVal, at: IacSpan): IacValue {
  switch (v.k) {
    case 'str':
      return { kind: 'literal', value: v.v, span: at };
    case 'ref':
      return { kind: 'ref', target: v.target, attribute: v.attribute, span: at };
    case 'res':
      return { kind: 'ref', target: v.address, attribute: 'id', span: at };
    case 'unknown':
      return { kind: 'unknown', why: v.why, span: at };
    default:
      return { kind: 'unknown', why: 'not a string', span: at };
  }
}

/**
 * Each template's facts from its last read: the editor reads all infrastructure code again after an edit of any file,
 * and a compiled Bicep template of a megabyte should not be parsed again for a keystroke elsewhere.
 */
let lastRead = new Map<string, { text: string; facts: IacFacts }>();

export const armReader: IacReader = {
  language: 'arm',
  handles: (path, text) => isArmTemplate(path, text),
  read(files: readonly IacFile[]): IacFacts {
    const out = emptyFacts();
    const kept = new Map<string, { text: string; facts: IacFacts }>();
    for (const f of files) {
      if (!isArmTemplate(f.path, f.text)) continue;
      try {
        const had = lastRead.get(f.path);
        const one = had && had.text === f.text ? had.facts : armFacts(f);
        kept.set(f.path, { text: f.text, facts: one });
        for (const k of Object.keys(out) as (keyof IacFacts)[]) (out[k] as unknown[]).push(...one[k]);
      } catch (err) {
        out.problems.push({ message: `ARM template not read: ${err instanceof Error ? err.message : String(err)}`, span: { file: f.path, start: 0, end: 0 } });
      }
    }
    lastRead = kept;
    return out;
  },
};
