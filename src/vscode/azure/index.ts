import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { AzureController } from './controller';
import type { AzureTreeDeps } from './types';

export type { AzureTreeDeps } from './types';

export const VIEW_ID = 'aksIam.identities';

/**
 * Registers the identities tree, its commands and the snapshot loader. Nothing calls Azure before the
 * user has signed in (a silent session check only) and nothing at all in an untrusted workspace.
 */
export function registerAzureTree(context: vscode.ExtensionContext, deps: AzureTreeDeps): vscode.Disposable {
  const c = new AzureController(context, deps);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: c.provider, showCollapseAll: true });
  c.track(view);
  for (const d of registerCommands(c, { testHooks: deps.testHooks })) c.track(d);

  c.track(vscode.workspace.onDidChangeConfiguration((e) => {
    // The cloud and the subscription filter are the settings the Azure extensions share.
    if (e.affectsConfiguration('aksIam.azure') || e.affectsConfiguration('microsoft-sovereign-cloud') || e.affectsConfiguration('azureResourceGroups.selectedSubscriptions')) void c.refresh();
    if (e.affectsConfiguration('aksIam.identitySnapshot')) void c.loadConfiguredSnapshot();
  }));
  c.track(vscode.workspace.onDidGrantWorkspaceTrust(() => {
    void c.refresh();
    void c.loadConfiguredSnapshot();
  }));
  c.track(vscode.authentication.onDidChangeSessions((e) => {
    if (e.provider.id === c.authProviderId()) void c.refresh();
  }));
  c.track(vscode.workspace.onDidChangeWorkspaceFolders(() => void c.loadConfiguredSnapshot()));
  // Most edits change no row of this view: redraw only the levels that now read differently.
  if (deps.onDidChangeIndex) c.track(deps.onDidChangeIndex(() => c.provider.refreshChangedSoon()));

  void c.connectAndRedraw();
  void c.loadConfiguredSnapshot();
  return c;
}
