import { builtinBindingsOf, findBuiltinClusterRole, K8S_BUILTINS_VERSION, type BuiltinSubject, type ClusterRoleInfo, type PolicyRule } from '../knowledge/k8s-builtins';
import { findRbacResource, findRbacVerb } from '../knowledge/rbac-terms';
import { code } from './markdown';

const cell = (l: readonly string[] | undefined): string => (l && l.length ? l.map((x) => (x === '' ? '""' : x)).join(', ') : '—');

/** Sensitive grants in a rule set: high-risk verbs anywhere, high-risk resources with any verb. */
export function risksOf(rules: readonly PolicyRule[]): string[] {
  const found = new Set<string>();
  for (const r of rules) {
    const verbs = r.verbs ?? [];
    const targets = r.resources ?? r.nonResourceURLs ?? [];
    if (verbs.includes('*') && targets.includes('*')) {
      found.add(r.resources ? 'every verb on every resource' : 'every verb on every non-resource URL');
      continue;
    }
    for (const v of verbs) if (findRbacVerb(v)?.risk === 'high') found.add(`${v} on ${cell(targets)}`);
    for (const res of r.resources ?? []) if (findRbacResource(res)?.risk === 'high') found.add(`${res} (${cell(verbs)})`);
  }
  return [...found];
}

const subjectText = (s: BuiltinSubject): string => `${s.kind} ${code(s.namespace ? `${s.namespace}/${s.name}` : s.name)}`;

/** The bindings every cluster has for this built-in ClusterRole: "Group `system:authenticated` (ClusterRoleBinding `system:discovery`)". */
function defaultGrants(name: string): string[] {
  return builtinBindingsOf('ClusterRole', null, name).flatMap((b) => {
    const where = `${b.kind} ${code(b.namespace ? `${b.namespace}/${b.name}` : b.name)}`;
    return b.subjects.length ? b.subjects.map((s) => `${subjectText(s)} (${where})`) : [`no subject (${where})`];
  });
}

export function clusterRoleJson(c: ClusterRoleInfo): Record<string, unknown> {
  const b = findBuiltinClusterRole(c.name);
  return {
    kind: 'clusterrole',
    name: c.name,
    builtin: b ? { kubernetesVersion: K8S_BUILTINS_VERSION, origin: b.origin, labels: b.labels, boundBy: builtinBindingsOf('ClusterRole', null, c.name) } : null,
    aggregatesFrom: c.aggregatesFrom,
    aggregatesInto: c.aggregatesInto,
    rules: c.rules,
    effectiveRules: c.effectiveRules,
    risks: risksOf(c.effectiveRules),
  };
}

export function explainClusterRole(c: ClusterRoleInfo): string {
  const b = findBuiltinClusterRole(c.name);
  const out: string[] = [`**${c.name}** — Kubernetes default ClusterRole, built-in (Kubernetes ${K8S_BUILTINS_VERSION})`, ''];
  if (b) {
    out.push(
      b.origin === 'controller'
        ? `Bootstrap policy: the role of the ${code(c.name.replace(/^system:controller:/, ''))} controller of kube-controller-manager. Every cluster has it.`
        : 'Bootstrap policy: every cluster has it, and the API server restores it at start-up.',
      '',
    );
    const grants = defaultGrants(c.name);
    if (grants.length) out.push(`Granted on every cluster to: ${grants.join(', ')}.`, '');
  }
  if (c.aggregatesFrom.length) out.push(`Aggregated: its rules come from ClusterRoles labelled ${c.aggregatesFrom.map(code).join(', ')}.`, '');
  if (c.aggregatesInto.length) out.push(`Its rules are also aggregated into: ${c.aggregatesInto.map(code).join(', ')}.`, '');
  const rules = c.effectiveRules;
  out.push(`**Effective rules** (${rules.length})`, '', '| API groups | Resources | Verbs |', '|---|---|---|');
  for (const r of rules) {
    const names = r.resourceNames?.length ? ` (only ${cell(r.resourceNames)})` : '';
    const res = r.resources ? cell(r.resources) + names : `URLs: ${cell(r.nonResourceURLs)}`;
    out.push(`| ${cell(r.apiGroups)} | ${res} | ${cell(r.verbs)} |`);
  }
  out.push('');
  const risks = risksOf(rules);
  if (risks.length) out.push(`**Sensitive:** ${risks.slice(0, 8).map(code).join(', ')}${risks.length > 8 ? `, … +${risks.length - 8} more` : ''}`, '');
  const anchor = b?.origin === 'controller' ? 'controller-roles' : c.aggregatesFrom.length || c.name === 'cluster-admin' ? 'user-facing-roles' : 'default-roles-and-role-bindings';
  out.push(`[Documentation](https://kubernetes.io/docs/reference/access-authn-authz/rbac/#${anchor})`);
  return out.join('\n');
}
