import type { AksCluster, ClusterIdentity, FederatedCredential, ManagedIdentity, RoleAssignment, Subscription } from '../../core/identity/graph';
import { commandLine, SHELL_LABEL, type Shell } from '../../core/text/shell';
import type { WorkspaceIndex } from '../../core/index/workspace-index';
import type { AzureError, Result } from '../../azure/errors';
import { errorView } from './error-model';
import { GraphSource, LiveSource, type IdentitySource, type SourceKey } from './sources';
import { checkCluster, clusterPermissionSummary, requiredPermissionNodes, type RequiredPermissionsNode, type RequirementNode } from '../../core/permissions/index';
import type { IdentityGraph } from '../../core/identity/graph';
import { shortScope } from './scope-label';
import { classLabel, providerClassesUsing, saLabel, serviceAccountForSubject, serviceAccountsLackingCredential, serviceAccountsUsing, type WorkspaceServiceAccount } from './workspace-model';

/**
 * The identities tree without vscode: every node owns its children and loads them when asked (one
 * level at a time), and describes itself as an ItemView that the provider turns into a TreeItem.
 */

export interface ItemView {
  label: string;
  description?: string;
  tooltip?: string;
  icon?: { id: string; color?: string };
  /** Space-separated words that menus match with `viewItem =~ /\bword\b/`. */
  contextValue: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  command?: { command: string; title: string; arguments?: unknown[] };
}

export interface TreeEnv {
  source: IdentitySource;
  /** The current load's signal (aborted by refresh). */
  signal(): AbortSignal;
  workspace(): WorkspaceIndex | null;
  /** Appended to descriptions of snapshot content: " (snapshot)". */
  marker: string;
  /** The integrated terminal's shell family, for commands shown in tooltips (default: bash/zsh). */
  shell?(): Shell;
}

export abstract class TreeNode {
  readonly id: string;

  constructor(readonly parent: TreeNode | null, key: string) {
    this.id = parent ? `${parent.id}/${key}` : key;
  }

  abstract view(): ItemView;

  children(): Promise<TreeNode[]> {
    return Promise.resolve([]);
  }
}

/** A fixed node: messages, sign-in, flags. */
export class MessageNode extends TreeNode {
  constructor(parent: TreeNode | null, key: string, private readonly v: Omit<ItemView, 'collapsible'> & { collapsible?: ItemView['collapsible'] }, private readonly kids: TreeNode[] = []) {
    super(parent, key);
  }

  view(): ItemView {
    return { collapsible: this.kids.length ? 'expanded' : 'none', ...this.v };
  }

  override children(): Promise<TreeNode[]> {
    return Promise.resolve(this.kids);
  }
}

export class ErrorNode extends TreeNode {
  constructor(parent: TreeNode, readonly error: AzureError, readonly key: SourceKey, private readonly env: TreeEnv) {
    super(parent, `error:${key.level}`);
  }

  view(): ItemView {
    const e = errorView(this.error, this.key.level);
    return { label: e.label, description: e.description, tooltip: e.tooltip, icon: e.icon, contextValue: e.contextValue, collapsible: 'none', command: { ...e.action, arguments: [this] } };
  }

  /** Forgets the failed level so that the parent's next read asks Azure again. */
  retry(): void {
    this.env.source.invalidate(this.key);
  }
}

/** Children of a loaded level, or its error node, or a "none" node. */
function listed<T>(parent: TreeNode, env: TreeEnv, key: SourceKey, r: Result<T[]>, make: (item: T) => TreeNode, none: string): TreeNode[] {
  if (!r.ok) return [new ErrorNode(parent, r.error, key, env)];
  if (r.value.length === 0) return [new MessageNode(parent, 'none', { label: none, contextValue: 'empty' })];
  return r.value.map(make);
}

export class SubscriptionNode extends TreeNode {
  constructor(parent: TreeNode | null, readonly subscription: Subscription, private readonly env: TreeEnv) {
    super(parent, `sub:${subscription.id.toLowerCase()}`);
  }

