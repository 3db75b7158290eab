import * as vscode from 'vscode';
import type { AksCluster, ManagedIdentity } from '../../core/identity/graph';
import { CLOUDS } from './clouds';
import { selectSubscriptions, selectTenant } from './account-commands';
import { exportCurrentSnapshot, loadSnapshot, unloadSnapshot } from './snapshot-commands';
import { putFederatedCredential } from './credential-create';
import type { AzureController } from './controller';
import { commandLine, SHELL_LABEL, shellOf, type Shell } from '../../core/text/shell';
import { azCreateArgs, confirmationDetail, ISSUER_PLACEHOLDER, planFederatedCredential, planProblem, type FederatedCredentialPlan } from './credential-plan';
import { portalUrl } from './portal';
import { toTreeItem } from './tree-provider';
import { clientIdEdit, serviceAccountAt, serviceAccountsIn } from './insert-model';
import {
  ClusterIdentityNode, ClusterNode, CredentialNode, describeTree, ErrorNode, IdentityNode, MissingCredentialNode, RequirementTreeNode, SubscriptionNode, type TreeEnv, type TreeNode,
} from './tree-model';
import { saLabel, serviceAccountsLackingCredential, workspaceServiceAccounts, type WorkspaceServiceAccount } from './workspace-model';

/** A workspace index path: a URI string, or a file system path. */
export function uriOf(file: string): vscode.Uri {
  return /^[a-zA-Z][\w+.-]+:\/\//.test(file) ? vscode.Uri.parse(file) : vscode.Uri.file(file);
}

async function copy(text: string, what: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`Copied ${what}: ${text.length > 80 ? `${text.slice(0, 77)}…` : text}`, 4000);
}

/** The shell family of the integrated terminal's default shell. */
export function terminalShell(): Shell {
  return shellOf(vscode.env.shell);
}

/**
 * Copies a command line: a pick of its bash/zsh and PowerShell forms, the terminal's shell first and selected (so
 * Enter copies that one), each showing exactly the text it copies. Resolves to the copied text.
 */
async function copyCommand(argv: string[], what: string): Promise<string | undefined> {
  const first = terminalShell();
  // cmd.exe reads neither form: its users get PowerShell's first, said as it is.
  const cmd = /(^|[\\/])cmd(\.exe)?$/i.test(vscode.env.shell);
  const order: Shell[] = first === 'powershell' ? ['powershell', 'posix'] : ['posix', 'powershell'];
  const note = (shell: Shell) => (shell !== first ? '' : cmd ? 'for a PowerShell terminal (cmd.exe reads neither form)' : "the terminal's shell");
  const items = order.map((shell) => ({ label: SHELL_LABEL[shell], description: note(shell), detail: commandLine(argv, shell) }));
  const pick = await vscode.window.showQuickPick(items, { title: `Copy ${what} for`, placeHolder: 'Shell to paste the command into' });
  if (!pick) return undefined;
  await copy(pick.detail, what);
  return pick.detail;
}

function clientIdOf(node: unknown): string | null {
  if (node instanceof IdentityNode) return node.identity.clientId;
  if (node instanceof ClusterIdentityNode) return node.identity.clientId;
  if (node && typeof node === 'object' && typeof (node as { clientId?: unknown }).clientId === 'string') return (node as { clientId: string }).clientId;
  return null;
}

function principalIdOf(node: unknown): string | null {
  if (node instanceof IdentityNode) return node.identity.principalId;
  if (node instanceof ClusterIdentityNode) return node.identity.principalId;
  return null;
}

function issuerOf(node: unknown): string | null {
  if (node instanceof CredentialNode) return node.credential.issuer;
  if (node instanceof ClusterNode) return node.cluster.oidcIssuerUrl;
  if (node && (node as TreeNode).parent instanceof ClusterNode && (node as TreeNode).id.endsWith('/issuer')) return ((node as TreeNode).parent as ClusterNode).cluster.oidcIssuerUrl;
  return null;
}

