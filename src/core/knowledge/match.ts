// Azure RBAC permission patterns: `*` stands for any run of characters and comparison ignores case.
import type { AzureRole, Plane } from './data';
import { findOperation } from './data';

const cache = new Map<string, RegExp>();
function toRegExp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    const body = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*');
    re = new RegExp(`^${body}$`, 'i');
    cache.set(pattern, re);
  }
  return re;
}

export function matchesPattern(pattern: string, permission: string): boolean {
  return toRegExp(pattern.trim()).test(permission.trim());
}

/** The plane of a permission when the bundled operation list knows it. */
export function planeOf(permission: string): Plane | undefined {
  return findOperation(permission)?.plane;
}

export interface GrantMatch {
  plane: Plane;
  /** The allow pattern that grants the permission. */
  pattern: string;
}

/**
 * Whether `role` grants `permission` in `plane`: an allow pattern matches and no not-pattern of the same
 * plane removes it. actions/notActions only ever cover control-plane operations, dataActions/notDataActions
 * only data-plane ones, so `*` in actions does not grant a data action.
 */
export function grantsInPlane(role: AzureRole, permission: string, plane: Plane): GrantMatch | null {
  const allow = plane === 'control' ? role.actions : role.dataActions;
  const deny = plane === 'control' ? role.notActions : role.notDataActions;
  const pattern = allow.find((p) => matchesPattern(p, permission));
  if (pattern === undefined) return null;
  if (deny.some((p) => matchesPattern(p, permission))) return null;
  return { plane, pattern };
}

/** Planes a permission is checked in: its known plane, or both when the operation is not in the data. */
export function planesFor(permission: string): Plane[] {
  const p = planeOf(permission);
  return p ? [p] : ['control', 'data'];
}

export function grants(role: AzureRole, permission: string): GrantMatch | null {
  for (const plane of planesFor(permission)) {
    const m = grantsInPlane(role, permission, plane);
    if (m) return m;
  }
  return null;
}