  view(): ItemView {
    const s = this.subscription;
    const named = s.name && s.name !== s.id;
    return {
      label: named ? s.name : `Subscription ${s.id}`,
      description: `${named ? s.id : ''}${this.env.marker}`.trim(),
      tooltip: `Subscription ${s.name}\nid: ${s.id}${s.tenantId ? `\ntenant: ${s.tenantId}` : ''}`,
      icon: { id: 'key' },
      contextValue: 'subscription portal',
      collapsible: 'collapsed',
    };
  }

  override children(): Promise<TreeNode[]> {
    return Promise.resolve([new ClustersNode(this, this.subscription, this.env), new IdentitiesNode(this, this.subscription, this.env)]);
  }
}

class ClustersNode extends TreeNode {
  constructor(parent: TreeNode, private readonly sub: Subscription, private readonly env: TreeEnv) {
    super(parent, 'clusters');
  }

  view(): ItemView {
    return { label: 'AKS clusters', icon: { id: 'server-environment' }, contextValue: 'group', collapsible: 'expanded' };
  }

  override async children(): Promise<TreeNode[]> {
    const key = { level: 'clusters', subscriptionId: this.sub.id } as const;
    const r = await this.env.source.clusters(this.sub.id, this.env.signal());
    return listed(this, this.env, key, r, (c) => new ClusterNode(this, c, this.env), 'No AKS clusters in this subscription');
  }
}

class IdentitiesNode extends TreeNode {
  constructor(parent: TreeNode, private readonly sub: Subscription, private readonly env: TreeEnv) {
    super(parent, 'identities');
  }

  view(): ItemView {
    return { label: 'User-assigned managed identities', icon: { id: 'person' }, contextValue: 'group', collapsible: 'expanded' };
  }

  override async children(): Promise<TreeNode[]> {
    const key = { level: 'identities', subscriptionId: this.sub.id } as const;
    const r = await this.env.source.identities(this.sub.id, this.env.signal());
    return listed(this, this.env, key, r, (i) => new IdentityNode(this, i, this.env), 'No user-assigned managed identities in this subscription');
  }
}

const flag = (on: boolean) => (on ? { id: 'pass', color: 'testing.iconPassed' } : { id: 'circle-slash' });

export class ClusterNode extends TreeNode {
  constructor(parent: TreeNode, readonly cluster: AksCluster, readonly env: TreeEnv) {
    super(parent, `cluster:${cluster.id.toLowerCase()}`);
  }

  view(): ItemView {
    const c = this.cluster;
    const graph = checkableGraph(this.env.source, c.subscriptionId);
    const summary = graph ? ` · ${clusterPermissionSummary(checkCluster(graph, c))}` : '';
    return {
      label: c.name,
      description: `${c.resourceGroup}${c.location ? ` · ${c.location}` : ''}${summary}${this.env.marker}`,
      tooltip: `AKS cluster ${c.name}\nid: ${c.id}${c.nodeResourceGroup ? `\nnode resource group: ${c.nodeResourceGroup}` : ''}`,
      icon: { id: 'server' },
      contextValue: `cluster portal${c.oidcIssuerUrl ? ' hasIssuer' : ''}`,
      collapsible: 'collapsed',
    };
  }

