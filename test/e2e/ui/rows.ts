import type { Locator, Page } from './types';

/**
 * The tree row whose label is exactly `label` (its description aside). Matching on the row's whole text is not enough
 * once two views of the same thing are listed: the subscription `contoso-prod` and the cluster `aks-contoso-prod`, or a
 * snapshot's `id-search` and the one the workspace's Terraform declares; the list's DOM order is not its visual order.
 */
export function treeRow(page: Page, label: string, withText?: string): Locator {
  const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const rows = page.locator('.monaco-list-row').filter({ has: page.locator('.label-name').filter({ hasText: exact }) });
  return (withText ? rows.filter({ hasText: withText }) : rows).first();
}

/** The snapshot's identity row (with its badge), not the row of the same name under "Infrastructure code". */
export function snapshotIdentityRow(page: Page, name: string): Locator {
  return treeRow(page, name, 'missing federated credential');
}
