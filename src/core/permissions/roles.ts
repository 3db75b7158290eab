import type { IdentityGraph, RoleAssignment } from '../identity/graph';
import { azureRoles, type AzureRole, type Plane } from '../knowledge/data';
import { grantsInPlane, matchesPattern, planeOf } from '../knowledge/match';
import { findRole } from '../knowledge/roles';

/** A role's permission lists: a built-in role from our data, or a custom one from the graph's definitions. */
export interface RolePermissions {
  name: string;
  builtIn: boolean;
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
}

const guidOf = (id: string) => (id.trim().replace(/\/+$/, '').split('/').pop() ?? '').toLowerCase();

/**
 * The permissions behind an assignment: the built-in role by definition id (then by name), else a role
 * definition the graph carries (custom roles). Null when we cannot know what the role grants.
 */
export function resolveAssignmentRole(graph: IdentityGraph, a: RoleAssignment): RolePermissions | null {
  const builtIn = (a.roleDefinitionId && findRole(a.roleDefinitionId)) || (a.roleName ? findRole(a.roleName) : undefined);
  if (builtIn) return { ...builtIn, builtIn: true };
  const want = guidOf(a.roleDefinitionId);
  const custom = want ? graph.roleDefinitions?.find((d) => guidOf(d.id) === want) : undefined;
  if (custom) return { name: custom.roleName || a.roleName || want, builtIn: false, actions: custom.actions, notActions: custom.notActions, dataActions: custom.dataActions, notDataActions: custom.notDataActions };
  return null;
}

const dataByRoles = new Set(azureRoles.flatMap((r) => r.dataActions.filter((p) => !p.includes('*')).map((p) => p.toLowerCase())));

/**
 * The plane a required permission belongs to: the bundled operation list when it knows it, else data
 * when some built-in role lists it under dataActions (e.g. the ACR repository permissions), else control.
 */
export function requirementPlane(permission: string): Plane {
  return planeOf(permission) ?? (dataByRoles.has(permission.trim().toLowerCase()) ? 'data' : 'control');
}

/**
 * Whether the role grants `permission` in `plane`. A required permission may itself be a wildcard
 * (`Microsoft.Network/privatednszones/*`): then it is granted only when an allow pattern covers all of it
 * and no not-pattern takes any part of it away.
 */
export function roleGrants(role: Pick<AzureRole, 'actions' | 'notActions' | 'dataActions' | 'notDataActions'>, permission: string, plane: Plane): string | null {
  if (!permission.includes('*')) return grantsInPlane(role as AzureRole, permission, plane)?.pattern ?? null;
  const allow = plane === 'control' ? role.actions : role.dataActions;
  const deny = plane === 'control' ? role.notActions : role.notDataActions;
  const pattern = allow.find((p) => matchesPattern(p, permission));
  if (pattern === undefined) return null;
  if (deny.some((d) => matchesPattern(d, permission) || matchesPattern(permission, d))) return null;
  return pattern;
}

/** Rough breadth of an allow pattern: the earlier its first wildcard, the more it covers. */
function breadth(pattern: string): number {
  const i = pattern.split('/').findIndex((seg) => seg.includes('*'));
  return i < 0 ? 1 : 10 ** Math.max(0, 6 - i);
}

function width(role: AzureRole): number {
  return [...role.actions, ...role.dataActions].reduce((n, p) => n + breadth(p), 0);
}

/**
 * The narrowest built-in role that grants every one of `permissions` (each in its plane). Roles named in
 * `preferred` (the ones the documentation advises) are tried first: by breadth alone a role made for one
 * add-on's deployment can win, and that is not a role to give a cluster identity.
 */
export function narrowestRole(permissions: { permission: string; plane: Plane }[], preferred: readonly string[] = []): AzureRole | null {
  const grantsAll = (r: AzureRole) => permissions.every((p) => roleGrants(r, p.permission, p.plane) !== null);
  const advised = preferred.map((n) => findRole(n)).filter((r): r is AzureRole => !!r && grantsAll(r));
  const fits = advised.length ? advised : azureRoles.filter(grantsAll);
  fits.sort((a, b) => width(a) - width(b) || a.actions.length + a.dataActions.length - (b.actions.length + b.dataActions.length) || a.name.localeCompare(b.name));
  return fits[0] ?? null;
}