function resourceOf(node: unknown): { id: string; tenantId: string | null } | null {
  if (node instanceof SubscriptionNode) return { id: `/subscriptions/${node.subscription.id}`, tenantId: node.subscription.tenantId };
  if (node instanceof ClusterNode) return { id: node.cluster.id, tenantId: null };
  if (node instanceof IdentityNode) return { id: node.identity.id, tenantId: node.identity.tenantId };
  if (node instanceof ClusterIdentityNode && node.identity.resourceId) return { id: node.identity.resourceId, tenantId: null };
  return null;
}

async function pickIdentity(c: AzureController): Promise<ManagedIdentity | null> {
  const identities = c.currentGraph()?.identities ?? [];
  if (identities.length === 0) {
    void vscode.window.showInformationMessage('No managed identities are loaded: sign in to Azure or load an identity snapshot.');
    return null;
  }
  const pick = await vscode.window.showQuickPick(identities.map((i) => ({ label: i.name, description: i.clientId, detail: i.resourceGroup, i })), { title: 'Managed identity whose client id to insert' });
  return pick?.i ?? null;
}

/** The issuer for a new credential: the one cluster's, else the user's pick, else a placeholder to fill in. */
async function pickIssuer(env: TreeEnv, c: AzureController, identity: ManagedIdentity): Promise<string | null> {
  const clusters: AksCluster[] = [];
  const r = await env.source.clusters(identity.subscriptionId, env.signal());
  if (r.ok) clusters.push(...r.value);
  for (const other of c.currentGraph()?.clusters ?? []) if (!clusters.some((x) => x.id === other.id)) clusters.push(other);
  const withIssuer = clusters.filter((x) => x.oidcIssuerUrl);
  if (withIssuer.length === 0) return ISSUER_PLACEHOLDER;
  if (withIssuer.length === 1) return withIssuer[0].oidcIssuerUrl;
  const pick = await vscode.window.showQuickPick(withIssuer.map((x) => ({ label: x.name, description: x.oidcIssuerUrl ?? '', url: x.oidcIssuerUrl as string })), { title: 'Cluster whose pods use the ServiceAccount (its OIDC issuer)' });
  return pick?.url ?? null;
}

async function planFor(c: AzureController, node: unknown): Promise<{ plan: FederatedCredentialPlan; env: TreeEnv } | null> {
  let identity: ManagedIdentity;
  let sa: WorkspaceServiceAccount;
  let env: TreeEnv;
  if (node instanceof MissingCredentialNode) {
    ({ identity, serviceAccount: sa, env } = node);
  } else if (node instanceof IdentityNode) {
    ({ identity, env } = node);
    const index = c.safeIndexForCommands();
    // ServiceAccounts that use the identity but lack a credential first; else any workspace ServiceAccount.
    const fics = await env.source.federatedCredentials(identity, env.signal());
    const lacking = index && fics.ok ? serviceAccountsLackingCredential(index, identity, fics.value) : [];
    const all = lacking.length ? lacking : index ? workspaceServiceAccounts(index) : [];
    if (all.length === 0) {
      void vscode.window.showInformationMessage('No ServiceAccount in the workspace to create a federated credential for.');
      return null;
    }
    const pick = all.length === 1 ? { sa: all[0] } : await vscode.window.showQuickPick(all.map((x) => ({ label: saLabel(x), description: vscode.workspace.asRelativePath(uriOf(x.file)), sa: x })), { title: `ServiceAccount that should use ${identity.name}` });
    if (!pick) return null;
    sa = pick.sa;
  } else return null;
  const issuer = await pickIssuer(env, c, identity);
  if (!issuer) return null;
  const plan = planFederatedCredential(identity, sa, issuer);
  // Names from manifests and snapshots go into a command line or a request only when Azure or Kubernetes would accept them.
  const problem = planProblem(plan, { placeholderIssuer: true });
  if (problem) {
    c.log.warn(`federated credential for ${sa.namespace}/${sa.name} on ${identity.name}: ${problem}`);
    void vscode.window.showWarningMessage(`No federated credential command: ${problem}.`);
    return null;
  }
  return { plan, env };
}

