export * from './types';
export * from './requirements';
export * from './scope';
export { narrowestRole, requirementPlane, resolveAssignmentRole, roleGrants, type RolePermissions } from './roles';
export { attachedRegistries, checkCluster, checkClusterPermissions, findCluster, fixCommand, isLookupError, resolveRegistries } from './check';
