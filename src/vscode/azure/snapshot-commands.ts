import * as vscode from 'vscode';
import { exportSnapshot } from '../../core/identity/snapshot';
import type { AzureController } from './controller';

// The snapshot commands: load one (a setting), unload it, export what is loaded or signed in.

export async function exportCurrentSnapshot(c: AzureController): Promise<boolean> {
  if (!c.trusted) {
    void vscode.window.showWarningMessage('Exporting identity data is only available in a trusted workspace.');
    return false;
  }
  const live = c.liveClients();
  if (live) {
    // Everything the subscriptions hold, not only what the tree happened to open.
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Loading identity data to export', cancellable: true }, async (_p, token) => {
      const ctl = new AbortController();
      token.onCancellationRequested(() => ctl.abort());
      await live.source.warm(ctl.signal);
    });
  }
  const graph = c.currentGraph();
  if (!graph) {
    void vscode.window.showInformationMessage('Nothing to export: sign in to Azure or load an identity snapshot first.');
    return false;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Export identity snapshot',
    filters: { JSON: ['json'] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, '.aks-iam', 'identity-snapshot.json') } : {}),
  });
  if (!target) return false;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`${JSON.stringify(exportSnapshot(graph), null, 2)}\n`));
  void vscode.window.showInformationMessage(`Exported ${graph.identities.length} identities and ${graph.clusters.length} cluster(s) to ${vscode.workspace.asRelativePath(target)}.`);
  return true;
}

export async function loadSnapshot(c: AzureController): Promise<void> {
  const picked = await vscode.window.showOpenDialog({ title: 'Load identity snapshot', canSelectFiles: true, canSelectFolders: true, canSelectMany: false, filters: { JSON: ['json'] } });
  const uri = picked?.[0];
  if (!uri) return;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!vscode.workspace.workspaceFolders?.length) {
    await c.loadSnapshotFrom(uri);
    return;
  }
  // The setting's change listener loads it (and watches it from then on). Inside a folder of a multi-root workspace
  // it goes into that folder's settings, relative to it; elsewhere into the workspace's, as an absolute path.
  if (folder && vscode.workspace.workspaceFile) {
    await vscode.workspace.getConfiguration('aksIam', folder.uri).update('identitySnapshot', vscode.workspace.asRelativePath(uri, false), vscode.ConfigurationTarget.WorkspaceFolder);
    return;
  }
  await vscode.workspace.getConfiguration('aksIam').update('identitySnapshot', folder ? vscode.workspace.asRelativePath(uri, false) : uri.fsPath, vscode.ConfigurationTarget.Workspace);
}

/** Removes the snapshot setting wherever the workspace sets it: the workspace's settings and each folder's. */
export async function unloadSnapshot(): Promise<void> {
  const root = vscode.workspace.getConfiguration('aksIam');
  if (root.inspect('identitySnapshot')?.workspaceValue !== undefined) await root.update('identitySnapshot', undefined, vscode.ConfigurationTarget.Workspace);
  if (!vscode.workspace.workspaceFile) return;
  for (const f of vscode.workspace.workspaceFolders ?? []) {
    const c = vscode.workspace.getConfiguration('aksIam', f.uri);
    if (c.inspect('identitySnapshot')?.workspaceFolderValue !== undefined) await c.update('identitySnapshot', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
  }
}