  override children(): Promise<TreeNode[]> {
    const c = this.cluster;
    const out: TreeNode[] = [];
    if (c.controlPlaneIdentity) out.push(new ClusterIdentityNode(this, 'control-plane', 'Control plane identity', c.controlPlaneIdentity, c.subscriptionId, this.env, { cluster: c, kind: 'controlPlane' }));
    if (c.kubeletIdentity) out.push(new ClusterIdentityNode(this, 'kubelet', 'Kubelet identity', c.kubeletIdentity, c.subscriptionId, this.env, { cluster: c, kind: 'kubelet' }));
    out.push(new MessageNode(this, 'issuer', {
      label: 'OIDC issuer',
      description: c.oidcIssuerUrl ?? 'not enabled',
      tooltip: c.oidcIssuerUrl ? `${c.oidcIssuerUrl}\nFederated credentials must use this issuer exactly (the trailing / counts).` : 'The OIDC issuer is not enabled: workload identity cannot work.',
      icon: c.oidcIssuerUrl ? { id: 'link' } : { id: 'warning', color: 'list.warningForeground' },
      contextValue: c.oidcIssuerUrl ? 'issuer hasIssuer' : 'issuer',
    }));
    const flags: [string, boolean, string][] = [
      ['workload-identity', c.workloadIdentityEnabled, 'Workload identity'],
      ['azure-rbac', c.azureRbacEnabled, 'Azure RBAC for Kubernetes'],
    ];
    for (const [k, on, label] of flags) {
      out.push(new MessageNode(this, k, { label, description: on ? 'enabled' : 'disabled', icon: flag(on), contextValue: 'flag' }));
    }
    out.push(new MessageNode(this, 'local-accounts', {
      label: 'Local accounts',
      description: c.localAccountsDisabled ? 'disabled' : 'enabled',
      tooltip: c.localAccountsDisabled ? 'Only Microsoft Entra sign-in reaches the API server.' : 'The static cluster-admin credential (az aks get-credentials --admin) works.',
      icon: flag(c.localAccountsDisabled),
      contextValue: 'flag',
    }));
    return Promise.resolve(out);
  }
}

export class ClusterIdentityNode extends TreeNode {
  constructor(
    parent: TreeNode, key: string, private readonly title: string, readonly identity: ClusterIdentity, private readonly subscriptionId: string, private readonly env: TreeEnv,
    private readonly of?: { cluster: AksCluster; kind: RequiredPermissionsNode['identity'] },
  ) {
    super(parent, key);
  }

  view(): ItemView {
    const i = this.identity;
    const id = i.clientId ? `client ${i.clientId}` : i.principalId ? `principal ${i.principalId}` : '';
    const words = ['clusterIdentity', i.clientId ? 'hasClientId' : '', i.principalId ? 'hasPrincipalId' : '', i.resourceId ? 'portal' : ''];
    return {
      label: this.title,
      description: `${i.type}${id ? ` · ${id}` : ''}`,
      tooltip: [`${this.title} (${i.type})`, i.clientId && `client id: ${i.clientId}`, i.principalId && `principal id: ${i.principalId}`, i.resourceId && `id: ${i.resourceId}`].filter(Boolean).join('\n'),
      icon: { id: 'person' },
      contextValue: words.filter(Boolean).join(' '),
      collapsible: i.principalId ? 'collapsed' : 'none',
    };
  }

  override async children(): Promise<TreeNode[]> {
    if (!this.identity.principalId) return [];
    const assignments = await roleAssignmentsOf(this, this.env, this.subscriptionId, this.identity.principalId);
    const graph = this.of ? checkableGraph(this.env.source, this.subscriptionId) : null;
    if (!graph || !this.of) return assignments;
    const required = requiredPermissionNodes(checkCluster(graph, this.of.cluster)).find((n) => n.identity === this.of!.kind);
    return required ? [new RequiredPermissionsTreeNode(this, required, this.env.shell?.() ?? 'posix'), ...assignments] : assignments;
  }
}

/** The identity graph to check required permissions against, once the subscription's role assignments are in. */
function checkableGraph(source: IdentitySource, subscriptionId: string): IdentityGraph | null {
  if (source instanceof GraphSource) return source.graph;
  if (source instanceof LiveSource && source.hasLoaded({ level: 'roleAssignments', subscriptionId })) return source.graph();
  return null;
}

