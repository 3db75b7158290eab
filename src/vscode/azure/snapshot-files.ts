import * as vscode from 'vscode';
import * as path from 'node:path';
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

/**
 * The snapshots that setting `aksIam.identitySnapshot` names, one per workspace folder at most: a folder's own
 * value (or a user value) resolves against that folder; a value of the workspace file (multi-root) against the
 * workspace file's folder; an absolute path as it is. Several are loaded as one graph.
 */
export function configuredSnapshotUris(): vscode.Uri[] {
  const out = new Map<string, vscode.Uri>();
  const add = (uri: vscode.Uri | null) => {
    if (uri) out.set(uri.toString(), uri);
  };
  const resolve = (given: unknown, base: vscode.Uri | null): vscode.Uri | null => {
    const p = typeof given === 'string' ? given.trim() : '';
    if (!p) return null;
    if (path.isAbsolute(p)) return vscode.Uri.file(p);
    return base ? vscode.Uri.joinPath(base, p) : null;
  };
  const folders = vscode.workspace.workspaceFolders ?? [];
  const workspaceFile = vscode.workspace.workspaceFile;
  const workspaceDir = workspaceFile && workspaceFile.scheme !== 'untitled' ? vscode.Uri.joinPath(workspaceFile, '..') : folders[0]?.uri ?? null;
  if (folders.length === 0) add(resolve(vscode.workspace.getConfiguration('aksIam').get('identitySnapshot'), null));
  for (const folder of folders) {
    const v = vscode.workspace.getConfiguration('aksIam', folder.uri).inspect<string>('identitySnapshot');
    if (v?.workspaceFolderValue !== undefined && (workspaceFile || v.workspaceFolderValue !== v.workspaceValue)) add(resolve(v.workspaceFolderValue, folder.uri));
    else if (v?.workspaceValue !== undefined) add(resolve(v.workspaceValue, workspaceFile ? workspaceDir : folder.uri));
    else add(resolve(v?.globalValue, folder.uri));
  }
  return [...out.values()];
}
