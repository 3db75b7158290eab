import type { AksCluster } from '../identity/graph';
import type { Plane } from '../knowledge/data';
import type { AksIdentityKind, RequirementKind } from './requirements';

export type PermissionStatus = 'granted' | 'missing' | 'assumed' | 'unknown';

export interface Requirement {
  /** The kind of requirement; rows of one requirement share id, identity and scope. */
  id: RequirementKind;
  /** Names the concrete resource, e.g. "Subnet shop-vnet/aks in resource group net-rg". */
  title: string;
  permission: string;
  plane: Plane;
  /** ARM id the permission is needed on. */
  scope: string;
  /** The documented reason. */
  reason: string;
}

export interface GrantedBy {
  assignmentId: string;
  roleName: string;
  scope: string;
}

export interface PermissionResult {
  identity: AksIdentityKind;
  /** Object id the assignments are for; null when the snapshot does not tell it (e.g. a service principal cluster). */
  principalId: string | null;
  requirement: Requirement;
  status: PermissionStatus;
  grantedBy?: GrantedBy;
  /** Narrowest built-in role granting every permission of this requirement (so every missing one). */
  suggestedRole?: string;
  /** `az role assignment create` for bash/zsh; absent when an input is not a valid id or name. */
  fixCommand?: string;
  /** The same command as an argument list, to quote for another shell. */
  fixArgs?: string[];
  /** Why the status is unknown or assumed. */
  note?: string;
}

export interface ClusterPermissions {
  cluster: AksCluster;
  results: PermissionResult[];
  /** Number of results with status missing. */
  missing: number;
}

export interface ClusterLookupError {
  error: 'cluster-not-found' | 'cluster-ambiguous' | 'registry-not-found';
  message: string;
}

export interface CheckOptions {
  /**
   * Registries (names or ARM ids) attached to the cluster in addition to the ones found in the graph,
   * e.g. from `--acr`. A name must match a registry the graph lists.
   */
  registries?: string[];
}