const STATUS_ICON: Record<RequirementNode['status'], { id: string; color?: string }> = {
  granted: { id: 'pass', color: 'testing.iconPassed' },
  missing: { id: 'error', color: 'testing.iconFailed' },
  assumed: { id: 'circle-outline' },
  unknown: { id: 'question', color: 'list.warningForeground' },
};

/** "Required permissions" of a cluster identity: one child per documented requirement that applies. */
export class RequiredPermissionsTreeNode extends TreeNode {
  constructor(parent: TreeNode, readonly model: RequiredPermissionsNode, private readonly shell: Shell = 'posix') {
    super(parent, 'required-permissions');
  }

  view(): ItemView {
    return {
      label: this.model.label,
      description: this.model.description,
      tooltip: 'What AKS documents this identity needs, and whether a role assignment grants it (✓ granted, ✗ missing, ~ granted by AKS itself, ? cannot tell).',
      icon: STATUS_ICON[this.model.status],
      contextValue: 'requiredPermissions',
      collapsible: this.model.status === 'missing' ? 'expanded' : 'collapsed',
    };
  }

  override children(): Promise<TreeNode[]> {
    return Promise.resolve(this.model.children.map((c, i) => new RequirementTreeNode(this, i, c, this.shell)));
  }
}

export class RequirementTreeNode extends TreeNode {
  constructor(parent: TreeNode, index: number, readonly model: RequirementNode, readonly shell: Shell = 'posix') {
    super(parent, `requirement:${index}`);
  }

  /** The fix command for a shell; null when the requirement has none (granted, or no valid scope to name). */
  fixCommand(shell: Shell = this.shell): string | null {
    return this.model.fixArgs ? commandLine(this.model.fixArgs, shell) : null;
  }

  view(): ItemView {
    const m = this.model;
    // The engine's tooltip ends with the bash form of the fix; a PowerShell terminal gets its own form.
    const bashFix = m.fixCommand ? `\n\nFix: ${m.fixCommand}` : '';
    const tooltip = bashFix && this.shell !== 'posix' && m.tooltip.endsWith(bashFix) ? `${m.tooltip.slice(0, -bashFix.length)}\n\nFix (${SHELL_LABEL[this.shell]}): ${this.fixCommand()}` : m.tooltip;
    return {
      label: `${m.status === 'granted' ? '✓' : m.status === 'missing' ? '✗' : m.status === 'assumed' ? '~' : '?'} ${m.label}`,
      description: m.description,
      tooltip,
      icon: STATUS_ICON[m.status],
      contextValue: m.fixArgs ? 'requirement missingPermission' : 'requirement',
      collapsible: 'none',
    };
  }
}

async function roleAssignmentsOf(parent: TreeNode, env: TreeEnv, subscriptionId: string, principalId: string): Promise<TreeNode[]> {
  const key = { level: 'roleAssignments', subscriptionId } as const;
  const r = await env.source.roleAssignments(subscriptionId, env.signal());
  const mine: Result<RoleAssignment[]> = r.ok ? { ok: true, value: r.value.filter((a) => a.principalId.toLowerCase() === principalId.toLowerCase()) } : r;
  return listed(parent, env, key, mine, (a) => new RoleAssignmentNode(parent, a), 'No role assignments in this subscription');
}

export class IdentityNode extends TreeNode {
  constructor(parent: TreeNode, readonly identity: ManagedIdentity, readonly env: TreeEnv) {
    super(parent, `identity:${identity.id.toLowerCase()}`);
  }

  /** Workspace ServiceAccounts whose client-id is this identity's. */
  usedBy(): WorkspaceServiceAccount[] {
    const index = this.env.workspace();
    return index ? serviceAccountsUsing(index, this.identity.clientId) : [];
  }