async function openServiceAccount(sa: WorkspaceServiceAccount): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uriOf(sa.file));
  const at = doc.positionAt(sa.offset);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at) });
}

/**
 * Sets the client-id annotation on a ServiceAccount: the one at the cursor in the active manifest, else one
 * the user picks (from the active file and the workspace). Returns whether the manifest changed.
 */
async function insertClientId(c: AzureController, node: unknown): Promise<boolean> {
  const clientId = clientIdOf(node) ?? (await pickIdentity(c))?.clientId;
  if (!clientId) return false;
  const editor = vscode.window.activeTextEditor;
  let doc: vscode.TextDocument | null = null;
  let name: { namespace: string | null; name: string | null } | null = null;
  if (editor && (/\.ya?ml$/i.test(editor.document.uri.path) || editor.document.languageId === 'yaml')) {
    const sas = serviceAccountsIn(editor.document.uri.toString(), editor.document.getText(), 'default');
    const at = serviceAccountAt(sas, editor.document.offsetAt(editor.selection.active));
    if (at) {
      doc = editor.document;
      name = { namespace: at.namespace, name: at.name };
    }
  }
  if (!doc) {
    const index = c.safeIndexForCommands();
    const all = index ? workspaceServiceAccounts(index) : [];
    if (all.length === 0) {
      void vscode.window.showInformationMessage('No ServiceAccount here: open a manifest with one, or add one to the workspace.');
      return false;
    }
    const pick = await vscode.window.showQuickPick(all.map((x) => ({ label: saLabel(x), description: vscode.workspace.asRelativePath(uriOf(x.file)), detail: x.clientId ? `client-id ${x.clientId}` : 'no client-id yet', sa: x })), { title: `ServiceAccount to give client-id ${clientId}` });
    if (!pick) return false;
    doc = await vscode.workspace.openTextDocument(uriOf(pick.sa.file));
    name = { namespace: pick.sa.namespace, name: pick.sa.name };
  }
  // Re-read from the document's current text: the index may lag behind unsaved edits.
  const text = doc.getText();
  const target = serviceAccountsIn(doc.uri.toString(), text, 'default').find((o) => o.name === name!.name && (name!.namespace === null || o.namespace === name!.namespace));
  if (!target) return false;
  const edit = clientIdEdit(text, target, clientId);
  if (!edit) {
    vscode.window.setStatusBarMessage(`ServiceAccount ${target.name} already has client-id ${clientId}`, 4000);
    return false;
  }
  const we = new vscode.WorkspaceEdit();
  we.replace(doc.uri, new vscode.Range(doc.positionAt(edit.start), doc.positionAt(edit.end)), edit.newText);
  const ok = await vscode.workspace.applyEdit(we);
  if (ok && vscode.window.activeTextEditor?.document !== doc) await vscode.window.showTextDocument(doc);
  return ok;
}

