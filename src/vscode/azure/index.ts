import * as vscode from 'vscode';
import type { IdentityGraph } from '../../core/identity/graph';
import type { WorkspaceIndex } from '../../core/index/workspace-index';
import { registerCommands } from './commands';
import { AzureController } from './controller';

/** What the Azure side needs from the rest of the extension. */
export interface AzureTreeDeps {
  log: vscode.LogOutputChannel;
  /** Hands the loaded identity graph (live or snapshot) to the cloud rules; null when none is loaded. */
  setIdentityGraph(graph: IdentityGraph | null): void;
  /** The editor's current workspace index, for cross-checks against manifests. */
  getIndex(): WorkspaceIndex;
  /** Optional: fires when the workspace index changes, so "used by" descriptions follow the manifests. */
  onDidChangeIndex?: vscode.Event<unknown>;
  /**
   * The fake Resource Manager seam (AKS_IAM_TEST_*) and the `aksIam.azure.test*` commands: only when the extension
   * runs under development or tests (`ExtensionContext.extensionMode` not Production), never as users install it.
   */
  testHooks: boolean;
}

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
    if (e.affectsConfiguration('aksIam.azure')) void c.refresh();
    if (e.affectsConfiguration('aksIam.identitySnapshot')) void c.loadConfiguredSnapshot();
  }));
  c.track(vscode.workspace.onDidGrantWorkspaceTrust(() => {
    void c.refresh();
    void c.loadConfiguredSnapshot();
  }));
  c.track(vscode.authentication.onDidChangeSessions((e) => {
    if (e.provider.id === c.cloud().authProvider) void c.refresh();
  }));
  c.track(vscode.workspace.onDidChangeWorkspaceFolders(() => void c.loadConfiguredSnapshot()));
  if (deps.onDidChangeIndex) {
    let timer: ReturnType<typeof setTimeout> | null = null;
    c.track(deps.onDidChangeIndex(() => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => c.provider.refresh(), 500);
    }));
  }

  void c.connect(false).then(() => c.provider.refresh());
  void c.loadConfiguredSnapshot();
  return c;
}
