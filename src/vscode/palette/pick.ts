import * as vscode from 'vscode';

/** The open picker, so that tests can type into it as a person would (only registered outside production). */
let openPick: vscode.QuickPick<vscode.QuickPickItem> | null = null;

export interface Picked<T> {
  item: T | null;
  /** What was typed in the box when accepted. */
  value: string;
}

/**
 * A quick pick that resolves with the accepted item, or with none and the typed text when nothing matched;
 * undefined when dismissed.
 */
export function pick<T extends vscode.QuickPickItem>(items: readonly T[], options: { title: string; placeholder: string; matchOnDetail?: boolean }): Promise<Picked<T> | undefined> {
  const qp = vscode.window.createQuickPick<T>();
  qp.title = options.title;
  qp.placeholder = options.placeholder;
  qp.matchOnDescription = true;
  qp.matchOnDetail = options.matchOnDetail ?? true;
  qp.items = items;
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: Picked<T> | undefined) => {
      if (done) return;
      done = true;
      resolve(r);
      if (openPick === (qp as unknown)) openPick = null;
      qp.dispose();
    };
    qp.onDidAccept(() => {
      const item = qp.selectedItems[0] ?? qp.activeItems[0] ?? null;
      finish({ item: item && item.kind !== vscode.QuickPickItemKind.Separator ? item : null, value: qp.value });
    });
    qp.onDidHide(() => finish(undefined));
    openPick = qp as unknown as vscode.QuickPick<vscode.QuickPickItem>;
    qp.show();
  });
}

/** The next change of the picker's active items, or nothing after `ms`. */
function nextActiveChange(qp: vscode.QuickPick<vscode.QuickPickItem>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      sub.dispose();
      resolve();
    }, ms);
    const sub = qp.onDidChangeActive(() => {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

/** Test seam: types `value` into the open picker and reports the labels it then shows as active. */
export async function typeIntoOpenPick(value: string): Promise<string[] | null> {
  const qp = openPick;
  if (!qp) return null;
  // The workbench first activates the list's first row; the filtered result comes back as the next change.
  if (!qp.activeItems.length) await nextActiveChange(qp, 10_000);
  const filtered = nextActiveChange(qp, 10_000);
  qp.value = value;
  await filtered;
  return qp.activeItems.map((i) => i.label);
}

export function isPickOpen(): boolean {
  return openPick !== null;
}
