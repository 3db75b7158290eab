// Types shared across the Azure view's modules, so that they import each other in one direction only.
import type { Agent } from 'node:https';
import type * as vscode from 'vscode';
import type { IdentityGraph } from '../../core/identity/graph';
import type { WorkspaceIndex } from '../../core/index/workspace-index';
import type { CodeView } from './code-view';

/** What the Azure side needs from the rest of the extension. */
export interface AzureTreeDeps {
  log: vscode.LogOutputChannel;
  /** Hands the loaded identity graph (live or snapshot) to the cloud rules; null when none is loaded. */
  setIdentityGraph(graph: IdentityGraph | null): void;
  /** The editor's current workspace index, for cross-checks against manifests. */
  getIndex(): WorkspaceIndex;
  /** What the workspace's infrastructure code declares, for the tree's "Infrastructure code" row; null when none. */
  getCode?(): CodeView | null;
  /** Optional: fires when the workspace index changes, so "used by" descriptions follow the manifests. */
  onDidChangeIndex?: vscode.Event<unknown>;
  /**
   * The fake Resource Manager seam (AKS_IAM_TEST_*) and the `aksIam.azure.test*` commands: only when the extension
   * runs under development or tests (`ExtensionContext.extensionMode` not Production), never as users install it.
   */
  testHooks: boolean;
  /**
   * HTTPS agent for every Resource Manager request of a signed-in session. Unset in the extension (the SDK's default,
   * proxy settings included); tests set one that trusts a local fake Resource Manager's certificate authority.
   */
  armAgent?: Agent;
}

/** One level of what the view reads from Azure (a retry forgets exactly this). */
export type SourceKey =
  | { level: 'subscriptions' }
  | { level: 'clusters' | 'identities' | 'roleAssignments'; subscriptionId: string }
  | { level: 'federatedCredentials'; identityId: string };
