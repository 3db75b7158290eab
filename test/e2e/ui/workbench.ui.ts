// What a person sees in the workbench with the packaged extension installed and the examples/
// workspace open: squiggles, the Problems panel, hovers, a quick fix applied (the identities view
// has its own checks in azure-tree.ui.ts).
// Every step waits for something on screen; screenshots go to test-results/.
import type { Page, UiCheck } from './types';

const UNQUOTED = 'workload-identity/broken/unquoted-true.yaml';
const LABEL_MESSAGE = 'The azure.workload.identity/use label of Deployment catalog (namespace shop) is the YAML boolean true';

async function expectText(page: Page, selector: string, text: string | RegExp, timeout = 20_000): Promise<string> {
  const el = page.locator(selector).filter({ hasText: text }).first();
  await el.waitFor({ state: 'visible', timeout });
  return el.innerText();
}

/**
 * Opens the Problems panel. The shortcut toggles (it closes the panel when the panel has focus), so it is
 * pressed again if the panel did not appear.
 */
async function showProblems(page: Page): Promise<void> {
  const panel = page.locator('.markers-panel').first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+Shift+M');
    try {
      await panel.waitFor({ state: 'visible', timeout: 10_000 });
      return;
    } catch (e) {
      if (attempt === 2) throw e;
    }
  }
}

/**
 * The Problems row that contains `text`, after typing the rule id into the panel's filter box as a person
 * would: the list is virtual, so a row scrolled out of view (once the workspace scan has added every file's
 * findings) is not in the page at all. (Plain words only: the filter reads commas and globs specially.)
 */
async function problemsRow(page: Page, ruleId: string, text: string = ruleId): Promise<string> {
  // fill() sets the box's value itself: typed keys would land in the editor if focus moved back to it.
  await page.locator('.part.panel .viewpane-filter input').first().fill(ruleId, { timeout: 10_000 });
  // The panel applies its filter after a pause and then says how many of all findings it shows.
  await page.locator('.part.panel .viewpane-filter-badge').filter({ hasText: /^Showing \d+ of \d+$/ }).first().waitFor({ state: 'visible', timeout: 10_000 });
  return expectText(page, '.markers-panel .monaco-list-row', text);
}

/** The line of the editor that contains `text` (as rendered, so with the editor's own spacing). */
const editorLine = (page: Page, text: string) => page.locator('.editor-instance .view-lines .view-line').filter({ hasText: text }).first();

/** The whole workspace is analysed once the background scan is done (its progress toast goes away). */
const scanDone = (page: Page) => page.locator('.notification-toast').filter({ hasText: 'indexing Kubernetes manifests' }).first().waitFor({ state: 'detached', timeout: 60_000 });

/** The unquoted `true` the finding is about (the squiggle itself lies under the text layer). */
const labelValue = (page: Page) => editorLine(page, 'azure.workload.identity/use: true').locator('span span').filter({ hasText: /^true$/ }).first();

export const checks: UiCheck[] = [
  {
    name: 'squiggles and the Problems panel list our findings with rule ids',
    async run({ page, openFile, screenshot }) {
      await openFile(UNQUOTED);
      await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'visible', timeout: 30_000 });
      await showProblems(page);
      const row = await problemsRow(page, 'wi-use-label-value', LABEL_MESSAGE);
      if (!/wi-use-label-value/.test(row) || !/aks-iam/.test(row)) throw new Error(`the Problems row does not name the source and rule: ${row}`);
      await scanDone(page);
      await problemsRow(page, 'rbac-cluster-admin-binding');
      await screenshot('problems-panel');
    },
  },
  {
    name: 'hovering a finding shows its message and rule link; hovering cluster-admin explains the role',
    async run({ page, openFile, screenshot }) {
      await openFile(UNQUOTED);
      await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'visible', timeout: 30_000 });
      // With the Problems panel open too: this screenshot is the one the README shows.
      await showProblems(page);
      await problemsRow(page, 'wi-use-label-value', LABEL_MESSAGE);
      await scanDone(page);
      await page.keyboard.press('Control+G');
      await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.type('25');
      await page.keyboard.press('Enter');
      await labelValue(page).hover();
      await expectText(page, '.monaco-hover', LABEL_MESSAGE);
      await expectText(page, '.monaco-hover', 'wi-use-label-value');
      await screenshot('hover-finding');

      await openFile('rbac/cluster-admin-to-serviceaccount.yaml');
      await page.keyboard.press('Escape');
      const line = editorLine(page, 'name: cluster-admin');
      await line.waitFor({ state: 'visible', timeout: 15_000 });
      await line.locator('span span').filter({ hasText: /^cluster-admin$/ }).first().hover();
      await expectText(page, '.monaco-hover', 'Kubernetes default ClusterRole');
      await screenshot('hover-cluster-admin');
    },
  },
  {
    name: 'the quick fix quotes the label value and the squiggle goes away',
    async run({ page, openFile, screenshot }) {
      await openFile(UNQUOTED);
      await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'visible', timeout: 30_000 });
      // Put the cursor on the finding, then open the quick fix menu as a person would (Ctrl+.).
      await labelValue(page).click();
      await page.keyboard.press('Control+.');
      // The preferred fix comes first and focused; Enter applies it (the menu blocks pointer clicks while it opens).
      const fix = page.locator('.action-widget .monaco-list-row.focused').filter({ hasText: 'Set the label to "true"' }).first();
      await fix.waitFor({ state: 'visible', timeout: 15_000 });
      await screenshot('quick-fix-menu');
      await page.keyboard.press('Enter');
      await editorLine(page, 'azure.workload.identity/use: "true"').waitFor({ state: 'visible', timeout: 15_000 });
      await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'detached', timeout: 15_000 });
      await screenshot('quick-fix-applied');
    },
  },
];
