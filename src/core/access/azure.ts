// Azure RBAC for Kubernetes authorization on AKS: the API server asks Azure (through its authorization webhook)
// whether the caller's role assignments grant a data action built from the request, at the cluster's resource id or,
// for a namespaced request, at `<cluster id>/namespaces/<namespace>` (assignments at the cluster, its resource group
// or subscription are inherited there). The data action is
// `Microsoft.ContainerService/managedClusters/[<group>/]<resource>/<action>` with get/list/watch → read,
// create/update/patch → write, delete/deletecollection → delete, and bind, escalate, use, impersonate →
// `<verb>/action`; subresources are not part of it except `pods/exec` → `pods/exec/action`. A non-resource URL
// becomes `managedClusters/<path>/<action>` (`/healthz` → `…/healthz/read`). Sources: Microsoft Learn "Use Azure RBAC
// for Kubernetes Authorization" and the webhook's published implementation (Azure/guard); the names match the
// provider operations catalogue (`…/managedClusters/apps/deployments/write`, `…/pods/exec/action`).
import type { IdentityGraph, RoleAssignment } from '../identity/graph';
import { findRole } from '../knowledge/roles';
import { grantsInPlane, type HasPermissions } from '../knowledge/match';
import type { Reach } from './authorize';
import { isNamespaced } from './authorize';
import type { Target } from './resources';

export const AKS_DATA_PREFIX = 'Microsoft.ContainerService/managedClusters';

const ACTION: Record<string, string> = {
  get: 'read', list: 'read', watch: 'read',
  create: 'write', update: 'write', patch: 'write',
  delete: 'delete', deletecollection: 'delete',
  bind: 'bind/action', escalate: 'escalate/action', use: 'use/action', impersonate: 'impersonate/action',
};

/** The data action AKS checks for `verb` on the target; null for a verb it maps to none (the webhook then denies). */
export function aksDataAction(verb: string, target: Target): string | null {
  if (target.kind === 'url') {
    const action = ACTION[verb];
    const path = target.url.replace(/\/+$/, '');
    return action ? `${AKS_DATA_PREFIX}${path}/${action}` : null;
  }
  const group = target.group ? `/${target.group}` : '';
  if (target.resource === 'pods' && target.subresource === 'exec') return `${AKS_DATA_PREFIX}${group}/pods/exec/action`;
  const action = ACTION[verb];
  return action ? `${AKS_DATA_PREFIX}${group}/${target.resource}/${action}` : null;
}

/** An Entra principal as role assignments name it (object id), with what the graph tells about it. */
export interface EntraSubject {
  kind: 'Entra';
  id: string;
  principalType: string | null;
  /** A managed identity's or cluster identity's name, when the graph knows the principal. */
  name: string | null;
}

/** Whether the cluster runs Azure RBAC for Kubernetes authorization: known from the graph, or not. */
export type RbacState = 'enabled' | 'disabled' | 'unknown';

export interface AzureGrant {
  assignment: RoleAssignment;
  roleName: string;
  /** The dataActions pattern of the role that grants it. */
  pattern: string;
  dataAction: string;
  cluster: string;
  rbac: RbacState;
  reach: Reach;
  conditional: boolean;
}

const CLUSTER_SCOPE = /^(.*\/providers\/microsoft\.containerservice\/managedclusters\/([^/]+))(?:\/namespaces\/([^/]+))?$/i;

interface ClusterRef {
  id: string;
  name: string;
  rbac: RbacState;
}

function roleOf(graph: IdentityGraph, a: RoleAssignment): { name: string; role: HasPermissions } | null {
  const id = a.roleDefinitionId.toLowerCase();
  const custom = graph.roleDefinitions?.find((d) => d.id.toLowerCase() === id || d.id.toLowerCase().split('/').pop() === id.split('/').pop());
  if (custom) return { name: custom.roleName, role: { permissions: [custom] } };
  const builtin = findRole(a.roleDefinitionId) ?? (a.roleName ? findRole(a.roleName) : undefined);
  return builtin ? { name: builtin.name, role: builtin } : null;
}

/** Where an assignment applies among the clusters: each cluster under its scope, whole or one namespace of it. */
function placesOf(graph: IdentityGraph, scope: string): { cluster: ClusterRef; namespace: string | null }[] {
  const s = scope.replace(/\/+$/, '').toLowerCase();
  const out: { cluster: ClusterRef; namespace: string | null }[] = [];
  for (const c of graph.clusters) {
    const id = c.id.toLowerCase();
    const ref = { id: c.id, name: c.name, rbac: c.azureRbacEnabled ? 'enabled' as const : 'disabled' as const };
    if (id === s || id.startsWith(`${s}/`)) out.push({ cluster: ref, namespace: null });
    else if (s.startsWith(`${id}/namespaces/`)) out.push({ cluster: ref, namespace: scope.split('/').pop() ?? '' });
  }
  if (out.length) return out;
  // A cluster the graph does not hold: whether it runs Azure RBAC is unknown.
  const m = CLUSTER_SCOPE.exec(scope.replace(/\/+$/, ''));
  if (m) out.push({ cluster: { id: m[1], name: m[2], rbac: 'unknown' }, namespace: m[3] ?? null });
  return out;
}

