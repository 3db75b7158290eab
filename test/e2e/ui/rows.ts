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

/**
 * Opens the AKS IAM view and waits until it has drawn what the examples workspace gives it: the snapshot's
 * subscription and, read last (its parsers load on first use), the infrastructure code. The new root redraws every
 * row, and VS Code reuses the rows' elements, so a click during that redraw can land on another row.
 */
export async function openAksIamView(page: Page): Promise<void> {
  const entry = page.locator('.activitybar .action-label[aria-label^="AKS IAM"]').first();
  await entry.waitFor({ state: 'visible', timeout: 30_000 });
  await entry.click();
  await treeRow(page, 'contoso-prod').waitFor({ state: 'visible', timeout: 30_000 });
  await treeRow(page, 'Infrastructure code').waitFor({ state: 'visible', timeout: 30_000 });
}
