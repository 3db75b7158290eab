import * as vscode from 'vscode';
import { parseSnapshotTexts, SnapshotLoadError, type LoadedSnapshot } from './snapshot-parse';

export { SnapshotLoadError, type LoadedSnapshot };

/**
 * Reads a snapshot the way `aks-iam lint --snapshot` does: one JSON file, or every *.json directly in a
 * directory (sorted by name), merged. Through vscode.workspace.fs so remote workspaces work too.
 */
export async function readSnapshot(uri: vscode.Uri, shown: (u: vscode.Uri) => string): Promise<LoadedSnapshot> {
  return readSnapshots([uri], shown);
}

/** Several snapshots (e.g. one per workspace folder) merged into one graph, as if their files were in one directory. */
export async function readSnapshots(uris: readonly vscode.Uri[], shown: (u: vscode.Uri) => string): Promise<LoadedSnapshot> {
  const texts: { shown: string; text: string }[] = [];
  for (const uri of uris) texts.push(...await snapshotTexts(uri, shown));
  return parseSnapshotTexts(texts);
}

async function snapshotTexts(uri: vscode.Uri, shown: (u: vscode.Uri) => string): Promise<{ shown: string; text: string }[]> {
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
  const texts: { shown: string; text: string }[] = [];
  for (const f of files) {
    try {
      texts.push({ shown: shown(f), text: new TextDecoder().decode(await vscode.workspace.fs.readFile(f)) });
    } catch (err) {
      throw new SnapshotLoadError(`cannot read ${shown(f)}: ${(err as Error).message}`);
    }
  }
  return texts;
}