/**
 * The role assignments that grant `verb` on the target through Azure RBAC for Kubernetes, by principal id. Clusters
 * with Azure RBAC off are left out (their assignments grant nothing inside the cluster); `namespace` null = any.
 */
export function azureGrants(graph: IdentityGraph, verb: string, target: Target, namespace: string | null, principal?: string): Map<string, AzureGrant[]> {
  const out = new Map<string, AzureGrant[]>();
  const action = aksDataAction(verb, target);
  if (!action) return out;
  const want = principal?.toLowerCase();
  for (const a of graph.roleAssignments) {
    if (want && a.principalId.toLowerCase() !== want) continue;
    const role = roleOf(graph, a);
    if (!role) continue;
    const match = grantsInPlane(role.role, action, 'data');
    if (!match) continue;
    for (const p of placesOf(graph, a.scope)) {
      if (p.cluster.rbac === 'disabled') continue;
      let reach: Reach;
      if (p.namespace === null) reach = 'cluster';
      else if (!isNamespaced(target) || (namespace !== null && namespace !== p.namespace)) continue;
      else reach = { namespace: p.namespace };
      const g: AzureGrant = { assignment: a, roleName: role.name, pattern: match.pattern, dataAction: action, cluster: p.cluster.name, rbac: p.cluster.rbac, reach, conditional: match.conditional };
      const key = a.principalId.toLowerCase();
      out.set(key, [...(out.get(key) ?? []), g]);
    }
  }
  return out;
}

/** A principal's role assignments with Kubernetes data actions: the role's patterns and where each applies. */
export function azureAssignmentsOf(graph: IdentityGraph, principalId: string): { assignment: RoleAssignment; roleName: string; patterns: string[]; reaches: Reach[] }[] {
  const want = principalId.toLowerCase();
  const out: { assignment: RoleAssignment; roleName: string; patterns: string[]; reaches: Reach[] }[] = [];
  for (const a of graph.roleAssignments) {
    if (a.principalId.toLowerCase() !== want) continue;
    const role = roleOf(graph, a);
    if (!role) continue;
    const patterns = role.role.permissions.flatMap((b) => b.dataActions ?? []).filter((p) => resourcesOfPattern(p) !== null);
    const reaches = placesOf(graph, a.scope).filter((p) => p.cluster.rbac !== 'disabled').map((p): Reach => (p.namespace === null ? 'cluster' : { namespace: p.namespace }));
    if (patterns.length && reaches.length) out.push({ assignment: a, roleName: role.name, patterns, reaches });
  }
  return out;
}

/** Clusters of the graph with Azure RBAC for Kubernetes off: their role assignments grant nothing inside. */
export function clustersWithoutAzureRbac(graph: IdentityGraph): string[] {
  return graph.clusters.filter((c) => !c.azureRbacEnabled).map((c) => c.name);
}

/** The principals of role assignments, named from the graph's identities where it can. */
export function entraSubjects(graph: IdentityGraph): EntraSubject[] {
  const byId = new Map<string, EntraSubject>();
  for (const a of graph.roleAssignments) {
    const key = a.principalId.toLowerCase();
    if (!byId.has(key)) byId.set(key, entraSubject(graph, a.principalId, a.principalType));
  }
  return [...byId.values()].sort((x, y) => (x.name ?? x.id).localeCompare(y.name ?? y.id));
}

export function entraSubject(graph: IdentityGraph | null, id: string, principalType: string | null = null): EntraSubject {
  const key = id.toLowerCase();
  const mi = graph?.identities.find((i) => i.principalId.toLowerCase() === key);
  const cluster = mi ? null : graph?.clusters.find((c) => [c.kubeletIdentity, c.controlPlaneIdentity].some((i) => i?.principalId?.toLowerCase() === key));
  const type = principalType ?? graph?.roleAssignments.find((a) => a.principalId.toLowerCase() === key)?.principalType ?? null;
  return { kind: 'Entra', id, principalType: type, name: mi ? `managed identity ${mi.name}` : cluster ? `identity of cluster ${cluster.name}` : null };
}

/** The (group, resource) pairs a data action pattern of a role names, for the access table's rows. */
export function resourcesOfPattern(pattern: string): { group: string; resource: string } | null {
  const p = pattern.trim();
  if (!p.toLowerCase().startsWith(`${AKS_DATA_PREFIX.toLowerCase()}/`)) return null;
  const parts = p.slice(AKS_DATA_PREFIX.length + 1).split('/');
  if (parts[0] === '*') return { group: '*', resource: '*' };
  const grouped = parts.length >= 3 && (parts[0].includes('.') || ['apps', 'batch', 'autoscaling', 'policy', 'extensions'].includes(parts[0]));
  return grouped ? { group: parts[0], resource: parts[1] } : { group: '', resource: parts[0] };
}
