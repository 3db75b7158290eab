import { aksRequirementsMarkdown } from './aks-requirements';
import { aksRbacRoleNotes, type AzureRole, type Plane } from '../knowledge/data';
import { conditionScope, grantsInPlane } from '../knowledge/match';
import { azureDataFooter, azureDataJson, thousands } from './azure-source';
import { code, permissionList, slug, text } from './markdown';

interface Notable {
  permission: string;
  plane: Plane;
  label: string;
}

// Permissions whose presence or absence matters most for identity and access on AKS.
const NOTABLE: readonly Notable[] = [
  { permission: 'Microsoft.ContainerService/managedClusters/secrets/read', plane: 'data', label: 'read Kubernetes Secrets' },
  { permission: 'Microsoft.ContainerService/managedClusters/pods/exec/action', plane: 'data', label: 'exec into pods' },
  { permission: 'Microsoft.ContainerService/managedClusters/rbac.authorization.k8s.io/rolebindings/write', plane: 'data', label: 'create or change RoleBindings' },
  { permission: 'Microsoft.ContainerService/managedClusters/rbac.authorization.k8s.io/clusterrolebindings/write', plane: 'data', label: 'create or change ClusterRoleBindings' },
  { permission: 'Microsoft.ContainerService/managedClusters/serviceaccounts/impersonate/action', plane: 'data', label: 'impersonate ServiceAccounts' },
  { permission: 'Microsoft.ContainerService/managedClusters/namespaces/write', plane: 'data', label: 'create or change namespaces' },
  { permission: 'Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action', plane: 'control', label: 'get the cluster admin credential (local accounts)' },
  { permission: 'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action', plane: 'control', label: 'get the cluster user credential (kubeconfig)' },
  { permission: 'Microsoft.ContainerService/managedClusters/runCommand/action', plane: 'control', label: 'run commands on the cluster (az aks command invoke)' },
  { permission: 'Microsoft.Authorization/roleAssignments/write', plane: 'control', label: 'create role assignments' },
  { permission: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write', plane: 'control', label: 'add federated identity credentials' },
  { permission: 'Microsoft.ManagedIdentity/userAssignedIdentities/read', plane: 'control', label: 'read user-assigned identities' },
  { permission: 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action', plane: 'control', label: 'assign user-assigned identities to resources' },
  { permission: 'Microsoft.KeyVault/vaults/read', plane: 'control', label: 'read key vault metadata' },
  { permission: 'Microsoft.KeyVault/vaults/secrets/getSecret/action', plane: 'data', label: "read secrets' values" },
  { permission: 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read', plane: 'data', label: 'read blobs' },
];

/** The first two segments (provider/resourceType) of a permission or of a pattern's literal prefix. */
function area(s: string): string {
  return s.split('*')[0].split('/').slice(0, 2).join('/').toLowerCase();
}

const NOTABLE_AREAS = new Map(NOTABLE.map((n) => [n, area(n.permission)]));

interface Reach {
  /** Some allow pattern starts with a wildcard. */
  any: boolean;
  /** provider/resourceType areas the other allow patterns name. */
  areas: Set<string>;
}
const reaches = new WeakMap<AzureRole, Record<Plane, Reach>>();
function reachOf(role: AzureRole): Record<Plane, Reach> {
  let r = reaches.get(role);
  if (!r) {
    const reach = (allow: readonly string[]): Reach => ({ any: allow.some((p) => p.startsWith('*')), areas: new Set(allow.map(area).filter((a) => a.includes('/'))) });
    reaches.set(role, (r = { control: reach(role.actions), data: reach(role.dataActions) }));
  }
  return r;
}

/** Notable things the role can do, and those it cannot although it grants something in the same area. */
export function notableOf(role: AzureRole): { can: (Notable & { conditional: boolean })[]; cannot: Notable[] } {
  const can: (Notable & { conditional: boolean })[] = [];
  const cannot: Notable[] = [];
  const planes = reachOf(role);
  for (const n of NOTABLE) {
    const g = grantsInPlane(role, n.permission, n.plane);
    if (g) {
      can.push({ ...n, conditional: g.conditional });
      continue;
    }
    const r = planes[n.plane];
    if (r.any || r.areas.has(NOTABLE_AREAS.get(n)!)) cannot.push(n);
  }
  return { can, cannot };
}

export function roleDocsUrl(role: AzureRole): string {
  const base = 'https://learn.microsoft.com/azure/role-based-access-control/built-in-roles';
  return role.category ? `${base}/${slug(role.category)}#${slug(role.name)}` : base;
}

export function roleJson(role: AzureRole): Record<string, unknown> {
  const { can, cannot } = notableOf(role);
  return {
    kind: 'azure-role',
    name: role.name,
    id: role.id,
    description: role.description,
    category: role.category,
    actions: role.actions,
    notActions: role.notActions,
    dataActions: role.dataActions,
    notDataActions: role.notDataActions,
    permissions: role.permissions,
    conditions: role.permissions.filter((b) => b.condition).map((b) => {
      const scope = conditionScope(b);
      return { restricts: scope === 'all' ? [...(b.actions ?? []), ...(b.dataActions ?? [])] : scope, condition: b.condition, conditionVersion: b.conditionVersion ?? null };
    }),
    grantsOperations: role.grants,
    notablyGrants: can.map((n) => n.permission),
    notablyCannot: cannot.map((n) => n.permission),
    docs: roleDocsUrl(role),
    data: azureDataJson(),
  };
}

export function explainRole(role: AzureRole): string {
  const out: string[] = [];
  out.push(`**${text(role.name)}** — Azure built-in role`, '');
  out.push(`ID ${code(role.id)}${role.category ? ` · ${text(role.category)}` : ''}`, '');
  out.push(text(role.description), '');
  const aks = aksRbacRoleNotes.find((n) => n.role === role.name);
  if (aks) out.push(`AKS: ${text(aks.description)}`, '');
  const section = (title: string, perms: readonly string[]): void => {
    if (!perms.length) return;
    out.push(`**${title}** (${perms.length})`, '', ...permissionList(perms), '');
  };
  section('Control plane: actions', role.actions);
  section('Control plane: notActions', role.notActions);
  section('Data plane: dataActions', role.dataActions);
  section('Data plane: notDataActions', role.notDataActions);
  out.push(`Grants ${thousands(role.grants.control)} control-plane and ${thousands(role.grants.data)} data-plane operations of the catalogue.`, '');
  for (const b of role.permissions.filter((x) => x.condition)) {
    const scope = conditionScope(b);
    const perms = scope === 'all' ? [...(b.actions ?? []), ...(b.dataActions ?? [])] : scope;
    const list = perms.length > 3 ? `${perms.slice(0, 3).map(code).join(', ')} … (${perms.length})` : perms.map(code).join(', ');
    out.push(`**Restricted by a condition** (version ${b.conditionVersion ?? '?'}) on ${list}: ${code(b.condition ?? '')}`, '');
  }
  if (!role.dataActions.length && role.actions.length) {
    out.push('No data actions: `actions` patterns never grant data-plane operations such as reading Kubernetes Secrets through Azure RBAC.', '');
  }
  const { can, cannot } = notableOf(role);
  if (can.length) out.push(`**Notably can:** ${can.map((n) => `${n.label} (${code(n.permission)}${n.conditional ? ', restricted by a condition' : ''})`).join('; ')}`, '');
  if (cannot.length) out.push(`**Cannot:** ${cannot.map((n) => `${n.label} (${code(n.permission)})`).join('; ')}`, '');
  const aksRequirements = aksRequirementsMarkdown(role.id);
  if (aksRequirements) out.push(aksRequirements, '');
  out.push(`[Documentation](${roleDocsUrl(role)})`, '', azureDataFooter());
  return out.join('\n');
}
