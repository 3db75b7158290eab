import { builtInRoles, findOperation, operations, operationsOfProvider, type AzureRole, type Operation } from './azure-data';
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

/**
 * Roles that can grant anything of a provider: those with an actions/dataActions pattern naming it literally,
 * and those with a pattern starting with a wildcard. A hover on a permission then checks tens of roles, not 928.
 */
let candidates: { byProvider: Map<string, AzureRole[]>; any: AzureRole[] } | undefined;
function candidateRoles(permission: string): readonly AzureRole[] {
  if (!candidates) {
    const byProvider = new Map<string, Set<AzureRole>>();
    const any = new Set<AzureRole>();
    for (const r of builtInRoles()) {
      for (const p of [...r.actions, ...r.dataActions]) {
        const first = p.trim().split('/')[0];
        if (first.includes('*') || !p.includes('/')) any.add(r);
        else {
          const k = first.toLowerCase();
          byProvider.set(k, (byProvider.get(k) ?? new Set()).add(r));
        }
      }
    }
    candidates = { byProvider: new Map([...byProvider].map(([k, v]) => [k, [...v]])), any: [...any] };
  }
  const slash = permission.indexOf('/');
  const own = slash < 0 ? [] : candidates.byProvider.get(permission.slice(0, slash).toLowerCase()) ?? [];
  const seen = new Set(own);
  return [...own, ...candidates.any.filter((r) => !seen.has(r))];
}

/** Built-in roles granting `permission`, narrowest first (fewest operations granted), by plane. */
export function rolesGranting(permission: string): RolesGranting {
  const perm = permission.trim();
  const key = perm.toLowerCase();
  const hit = cache.get(key);
  if (hit) return hit;
  const operation = findOperation(perm);
  const out: RolesGranting = { permission: operation?.name ?? perm, operation, control: [], data: [], total: builtInRoles().length };
  for (const plane of operation?.planes ?? (['control', 'data'] as const)) {
    for (const role of candidateRoles(perm)) {
      const m = grantsInPlane(role, perm, plane);
      if (m) out[plane].push({ role, pattern: m.pattern, conditional: m.conditional });
    }
    out[plane].sort(narrowestFirst);
  }
  if (cache.size > 200) cache.clear();
  cache.set(key, out);
  return out;
}

const matchingCache = new Map<string, readonly Operation[]>();

/** Catalogue operations a pattern (with `*`) covers, in catalogue order. Scanning 22,497 names costs a few ms: cached. */
export function operationsMatching(pattern: string): readonly Operation[] {
  const key = pattern.trim().toLowerCase();
  let hit = matchingCache.get(key);
  if (!hit) {
    // A pattern naming its provider literally can only match that provider's operations.
    const first = key.split('/')[0];
    const scope = first.includes('*') || !key.includes('/') ? operations() : operationsOfProvider(first) ?? [];
    hit = scope.filter((o) => matchesPattern(pattern, o.name));
    if (matchingCache.size > 200) matchingCache.clear();
    matchingCache.set(key, hit);
  }
  return hit;
}

export const GUID_PATTERN = GUID;

/**
 * Loads the role definitions and the operations catalogue and builds the lookups a hover uses, so that the
 * first hover does not pay for them. Adapters call it once the editor is idle, never during activation.
 */
export function preloadAzureKnowledge(): void {
  findRole('Reader');
  rolesGranting('Microsoft.Authorization/roleAssignments/read');
}
