// What a person sees of the Azure Identities view: the AKS IAM activity bar entry, and in the examples
// workspace (whose settings load examples/.aks-iam) the snapshot's cluster and identities.
import type { Page, UiCheck } from './types';

const row = (page: Page, text: string) => page.locator('.monaco-list-row').filter({ hasText: text }).first();

export const checks: UiCheck[] = [
  {
    name: 'the AKS IAM view shows the example identity snapshot',
    async run({ page, screenshot }) {
      const entry = page.locator('.activitybar .action-label[aria-label^="AKS IAM"]').first();
      await entry.waitFor({ state: 'visible', timeout: 30_000 });
      await entry.click();
      await row(page, 'Identity snapshot').waitFor({ state: 'visible', timeout: 30_000 });
      await row(page, '(snapshot) .aks-iam').waitFor({ state: 'visible', timeout: 10_000 });
      await row(page, 'contoso-prod').click();
      // Both groups open by themselves; the identities carry their client ids and workspace users.
      await row(page, 'aks-contoso-prod').waitFor({ state: 'visible', timeout: 10_000 });
      await row(page, 'id-search').waitFor({ state: 'visible', timeout: 10_000 });
      await row(page, 'used by shop/search').waitFor({ state: 'visible', timeout: 10_000 });
      await row(page, 'id-search').click();
      await row(page, 'No credential for shop/search').waitFor({ state: 'visible', timeout: 10_000 });
      await screenshot('azure-identities-view');
    },
  },
];
