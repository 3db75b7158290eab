import * as vscode from 'vscode';
import type { IdentityGraph } from '../../core/identity/graph';
import { parseSnapshot, SnapshotError, type SnapshotInput } from '../../core/identity/snapshot';

export interface LoadedSnapshot {
  graph: IdentityGraph;
  warnings: string[];
}

/** Why a snapshot could not be loaded, worded for the tree's error node. */
export class SnapshotLoadError extends Error {}

/**
 * Reads a snapshot the way `aks-iam lint --snapshot` does: one JSON file, or every *.json directly in a
 * directory (sorted by name), merged. Through vscode.workspace.fs so remote workspaces work too.
 */
export async function readSnapshot(uri: vscode.Uri, shown: (u: vscode.Uri) => string): Promise<LoadedSnapshot> {
  let files: vscode.Uri[];
  try {
    const st = await vscode.workspace.fs.stat(uri);
    if (st.type & vscode.FileType.Directory) {
      const entries = await vscode.workspace.fs.readDirectory(uri);
      const names = entries.filter(([n, t]) => !(t & vscode.FileType.Directory) && n.toLowerCase().endsWith('.json')).map(([n]) => n).sort();
      if (names.length === 0) throw new SnapshotLoadError(`${shown(uri)}: the directory has no *.json files`);
      files = names.map((n) => vscode.Uri.joinPath(uri, n));
    } else files = [uri];
  } catch (err) {
    if (err instanceof SnapshotLoadError) throw err;
    throw new SnapshotLoadError(`cannot read ${shown(uri)}: ${(err as Error).message}`);
  }
  const inputs: SnapshotInput[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(f));
    } catch (err) {
      throw new SnapshotLoadError(`cannot read ${shown(f)}: ${(err as Error).message}`);
    }
    try {
      inputs.push({ source: shown(f), value: JSON.parse(text.replace(/^\uFEFF/, '')) });
    } catch (err) {
      throw new SnapshotLoadError(`${shown(f)} is not valid JSON: ${(err as Error).message}`);
    }
  }
  try {
    return parseSnapshot(inputs);
  } catch (err) {
    if (err instanceof SnapshotError) throw new SnapshotLoadError(`invalid snapshot ${err.message}`);
    throw err;
  }
}
