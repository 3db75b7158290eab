import { featureGatedAdditions, type ClusterRoleInfo, type PolicyRule } from '../knowledge/data';
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

export function clusterRoleJson(c: ClusterRoleInfo): Record<string, unknown> {
  return {
    kind: 'clusterrole',
    name: c.name,
    aggregatesFrom: c.aggregatesFrom,
    aggregatesInto: c.aggregatesInto,
    rules: c.rules,
    effectiveRules: c.effectiveRules,
    featureGatedAdditions: featureGatedAdditions[c.name] ?? [],
    risks: risksOf(c.effectiveRules),
  };
}

export function explainClusterRole(c: ClusterRoleInfo): string {
  const out: string[] = [`**${c.name}** — Kubernetes default ClusterRole`, ''];
  if (c.aggregatesFrom.length) out.push(`Aggregated: its rules come from ClusterRoles labelled ${c.aggregatesFrom.map(code).join(', ')}.`, '');
  if (c.aggregatesInto.length) out.push(`Its rules are also aggregated into: ${c.aggregatesInto.map(code).join(', ')}.`, '');
  const rules = c.effectiveRules;
  out.push(`**Effective rules** (${rules.length})`, '', '| API groups | Resources | Verbs |', '|---|---|---|');
  for (const r of rules) {
    const res = r.resources ? cell(r.resources) : `URLs: ${cell(r.nonResourceURLs)}`;
    out.push(`| ${cell(r.apiGroups)} | ${res} | ${cell(r.verbs)} |`);
  }
  out.push('');
  const fg = featureGatedAdditions[c.name];
  if (fg?.length) out.push(`With feature gates enabled it also gets: ${fg.map((r) => `${cell(r.resources)} (${cell(r.verbs)})`).join('; ')}.`, '');
  const risks = risksOf(rules);
  if (risks.length) out.push(`**Sensitive:** ${risks.slice(0, 8).map(code).join(', ')}${risks.length > 8 ? `, … +${risks.length - 8} more` : ''}`, '');
  out.push('[Documentation](https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles)');
  return out.join('\n');
}
