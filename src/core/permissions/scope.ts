// Azure RBAC scopes are ARM ids; they compare case-insensitively and an assignment at a scope covers
// every resource below it (subscription → resource group → resource → child resource).

function norm(id: string): string {
  return id.trim().replace(/\/+$/, '').toLowerCase();
}

/** Whether an assignment at `scope` applies to `target`: same id, or `target` is below it on a segment boundary. */
export function scopeCovers(scope: string, target: string): boolean {
  const s = norm(scope);
  const t = norm(target);
  if (s === '') return scope.trim() === '/';
  return t === s || t.startsWith(`${s}/`);
}

export function isManagementGroupScope(scope: string): boolean {
  return /^\/providers\/Microsoft\.Management\/managementGroups\//i.test(scope.trim());
}

export interface ArmParts {
  subscriptionId: string | null;
  resourceGroup: string | null;
  /** Last segment: the resource's own name. */
  name: string;
}

export function armParts(id: string): ArmParts {
  const sub = /\/subscriptions\/([^/]+)/i.exec(id);
  const rg = /\/resourceGroups\/([^/]+)/i.exec(id);
  return { subscriptionId: sub ? sub[1] : null, resourceGroup: rg ? rg[1] : null, name: id.replace(/\/+$/, '').split('/').pop() ?? '' };
}

export function resourceGroupId(subscriptionId: string, resourceGroup: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
}

/** Whether `id` lives in resource group `rg` of subscription `sub` (both compared without case). */
export function isInResourceGroup(id: string, sub: string, rg: string | null): boolean {
  if (!rg) return false;
  return scopeCovers(resourceGroupId(sub, rg), id);
}
