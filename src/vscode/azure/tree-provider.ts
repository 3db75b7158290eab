import * as vscode from 'vscode';
import type { ItemView, TreeNode } from './tree-base';
import { ShownTree } from './tree-shown';

/** Turns the model's ItemView into a TreeItem; all decisions live in the model. */
export function toTreeItem(node: TreeNode, v: ItemView): vscode.TreeItem {
  const state = v.collapsible === 'expanded' ? vscode.TreeItemCollapsibleState.Expanded
    : v.collapsible === 'collapsed' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
  const item = new vscode.TreeItem(v.label, state);
  item.id = node.id;
  if (v.description) item.description = v.description;
  if (v.tooltip) item.tooltip = v.tooltip;
  if (v.icon) item.iconPath = new vscode.ThemeIcon(v.icon.id, v.icon.color ? new vscode.ThemeColor(v.icon.color) : undefined);
  item.contextValue = v.contextValue;
  if (v.command) item.command = { command: v.command.command, title: v.command.title, arguments: v.command.arguments };
  return item;
}

/** The view's data provider: roots come from the controller, every other level from its node. */
export class IdentitiesTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly shown = new ShownTree();
  private diffing: Promise<void> | null = null;
  private diffAgain = false;
  private soon: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly roots: () => TreeNode[], private readonly log: vscode.LogOutputChannel) {}

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const v = node.view();
    this.shown.item(node, v);
    return toTreeItem(node, v);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const kids = await this.childrenOf(node);
    this.shown.level(node ?? null, kids);
    return kids;
  }

  /** The ids of the levels VS Code has read (`` for the roots). */
  shownLevels(): string[] {
    return this.shown.levelIds();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent ?? undefined;
  }

  /** Re-reads one node's children (or everything). */
  refresh(node?: TreeNode): void {
    this.changed.fire(node);
  }

  /** refreshChanged() once a burst of workspace changes has passed. */
  refreshChangedSoon(delayMs = 500): void {
    if (this.soon) clearTimeout(this.soon);
    this.soon = setTimeout(() => {
      this.soon = null;
      void this.refreshChanged();
    }, delayMs);
  }

  /** Resolves once no comparison is waiting or running (tests read what was redrawn). */
  async quiet(): Promise<void> {
    while (this.soon || this.diffing) await (this.diffing ?? new Promise((r) => setTimeout(r, 50)));
  }

  /** Redraws only the levels whose rows now read differently: a workspace edit usually changes none, or one badge. */
  refreshChanged(): Promise<void> {
    if (this.diffing) {
      this.diffAgain = true;
      return this.diffing;
    }
    this.diffing = (async () => {
      do {
        this.diffAgain = false;
        let stale: 'all' | TreeNode[];
        try {
          stale = await this.shown.changed((parent) => this.childrenOf(parent ?? undefined));
        } catch (err) {
          // A row that cannot describe itself is a bug: log it and redraw everything, as before this comparison.
          this.log.error(`identities tree: comparing the shown rows failed: ${(err as Error).stack ?? err}`);
          stale = 'all';
        }
        if (stale === 'all') this.changed.fire(undefined);
        else if (stale.length) this.changed.fire(stale);
      } while (this.diffAgain);
    })().finally(() => {
      this.diffing = null;
    });
    return this.diffing;
  }

  dispose(): void {
    if (this.soon) clearTimeout(this.soon);
    this.changed.dispose();
  }

  /** A node's children (the roots without one), without recording them as shown: for readers other than the view. */
  async childrenOf(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.roots();
    try {
      return await node.children();
    } catch (err) {
      // Sources return Results; anything thrown is a bug, logged rather than breaking the view.
      this.log.error(`identities tree: loading children of ${node.id} failed: ${(err as Error).stack ?? err}`);
      return [];
    }
  }
}
