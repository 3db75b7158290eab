// Opening the workbench in a page and the few gestures every UI check needs; each step waits on
// something visible, never on a fixed delay.
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page, UiContext } from '../../test/e2e/ui/types';
import { RESULTS } from './paths';

/** The workbench on a folder, or on a multi-root workspace when `folder` is a `.code-workspace` file. */
export function workbenchUrl(base: string, folder: string, payload?: [string, string][]): string {
  const param = folder.endsWith('.code-workspace') ? 'workspace' : 'folder';
  let url = `${base}/?${param}=${encodeURIComponent(folder).replace(/%2F/g, '/')}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

export async function openWorkbench(page: Page, base: string, folder: string): Promise<void> {
  await page.goto(workbenchUrl(base, folder), { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  // The explorer shows the folder's files once the remote file system is connected.
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
}

export function uiContext(page: Page, workspace: string, results: string = RESULTS): UiContext {
  return {
    page,
    workspace,
    async screenshot(name) {
      mkdirSync(results, { recursive: true });
      const path = join(results, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async openFile(relativePath) {
      const editorArea = page.locator('.editor-group-container').first();
      await editorArea.waitFor({ state: 'visible', timeout: 30_000 });
      await page.locator('.monaco-workbench').click({ timeout: 10_000 }).catch(() => undefined);
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible', timeout: 15_000 });
      await page.keyboard.type(relativePath);
      const name = basename(relativePath);
      // Quick Open lists file results asynchronously (ripgrep); Enter only once our file is the pick.
      await page.locator('.quick-input-list .monaco-list-row.focused').filter({ hasText: name }).first().waitFor({ state: 'visible', timeout: 30_000 });
      await page.keyboard.press('Enter');
      await page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).waitFor({ state: 'visible', timeout: 30_000 });
      await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: 30_000 });
    },
  };
}