  view(): ItemView {
    const i = this.identity;
    const users = this.usedBy();
    const used = users.length ? ` · used by ${users.map(saLabel).join(', ')}` : '';
    // Key Vault secrets-store classes that sign in as this identity (their clientID).
    const index = this.env.workspace();
    const classes = index ? providerClassesUsing(index, i.clientId).map(classLabel) : [];
    const kv = classes.length ? ` · SecretProviderClass ${classes.join(', ')}` : '';
    return {
      label: i.name,
      description: `${i.clientId}${used}${kv}${this.env.marker}`,
      tooltip: [`Managed identity ${i.name}`, `client id: ${i.clientId}`, `principal id: ${i.principalId}`, i.tenantId && `tenant: ${i.tenantId}`, `id: ${i.id}`,
        users.length ? `Workspace ServiceAccounts with this client-id: ${users.map(saLabel).join(', ')}` : '',
        classes.length ? `SecretProviderClasses with this clientID: ${classes.join(', ')}` : ''].filter(Boolean).join('\n'),
      icon: { id: 'person', ...(users.length ? { color: 'charts.blue' } : {}) },
      contextValue: `identity hasClientId hasPrincipalId portal${users.length ? ' usedByWorkspace' : ''}`,
      collapsible: 'collapsed',
    };
  }

  override children(): Promise<TreeNode[]> {
    return Promise.resolve([new CredentialsNode(this, this.identity, this.env), new IdentityRolesNode(this, this.identity, this.env)]);
  }
}

export class CredentialsNode extends TreeNode {
  constructor(parent: TreeNode, readonly identity: ManagedIdentity, private readonly env: TreeEnv) {
    super(parent, 'credentials');
  }

  view(): ItemView {
    return { label: 'Federated credentials', icon: { id: 'references' }, contextValue: 'group credentials', collapsible: 'expanded' };
  }

  override async children(): Promise<TreeNode[]> {
    const key = { level: 'federatedCredentials', identityId: this.identity.id } as const;
    const r = await this.env.source.federatedCredentials(this.identity, this.env.signal());
    const index = this.env.workspace();
    if (!r.ok) return [new ErrorNode(this, r.error, key, this.env)];
    const out: TreeNode[] = r.value.map((f) => new CredentialNode(this, f, index ? serviceAccountForSubject(index, f.subject) : null, this.env));
    // Workspace ServiceAccounts that use this identity with no credential: where the copy/create actions live.
    if (index) for (const sa of serviceAccountsLackingCredential(index, this.identity, r.value)) out.push(new MissingCredentialNode(this, this.identity, sa, this.env));
    if (out.length === 0) out.push(new MessageNode(this, 'none', { label: 'No federated credentials', contextValue: 'empty' }));
    return out;
  }
}

export class CredentialNode extends TreeNode {
  constructor(parent: TreeNode, readonly credential: FederatedCredential, readonly serviceAccount: WorkspaceServiceAccount | null, private readonly env: TreeEnv) {
    super(parent, `fic:${credential.name}`);
  }

  view(): ItemView {
    const f = this.credential;
    const sa = this.serviceAccount;
    return {
      label: f.name,
      description: `${f.subject}${sa ? ' · in workspace' : ''}${this.env.marker}`,
      tooltip: [`Federated credential ${f.name}`, `issuer: ${f.issuer}`, `subject: ${f.subject}`, `audiences: ${f.audiences.join(', ') || 'none'}`, `id: ${f.id}`,
        sa ? `ServiceAccount ${saLabel(sa)} in ${sa.file}` : ''].filter(Boolean).join('\n'),
      icon: { id: 'link' },
      contextValue: `credential hasIssuer${sa ? ' workspaceServiceAccount' : ''}`,
      collapsible: 'none',
      ...(sa ? { command: { command: 'aksIam.azure.openServiceAccount', title: 'Open ServiceAccount', arguments: [this] } } : {}),
    };
  }
}

/** A workspace ServiceAccount that uses the identity but has no federated credential for its subject. */
export class MissingCredentialNode extends TreeNode {
  constructor(parent: TreeNode, readonly identity: ManagedIdentity, readonly serviceAccount: WorkspaceServiceAccount, readonly env: TreeEnv) {
    super(parent, `missing:${saLabel(serviceAccount)}`);
  }

