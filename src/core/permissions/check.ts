import type { AksCluster, ClusterIdentity, ContainerRegistry, IdentityGraph, RoleAssignment } from '../identity/graph';
import { isArmResourceId, isGuid, isRoleName } from '../identity/names';
import { commandLine, type Shell } from '../text/shell';
import type { Plane } from '../knowledge/data';
import { narrowestRole, requirementPlane, resolveAssignmentRole, roleGrants } from './roles';
import { template, type AksIdentityKind, type RequirementKind } from './requirements';
import { armParts, isInResourceGroup, isManagementGroupScope, resourceGroupId, scopeCovers } from './scope';
import type { CheckOptions, ClusterLookupError, ClusterPermissions, GrantedBy, PermissionResult, PermissionStatus } from './types';

const lower = (s: string) => s.toLowerCase();

/** A cluster by ARM id, by name, or by `<resource group>/<name>`; names compare without case. */
export function findCluster(graph: IdentityGraph, ref: string): AksCluster | ClusterLookupError {
  const want = lower(ref.trim().replace(/\/+$/, ''));
  if (want.startsWith('/')) {
    const hit = graph.clusters.find((c) => lower(c.id) === want);
    return hit ?? { error: 'cluster-not-found', message: `no cluster with id ${ref} in the snapshot` };
  }
  const [rg, name] = want.includes('/') ? want.split('/', 2) : [null, want];
  const hits = graph.clusters.filter((c) => lower(c.name) === name && (rg === null || lower(c.resourceGroup) === rg));
  if (hits.length === 1) return hits[0];
  if (hits.length === 0) {
    const known = graph.clusters.map((c) => c.name).sort();
    return { error: 'cluster-not-found', message: `no cluster named ${ref} in the snapshot (${known.length ? `it has ${known.join(', ')}` : 'it has no clusters'})` };
  }
  return { error: 'cluster-ambiguous', message: `${hits.length} clusters are named ${ref}; give <resource group>/<name> or the cluster id (${hits.map((c) => c.id).join(', ')})` };
}

/** The object id role assignments name for a cluster identity; looked up in the graph when the cluster omits it. */
function principalOf(graph: IdentityGraph, ci: ClusterIdentity | null): string | null {
  if (!ci) return null;
  if (ci.principalId) return ci.principalId;
  const byId = ci.resourceId ? graph.identities.find((i) => lower(i.id) === lower(ci.resourceId as string)) : undefined;
  const byClient = ci.clientId ? graph.identities.find((i) => lower(i.clientId) === lower(ci.clientId as string)) : undefined;
  return (byId ?? byClient)?.principalId || null;
}

const REGISTRY_ID = /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ContainerRegistry\/registries\/[^/]+)/i;

function registryFromId(id: string): ContainerRegistry {
  const p = armParts(id);
  return { id, name: p.name, resourceGroup: p.resourceGroup ?? '', loginServer: null, roleAssignmentMode: null };
}

/**
 * Registries attached to the cluster. AKS records no list of them: `az aks update --attach-acr` only
 * creates a role assignment for the kubelet identity. So a registry counts as attached when the kubelet
 * identity has any role assignment on it (or on a repository below it), or when the caller names it
 * (`--acr`), which is how a registry the kubelet identity cannot pull from yet is checked.
 */
export function attachedRegistries(graph: IdentityGraph, kubeletPrincipal: string | null, extra: ContainerRegistry[] = []): ContainerRegistry[] {
  const out = new Map<string, ContainerRegistry>();
  for (const r of extra) out.set(lower(r.id), r);
  if (kubeletPrincipal) {
    for (const a of graph.roleAssignments) {
      if (lower(a.principalId) !== lower(kubeletPrincipal)) continue;
      const m = REGISTRY_ID.exec(a.scope.trim());
      if (!m || out.has(lower(m[1]))) continue;
      out.set(lower(m[1]), graph.registries?.find((r) => lower(r.id) === lower(m[1])) ?? registryFromId(m[1]));
    }
  }
  return [...out.values()];
}

