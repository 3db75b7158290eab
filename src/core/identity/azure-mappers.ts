import type { AksCluster, ClusterIdentity, ContainerRegistry, FederatedCredential, ManagedIdentity, RoleAssignment, RoleDefinitionInfo, SubnetInfo } from './graph';

/**
 * Maps one Azure resource as JSON — the Azure CLI's flattened output, Resource Manager's wire format with its
 * `properties`, or the SDK's models — to the identity graph's types. The snapshot reader and the live loader both
 * use these, so a field read one way in a file is read the same way from Resource Manager. Pure and lenient: a
 * missing or mistyped field becomes null or empty, never an exception.
 */

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function s(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function b(v: unknown): boolean {
  return v === true;
}

function at(o: unknown, ...path: string[]): unknown {
  let cur: unknown = o;
  for (const k of path) {
    if (!isObj(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/** Resource Manager's wire format nests fields under `properties` (Portal "JSON view", `az rest`); az flattens them. */
export function flat(o: Obj): Obj {
  return isObj(o.properties) ? { ...o, ...o.properties } : o;
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** `/subscriptions/<sub>/resourceGroups/<rg>/…` -> parts; ARM ids are case-insensitive. */
export function parseArmId(id: string): { subscriptionId: string | null; resourceGroup: string | null } {
  const sub = /\/subscriptions\/([^/]+)/i.exec(id);
  const rg = /\/resourcegroups\/([^/]+)/i.exec(id);
  return { subscriptionId: sub ? sub[1] : null, resourceGroup: rg ? rg[1] : null };
}

function controlPlaneIdentity(c: Obj): ClusterIdentity | null {
  const idn = c.identity;
  if (isObj(idn)) {
    const type = s(idn.type) ?? 'Unknown';
    const uai = idn.userAssignedIdentities;
    if (isObj(uai)) {
      const [resourceId, v] = Object.entries(uai)[0] ?? [];
      if (resourceId) return { type, principalId: s(at(v, 'principalId')), clientId: s(at(v, 'clientId')), resourceId };
    }
    return { type, principalId: s(idn.principalId), clientId: null, resourceId: null };
  }
  const sp = s(at(c, 'servicePrincipalProfile', 'clientId'));
  if (sp && sp.toLowerCase() !== 'msi') return { type: 'ServicePrincipal', principalId: null, clientId: sp, resourceId: null };
  return null;
}

export function clusterFrom(raw: Obj): AksCluster {
  const c = flat(raw);
  const id = s(c.id) ?? s(c.name) ?? '';
  const arm = parseArmId(id);
  const kubelet = at(c, 'identityProfile', 'kubeletidentity');
  const subnets = new Set<string>();
  const pools = c.agentPoolProfiles;
  if (Array.isArray(pools)) for (const p of pools) {
    const sub = s(at(p, 'vnetSubnetId')) ?? s(at(p, 'vnetSubnetID'));
    if (sub) subnets.add(sub);
  }
  return {
    id,
    name: s(c.name) ?? id.split('/').pop() ?? '',
    subscriptionId: arm.subscriptionId ?? '',
    resourceGroup: s(c.resourceGroup) ?? arm.resourceGroup ?? '',
    location: s(c.location),
    nodeResourceGroup: s(c.nodeResourceGroup),
    oidcIssuerEnabled: b(at(c, 'oidcIssuerProfile', 'enabled')),
    oidcIssuerUrl: s(at(c, 'oidcIssuerProfile', 'issuerUrl')) ?? s(at(c, 'oidcIssuerProfile', 'issuerURL')),
    workloadIdentityEnabled: b(at(c, 'securityProfile', 'workloadIdentity', 'enabled')),
    azureRbacEnabled: b(at(c, 'aadProfile', 'enableAzureRbac')) || b(at(c, 'aadProfile', 'enableAzureRBAC')),
    localAccountsDisabled: b(c.disableLocalAccounts),
    controlPlaneIdentity: controlPlaneIdentity(c),
    kubeletIdentity: isObj(kubelet)
      ? { type: 'UserAssigned', principalId: s(kubelet.objectId), clientId: s(kubelet.clientId), resourceId: s(kubelet.resourceId) }
      : null,
    vnetSubnetIds: [...subnets],
    outboundIpIds: outboundIps(c),
    privateDnsZoneId: customZone(s(at(c, 'apiServerAccessProfile', 'privateDnsZone')) ?? s(at(c, 'apiServerAccessProfile', 'privateDNSZone'))),
  };
}

/** `outboundIPs`/`outboundIPPrefixes` are what the user brought; `effectiveOutboundIPs` also lists AKS's own. */
function outboundIps(c: Obj): string[] {
  const lb = at(c, 'networkProfile', 'loadBalancerProfile');
  const ids = (list: unknown) => (Array.isArray(list) ? list.map((x) => s(at(x, 'id'))).filter((x): x is string => !!x) : []);
  return [...ids(at(lb, 'outboundIPs', 'publicIPs')), ...ids(at(lb, 'outboundIps', 'publicIps')), ...ids(at(lb, 'outboundIPPrefixes', 'publicIPPrefixes')), ...ids(at(lb, 'outboundIpPrefixes', 'publicIpPrefixes'))];
}

/** `system` and `none` are AKS-managed choices; only a resource id names a zone the user brought. */
function customZone(v: string | null): string | null {
  return v && /^\/subscriptions\//i.test(v) ? v : null;
}

export function registryFrom(raw: Obj): ContainerRegistry {
  const r = flat(raw);
  const id = s(r.id) ?? '';
  return {
    id,
    name: s(r.name) ?? id.split('/').pop() ?? '',
    resourceGroup: s(r.resourceGroup) ?? parseArmId(id).resourceGroup ?? '',
    loginServer: s(r.loginServer),
    roleAssignmentMode: s(r.roleAssignmentMode),
  };
}

export function subnetFrom(raw: Obj): SubnetInfo {
  const n = flat(raw);
  return { id: s(n.id) ?? '', routeTableId: s(at(n, 'routeTable', 'id')), networkSecurityGroupId: s(at(n, 'networkSecurityGroup', 'id')) };
}

/** The subnets listed inside `az network vnet list/show` output. */
export function subnetsOfVnet(raw: Obj): SubnetInfo[] {
  const subnets = flat(raw).subnets;
  return Array.isArray(subnets) ? subnets.filter(isObj).map(subnetFrom).filter((x) => x.id) : [];
}

export function roleDefinitionFrom(raw: Obj): RoleDefinitionInfo {
  const d = flat(raw);
  const perms = Array.isArray(d.permissions) ? d.permissions.filter(isObj) : [];
  const all = (k: string) => perms.flatMap((p) => strings(p[k]));
  return { id: s(d.id) ?? '', roleName: s(d.roleName) ?? '', actions: all('actions'), notActions: all('notActions'), dataActions: all('dataActions'), notDataActions: all('notDataActions') };
}

export function identityFrom(raw: Obj): ManagedIdentity {
  const i = flat(raw);
  const id = s(i.id) ?? '';
  const arm = parseArmId(id);
  return {
    id,
    name: s(i.name) ?? id.split('/').pop() ?? '',
    subscriptionId: arm.subscriptionId ?? '',
    resourceGroup: s(i.resourceGroup) ?? arm.resourceGroup ?? '',
    location: s(i.location),
    clientId: s(i.clientId) ?? '',
    principalId: s(i.principalId) ?? '',
    tenantId: s(i.tenantId),
    federatedCredentials: null,
  };
}

export function federatedCredentialFrom(raw: Obj): FederatedCredential {
  const f = flat(raw);
  const aud = f.audiences;
  return {
    id: s(f.id) ?? '',
    name: s(f.name) ?? '',
    issuer: s(f.issuer) ?? '',
    subject: s(f.subject) ?? '',
    audiences: Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [],
  };
}

/** The user-assigned identity a federated credential belongs to, from its ARM id. */
export function parentIdentityId(ficId: string): string | null {
  const i = ficId.search(/\/federatedIdentityCredentials\//i);
  return i > 0 ? ficId.slice(0, i) : null;
}

export function roleAssignmentFrom(raw: Obj): RoleAssignment {
  const r = flat(raw);
  return {
    id: s(r.id) ?? '',
    scope: s(r.scope) ?? '',
    principalId: s(r.principalId) ?? '',
    principalType: s(r.principalType),
    roleDefinitionId: s(r.roleDefinitionId) ?? '',
    roleName: s(r.roleDefinitionName),
  };
}
