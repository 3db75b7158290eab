// The Problems panel in a 1,400 px wide window cuts long rows: what a finding says is wrong must be in the part a
// person sees without widening the panel or hovering.
import { headOf, visibleChars } from '../../support/message-style';
import type { Page, UiCheck } from './types';

/** Playwright's page.evaluate with an expression, which the shared slice of the API in types.ts does not restate. */
type EvaluatingPage = Page & { evaluate(expression: string): Promise<unknown> };

const PROBLEM = 'Missing label azure.workload.identity/use: "true" on the pod template: ';

interface Shown { message: string; visible: number; clipRight: number }

/**
 * Runs in the workbench page (plain JavaScript: the project compiles without the DOM's types). Finds the text of the
 * first Problems row that starts with `start` and counts its characters left of the edge the row is clipped at (the
 * nearest ancestor that hides overflow or draws an ellipsis); the ellipsis covers the last of them when cut.
 */
const MEASURE_ROW = `(start) => {
  for (const row of document.querySelectorAll('.markers-panel .monaco-list-row')) {
    const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent || '';
      if (!text.startsWith(start)) continue;
      let clipRight = window.innerWidth;
      for (let el = node.parentElement; el && el !== document.body; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (style.overflowX !== 'visible' || style.textOverflow === 'ellipsis') clipRight = Math.min(clipRight, el.getBoundingClientRect().right);
      }
      const range = document.createRange();
      let visible = 0;
      for (let i = 0; i < text.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        if (range.getBoundingClientRect().right > clipRight + 0.5) break;
        visible = i + 1;
      }
      if (visible < text.length) visible = Math.max(0, visible - 1);
      return { message: text, visible, clipRight };
    }
  }
  return null;
}`;

async function showProblems(page: Page): Promise<void> {
  const panel = page.locator('.markers-panel').first();
  for (let attempt = 1; ; attempt++) {
    // The shortcut toggles: pressed again only if the panel did not appear.
    await page.keyboard.press('Control+Shift+M');
    try {
      await panel.waitFor({ state: 'visible', timeout: 10_000 });
      return;
    } catch (e) {
      if (attempt === 2) throw e;
    }
  }
}

export const checks: UiCheck[] = [
  {
    // The API suite's workspace: apps/api.yaml runs as a ServiceAccount with a client-id and lacks the use label.
    name: 'a wi-use-label-missing row shows its problem before the panel cuts it, at 1,400 px',
    workspace: 'fixture',
    async run({ page, screenshot }) {
      await showProblems(page);
      const box = page.locator('.part.panel .viewpane-filter input').first();
      await box.fill('wi-use-label-missing', { timeout: 15_000 });
      const row = page.locator('.markers-panel .monaco-list-row').filter({ hasText: PROBLEM }).first();
      await row.waitFor({ state: 'visible', timeout: 90_000 });
      const shown = (await (page as EvaluatingPage).evaluate(`(${MEASURE_ROW})(${JSON.stringify(PROBLEM)})`)) as Shown | null;
      if (!shown) throw new Error(`no Problems row whose message starts with ${JSON.stringify(PROBLEM)}: ${await row.innerText()}`);
      await screenshot('problems-panel-row');
      const seen = shown.message.slice(0, shown.visible);
      console.log(`    the row shows ${shown.visible} of ${shown.message.length} characters: ${JSON.stringify(seen)}`);
      if (!seen.startsWith(headOf(shown.message))) throw new Error(`the row is cut before its problem: it shows ${JSON.stringify(seen)}`);
      const allowed = visibleChars('wi-use-label-missing');
      if (shown.visible < Math.min(allowed, shown.message.length)) {
        throw new Error(`the row shows ${shown.visible} characters, fewer than the ${allowed} the message style test allows before the problem ends: ${JSON.stringify(seen)}`);
      }
    },
  },
];
