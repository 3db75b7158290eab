import { TreeNode, type ItemView } from './tree-base';

/** A view as text to compare; rows passed as command arguments count by id (they link to their whole tree). */
export function viewKey(v: ItemView): string {
  return JSON.stringify(v, (_k, value: unknown) => (value instanceof TreeNode ? `#node:${value.id}` : value));
}

/** One level the view has read: its parent (null for the roots) and the ids of its rows, in order. */
interface Level { parent: TreeNode | null; ids: string[] }

const ROOTS = '';

/**
 * What the view was last given, level by level, so that a workspace change redraws only the levels that now read
 * differently. A redraw of rows nobody changed closes an open context menu, and one landing between a right-click
 * and the choice hands the command no row.
 */
export class ShownTree {
  private readonly levels = new Map<string, Level>();
  private readonly views = new Map<string, string>();

  /** The view read this row. */
  item(node: TreeNode, view: ItemView): void {
    this.views.set(node.id, viewKey(view));
  }

  /** The view read this level (the roots when `parent` is null); what was below it is gone. */
  level(parent: TreeNode | null, rows: readonly TreeNode[]): void {
    if (!parent) this.levels.clear();
    else {
      const prefix = `${parent.id}/`;
      for (const id of [...this.levels.keys()]) if (id.startsWith(prefix)) this.levels.delete(id);
    }
    this.levels.set(parent?.id ?? ROOTS, { parent, ids: rows.map((r) => r.id) });
  }

  levelIds(): string[] {
    return [...this.levels.keys()];
  }

  /**
   * Reads every shown level again: `all` when the roots changed, else the parents whose rows differ (the outermost
   * ones; a parent's redraw covers its subtree), empty when nothing the view shows has changed.
   */
  async changed(read: (parent: TreeNode | null) => Promise<TreeNode[]>): Promise<'all' | TreeNode[]> {
    const stale: TreeNode[] = [];
    const covered = (id: string) => stale.some((s) => id === s.id || id.startsWith(`${s.id}/`));
    // Parents are recorded before their children, so an outer level is always compared first.
    for (const [id, level] of [...this.levels]) {
      if (covered(id)) continue;
      const fresh = await read(level.parent);
      const same = fresh.length === level.ids.length
        && fresh.every((n, i) => n.id === level.ids[i] && this.views.get(n.id) === viewKey(n.view()));
      if (same) continue;
      if (!level.parent) return 'all';
      stale.push(level.parent);
    }
    return stale;
  }
}
