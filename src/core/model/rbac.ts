import type { KObject } from './objects';
import { get, isMap, isSeq, knownStr, pairOf, type YMap, type YNode, type YPair, type YSeq } from '../yaml/node';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** One string of a rule list (`verbs: [get, list]`), with its node for ranges; value null when unknown. */
export interface ListItem {
  value: string | null;
  node: YNode;
}

/** A list field of a policy rule. */
export interface RuleList {
  pair: YPair | null;
  items: ListItem[];
  /** Known values, in order. */
  values: string[];
  /** The field is templated, not a list, or holds an unknown item: the rule cannot be judged on it. */
  unknown: boolean;
}

export interface RbacRule {
  node: YMap;
  index: number;
  verbs: RuleList;
  apiGroups: RuleList;
  resources: RuleList;
  resourceNames: RuleList;
  nonResourceURLs: RuleList;
}

export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: { key: string; operator: string; values: string[] }[];
  /** Some part of the selector is templated: matching is unknown. */
  unknown: boolean;
}

export interface RoleObject {
  object: KObject;
  kind: 'Role' | 'ClusterRole';
  rulesSeq: YSeq | null;
  rules: RbacRule[];
  /** Present for a ClusterRole whose rules are aggregated from others. */
  aggregationRule: { node: YMap; selectors: LabelSelector[] } | null;
}

/** A string field of a subject or roleRef: its pair, node and known value. */
export interface Field {
  pair: YPair | null;
  node: YNode | null;
  /** Known value; null when absent, empty-valued or unknown. */
  value: string | null;
  unknown: boolean;
}

export interface SubjectRef {
  node: YMap;
  index: number;
  kind: Field;
  name: Field;
  namespace: Field;
  apiGroup: Field;
}

export interface RoleRef {
  pair: YPair;
  node: YMap | null;
  kind: Field;
  name: Field;
  apiGroup: Field;
}

export interface BindingObject {
  object: KObject;
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  roleRef: RoleRef | null;
  subjectsSeq: YSeq | null;
  subjects: SubjectRef[];
}

/** A field left empty: absent, `~`/null or `""` — what API defaulting treats as unset. */
export function isEmptyValue(n: YNode | null): boolean {
  return !n || (n.kind === 'scalar' && (n.value === null || n.value === ''));
}

/** Whether an apiVersion belongs to the RBAC API group (any version), or cannot be known. */
export function isRbacApiVersion(apiVersion: string | null): boolean {
  return apiVersion === null || apiVersion.startsWith(`${RBAC_GROUP}/`);
}

function field(map: YMap, key: string): Field {
  const pair = pairOf(map, key) ?? null;
  const node = pair?.value ?? null;
  const unknown = !!node && node.unknown;
  const value = knownStr(node);
  return { pair, node, value: value === '' ? null : value, unknown };
}

function list(map: YMap, key: string): RuleList {
  const pair = pairOf(map, key) ?? null;
  const v = pair?.value ?? null;
  const out: RuleList = { pair, items: [], values: [], unknown: false };
  if (!v) return out;
  if (v.unknown || !isSeq(v)) {
    // `verbs: ~` is an empty list; anything else that is not a sequence cannot be judged.
    out.unknown = !(v.kind === 'scalar' && v.value === null);
    return out;
  }
  for (const item of v.items) {
    const s = item.kind === 'scalar' && !item.unknown && item.value !== null ? String(item.value) : null;
    out.items.push({ value: s, node: item });
    if (s === null) out.unknown = true;
    else out.values.push(s);
  }
  return out;
}

function readSelector(n: YNode): LabelSelector {
  const sel: LabelSelector = { matchLabels: {}, matchExpressions: [], unknown: n.unknown || !isMap(n) };
  if (!isMap(n)) return sel;
  const ml = get(n, 'matchLabels');
  if (isMap(ml)) {
    for (const p of ml.pairs) {
      const v = knownStr(p.value);
      if (p.key === null || v === null) sel.unknown = true;
      else sel.matchLabels[p.key] = v;
    }
  } else if (ml) sel.unknown = true;
  const me = get(n, 'matchExpressions');
  if (isSeq(me)) {
    for (const e of me.items) {
      if (!isMap(e)) { sel.unknown = true; continue; }
      const key = knownStr(get(e, 'key'));
      const operator = knownStr(get(e, 'operator'));
      const vals = get(e, 'values');
      const values = isSeq(vals) ? vals.items.map((x) => knownStr(x)) : [];
      if (key === null || operator === null || values.some((x) => x === null)) sel.unknown = true;
      else sel.matchExpressions.push({ key, operator, values: values as string[] });
    }
  } else if (me) sel.unknown = true;
  return sel;
}

