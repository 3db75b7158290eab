import * as vscode from 'vscode';
import type { ItemView, TreeNode } from './tree-model';

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
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly roots: () => TreeNode[], private readonly log: vscode.LogOutputChannel) {}

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(node, node.view());
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.roots();
    try {
      return await node.children();
    } catch (err) {
      // Sources return Results; anything thrown is a bug, logged rather than breaking the view.
      this.log.error(`identities tree: loading children of ${node.id} failed: ${(err as Error).stack ?? err}`);
      return [];
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent ?? undefined;
  }

  /** Re-reads one node's children (or everything). */
  refresh(node?: TreeNode): void {
    this.changed.fire(node);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
