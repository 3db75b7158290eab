// A new user's first hour, as it looks on screen: completion inside a ServiceAccount's annotations offers that
// object's keys, most likely first, without the ones already there; the walkthrough ticks "Open a Kubernetes
// manifest" when a manifest with findings is opened (no button pressed). Screenshots go to test-results/.
import type { Page, UiCheck } from './types';

const SERVICE_ACCOUNT = 'workload-identity/good/serviceaccount.yaml';
const WITH_FINDINGS = 'workload-identity/broken/unquoted-true.yaml';

/** Runs a command through the Command Palette (F1), picking the row whose label is `title`. */
async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input').first();
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${title}`, { timeout: 10_000 });
  await page.locator('.quick-input-list .monaco-list-row.focused').filter({ hasText: title }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/**
 * Reverts and closes every editor: the next check's window restores the editors of this one (same user data), and a
 * later check expects a window with none.
 */
async function leaveNoEditor(page: Page, revert = false): Promise<void> {
  if (revert) await runCommand(page, 'File: Revert File');
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 15_000 });
}

/** The walkthrough's checkbox of step `id` (VS Code marks it aria-checked when the step is done). */
const stepCheck = (page: Page, id: string) => page.locator(`.gettingStartedContainer [data-done-step-id$="#${id}"]`).first();

export const checks: UiCheck[] = [
  {
    name: 'completion inside a ServiceAccount\'s annotations lists its keys, the present ones left out',
    async run({ page, openFile, screenshot }) {
      await openFile(SERVICE_ACCOUNT);
      try {
        // After the last annotation (line 10): a new line at the same indentation, then Ctrl+Space as a person would.
        await page.keyboard.press('Control+G');
        const goTo = page.locator('.quick-input-widget .quick-input-box input').first();
        await goTo.waitFor({ state: 'visible', timeout: 15_000 });
        await goTo.fill(':10', { timeout: 10_000 });
        await page.keyboard.press('Enter');
        await goTo.waitFor({ state: 'hidden', timeout: 15_000 });
        await page.keyboard.press('End');
        await page.keyboard.press('Enter');
        await page.locator('.statusbar-item').filter({ hasText: /Ln 11, Col 5\b/ }).first().waitFor({ state: 'visible', timeout: 15_000 });
        const rows = page.locator('.editor-widget.suggest-widget .monaco-list-row');
        for (let attempt = 1; ; attempt++) {
          await page.keyboard.press('Control+Space');
          try {
            await rows.filter({ hasText: 'azure.workload.identity/service-account-token-expiration' }).first().waitFor({ state: 'visible', timeout: 10_000 });
            break;
          } catch (e) {
            // Under load the widget can open before the provider answers ("No suggestions"): closed and asked again.
            if (attempt === 3) throw e;
            await page.keyboard.press('Escape');
          }
        }
        const labels = (await rows.locator('.label-name').allInnerTexts()).map((t) => t.trim());
        const expected = ['azure.workload.identity/service-account-token-expiration', 'eks.amazonaws.com/role-arn', 'iam.gke.io/gcp-service-account', 'eks.amazonaws.com/audience'];
        if (JSON.stringify(labels.slice(0, 4)) !== JSON.stringify(expected)) throw new Error(`first completion items: ${JSON.stringify(labels)}`);
        for (const absent of ['azure.workload.identity/client-id', 'azure.workload.identity/tenant-id', 'azure.workload.identity/inject-proxy-sidecar', 'aadpodidentity.k8s.io/Behavior']) {
          if (labels.includes(absent)) throw new Error(`${absent} offered in a ServiceAccount that ${absent.endsWith('-id') ? 'has it' : 'cannot use it'}: ${JSON.stringify(labels)}`);
        }
        // The details pane (Ctrl+Space again) starts with the one-line description, then the documentation.
        const details = page.locator('.suggest-details .header .type').first();
        for (let attempt = 1; ; attempt++) {
          await page.keyboard.press('Control+Space');
          try {
            await details.waitFor({ state: 'visible', timeout: 5_000 });
            break;
          } catch (e) {
            if (attempt === 2) throw e;
          }
        }
        const detail = await details.innerText();
        if (detail !== 'Azure: token lifetime (seconds)') throw new Error(`details pane: ${detail}`);
        // On one line: every box of the description's text starts at the same height.
        await page.waitForFunction(`(() => {
          const el = document.querySelector('.suggest-details .header .type');
          if (!el || !el.textContent) return false;
          const range = document.createRange();
          range.selectNodeContents(el);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size === 1;
        })()`, undefined, { timeout: 5_000 }).catch(() => {
          throw new Error(`the description "${detail}" wraps in the details pane`);
        });
        await screenshot('completion-service-account-annotations');
      } finally {
        // The edit is undone whatever happened: a later check's window restores this one's editors.
        await page.keyboard.press('Escape');
        await leaveNoEditor(page, true);
      }
    },
  },
  {
    name: 'the walkthrough ticks "Open a Kubernetes manifest" once a manifest with findings is open',
    async run({ page, openFile, screenshot }) {
      await page.locator('.monaco-workbench').click({ timeout: 10_000 }).catch(() => undefined);
      await runCommand(page, 'Welcome: Open Walkthrough...');
      const walkthrough = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Get started with AKS IAM' }).first();
      await walkthrough.waitFor({ state: 'visible', timeout: 15_000 });
      await walkthrough.click();
      const lint = stepCheck(page, 'lint');
      await lint.waitFor({ state: 'visible', timeout: 30_000 });
      if ((await page.locator('.gettingStartedContainer [data-done-step-id$="#lint"][aria-checked="true"]').count()) !== 0) throw new Error('the step was ticked before any manifest was opened');
      await screenshot('walkthrough-before');

      // The event: a manifest with a finding opens (the walkthrough stays open in its tab).
      await openFile(WITH_FINDINGS);
      await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'visible', timeout: 30_000 });
      await page.locator('.tabs-container .tab').filter({ hasText: 'Walkthrough: AKS IAM' }).first().click({ timeout: 15_000 });
      await page.locator('.gettingStartedContainer [data-done-step-id$="#lint"][aria-checked="true"].complete').first().waitFor({ state: 'visible', timeout: 30_000 });
      // Nothing else was done: no quick fix applied, so that step is still open.
      if ((await page.locator('.gettingStartedContainer [data-done-step-id$="#fix"][aria-checked="true"]').count()) !== 0) throw new Error('"Fix a finding" is ticked without a fix');
      await screenshot('walkthrough-step-ticked');
      await leaveNoEditor(page);
    },
  },
];