/** `--acr` values: registry names or ids, resolved against the graph; an id the graph lacks is used as given. */
export function resolveRegistries(graph: IdentityGraph, refs: string[]): ContainerRegistry[] | ClusterLookupError {
  const out: ContainerRegistry[] = [];
  for (const ref of refs) {
    const t = ref.trim();
    const m = REGISTRY_ID.exec(t);
    const hit = graph.registries?.find((r) => (m ? lower(r.id) === lower(m[1]) : lower(r.name) === lower(t) || lower(r.loginServer ?? '') === lower(t)));
    if (hit) out.push(hit);
    else if (m) out.push(registryFromId(m[1]));
    else return { error: 'registry-not-found', message: `registry ${ref} is not in the snapshot (add the output of az acr list, or pass its resource id)` };
  }
  return out;
}

interface Group {
  identity: AksIdentityKind;
  kind: RequirementKind;
  title: string;
  scope: string;
}

function where(id: string): string {
  const p = armParts(id);
  return p.resourceGroup ? ` (resource group ${p.resourceGroup})` : '';
}

function subnetLabel(id: string): string {
  const m = /\/virtualNetworks\/([^/]+)\/subnets\/([^/]+)/i.exec(id);
  return m ? `${m[1]}/${m[2]}` : armParts(id).name;
}

/** The requirements that apply to this cluster, per identity, in display order. */
function applicableGroups(graph: IdentityGraph, cluster: AksCluster, registries: ContainerRegistry[]): Group[] {
  const groups: Group[] = [];
  const sub = cluster.subscriptionId;
  const nodeRg = cluster.nodeResourceGroup;
  // Resources AKS created itself sit in the node resource group, where it grants what it needs.
  const outside = (id: string) => !isInResourceGroup(id, sub, nodeRg);
  const seen = new Set<string>();
  const add = (g: Group) => {
    const k = `${g.identity}|${g.kind}|${lower(g.scope)}`;
    if (!seen.has(k)) groups.push(g);
    seen.add(k);
  };
  for (const subnetId of cluster.vnetSubnetIds) {
    if (!outside(subnetId)) continue;
    add({ identity: 'controlPlane', kind: 'custom-subnet', scope: subnetId, title: `Subnet ${subnetLabel(subnetId)}${where(subnetId)}` });
    const facts = graph.subnets?.find((s) => lower(s.id) === lower(subnetId));
    if (facts?.routeTableId && outside(facts.routeTableId)) {
      add({ identity: 'controlPlane', kind: 'route-table', scope: facts.routeTableId, title: `Route table ${armParts(facts.routeTableId).name}${where(facts.routeTableId)}` });
    }
    if (facts?.networkSecurityGroupId && outside(facts.networkSecurityGroupId)) {
      add({ identity: 'controlPlane', kind: 'network-security-group', scope: facts.networkSecurityGroupId, title: `Network security group ${armParts(facts.networkSecurityGroupId).name}${where(facts.networkSecurityGroupId)}` });
    }
  }
  for (const ip of cluster.outboundIpIds ?? []) {
    if (!outside(ip)) continue;
    const prefix = /\/publicIPPrefixes\//i.test(ip);
    add({ identity: 'controlPlane', kind: prefix ? 'outbound-ip-prefix' : 'outbound-ip', scope: ip, title: `Outbound public IP${prefix ? ' prefix' : ''} ${armParts(ip).name}${where(ip)}` });
  }
  const zone = cluster.privateDnsZoneId;
  if (zone && outside(zone)) add({ identity: 'controlPlane', kind: 'private-dns-zone', scope: zone, title: `Private DNS zone ${armParts(zone).name}${where(zone)}` });
  const kubeletId = cluster.kubeletIdentity?.resourceId;
  if (kubeletId && outside(kubeletId)) {
    add({ identity: 'controlPlane', kind: 'kubelet-identity-operator', scope: kubeletId, title: `Managed Identity Operator on kubelet identity ${armParts(kubeletId).name}${where(kubeletId)}` });
  }
  if (nodeRg && sub) add({ identity: 'controlPlane', kind: 'node-resource-group', scope: resourceGroupId(sub, nodeRg), title: `Node resource group ${nodeRg} (AKS grants these)` });
  if (cluster.kubeletIdentity) {
    for (const r of registries) {
      const abac = lower(r.roleAssignmentMode ?? '') === 'abacrepositorypermissions';
      add(abac
        ? { identity: 'kubelet', kind: 'acr-repository-read', scope: r.id, title: `Read repositories of registry ${r.name} (ABAC mode)` }
        : { identity: 'kubelet', kind: 'acr-pull', scope: r.id, title: `Pull images from registry ${r.name}` });
    }
  }
  return groups;
}

