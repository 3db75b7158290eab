import type { IdentityGraph, RoleAssignment } from '../identity/graph';
import { aksPermissionPlanes, builtInRoles, findOperation, type AzureRole, type Plane } from '../knowledge/data';
import { blockCoversPattern, grantsInPlane, type HasPermissions } from '../knowledge/match';
import { findRole, operationsMatching, roleBreadth } from '../knowledge/roles';

/** A role's permissions: a built-in role from our data, or a custom one from the graph's definitions. */
export interface RolePermissions extends HasPermissions {
  name: string;
  builtIn: boolean;
}

const guidOf = (id: string) => (id.trim().replace(/\/+$/, '').split('/').pop() ?? '').toLowerCase();

/**
 * The permissions behind an assignment: the built-in role by definition id (then by name), else a role
 * definition the graph carries (custom roles). Null when we cannot know what the role grants.
 */
export function resolveAssignmentRole(graph: IdentityGraph, a: RoleAssignment): RolePermissions | null {
  const builtIn = (a.roleDefinitionId && findRole(a.roleDefinitionId)) || (a.roleName ? findRole(a.roleName) : undefined);
  if (builtIn) return { name: builtIn.name, builtIn: true, permissions: builtIn.permissions };
  const want = guidOf(a.roleDefinitionId);
  const custom = want ? graph.roleDefinitions?.find((d) => guidOf(d.id) === want) : undefined;
  if (custom) {
    const { actions, notActions, dataActions, notDataActions } = custom;
    return { name: custom.roleName || a.roleName || want, builtIn: false, permissions: [{ actions, notActions, dataActions, notDataActions }] };
  }
  return null;
}

/**
 * The plane a required permission belongs to, from the operations catalogue. A documented requirement may be
 * a pattern (`Microsoft.Network/privatednszones/*`): then the plane of the operations it covers, data only
 * when all of them are data actions.
 */
export function requirementPlane(permission: string): Plane {
  // The documented requirements' planes come with the AKS tables: a role hover needs no catalogue.
  const documented = aksPermissionPlanes[permission];
  if (documented) return documented;
  let plane = planeCache.get(permission);
  if (!plane) planeCache.set(permission, (plane = planeOfRequirement(permission)));
  return plane;
}

// Documented requirements are a few dozen fixed strings, asked about on every role hover.
const planeCache = new Map<string, Plane>();

function planeOfRequirement(permission: string): Plane {
  const op = findOperation(permission);
  if (op) return op.planes[0];
  if (permission.includes('*')) {
    const ops = operationsMatching(permission);
    if (ops.length && ops.every((o) => !o.planes.includes('control'))) return 'data';
  }
  return 'control';
}

/**
 * The allow pattern through which the role grants `permission` in `plane`, or null. A required permission may
 * itself be a wildcard: then it is granted only when one allow pattern covers all of it and no not-pattern
 * takes any part of it away.
 */
export function roleGrants(role: HasPermissions, permission: string, plane: Plane): string | null {
  if (!permission.includes('*')) return grantsInPlane(role, permission, plane)?.pattern ?? null;
  for (const b of role.permissions) {
    const p = blockCoversPattern(b, permission, plane);
    if (p !== null) return p;
  }
  return null;
}

/**
 * The narrowest built-in role (fewest operations granted) that grants every one of `permissions` (each in its
 * plane). Roles named in `preferred` (the ones the documentation advises) are tried first: by breadth alone a
 * role made for one add-on's deployment can win, and that is not a role to give a cluster identity.
 */
export function narrowestRole(permissions: { permission: string; plane: Plane }[], preferred: readonly string[] = []): AzureRole | null {
  const grantsAll = (r: AzureRole) => permissions.every((p) => roleGrants(r, p.permission, p.plane) !== null);
  const advised = preferred.map((n) => findRole(n)).filter((r): r is AzureRole => !!r && grantsAll(r));
  const fits = advised.length ? advised : builtInRoles().filter(grantsAll);
  fits.sort((a, b) => roleBreadth(a) - roleBreadth(b) || a.name.localeCompare(b.name));
  return fits[0] ?? null;
}
