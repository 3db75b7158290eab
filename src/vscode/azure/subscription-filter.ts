/**
 * The subscription filter the Azure extensions share: setting `azureResourceGroups.selectedSubscriptions`, a list of
 * `tenantId/subscriptionId` entries (empty or absent: every subscription). The Azure Resources extension writes it;
 * so does **Select Azure subscriptions…** here, in the same form.
 */
export const SELECTED_SUBSCRIPTIONS = { section: 'azureResourceGroups', key: 'selectedSubscriptions' } as const;

export interface SubscriptionFilter {
  /** Lower-case tenant ids the entries name (empty: no tenant is skipped). */
  tenants: ReadonlySet<string>;
  /** Lower-case subscription ids (empty: every subscription is shown). */
  subscriptions: ReadonlySet<string>;
}

export const NO_FILTER: SubscriptionFilter = { tenants: new Set(), subscriptions: new Set() };

/** Reads the setting's value; entries that are not `tenant/subscription` strings are ignored, not fatal. */
export function parseSubscriptionFilter(value: unknown): SubscriptionFilter {
  if (!Array.isArray(value)) return NO_FILTER;
  const tenants = new Set<string>();
  const subscriptions = new Set<string>();
  for (const v of value) {
    if (typeof v !== 'string') continue;
    const [tenant, sub] = v.trim().split('/');
    if (!tenant || !sub) continue;
    tenants.add(tenant.toLowerCase());
    subscriptions.add(sub.toLowerCase());
  }
  return { tenants, subscriptions };
}

/** The setting's entries for the chosen subscriptions; none chosen or all chosen: no filter (undefined removes it). */
export function filterEntries(chosen: readonly { tenantId: string; id: string }[], total: number): string[] | undefined {
  if (chosen.length === 0 || chosen.length === total) return undefined;
  return chosen.map((s) => `${s.tenantId}/${s.id}`);
}

/** Whether a subscription passes the filter (before any is listed, for the quick pick's ticks). */
export function isSelected(filter: SubscriptionFilter, subscriptionId: string): boolean {
  return filter.subscriptions.size === 0 || filter.subscriptions.has(subscriptionId.toLowerCase());
}