/**
 * Whether labels satisfy a selector. An empty selector (`{}`) matches every ClusterRole, cluster-admin
 * included: the aggregation controller turns it into "everything", as LabelSelectorAsSelector does.
 */
export function selectorMatches(sel: LabelSelector, labels: Record<string, string>): boolean {
  if (sel.unknown) return false;
  const keys = Object.keys(sel.matchLabels);
  for (const k of keys) if (labels[k] !== sel.matchLabels[k]) return false;
  for (const e of sel.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In': if (!has || !e.values.includes(labels[e.key])) return false; break;
      case 'NotIn': if (has && e.values.includes(labels[e.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

/** Known string labels of an object. */
export function labelsOf(o: KObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of o.labels?.pairs ?? []) {
    const v = knownStr(p.value);
    if (p.key !== null && v !== null) out[p.key] = v;
  }
  return out;
}

/** Reads a Role or ClusterRole of the RBAC API group; null for any other object. */
export function readRole(o: KObject): RoleObject | null {
  if ((o.kind !== 'Role' && o.kind !== 'ClusterRole') || !isRbacApiVersion(o.apiVersion)) return null;
  const seq = get(o.root, 'rules');
  const rules: RbacRule[] = [];
  if (isSeq(seq)) {
    seq.items.forEach((item, index) => {
      if (!isMap(item)) return;
      rules.push({
        node: item, index,
        verbs: list(item, 'verbs'), apiGroups: list(item, 'apiGroups'), resources: list(item, 'resources'),
        resourceNames: list(item, 'resourceNames'), nonResourceURLs: list(item, 'nonResourceURLs'),
      });
    });
  }
  let aggregationRule: RoleObject['aggregationRule'] = null;
  const agg = get(o.root, 'aggregationRule');
  if (o.kind === 'ClusterRole' && isMap(agg)) {
    const sels = get(agg, 'clusterRoleSelectors');
    aggregationRule = { node: agg, selectors: isSeq(sels) ? sels.items.map(readSelector) : [] };
  }
  return { object: o, kind: o.kind, rulesSeq: isSeq(seq) ? seq : null, rules, aggregationRule };
}

/** Reads a RoleBinding or ClusterRoleBinding of the RBAC API group; null for any other object. */
export function readBinding(o: KObject): BindingObject | null {
  if ((o.kind !== 'RoleBinding' && o.kind !== 'ClusterRoleBinding') || !isRbacApiVersion(o.apiVersion)) return null;
  const refPair = pairOf(o.root, 'roleRef') ?? null;
  let roleRef: RoleRef | null = null;
  if (refPair) {
    const node = isMap(refPair.value) ? refPair.value : null;
    const empty: Field = { pair: null, node: null, value: null, unknown: !!refPair.value?.unknown };
    roleRef = {
      pair: refPair, node,
      kind: node ? field(node, 'kind') : empty,
      name: node ? field(node, 'name') : empty,
      apiGroup: node ? field(node, 'apiGroup') : empty,
    };
  }
  const seq = get(o.root, 'subjects');
  const subjects: SubjectRef[] = [];
  if (isSeq(seq)) {
    seq.items.forEach((item, index) => {
      if (!isMap(item)) return;
      subjects.push({ node: item, index, kind: field(item, 'kind'), name: field(item, 'name'), namespace: field(item, 'namespace'), apiGroup: field(item, 'apiGroup') });
    });
  }
  return { object: o, kind: o.kind, roleRef, subjectsSeq: isSeq(seq) ? seq : null, subjects };
}

// Every rule reads the roles and bindings of the file it checks; a file's objects array is replaced on
// each change, so it keys a cache that needs no invalidation.
const rolesCache = new WeakMap<readonly KObject[], RoleObject[]>();
const bindingsCache = new WeakMap<readonly KObject[], BindingObject[]>();

/** Every Role/ClusterRole of a file, in order. */
export function rolesIn(objects: readonly KObject[]): RoleObject[] {
  let out = rolesCache.get(objects);
  if (!out) rolesCache.set(objects, (out = objects.map(readRole).filter((r): r is RoleObject => r !== null)));
  return out;
}

/** Every RoleBinding/ClusterRoleBinding of a file, in order. */
export function bindingsIn(objects: readonly KObject[]): BindingObject[] {
  let out = bindingsCache.get(objects);
  if (!out) bindingsCache.set(objects, (out = objects.map(readBinding).filter((b): b is BindingObject => b !== null)));
  return out;
}
