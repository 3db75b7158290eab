// Typed views of the bundled data/*.json. The small files are imported (esbuild inlines them into both
// bundles); the Azure role definitions and the operations catalogue are large, so they are required lazily
// through ./azure-data (the extension build reads them from the data folder shipped next to dist/).
import aksIdentityJson from '../../../data/aks-identity-permissions.json';
import identityKeysJson from '../../../data/identity-keys.json';
import { k8sBuiltinsSource } from './k8s-builtins';

export type { Plane, PermissionBlock } from './match';
export { builtInRoles, operations, findOperation, azureDataInfo, type AzureRole, type Operation, type AzureDataInfo } from './azure-data';

// Declared with the Azure data, which needs it too: one direction of import, no cycle.
import type { SourceRef } from './azure-data';
export type { SourceRef };

// Kubernetes built-in ClusterRoles live in ./k8s-builtins (data/k8s-builtins.json); re-exported here for the older callers.
export type { PolicyRule, ClusterRoleInfo } from './k8s-builtins';
export { builtinClusterRoles as clusterRoles, findBuiltinClusterRole as findClusterRole } from './k8s-builtins';

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

export const identityKeys: readonly IdentityKey[] = identityKeysJson.keys as IdentityKey[];
export const aksPermissionTables: readonly AksPermissionTable[] = aksIdentityJson.tables as AksPermissionTable[];
/** The plane of each permission string the AKS tables name (resolved against the catalogue by npm run data). */
export const aksPermissionPlanes: Readonly<Record<string, 'control' | 'data'>> = aksIdentityJson.planes as Record<string, 'control' | 'data'>;
export const aksRbacRoleNotes: readonly { role: string; description: string }[] = aksIdentityJson.aksRbacRoles;
export const dataSources: Readonly<Record<string, SourceRef>> = {
  clusterRoles: k8sBuiltinsSource,
  aksIdentity: aksIdentityJson._meta.source,
  identityKeys: identityKeysJson._meta.source,
};

const keysByName = new Map(identityKeys.map((k) => [k.key.toLowerCase(), k]));
/** Exact key, or the custom token endpoint form `azure.workload.identity/use-<suffix>`. */
export function findIdentityKey(key: string): IdentityKey | undefined {
  const k = key.trim().toLowerCase();
  const hit = keysByName.get(k);
  if (hit) return hit;
  if (/^azure\.workload\.identity\/use-[a-z0-9][a-z0-9.-]*$/.test(k)) return keysByName.get('azure.workload.identity/use-<suffix>');
  return undefined;
}
