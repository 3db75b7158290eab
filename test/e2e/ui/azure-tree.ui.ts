// What a person sees of the Azure Identities view: the AKS IAM activity bar entry, and in the examples
// workspace (whose settings load examples/.aks-iam) the snapshot's cluster and identities.
import { openAksIamView, snapshotIdentityRow, treeRow } from './rows';
import type { Page, UiCheck } from './types';

const row = (page: Page, text: string) => page.locator('.monaco-list-row').filter({ hasText: text }).first();

export const checks: UiCheck[] = [
  {
    name: 'the AKS IAM view shows the example identity snapshot',
    async run({ page, screenshot }) {
      await openAksIamView(page);
      await row(page, 'Identity snapshot').waitFor({ state: 'visible', timeout: 30_000 });
      await row(page, '.aks-iam').waitFor({ state: 'visible', timeout: 10_000 });
      await treeRow(page, 'contoso-prod').click();
      // Both groups open by themselves; the identities carry their client ids and workspace users.
      await row(page, 'aks-contoso-prod').waitFor({ state: 'visible', timeout: 10_000 });
      await snapshotIdentityRow(page, 'id-search').waitFor({ state: 'visible', timeout: 10_000 });
      await row(page, 'used by shop/search').waitFor({ state: 'visible', timeout: 10_000 });
      // The source is named once, on its root: no row repeats it.
      const marked = await page.locator('.monaco-list-row').filter({ hasText: '(snapshot)' }).count();
      if (marked) throw new Error(`${marked} rows still end in "(snapshot)"`);
      await snapshotIdentityRow(page, 'id-search').click();
      await row(page, 'No credential for shop/search').waitFor({ state: 'visible', timeout: 10_000 });
      await screenshot('azure-identities-view');
    },
  },
  {
    name: 'an identity and its cluster with a missing federated credential carry a warning and the count before they are expanded',
    async run({ page, screenshot }) {
      await openAksIamView(page);
      await treeRow(page, 'contoso-prod').click();
      // shop/search names id-search's client id, and no credential of id-search has its subject.
      // Both rows still collapsed: the badge is there before anything below them is read.
      const collapsed = (name: string) => page.locator('.monaco-list-row[aria-expanded="false"]').filter({ hasText: name }).filter({ hasText: '1 missing federated credential' }).first();
      const identity = collapsed('id-search');
      const cluster = collapsed('aks-contoso-prod');
      for (const badged of [identity, cluster]) {
        await badged.waitFor({ state: 'visible', timeout: 15_000 });
        await badged.locator('.codicon-warning').first().waitFor({ state: 'visible', timeout: 10_000 });
      }
      // Every other identity keeps its person icon: the warning marks only what is missing.
      const plain = await page.locator('.monaco-list-row').filter({ hasText: /^(?![\s\S]*missing federated credential)[\s\S]*\bid-/ }).locator('.codicon-warning').count();
      if (plain) throw new Error(`${plain} identities without a missing credential show a warning`);
      // The subscription's tooltip (from the click that opened it) would cover the cluster row in the screenshot.
      await page.mouse.move(900, 700, { steps: 5 });
      await page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Subscription contoso-prod' }).first().waitFor({ state: 'hidden', timeout: 10_000 });
      await screenshot('azure-tree-badged-identity');
    },
  },
  {
    name: 'copying the az command offers bash/zsh and PowerShell, the terminal\'s shell first',
    async run({ page, screenshot }) {
      await openAksIamView(page);
      await treeRow(page, 'contoso-prod').click();
      await snapshotIdentityRow(page, 'id-search').waitFor({ state: 'visible', timeout: 10_000 });
      await snapshotIdentityRow(page, 'id-search').click();
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
  {
    name: 'the identities the Terraform declares are listed under Infrastructure code, and a row opens its line',
    async run({ page, screenshot }) {
      const entry = page.locator('.activitybar .action-label[aria-label^="AKS IAM"]').first();
      await entry.waitFor({ state: 'visible', timeout: 30_000 });
      await entry.click();
      await treeRow(page, 'Infrastructure code', '1 cluster · 2 identities').waitFor({ state: 'visible', timeout: 30_000 });
      await treeRow(page, 'aks-contoso-prod', 'OIDC issuer on · workload identity on').waitFor({ state: 'visible', timeout: 10_000 });
      await treeRow(page, 'id-orders-api', '1 federated credential · 1 role assignment').waitFor({ state: 'visible', timeout: 10_000 });
      const search = treeRow(page, 'id-search', '1 federated credential · 0 role assignments');
      await search.click();
      // The row opens the declaration; its twistie shows the credential, subject typo and all.
      await page.locator('.tabs-container .tab.active[aria-label^="identities.tf"]').waitFor({ state: 'visible', timeout: 15_000 });
      await page.locator('.statusbar-item').filter({ hasText: /Ln 41, Col 1\b/ }).first().waitFor({ state: 'visible', timeout: 15_000 });
      await search.locator('.monaco-tl-twistie').click();
      await treeRow(page, 'shop-search', 'system:serviceaccount:shop:serach').waitFor({ state: 'visible', timeout: 10_000 });
      await screenshot('azure-tree-infrastructure-code');
      // Later checks start from a window without editors (they restore this one's).
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget .quick-input-box input').first();
      await input.waitFor({ state: 'visible', timeout: 15_000 });
      await input.fill('>View: Close All Editors', { timeout: 10_000 });
      await page.locator('.quick-input-list .monaco-list-row.focused').filter({ hasText: 'View: Close All Editors' }).first().waitFor({ state: 'visible', timeout: 15_000 });
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 15_000 });
    },
  },
];