async function createFederatedCredential(c: AzureController, node: unknown): Promise<boolean> {
  const live = c.liveClients();
  if (!c.trusted || !live) {
    void vscode.window.showInformationMessage('Sign in to Azure (in a trusted workspace) to create federated credentials.');
    return false;
  }
  const planned = await planFor(c, node);
  if (!planned) return false;
  const { plan } = planned;
  if (plan.issuer === ISSUER_PLACEHOLDER) {
    void vscode.window.showWarningMessage(`No cluster OIDC issuer is known for ${plan.identity.name}; copy the az command and fill in the issuer instead.`);
    return false;
  }
  const answer = await vscode.window.showWarningMessage(`Create federated credential ${plan.name} on ${plan.identity.name}?`, { modal: true, detail: confirmationDetail(plan) }, 'Create');
  if (answer !== 'Create') return false;
  const clients = live.clientsFor(plan.identity.subscriptionId);
  if (!clients) {
    void vscode.window.showWarningMessage(`Subscription ${plan.identity.subscriptionId} is not among the signed-in subscriptions: refresh the view, then try again.`);
    return false;
  }
  const r = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Creating federated credential ${plan.name} on ${plan.identity.name}`, cancellable: true },
    (_p, token) => {
      const ctl = new AbortController();
      token.onCancellationRequested(() => ctl.abort());
      return putFederatedCredential(clients, plan, ctl.signal);
    },
  );
  if (!r.ok && r.error.kind === 'cancelled') {
    void vscode.window.showInformationMessage(`Creating federated credential ${plan.name} was cancelled. Resource Manager may have received it already: refresh the view to see.`);
    return false;
  }
  if (!r.ok) {
    const why = r.error.kind === 'forbidden' && r.error.permission ? `missing permission ${r.error.permission}` : r.error.message;
    void vscode.window.showErrorMessage(`Creating federated credential ${plan.name} on ${plan.identity.name} failed: ${why}`);
    return false;
  }
  live.source.invalidate({ level: 'federatedCredentials', identityId: plan.identity.id });
  c.provider.refresh(node instanceof MissingCredentialNode && node.parent ? node.parent : undefined);
  void vscode.window.showInformationMessage(`Created federated credential ${plan.name} on ${plan.identity.name} for ${plan.subject}.`);
  return true;
}

/** What an Azure or file-writing command says in Restricted Mode instead of acting. */
export function untrustedNotice(what: string): string {
  return `${what} needs a trusted workspace: in Restricted Mode AKS IAM neither contacts Azure nor writes files. Trust the workspace to use it.`;
}

/**
 * Wraps a command that contacts Azure or writes files: in an untrusted workspace it shows why it does nothing
 * and resolves to that text (which the end-to-end tests compare).
 */
function trusted<A extends unknown[]>(c: AzureController, what: string, fn: (...args: A) => unknown): (...args: A) => unknown {
  return (...args: A) => {
    if (c.trusted) return fn(...args);
    const notice = untrustedNotice(what);
    c.log.warn(notice);
    void vscode.window.showWarningMessage(notice, 'Manage Workspace Trust').then((pick) => {
      if (pick) void vscode.commands.executeCommand('workbench.trust.manage');
    });
    return notice;
  };
}

/**
 * Every `aksIam.azure.*` command. Handlers accept the tree node they were invoked on. The `test*` accessors (the
 * rendered tree, the stored state) exist only with `testHooks` (development and test runs, not the published extension).
 */
export function registerCommands(c: AzureController, options: { testHooks: boolean }): vscode.Disposable[] {
  const reg = (id: string, fn: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, fn as (...args: unknown[]) => unknown);
  return [
    ...userCommands(c, reg),
    ...(options.testHooks ? testCommands(c, reg) : []),
  ];
}

type Register = (id: string, fn: (...args: never[]) => unknown) => vscode.Disposable;

function userCommands(c: AzureController, reg: Register): vscode.Disposable[] {
  return [
    reg('aksIam.azure.signIn', trusted(c, 'Signing in to Azure', () => c.signIn())),
    reg('aksIam.azure.signOut', () => c.signOut()),
    reg('aksIam.azure.selectTenant', trusted(c, 'Selecting an Azure tenant', (arg: unknown) => selectTenant(c, arg))),
    reg('aksIam.azure.selectSubscriptions', trusted(c, 'Selecting Azure subscriptions', () => selectSubscriptions(c))),
    reg('aksIam.azure.refresh', trusted(c, 'Refreshing Azure identities', () => c.refresh())),
    reg('aksIam.azure.retry', (node: ErrorNode) => {
      if (!(node instanceof ErrorNode)) return c.refresh();
      node.retry();
      c.provider.refresh(node.parent ?? undefined);
    }),
    // Loading one stores its path in the workspace settings (a file write).
    reg('aksIam.azure.loadSnapshot', trusted(c, 'Loading an identity snapshot', () => loadSnapshot(c))),
    // Unloading one removes the setting from the workspace settings (a file write, like loading).
    reg('aksIam.azure.unloadSnapshot', trusted(c, 'Unloading the identity snapshot', () => unloadSnapshot())),
    reg('aksIam.azure.exportSnapshot', trusted(c, 'Exporting an identity snapshot', () => exportCurrentSnapshot(c))),
    reg('aksIam.azure.copyClientId', (node: unknown) => {
      const v = clientIdOf(node);
      return v ? copy(v, 'client id') : undefined;
    }),
    reg('aksIam.azure.copyPrincipalId', (node: unknown) => {
      const v = principalIdOf(node);
      return v ? copy(v, 'principal id') : undefined;
    }),
    reg('aksIam.azure.copyIssuer', (node: unknown) => {
      const v = issuerOf(node);
      return v ? copy(v, 'OIDC issuer') : undefined;
    }),
    reg('aksIam.azure.copyFixCommand', (node: unknown) => {
      const argv = node instanceof RequirementTreeNode ? node.model.fixArgs : undefined;
      return argv ? copyCommand(argv, 'az role assignment command') : undefined;
    }),
    reg('aksIam.azure.insertClientId', (node: unknown) => insertClientId(c, node)),
    reg('aksIam.azure.openServiceAccount', (node: unknown) => {
      const sa = node instanceof CredentialNode ? node.serviceAccount : node instanceof MissingCredentialNode ? node.serviceAccount : null;
      return sa ? openServiceAccount(sa) : undefined;
    }),
    reg('aksIam.azure.copyCreateCommand', async (node: unknown) => {
      const planned = await planFor(c, node);
      return planned ? copyCommand(azCreateArgs(planned.plan), 'az command') : undefined;
    }),
    reg('aksIam.azure.createFederatedCredential', trusted(c, 'Creating a federated credential', (node: unknown) => createFederatedCredential(c, node))),
    reg('aksIam.azure.openInPortal', (node: unknown) => {
      const r = resourceOf(node);
      if (!r) return;
      return vscode.env.openExternal(vscode.Uri.parse(portalUrl(c.cloud() ?? CLOUDS.AzureCloud, r.id, r.tenantId)));
    }),
  ];
}

/** Not contributed (no palette entry): let tests in a real VS Code read the rendered tree and what is stored. */
function testCommands(c: AzureController, reg: Register): vscode.Disposable[] {
  // What the view was told to redraw: a row's id, or `(all)`.
  const redraws: string[] = [];
  const watch = c.provider.onDidChangeTreeData((e) => {
    redraws.push(...(e === undefined ? ['(all)'] : (Array.isArray(e) ? e : [e]).map((n) => n.id)));
  });
  return [
    watch,
    // Waits for the workspace's changes to reach the view, then hands over (and forgets) the redraws since last asked.
    reg('aksIam.azure.testTreeRedraws', async () => {
      await c.provider.quiet();
      return { redraws: redraws.splice(0), shown: c.provider.shownLevels() };
    }),
    reg('aksIam.azure.testDescribeTree', async (depth?: number) => {
      await c.settled();
      return describeTree(c.roots(), typeof depth === 'number' ? depth : 6);
    }),
    reg('aksIam.azure.testStoredState', () => c.storedState()),
    // Every label, description and tooltip of the TreeItems the view gets, for tests that search them.
    reg('aksIam.azure.testTreeTexts', async (depth?: number) => {
      await c.settled();
      const texts: string[] = [];
      const walk = async (nodes: TreeNode[], left: number): Promise<void> => {
        for (const n of nodes) {
          const item = toTreeItem(n, n.view());
          const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
          const tooltip = typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value ?? '';
          texts.push(label, typeof item.description === 'string' ? item.description : '', tooltip);
          if (left > 0 && item.collapsibleState !== vscode.TreeItemCollapsibleState.None) await walk(await c.provider.childrenOf(n), left - 1);
        }
      };
      await walk(await c.provider.childrenOf(), typeof depth === 'number' ? depth : 7);
      return texts;
    }),
  ];
}
