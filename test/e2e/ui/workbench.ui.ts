// What a person sees in the workbench with the packaged extension installed and the examples/
// workspace open: squiggles, the Problems panel, hovers, a quick fix applied (the identities view
// has its own checks in azure-tree.ui.ts).
// Every step waits for something on screen; screenshots go to test-results/.
import type { Locator, Page, UiCheck } from './types';

const UNQUOTED = 'workload-identity/broken/unquoted-true.yaml';
const LABEL_MESSAGE = 'Label azure.workload.identity/use is not the string "true": on Deployment catalog (namespace shop) it is the YAML boolean true';

async function expectText(page: Page, selector: string, text: string | RegExp, timeout = 30_000): Promise<string> {
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
 * `timeout` is how long the finding may take to arrive (a cold window analyses the workspace first).
 */
async function problemsRow(page: Page, ruleId: string, text: string = ruleId, timeout = 30_000): Promise<string> {
  const box = page.locator('.part.panel .viewpane-filter input').first();
  const deadline = Date.now() + timeout;
  for (;;) {
    // fill() sets the box's value itself: typed keys would land in the editor if focus moved back to it. Once, under
    // load, the box kept the previous filter (the panel re-rendered as the scan's findings arrived): filled again.
    await box.fill(ruleId, { timeout: 15_000 });
    // The filter applies after a pause, and the row shows once the finding exists: wait for the row itself (a badge
    // saying "Showing 0 of N" or none at all is what the panel shows while findings are still on their way).
    try {
      return await expectText(page, '.markers-panel .monaco-list-row', text, Math.max(1_000, Math.min(15_000, deadline - Date.now())));
    } catch (e) {
      if (Date.now() >= deadline) throw e;
    }
  }
}

/**
 * Hovers `target` until a hover containing `text` shows. A hover can fail to open under load (the pointer arrived
 * while the editor was still scrolling, or a notification took it): the pointer leaves for the status bar and comes
 * back, a few times, each attempt waiting on the hover itself.
 */
async function hoverFor(page: Page, target: Locator, text: string | RegExp): Promise<string> {
  const hover = page.locator('.monaco-hover').filter({ hasText: text }).first();
  let last: unknown;
  for (let attempt = 1; attempt <= 4; attempt++) {
    const bar = await page.locator('.part.statusbar').first().boundingBox();
    if (bar) await page.mouse.move(bar.x + bar.width / 2, bar.y + bar.height / 2);
    await target.hover({ timeout: 15_000 });
    try {
      await hover.waitFor({ state: 'visible', timeout: 8_000 });
      return await hover.innerText();
    } catch (e) {
      last = e;
    }
  }
  throw new Error(`no hover with ${String(text)} after 4 attempts: ${(last as Error)?.message ?? last}`);
}

/** The line of the editor that contains `text` (as rendered, so with the editor's own spacing). */
const editorLine = (page: Page, text: string) => page.locator('.editor-instance .view-lines .view-line').filter({ hasText: text }).first();

/**
 * The whole workspace is analysed: a finding of a file nobody opened is listed, and the scan's progress toast (shown
 * when the scan takes a while) is gone. The toast alone proves nothing: it appears only after a delay.
 */
async function scanDone(page: Page): Promise<void> {
  await problemsRow(page, 'rbac-cluster-admin-binding', 'rbac-cluster-admin-binding', 90_000);
  await page.locator('.notification-toast').filter({ hasText: 'indexing Kubernetes manifests' }).first().waitFor({ state: 'detached', timeout: 60_000 });
}

/** The unquoted `true` the finding is about (the squiggle itself lies under the text layer). */
const labelValue = (page: Page) => editorLine(page, 'azure.workload.identity/use: true').locator('span span').filter({ hasText: /^true$/ }).first();

export const checks: UiCheck[] = [
  {
    // A fresh window is a cold start: the extension activates, loads the examples' identity snapshot and scans the
    // workspace; which finishes first varies. Nothing is opened: every finding listed comes from the scan.
    name: 'a cold window lists the findings of files nobody opened',
    async run({ page, screenshot }) {
      await showProblems(page);
      // One rule per file kind, and wi-federation-missing, which needs the snapshot as well as the scan.
      for (const id of ['rbac-cluster-admin-binding', 'wi-use-label-value', 'aadpi-deprecated', 'wi-federation-missing']) await problemsRow(page, id, id, 90_000);
      const tabs = await page.locator('.tabs-container .tab').count();
      if (tabs !== 0) throw new Error(`${tabs} editor(s) open: the check must not open a file`);
      await screenshot('cold-window-problems');
    },
  },
  {
    name: 'squiggles and the Problems panel list our findings with rule ids',
    async run({ page, openFile, screenshot }) {
      await openFile(UNQUOTED);
      await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'visible', timeout: 30_000 });
      await showProblems(page);
      const row = await problemsRow(page, 'wi-use-label-value', LABEL_MESSAGE);
      if (!/wi-use-label-value/.test(row) || !/aks-iam/.test(row)) throw new Error(`the Problems row does not name the source and rule: ${row}`);
      await scanDone(page);
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
      const goTo = page.locator('.quick-input-widget .quick-input-box input').first();
      await goTo.waitFor({ state: 'visible', timeout: 15_000 });
      await goTo.fill(':25', { timeout: 10_000 });
      await page.keyboard.press('Enter');
      await goTo.waitFor({ state: 'hidden', timeout: 15_000 });
      await labelValue(page).waitFor({ state: 'visible', timeout: 15_000 });
      const finding = await hoverFor(page, labelValue(page), LABEL_MESSAGE);
      if (!finding.includes('wi-use-label-value')) throw new Error(`the hover does not name the rule: ${finding}`);
      await screenshot('hover-finding');

      await page.keyboard.press('Escape');
      await openFile('rbac/cluster-admin-to-serviceaccount.yaml');
      await page.keyboard.press('Escape');
      const line = editorLine(page, 'name: cluster-admin');
      await line.waitFor({ state: 'visible', timeout: 15_000 });
      await hoverFor(page, line.locator('span span').filter({ hasText: /^cluster-admin$/ }).first(), 'Kubernetes default ClusterRole');
      await screenshot('hover-cluster-admin');
    },
  },
  {
    name: 'the quick fix quotes the label value and the squiggle goes away',
    async run({ page, openFile, screenshot }) {
      await openFile(UNQUOTED);
      await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'visible', timeout: 30_000 });
      // Put the cursor on the finding, then open the quick fix menu as a person would (Ctrl+.). The preferred fix
      // comes first and focused; Enter applies it (the menu blocks pointer clicks while it opens). Under load the
      // menu once opened empty ("No code actions available") with the cursor on the value: closed and asked again.
      const fix = page.locator('.action-widget .monaco-list-row.focused').filter({ hasText: 'Set the label to "true"' }).first();
      for (let attempt = 1; ; attempt++) {
        await labelValue(page).click({ timeout: 15_000 });
        await page.locator('.statusbar-item').filter({ hasText: /Ln 25, Col (3[7-9]|4[01])\b/ }).first().waitFor({ state: 'visible', timeout: 15_000 });
        await page.keyboard.press('Control+.');
        try {
          await fix.waitFor({ state: 'visible', timeout: 10_000 });
          break;
        } catch (e) {
          if (attempt === 3) throw e;
          await page.keyboard.press('Escape');
          await page.locator('.action-widget').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
        }
      }
      await screenshot('quick-fix-menu');
      await page.keyboard.press('Enter');
      await editorLine(page, 'azure.workload.identity/use: "true"').waitFor({ state: 'visible', timeout: 15_000 });
      await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'detached', timeout: 15_000 });
      await screenshot('quick-fix-applied');
    },
  },
];
