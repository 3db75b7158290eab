// Typed views of the bundled data/*.json (imported so that esbuild inlines them into both bundles).
import rolesJson from '../../../data/azure-roles.json';
import operationsJson from '../../../data/operations.json';
import clusterRolesJson from '../../../data/k8s-clusterroles.json';
import aksIdentityJson from '../../../data/aks-identity-permissions.json';
import identityKeysJson from '../../../data/identity-keys.json';

export interface SourceRef {
  repository: string;
  commit: string;
  date: string;
}

export interface AzureRole {
  name: string;
  id: string;
  description: string;
  category: string | null;
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
}

export type Plane = 'control' | 'data';

export interface Operation {
  name: string;
  description: string;
  plane: Plane;
}

export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
  verbs: string[];
}

export interface ClusterRoleInfo {
  name: string;
  rules: PolicyRule[];
  aggregatesFrom: string[];
  aggregatesInto: string[];
  effectiveRules: PolicyRule[];
}

export interface IdentityKey {
  key: string;
  provider: 'azure-workload-identity' | 'eks-irsa' | 'gke-workload-identity' | 'aad-pod-identity';
  kind: 'label' | 'annotation' | 'nodeSelector';
  appliesTo: string[];
  where: string;
  meaning: string;
  valueFormat?: string | null;
  allowedValues: string[];
  default: string | null;
  notes: string[];
}

export interface AksPermissionTable {
  id: string;
  heading: string;
  intro: string;
  rows: { permissions: string[]; reason: string }[];
}

export const azureRoles: readonly AzureRole[] = rolesJson.roles as AzureRole[];
export const operations: readonly Operation[] = operationsJson.operations as Operation[];
export const clusterRoles: readonly ClusterRoleInfo[] = clusterRolesJson.clusterRoles as unknown as ClusterRoleInfo[];
export const featureGatedAdditions: Readonly<Record<string, PolicyRule[]>> = clusterRolesJson.featureGatedAdditions as Record<string, PolicyRule[]>;
export const identityKeys: readonly IdentityKey[] = identityKeysJson.keys as IdentityKey[];
export const aksPermissionTables: readonly AksPermissionTable[] = aksIdentityJson.tables as AksPermissionTable[];
export const aksRbacRoleNotes: readonly { role: string; description: string }[] = aksIdentityJson.aksRbacRoles;
export const dataSources: Readonly<Record<string, SourceRef>> = {
  roles: rolesJson._meta.source,
  operations: operationsJson._meta.source,
  clusterRoles: clusterRolesJson._meta.source,
  aksIdentity: aksIdentityJson._meta.source,
  identityKeys: identityKeysJson._meta.source,
};

const opsByName = new Map(operations.map((o) => [o.name.toLowerCase(), o]));
export function findOperation(name: string): Operation | undefined {
  return opsByName.get(name.trim().toLowerCase());
}

const keysByName = new Map(identityKeys.map((k) => [k.key.toLowerCase(), k]));
/** Exact key, or the custom token endpoint form `azure.workload.identity/use-<suffix>`. */
export function findIdentityKey(key: string): IdentityKey | undefined {
  const k = key.trim().toLowerCase();
  const hit = keysByName.get(k);
  if (hit) return hit;
  if (/^azure\.workload\.identity\/use-[a-z0-9][a-z0-9.-]*$/.test(k)) return keysByName.get('azure.workload.identity/use-<suffix>');
  return undefined;
}

const clusterRolesByName = new Map(clusterRoles.map((c) => [c.name, c]));
export function findClusterRole(name: string): ClusterRoleInfo | undefined {
  return clusterRolesByName.get(name.trim());
}
