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
  {
    name: 'copying the az command offers bash/zsh and PowerShell, the terminal\'s shell first',
    async run({ page, screenshot }) {
      const entry = page.locator('.activitybar .action-label[aria-label^="AKS IAM"]').first();
      await entry.waitFor({ state: 'visible', timeout: 30_000 });
      await entry.click();
      await row(page, 'contoso-prod').waitFor({ state: 'visible', timeout: 30_000 });
      await row(page, 'contoso-prod').click();
      await row(page, 'id-search').waitFor({ state: 'visible', timeout: 10_000 });
      await row(page, 'id-search').click();
      const missing = row(page, 'No credential for shop/search');
      await missing.waitFor({ state: 'visible', timeout: 10_000 });
      await missing.click({ button: 'right' });
      const copy = page.locator('.monaco-menu .action-item').filter({ hasText: 'Copy `az identity federated-credential create' }).first();
      await copy.waitFor({ state: 'visible', timeout: 10_000 });
      // A click that lands while the context menu is still settling only highlights the item (seen once under load):
      // then the highlighted item is chosen with Enter, as a person would, until the quick pick opens.
      const rows = page.locator('.quick-input-list .monaco-list-row');
      const powershell = rows.filter({ hasText: 'PowerShell' }).first();
      await copy.hover();
      await copy.click();
      for (let attempt = 0; ; attempt++) {
        try {
          await powershell.waitFor({ state: 'visible', timeout: 5_000 });
          break;
        } catch (err) {
          if (attempt >= 2 || !(await copy.isVisible())) throw err;
          await page.keyboard.press('Enter');
        }
      }
      const first = await rows.nth(0).innerText();
      const second = await rows.nth(1).innerText();
      if (!/^bash \/ zsh/.test(first) || !first.includes("the terminal's shell")) throw new Error(`first choice: ${first}`);
      if (!/^PowerShell/.test(second)) throw new Error(`second choice: ${second}`);
      for (const text of [first, second]) {
        if (!text.includes('az identity federated-credential create --name shop-search --identity-name id-search')) throw new Error(`no command in: ${text}`);
      }
      // PowerShell gets a quoted subscription id (a bare 1e3-like word would be read as a number there), bash a bare one.
      if (!/--subscription '[0-9a-f-]{36}'/.test(second) || !/--subscription [0-9a-f-]{36} /.test(first)) throw new Error(`quoting per shell:\n${first}\n${second}`);
      await screenshot('copy-command-shells');
      await page.keyboard.press('Enter');
      await page.locator('.statusbar-item').filter({ hasText: 'Copied az command: az identity federated-credential create' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    },
  },
];
