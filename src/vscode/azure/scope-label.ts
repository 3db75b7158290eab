/** `/subscriptions/…/resourceGroups/rg/providers/…/x` → `rg/x`, for tree descriptions; whole id in tooltips. */
export function shortScope(scope: string): string {
  const parts = scope.replace(/^\/+/, '').split('/');
  if (parts.length <= 2) return parts[0]?.toLowerCase() === 'subscriptions' ? 'subscription' : scope;
  const rgAt = parts.findIndex((p) => p.toLowerCase() === 'resourcegroups');
  if (rgAt < 0) return scope;
  const rg = parts[rgAt + 1] ?? '';
  return parts.length <= rgAt + 2 ? `resource group ${rg}` : `${rg}/${parts[parts.length - 1]}`;
}
