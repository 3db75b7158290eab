export * from './types';
export * from './requirements';
export * from './scope';
export { narrowestRole, requirementPlane, resolveAssignmentRole, roleGrants, type RolePermissions } from './roles';
export { attachedRegistries, checkCluster, checkClusterPermissions, findCluster, fixCommand, fixCommandArgs, isLookupError, resolveRegistries } from './check';
export { groupResults, worstStatus, type RequirementGroup } from './group';
export { clusterPermissionSummary, requiredPermissionNodes, type RequiredPermissionsNode, type RequirementNode } from './view';