interface Verdict {
  status: PermissionStatus;
  grantedBy?: GrantedBy;
  note?: string;
}

function describeAssignment(a: RoleAssignment): string {
  return `${a.roleName ?? a.roleDefinitionId.split('/').pop() ?? 'unknown role'} at ${a.scope}`;
}

/** Whether the principal's assignments grant `permission` on `scope`, following scope inheritance. */
function evaluate(graph: IdentityGraph, principal: string, permission: string, plane: Plane, scope: string): Verdict {
  let best: { a: RoleAssignment; roleName: string } | null = null;
  const opaque: RoleAssignment[] = [];
  const elsewhere: RoleAssignment[] = [];
  for (const a of graph.roleAssignments) {
    if (lower(a.principalId) !== lower(principal)) continue;
    const role = resolveAssignmentRole(graph, a);
    if (isManagementGroupScope(a.scope)) {
      // The snapshot does not say which subscriptions sit below a management group.
      if (!role || roleGrants(role, permission, plane)) elsewhere.push(a);
      continue;
    }
    if (!scopeCovers(a.scope, scope)) continue;
    if (!role) {
      opaque.push(a);
      continue;
    }
    if (!roleGrants(role, permission, plane)) continue;
    // The closest scope explains the grant best.
    if (!best || a.scope.length > best.a.scope.length) best = { a, roleName: role.name };
  }
  if (best) return { status: 'granted', grantedBy: { assignmentId: best.a.id, roleName: best.roleName, scope: best.a.scope } };
  if (opaque.length) {
    return { status: 'unknown', note: `not granted by a known role; the snapshot lacks the definition of ${opaque.map(describeAssignment).join(', ')} (add the output of az role definition list)` };
  }
  if (elsewhere.length) return { status: 'unknown', note: `not granted below the subscription; ${elsewhere.map(describeAssignment).join(', ')} may cover it` };
  return { status: 'missing' };
}

/** An assignment that would let the principal pull from a registry in RBAC mode, which ABAC mode ignores. */
function legacyPullAssignment(graph: IdentityGraph, principal: string, registryId: string): RoleAssignment | undefined {
  return graph.roleAssignments.find((a) => {
    if (lower(a.principalId) !== lower(principal) || !scopeCovers(a.scope, registryId)) return false;
    const role = resolveAssignmentRole(graph, a);
    return !!role && roleGrants(role, 'Microsoft.ContainerRegistry/registries/pull/read', 'control') !== null;
  });
}

/**
 * The arguments of `az role assignment create` granting `role` on `scope`, or null when the principal is not an
 * object id, the role name not a plain name or the scope not a Resource Manager id: such a value (from a snapshot
 * or a custom role) is never put into a command people paste into a shell.
 */
export function fixCommandArgs(principalId: string, role: string, scope: string): string[] | null {
  if (!isGuid(principalId) || !isRoleName(role) || !isArmResourceId(scope)) return null;
  return ['az', 'role', 'assignment', 'create', '--assignee-object-id', principalId, '--assignee-principal-type', 'ServicePrincipal', '--role', role, '--scope', scope];
}