  view(): ItemView {
    const sa = this.serviceAccount;
    return {
      label: `No credential for ${saLabel(sa)}`,
      description: `system:serviceaccount:${sa.namespace}:${sa.name}`,
      tooltip: `ServiceAccount ${saLabel(sa)} (${sa.file}) uses this identity's client id, but no federated credential has its subject with audience api://AzureADTokenExchange: its pods cannot get a token.`,
      icon: { id: 'warning', color: 'list.warningForeground' },
      contextValue: 'missingCredential workspaceServiceAccount',
      collapsible: 'none',
      command: { command: 'aksIam.azure.openServiceAccount', title: 'Open ServiceAccount', arguments: [this] },
    };
  }
}

class IdentityRolesNode extends TreeNode {
  constructor(parent: TreeNode, private readonly identity: ManagedIdentity, private readonly env: TreeEnv) {
    super(parent, 'roles');
  }

  view(): ItemView {
    return { label: 'Role assignments', icon: { id: 'shield' }, contextValue: 'group', collapsible: 'collapsed' };
  }

  override children(): Promise<TreeNode[]> {
    return roleAssignmentsOf(this, this.env, this.identity.subscriptionId, this.identity.principalId);
  }
}

export class RoleAssignmentNode extends TreeNode {
  constructor(parent: TreeNode, readonly assignment: RoleAssignment) {
    super(parent, `ra:${assignment.id.toLowerCase()}`);
  }

  view(): ItemView {
    const a = this.assignment;
    const guid = a.roleDefinitionId.split('/').pop() ?? a.roleDefinitionId;
    return {
      label: a.roleName ?? `Role ${guid}`,
      description: shortScope(a.scope),
      tooltip: [`${a.roleName ?? 'Role'} (${guid})`, `scope: ${a.scope}`, `assignment: ${a.id}`].join('\n'),
      icon: { id: 'shield' },
      contextValue: 'roleAssignment',
      collapsible: 'none',
    };
  }
}

/** Plain description of a subtree (expanding everything down to `depth`), for tests and diagnostics. */
export interface DescribedNode {
  label: string;
  description?: string;
  contextValue: string;
  children?: DescribedNode[];
}

export async function describeTree(nodes: TreeNode[], depth: number): Promise<DescribedNode[]> {
  const out: DescribedNode[] = [];
  for (const n of nodes) {
    const v = n.view();
    const d: DescribedNode = { label: v.label, contextValue: v.contextValue };
    if (v.description) d.description = v.description;
    if (depth > 0 && v.collapsible !== 'none') d.children = await describeTree(await n.children(), depth - 1);
    out.push(d);
  }
  return out;
}

/** The subscriptions of a source under one heading: the signed-in account, or a loaded snapshot. */
export class SourceRootNode extends TreeNode {
  constructor(key: string, private readonly v: Omit<ItemView, 'collapsible'>, private readonly env: TreeEnv, private readonly warnings: string[] = []) {
    super(null, key);
  }

  view(): ItemView {
    return { ...this.v, collapsible: 'expanded' };
  }

  override async children(): Promise<TreeNode[]> {
    const key = { level: 'subscriptions' } as const;
    const r = await this.env.source.subscriptions(this.env.signal());
    const none = this.env.source.kind === 'snapshot' ? 'The snapshot holds no subscriptions' : 'No subscriptions (check the tenant and the subscription filter)';
    const warnings = this.warnings.map((w, i) => new MessageNode(this, `warning:${i}`, { label: w, tooltip: w, icon: { id: 'warning', color: 'list.warningForeground' }, contextValue: 'snapshotWarning' }));
    return [...warnings, ...listed(this, this.env, key, r, (s) => new SubscriptionNode(this, s, this.env), none)];
  }
}

