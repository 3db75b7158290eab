import type { WorkspaceIndex } from '../index/workspace-index';
import type { KObject } from '../model/objects';
import { builtinClusterRoles as clusterRoles, findBuiltinClusterRole as findClusterRole, type BuiltinClusterRole, type PolicyRule } from '../knowledge/k8s-builtins';
import { labelsOf, readRole, selectorMatches, type RbacRule, type RoleObject } from '../model/rbac';
import type { SourceRef } from './types';

/** A rule as a role holds it, with where it is written. */
export interface ResolvedRule {
  rule: PolicyRule;
  source: SourceRef;
  range: { start: number; end: number } | null;
}

export interface ResolvedRole {
  ref: SourceRef;
  rules: ResolvedRule[];
}

export function objectRef(o: KObject): SourceRef {
  const nameRange = o.nameNode ? { start: o.nameNode.start, end: o.nameNode.end } : null;
  return { kind: o.kind ?? '', namespace: o.namespace, name: o.name ?? '', file: o.file, start: o.doc.start, end: o.doc.end, nameRange, builtin: false };
}

/** Objects by file path, then position: answers must not depend on the order files were loaded in. */
export function inSourceOrder(objects: Iterable<KObject>): KObject[] {
  return [...objects].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.doc.start - b.doc.start));
}

function builtinRef(name: string): SourceRef {
  return { kind: 'ClusterRole', namespace: null, name, file: null, start: 0, end: 0, nameRange: null, builtin: true };
}

/** The known parts of a rule; templated items are left out (the model cannot know them). */
export function toPolicyRule(r: RbacRule): PolicyRule {
  const out: PolicyRule = { verbs: r.verbs.values };
  if (r.apiGroups.pair) out.apiGroups = r.apiGroups.values;
  if (r.resources.pair) out.resources = r.resources.values;
  if (r.resourceNames.pair) out.resourceNames = r.resourceNames.values;
  if (r.nonResourceURLs.pair) out.nonResourceURLs = r.nonResourceURLs.values;
  return out;
}

function ownRules(role: RoleObject): ResolvedRule[] {
  const source = objectRef(role.object);
  // A block map's end runs to the next line; the last pair's end is where the rule's text stops.
  return role.rules.map((r) => ({ rule: toPolicyRule(r), source, range: { start: r.node.start, end: r.node.pairs.at(-1)?.end ?? r.node.end } }));
}

/** Labels a built-in ClusterRole carries (upstream: `kubernetes.io/bootstrapping` and any `aggregate-to-<x>`). */
const builtinLabels = (c: BuiltinClusterRole): Record<string, string> => c.labels;

/**
 * Resolves roles of one workspace state: workspace definitions win over built-ins of the same name, and
 * aggregated ClusterRoles (built-in or defined here) collect the rules of every ClusterRole their
 * selectors match, transitively, as the aggregation controller does.
 */
export class RoleResolver {
  private readonly clusterCache = new Map<string, ResolvedRole | null>();
  private readonly roleCache = new Map<string, ResolvedRole | null>();
  private readonly resolving = new Set<string>();
  private workspaceClusterRoles: RoleObject[] | null = null;

  constructor(private readonly index: WorkspaceIndex) {}

  role(namespace: string, name: string): ResolvedRole | null {
    // Many RoleBindings of a namespace name the same Role: read it once.
    const key = `${namespace}\u0000${name}`;
    const cached = this.roleCache.get(key);
    if (cached !== undefined) return cached;
    const o = this.index.find('Role', namespace, name).map(readRole).find((r) => r !== null);
    const result = o ? { ref: objectRef(o.object), rules: ownRules(o) } : null;
    this.roleCache.set(key, result);
    return result;
  }

  clusterRole(name: string): ResolvedRole | null {
    const cached = this.clusterCache.get(name);
    if (cached !== undefined) return cached;
    // An aggregation cycle contributes nothing more on its second visit.
    if (this.resolving.has(name)) return null;
    this.resolving.add(name);
    const result = this.resolveCluster(name);
    this.resolving.delete(name);
    this.clusterCache.set(name, result);
    return result;
  }

  private allWorkspaceClusterRoles(): RoleObject[] {
    if (!this.workspaceClusterRoles) {
      this.workspaceClusterRoles = inSourceOrder(this.index.ofKind('ClusterRole')).map(readRole).filter((r): r is RoleObject => r !== null && r.object.name !== null);
    }
    return this.workspaceClusterRoles;
  }

  private resolveCluster(name: string): ResolvedRole | null {
    const own = this.index.find('ClusterRole', null, name).map(readRole).find((r) => r !== null);
    if (own) {
      if (!own.aggregationRule) return { ref: objectRef(own.object), rules: ownRules(own) };
      const selectors = own.aggregationRule.selectors;
      const members: string[] = [];
      for (const c of this.allWorkspaceClusterRoles()) {
        if (c.object.name === name) continue;
        const labels = labelsOf(c.object);
        if (selectors.some((s) => selectorMatches(s, labels))) members.push(c.object.name as string);
      }
      for (const c of clusterRoles) {
        if (c.name === name || this.index.find('ClusterRole', null, c.name).length) continue;
        const labels = builtinLabels(c);
        if (selectors.some((s) => selectorMatches(s, labels))) members.push(c.name);
      }
      return { ref: objectRef(own.object), rules: this.collect(members) };
    }
    const builtin = findClusterRole(name);
    if (!builtin) return null;
    if (!builtin.aggregatesFrom.length) {
      const source = builtinRef(name);
      return { ref: source, rules: builtin.rules.map((rule) => ({ rule, source, range: null })) };
    }
    const members: string[] = [];
    for (const c of clusterRoles) if (c.aggregatesInto.includes(name)) members.push(c.name);
    for (const c of this.allWorkspaceClusterRoles()) {
      const labels = labelsOf(c.object);
      if (builtin.aggregatesFrom.some((key) => labels[key] === 'true') && !members.includes(c.object.name as string)) members.push(c.object.name as string);
    }
    return { ref: builtinRef(name), rules: this.collect(members) };
  }

  /** The rules of several ClusterRoles, each written rule once even when reached along two paths. */
  private collect(names: string[]): ResolvedRule[] {
    const seen = new Set<string>();
    const out: ResolvedRule[] = [];
    for (const n of names) {
      for (const r of this.clusterRole(n)?.rules ?? []) {
        const key = r.range ? `${r.source.file}\u0000${r.range.start}` : `${r.source.name}\u0000${JSON.stringify(r.rule)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(r);
      }
    }
    return out;
  }
}
