import { builtInRoles, clusterRoles, findClusterRole, findIdentityKey, identityKeys } from '../knowledge/data';
import { rbacResources, rbacVerbs, findRbacResource, findRbacVerb } from '../knowledge/rbac-terms';
import { findRole } from '../knowledge/roles';
import { clusterRoleJson, explainClusterRole } from './clusterrole';
import { editDistance } from './distance';
import { explainIdentityKey, identityKeyJson } from './identity-key';
import { findCredentialVariable } from '../knowledge/cloud-credentials';
import { credentialVariableJson, explainCredentialVariable } from './credential-variable';
import { explainPermission, permissionJson } from './permission';
import { explainRbacTerm, rbacTermJson } from './rbac';
import { explainRole, roleJson } from './role';

export type TermKind = 'azure-role' | 'permission' | 'identity-key' | 'credential-variable' | 'clusterrole' | 'rbac-verb' | 'rbac-resource';

export interface Explained {
  found: true;
  kind: TermKind;
  markdown: string;
  json: Record<string, unknown>;
}

export interface NotFound {
  found: false;
  suggestions: string[];
}

/** Which term families a lookup may return; hovers narrow this by context to avoid noise. */
export interface TermFilter {
  rbac?: boolean;
  clusterRoles?: boolean;
}

const PERMISSION = /^(\*|[a-z][a-z0-9]*\.[a-z0-9.]+)\/[^\s"']+$/i;

export function resolveTerm(raw: string, filter: TermFilter = { rbac: true, clusterRoles: true }): Explained | null {
  const term = raw.trim();
  if (!term) return null;
  const role = findRole(term);
  if (role) return { found: true, kind: 'azure-role', markdown: explainRole(role), json: roleJson(role) };
  const key = findIdentityKey(term);
  if (key) return { found: true, kind: 'identity-key', markdown: explainIdentityKey(key, term), json: identityKeyJson(key, term) };
  const envVar = findCredentialVariable(term);
  if (envVar) return { found: true, kind: 'credential-variable', markdown: explainCredentialVariable(envVar), json: credentialVariableJson(envVar) };
  if (PERMISSION.test(term) && /^microsoft\./i.test(term)) return { found: true, kind: 'permission', markdown: explainPermission(term), json: permissionJson(term) };
  if (filter.clusterRoles) {
    const c = findClusterRole(term);
    if (c) return { found: true, kind: 'clusterrole', markdown: explainClusterRole(c), json: clusterRoleJson(c) };
  }
  if (filter.rbac) {
    const v = findRbacVerb(term) ?? findRbacResource(term);
    if (v) return { found: true, kind: v.kind === 'verb' ? 'rbac-verb' : 'rbac-resource', markdown: explainRbacTerm(v), json: rbacTermJson(v) };
  }
  return null;
}

let vocabulary: string[] | undefined;
function knownTerms(): string[] {
  vocabulary ??= [
    ...builtInRoles().map((r) => r.name),
    ...identityKeys.map((k) => k.key),
    ...clusterRoles.map((c) => c.name),
    ...rbacVerbs.map((v) => v.term).filter((t) => t !== '*'),
    ...rbacResources.map((r) => r.term).filter((t) => t !== '*'),
  ];
  return vocabulary;
}

/** Up to `limit` known terms closest to `term` by edit distance (case-insensitive). */
export function closestTerms(term: string, limit = 5): string[] {
  const t = term.trim().toLowerCase();
  const max = Math.max(3, Math.ceil(t.length * 0.4));
  const scored: { term: string; d: number }[] = [];
  for (const k of knownTerms()) {
    const kl = k.toLowerCase();
    let d = editDistance(t, kl, max);
    // A term typed as part of a longer name ("rbac reader") should still find that name.
    if (d > max && t.length >= 4 && kl.includes(t)) d = max;
    // Compare with the end of long names too: "rbac readr" is close to "... Service RBAC Reader".
    if (d > max && kl.length > t.length + 1) d = Math.min(d, 1 + editDistance(t, kl.slice(-(t.length + 1)), max), 1 + editDistance(t, kl.slice(-t.length), max));
    if (d <= max) scored.push({ term: k, d });
  }
  scored.sort((a, b) => a.d - b.d || a.term.length - b.term.length || a.term.localeCompare(b.term));
  return [...new Set(scored.map((s) => s.term))].slice(0, limit);
}

/** Explains a role (name or GUID), permission, identity key, default ClusterRole, RBAC verb or resource. */
export function explainTerm(term: string): Explained | NotFound {
  return resolveTerm(term) ?? { found: false, suggestions: closestTerms(term) };
}