export type LiveState =
  | { status: 'signedOut' }
  | { status: 'unavailable'; reason: string }
  | { status: 'signedIn'; account: string; tenantId: string | null; cloud: string; env: TreeEnv };

export type SnapshotState =
  | { status: 'none' }
  | { status: 'loaded'; label: string; warnings: string[]; env: TreeEnv }
  | { status: 'failed'; label: string; message: string };

export interface RootState {
  trusted: boolean;
  live: LiveState;
  snapshot: SnapshotState;
}

/** The top level of the tree for the current state. */
export function rootNodes(state: RootState): TreeNode[] {
  const out: TreeNode[] = [];
  if (!state.trusted) {
    out.push(new MessageNode(null, 'untrusted', {
      label: 'Azure is not contacted in an untrusted workspace',
      description: 'manage workspace trust',
      tooltip: 'Trust this workspace to sign in to Azure and list identities. A snapshot inside the workspace can still be shown.',
      icon: { id: 'workspace-untrusted', color: 'list.warningForeground' },
      contextValue: 'untrusted',
      command: { command: 'workbench.trust.manage', title: 'Manage Workspace Trust' },
    }));
  } else if (state.live.status === 'signedOut') {
    out.push(new MessageNode(null, 'sign-in', {
      label: 'Sign in to Azure…',
      description: 'to list clusters and managed identities',
      tooltip: 'Signs in with VS Code\'s Microsoft account provider. Nothing is sent to Azure before you sign in.',
      icon: { id: 'sign-in' },
      contextValue: 'signIn',
      command: { command: 'aksIam.azure.signIn', title: 'Sign in to Azure' },
    }));
  } else if (state.live.status === 'unavailable') {
    out.push(new MessageNode(null, 'sign-in', {
      label: 'Sign in to Azure…',
      description: state.live.reason,
      tooltip: state.live.reason,
      icon: { id: 'warning', color: 'list.warningForeground' },
      contextValue: 'signIn',
      command: { command: 'aksIam.azure.signIn', title: 'Sign in to Azure' },
    }));
  } else {
    const l = state.live;
    out.push(new SourceRootNode('azure', {
      label: 'Azure',
      description: `${l.account}${l.tenantId ? ` · tenant ${l.tenantId}` : ''}${l.cloud !== 'AzureCloud' ? ` · ${l.cloud}` : ''}`,
      tooltip: `Signed in as ${l.account}${l.tenantId ? `\ntenant: ${l.tenantId}` : ''}\ncloud: ${l.cloud}`,
      icon: { id: 'azure' },
      contextValue: 'account',
    }, l.env));
  }
  const s = state.snapshot;
  if (s.status === 'loaded') {
    out.push(new SourceRootNode('snapshot', {
      label: 'Identity snapshot',
      description: `(snapshot) ${s.label}`,
      tooltip: `Identity data read from ${s.label}; the cloud rules use it${state.live.status === 'signedIn' ? ' instead of the live data' : ''}.`,
      icon: { id: 'file' },
      contextValue: 'snapshot',
    }, s.env, s.warnings));
  } else if (s.status === 'failed') {
    out.push(new MessageNode(null, 'snapshot', {
      label: 'Identity snapshot could not be loaded',
      description: s.label,
      tooltip: s.message,
      icon: { id: 'error', color: 'list.errorForeground' },
      contextValue: 'snapshotError',
      command: { command: 'aksIam.azure.loadSnapshot', title: 'Load identity snapshot…' },
    }));
  } else if (state.live.status !== 'signedIn') {
    out.push(new MessageNode(null, 'load-snapshot', {
      label: 'Load identity snapshot…',
      description: 'az CLI output or an exported snapshot',
      icon: { id: 'folder-opened' },
      contextValue: 'loadSnapshot',
      command: { command: 'aksIam.azure.loadSnapshot', title: 'Load identity snapshot…' },
    }));
  }
  return out;
}
