import { azureRoles, type AzureRole, type Plane } from './data';
import { grantsInPlane, planeOf, planesFor } from './match';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const byName = new Map(azureRoles.map((r) => [r.name.toLowerCase(), r]));
const byId = new Map(azureRoles.map((r) => [r.id.toLowerCase(), r]));

/** A built-in role by display name (case-insensitive), GUID, or role definition resource ID. */
export function findRole(nameOrGuid: string): AzureRole | undefined {
  const t = nameOrGuid.trim().replace(/^["']|["']$/g, '').trim();
  const lower = t.toLowerCase();
  const named = byName.get(lower.replace(/\s+/g, ' '));
  if (named) return named;
  const last = lower.split('/').pop() ?? lower;
  if (GUID.test(last) && (last === lower || /\/roledefinitions\/[^/]+$/.test(lower))) return byId.get(last);
  return undefined;
}

export interface RoleGrant {
  role: AzureRole;
  pattern: string;
}

export interface RolesGranting {
  permission: string;
  /** The operation's plane when it is in the bundled list; undefined means both planes were checked. */
  plane: Plane | undefined;
  control: RoleGrant[];
  data: RoleGrant[];
}

export function rolesGranting(permission: string): RolesGranting {
  const perm = permission.trim();
  const out: RolesGranting = { permission: perm, plane: planeOf(perm), control: [], data: [] };
  for (const plane of planesFor(perm)) {
    for (const role of azureRoles) {
      const m = grantsInPlane(role, perm, plane);
      if (m) out[plane].push({ role, pattern: m.pattern });
    }
  }
  return out;
}

export const GUID_PATTERN = GUID;
