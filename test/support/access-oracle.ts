// An independent reading of the Kubernetes RBAC authorizer, as "Using RBAC Authorization" documents it, written from the
// documentation rather than from src/core/access: the tests compare the engine's answers with this one.

export interface ORule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
  verbs: string[];
}

export interface ORole {
  kind: 'Role' | 'ClusterRole';
  namespace?: string;
  name: string;
  rules: ORule[];
  labels?: Record<string, string>;
  /** matchLabels of an aggregationRule. */
  aggregate?: Record<string, string>[];
}

export interface OSubject {
  kind: 'ServiceAccount' | 'User' | 'Group';
  name: string;
  namespace?: string;
}

export interface OBinding {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  namespace?: string;
  name: string;
  roleRef: { kind: 'Role' | 'ClusterRole'; name: string };
  subjects: OSubject[];
}

export interface ORequest {
  verb: string;
  /** Empty for the core group. */
  group?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  /** The request's namespace; absent for cluster-scoped resources. */
  namespace?: string;
  path?: string;
}

/** "A request is allowed if any rule of any role bound to the user (or a group of it) in scope allows it." */
export function oracleRuleAllows(rule: ORule, req: ORequest): boolean {
  const has = (list: string[] | undefined, v: string) => (list ?? []).includes('*') || (list ?? []).includes(v);
  if (!has(rule.verbs, req.verb)) return false;
  if (req.path !== undefined) {
    return (rule.nonResourceURLs ?? []).some((u) => u === '*' || u === req.path || (u.endsWith('*') && req.path!.startsWith(u.slice(0, -1))));
  }
  if (!has(rule.apiGroups, req.group ?? '')) return false;
  const full = req.subresource ? `${req.resource}/${req.subresource}` : req.resource!;
  const resOk = (rule.resources ?? []).some((r) => r === '*' || r === full || (req.subresource !== undefined && r === `*/${req.subresource}`));
  if (!resOk) return false;
  if (!rule.resourceNames || rule.resourceNames.length === 0) return true;
  return req.name !== undefined && rule.resourceNames.includes(req.name);
}

function labelsMatch(labels: Record<string, string> | undefined, sel: Record<string, string>): boolean {
  return Object.entries(sel).every(([k, v]) => labels?.[k] === v);
}

/** The rules a role holds, aggregation included (one level is all the generated workspaces use, and no cycles). */
export function oracleRoleRules(roles: ORole[], ref: { kind: string; name: string }, namespace?: string): ORule[] {
  const role = roles.find((r) => r.kind === ref.kind && r.name === ref.name && (ref.kind === 'ClusterRole' || r.namespace === namespace));
  if (!role) return [];
  if (!role.aggregate) return role.rules;
  return roles.filter((r) => r.kind === 'ClusterRole' && r !== role && role.aggregate!.some((sel) => labelsMatch(r.labels, sel))).flatMap((r) => r.rules);
}

/** The identities a ServiceAccount authenticates as: itself, its user name, its groups. */
function matchesSubject(s: OSubject, who: OSubject, bindingNs?: string): boolean {
  if (who.kind === 'ServiceAccount') {
    if (s.kind === 'ServiceAccount') return s.name === who.name && (s.namespace ?? bindingNs) === who.namespace;
    if (s.kind === 'User') return s.name === `system:serviceaccount:${who.namespace}:${who.name}`;
    return ['system:serviceaccounts', `system:serviceaccounts:${who.namespace}`, 'system:authenticated'].includes(s.name);
  }
  if (who.kind === 'User') return (s.kind === 'User' && s.name === who.name) || (s.kind === 'Group' && s.name === 'system:authenticated');
  return s.kind === 'Group' && s.name === who.name;
}

export function oracleAllows(roles: ORole[], bindings: OBinding[], who: OSubject, req: ORequest): boolean {
  for (const b of bindings) {
    if (!b.subjects.some((s) => matchesSubject(s, who, b.namespace))) continue;
    if (b.kind === 'ClusterRoleBinding' && b.roleRef.kind !== 'ClusterRole') continue;
    // A RoleBinding applies to requests in its namespace only (non-resource and cluster-scoped requests have none).
    if (b.kind === 'RoleBinding' && (req.path !== undefined || req.namespace !== b.namespace)) continue;
    const rules = oracleRoleRules(roles, b.roleRef, b.namespace);
    if (rules.some((r) => oracleRuleAllows(r, req))) return true;
  }
  return false;
}

const yamlList = (xs: string[]) => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;

export function roleYaml(r: ORole): string {
  const meta = [`  name: ${r.name}`];
  if (r.namespace) meta.push(`  namespace: ${r.namespace}`);
  if (r.labels) meta.push('  labels:', ...Object.entries(r.labels).map(([k, v]) => `    ${k}: "${v}"`));
  const out = [`apiVersion: rbac.authorization.k8s.io/v1`, `kind: ${r.kind}`, 'metadata:', ...meta];
  if (r.aggregate) out.push('aggregationRule:', '  clusterRoleSelectors:', ...r.aggregate.flatMap((sel) => ['    - matchLabels:', ...Object.entries(sel).map(([k, v]) => `        ${k}: "${v}"`)]));
  out.push(r.rules.length ? 'rules:' : 'rules: []');
  for (const rule of r.rules) {
    const lines: string[] = [];
    if (rule.apiGroups) lines.push(`apiGroups: ${yamlList(rule.apiGroups)}`);
    if (rule.resources) lines.push(`resources: ${yamlList(rule.resources)}`);
    if (rule.resourceNames) lines.push(`resourceNames: ${yamlList(rule.resourceNames)}`);
    if (rule.nonResourceURLs) lines.push(`nonResourceURLs: ${yamlList(rule.nonResourceURLs)}`);
    lines.push(`verbs: ${yamlList(rule.verbs)}`);
    out.push(...lines.map((l, i) => `${i === 0 ? '  - ' : '    '}${l}`));
  }
  return out.join('\n') + '\n';
}

export function bindingYaml(b: OBinding): string {
  const out = [`apiVersion: rbac.authorization.k8s.io/v1`, `kind: ${b.kind}`, 'metadata:', `  name: ${b.name}`];
  if (b.namespace) out.push(`  namespace: ${b.namespace}`);
  out.push('subjects:');
  for (const s of b.subjects) {
    out.push(`  - kind: ${s.kind}`, `    name: ${JSON.stringify(s.name)}`);
    if (s.namespace) out.push(`    namespace: ${s.namespace}`);
    if (s.kind !== 'ServiceAccount') out.push('    apiGroup: rbac.authorization.k8s.io');
  }
  out.push('roleRef:', '  apiGroup: rbac.authorization.k8s.io', `  kind: ${b.roleRef.kind}`, `  name: ${b.roleRef.name}`);
  return out.join('\n') + '\n';
}