/** `fixCommandArgs` as a command line for bash/zsh (default) or PowerShell; undefined when there is no safe command. */
export function fixCommand(principalId: string, role: string, scope: string, shell: Shell = 'posix'): string | undefined {
  const argv = fixCommandArgs(principalId, role, scope);
  return argv ? commandLine(argv, shell) : undefined;
}

/** Every applicable requirement of the cluster's control-plane and kubelet identities, checked against the graph. */
export function checkCluster(graph: IdentityGraph, cluster: AksCluster, options: { registries?: ContainerRegistry[] } = {}): ClusterPermissions {
  const principals: Record<AksIdentityKind, string | null> = {
    controlPlane: principalOf(graph, cluster.controlPlaneIdentity),
    kubelet: principalOf(graph, cluster.kubeletIdentity),
  };
  const registries = attachedRegistries(graph, principals.kubelet, options.registries);
  const results: PermissionResult[] = [];
  for (const identity of ['controlPlane', 'kubelet'] as const) {
    for (const g of applicableGroups(graph, cluster, registries).filter((x) => x.identity === identity)) {
      const principalId = principals[identity];
      const rows: PermissionResult[] = template(g.kind).permissions.map(({ permission, reason }) => {
        const plane = requirementPlane(permission);
        const requirement = { id: g.kind, title: g.title, permission, plane, scope: g.scope, reason };
        if (!principalId) {
          const note = identity === 'controlPlane' && cluster.controlPlaneIdentity?.type === 'ServicePrincipal'
            ? 'a service principal cluster: the snapshot has its application id, not the object id role assignments name'
            : "the snapshot does not give this identity's object id";
          return { identity, principalId, requirement, status: g.kind === 'node-resource-group' ? 'assumed' : 'unknown', note };
        }
        const v = evaluate(graph, principalId, permission, plane, g.scope);
        if (g.kind === 'node-resource-group' && v.status !== 'granted') {
          return { identity, principalId, requirement, status: 'assumed', note: 'AKS gives its control-plane identity Contributor on the node resource group' };
        }
        if (g.kind === 'acr-repository-read' && v.status === 'missing') {
          const legacy = legacyPullAssignment(graph, principalId, g.scope);
          if (legacy) return { identity, principalId, requirement, ...v, note: `${describeAssignment(legacy)} is not honoured by a registry in ABAC mode` };
        }
        return { identity, principalId, requirement, ...v };
      });
      const missing = rows.filter((r) => r.status === 'missing');
      if (missing.length && principalId) {
        // Over the whole requirement, not just the missing rows: a role that happens to carry one action
        // (e.g. an add-on deployment role with subnets/join/action) is no advice; one granting all is.
        const role = narrowestRole(rows.map((r) => ({ permission: r.requirement.permission, plane: r.requirement.plane })), template(g.kind).advisedRoles);
        const argv = role ? fixCommandArgs(principalId, role.name, g.scope) : null;
        if (role) for (const r of missing) {
          r.suggestedRole = role.name;
          if (argv) {
            r.fixArgs = argv;
            r.fixCommand = commandLine(argv, 'posix');
          }
        }
      }
      results.push(...rows);
    }
  }
  return { cluster, results, missing: results.filter((r) => r.status === 'missing').length };
}

/** `checkCluster` for a cluster named by id, name or `<resource group>/<name>`, with `--acr` style registry names. */
export function checkClusterPermissions(graph: IdentityGraph, clusterIdOrName: string, options: CheckOptions = {}): ClusterPermissions | ClusterLookupError {
  const cluster = findCluster(graph, clusterIdOrName);
  if ('error' in cluster) return cluster;
  const registries = resolveRegistries(graph, options.registries ?? []);
  if ('error' in registries) return registries;
  return checkCluster(graph, cluster, { registries });
}

export function isLookupError(v: ClusterPermissions | ClusterLookupError): v is ClusterLookupError {
  return 'error' in v;
}
