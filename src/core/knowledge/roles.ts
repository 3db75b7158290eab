import { builtInRoles, findOperation, operations, type AzureRole, type Operation } from './azure-data';
import { grantsInPlane, matchesPattern, type Plane } from './match';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
let index: { byName: Map<string, AzureRole>; byId: Map<string, AzureRole> } | undefined;
function roleIndex(): NonNullable<typeof index> {
  index ??= {
    byName: new Map(builtInRoles().map((r) => [r.name.toLowerCase(), r])),
    byId: new Map(builtInRoles().map((r) => [r.id.toLowerCase(), r])),
  };
  return index;
}

/** A built-in role by display name (case-insensitive), GUID, or role definition resource ID. */
export function findRole(nameOrGuid: string): AzureRole | undefined {
  const t = nameOrGuid.trim().replace(/^["']|["']$/g, '').trim();
  const lower = t.toLowerCase();
  const named = roleIndex().byName.get(lower.replace(/\s+/g, ' '));
  if (named) return named;
  const last = lower.split('/').pop() ?? lower;
  if (GUID.test(last) && (last === lower || /\/roledefinitions\/[^/]+$/.test(lower))) return roleIndex().byId.get(last);
  return undefined;
}

/** The catalogue planes of an operation, or undefined when the catalogue does not list it. */
export function planesOf(permission: string): readonly Plane[] | undefined {
  return findOperation(permission)?.planes;
}

export interface RoleGrant {
  role: AzureRole;
  pattern: string;
  /** Granted by a permission block that carries a condition. */
  conditional: boolean;
}

/** Operations the role grants in all: "narrowest first" means fewest of these. */
export function roleBreadth(role: AzureRole): number {
  return role.grants.control + role.grants.data;
}

function narrowestFirst(a: RoleGrant, b: RoleGrant): number {
  return roleBreadth(a.role) - roleBreadth(b.role) || a.role.name.localeCompare(b.role.name);
}

export interface RolesGranting {
  permission: string;
  /** The catalogue entry; undefined when the operation is not in the catalogue. */
  operation: Operation | undefined;
  /**
   * Roles granting it, per plane. For a catalogue operation only its planes are filled. For an unknown name
   * both are, each meaning "would grant it if it were an operation of this plane" (the plane is not guessed).
   */
  control: RoleGrant[];
  data: RoleGrant[];
  /** Number of built-in roles considered. */
  total: number;
}

const cache = new Map<string, RolesGranting>();

/** Built-in roles granting `permission`, narrowest first (fewest operations granted), by plane. */
export function rolesGranting(permission: string): RolesGranting {
  const perm = permission.trim();
  const key = perm.toLowerCase();
  const hit = cache.get(key);
  if (hit) return hit;
  const operation = findOperation(perm);
  const roles = builtInRoles();
  const out: RolesGranting = { permission: operation?.name ?? perm, operation, control: [], data: [], total: roles.length };
  for (const plane of operation?.planes ?? (['control', 'data'] as const)) {
    for (const role of roles) {
      const m = grantsInPlane(role, perm, plane);
      if (m) out[plane].push({ role, pattern: m.pattern, conditional: m.conditional });
    }
    out[plane].sort(narrowestFirst);
  }
  if (cache.size > 200) cache.clear();
  cache.set(key, out);
  return out;
}

/** Catalogue operations a pattern (with `*`) covers, in catalogue order. */
export function operationsMatching(pattern: string): Operation[] {
  return operations().filter((o) => matchesPattern(pattern, o.name));
}

export const GUID_PATTERN = GUID;
