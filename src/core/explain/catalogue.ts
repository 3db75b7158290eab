// Every term `aks-iam explain` knows, as rows for a picker: what the command palette's "Explain a role or
// permission…" lists. Kept apart from the editor so that the list and its order are tested without it.
import { builtInRoles, clusterRoles, identityKeys, operations } from '../knowledge/data';
import { credentialVariables } from '../knowledge/cloud-credentials';
import { rbacResources, rbacVerbs } from '../knowledge/rbac-terms';
import { explainPermission } from './permission';
import { explainTerm } from './term';

export type CatalogueKind = 'azure-role' | 'clusterrole' | 'identity-key' | 'credential-variable' | 'rbac-verb' | 'rbac-resource' | 'permission';

export interface CatalogueEntry {
  /** As the picker shows it. */
  label: string;
  /** What explainCatalogueEntry() looks up: the label, or a role's GUID (a few published role names end in a space). */
  term: string;
  kind: CatalogueKind;
  /** Short, on the row itself: the family of the term. */
  description: string;
  /** The second line: what it is, cut to one line. */
  detail: string;
}

/** Title of each family, in the order the picker lists them (permissions last: there are 20,000 of them). */
export const CATALOGUE_SECTIONS: readonly { kind: CatalogueKind; title: string }[] = [
  { kind: 'azure-role', title: 'Azure built-in roles' },
  { kind: 'clusterrole', title: 'Kubernetes default ClusterRoles' },
  { kind: 'identity-key', title: 'Identity labels and annotations' },
  { kind: 'credential-variable', title: 'Credential environment variables' },
  { kind: 'rbac-verb', title: 'Kubernetes RBAC verbs' },
  { kind: 'rbac-resource', title: 'Kubernetes RBAC resources' },
  { kind: 'permission', title: 'Azure permissions' },
];

/** The first sentence or line of `text`, at most `max` characters. */
export function oneLine(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const sentence = /^(.+?[.!?])(\s|$)/.exec(flat)?.[1] ?? flat;
  return sentence.length <= max ? sentence : `${sentence.slice(0, max - 1).trimEnd()}…`;
}

let cached: CatalogueEntry[] | undefined;

/** Every explainable term, grouped as CATALOGUE_SECTIONS lists them, alphabetical inside a group. */
export function explainCatalogue(): readonly CatalogueEntry[] {
  if (cached) return cached;
  const byName = <T>(get: (x: T) => string) => (a: T, b: T) => get(a).localeCompare(get(b));
  const out: CatalogueEntry[] = [];
  for (const r of [...builtInRoles()].sort(byName((x) => x.name))) {
    out.push({ label: r.name.trim(), term: r.id, kind: 'azure-role', description: `Azure role${r.category ? ` · ${r.category}` : ''}`, detail: oneLine(r.description) });
  }
  for (const c of [...clusterRoles].sort(byName((x) => x.name))) {
    const n = c.aggregatesFrom.length;
    const aggregated = n ? `aggregates ${n} ClusterRole${n === 1 ? '' : 's'}` : `${c.rules.length} rule${c.rules.length === 1 ? '' : 's'}`;
    out.push({ label: c.name, term: c.name, kind: 'clusterrole', description: 'Kubernetes ClusterRole', detail: `${c.origin === 'controller' ? 'Controller role' : 'Default role'}, ${aggregated}` });
  }
  for (const k of identityKeys) {
    if (k.key.includes('<')) continue;
    out.push({ label: k.key, term: k.key, kind: 'identity-key', description: `${k.provider} ${k.kind}`, detail: oneLine(k.meaning) });
  }
  for (const v of credentialVariables) out.push({ label: v.name, term: v.name, kind: 'credential-variable', description: `${v.cloud} environment variable`, detail: oneLine(v.meaning) });
  for (const v of rbacVerbs) if (v.term !== '*') out.push({ label: v.term, term: v.term, kind: 'rbac-verb', description: `RBAC verb · risk ${v.risk}`, detail: oneLine(v.meaning) });
  for (const r of rbacResources) if (r.term !== '*') out.push({ label: r.term, term: r.term, kind: 'rbac-resource', description: `RBAC resource · risk ${r.risk}`, detail: oneLine(r.meaning) });
  for (const o of [...operations()].sort(byName((x) => x.name))) {
    const plane = o.planes.length === 2 ? 'action and data action' : o.planes[0] === 'data' ? 'data action' : 'action';
    out.push({ label: o.name, term: o.name, kind: 'permission', description: `Azure ${plane}`, detail: oneLine(o.description) });
  }
  cached = out;
  return out;
}

/**
 * The Markdown `aks-iam explain` prints for an entry. A permission is explained as one whatever its provider's name
 * (explainTerm() takes only Microsoft.* names for permissions, so that a hover does not read every a.b/c as one).
 */
export function explainCatalogueEntry(entry: Pick<CatalogueEntry, 'term' | 'kind'>): string | null {
  if (entry.kind === 'permission') return explainPermission(entry.term);
  const r = explainTerm(entry.term);
  return r.found ? r.markdown : null;
}
