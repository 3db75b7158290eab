import type { Subscription } from '../../core/identity/graph';
import { ClusterNode } from './tree-cluster';
import { IdentityNode } from './tree-identity';
import { CodeRootNode, type CodeView } from './tree-code';
import { listed, MessageNode, TreeNode, type ItemView, type TreeEnv } from './tree-base';

export * from './tree-base';
export * from './tree-cluster';
export * from './tree-identity';
export * from './tree-code';

export class SubscriptionNode extends TreeNode {
  constructor(parent: TreeNode | null, readonly subscription: Subscription, private readonly env: TreeEnv) {
    super(parent, `sub:${subscription.id.toLowerCase()}`);
  }

  view(): ItemView {
    const s = this.subscription;
    const named = s.name && s.name !== s.id;
    const origin = this.env.origin?.(s.id) ?? null;
    return {
      label: named ? s.name : `Subscription ${s.id}`,
      description: [named ? s.id : '', origin ?? ''].filter(Boolean).join(' · '),
      tooltip: `Subscription ${s.name}\nid: ${s.id}${s.tenantId ? `\ntenant: ${s.tenantId}` : ''}${origin ? `\nlisted through: ${origin}` : ''}`,
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

/** The subscriptions of a source under one heading, which alone names the source: the signed-in accounts, or a loaded snapshot. */
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
    const none = this.env.source.kind === 'snapshot' ? 'The snapshot holds no subscriptions' : 'No subscriptions (check the tenants and the subscription filter)';
    const warnings = this.warnings.map((w, i) => new MessageNode(this, `warning:${i}`, { label: w, tooltip: w, icon: { id: 'warning', color: 'list.warningForeground' }, contextValue: 'snapshotWarning' }));
    const subs = listed(this, this.env, key, r, (s) => new SubscriptionNode(this, s, this.env), none);
    const notices = (this.env.notices?.() ?? []).map((n) => new MessageNode(this, n.key, n.view));
    // "No subscriptions" would mislead when a tenant only waits for its sign-in.
    return [...warnings, ...(notices.length && r.ok && r.value.length === 0 ? [] : subs), ...notices];
  }
}

export type LiveState =
  | { status: 'signedOut' }
  | { status: 'unavailable'; reason: string }
  /** The user closed or declined the sign-in. */
  | { status: 'cancelled' }
  /** The cloud's sign-in host did not answer (offline, or a proxy in the way). */
  | { status: 'unreachable'; host: string; detail: string }
  | { status: 'signedIn'; accounts: string[]; cloud: string; env: TreeEnv };

export type SnapshotState =
  | { status: 'none' }
  | { status: 'loaded'; label: string; warnings: string[]; env: TreeEnv }
  | { status: 'failed'; label: string; message: string };

export interface RootState {
  trusted: boolean;
  live: LiveState;
  snapshot: SnapshotState;
  /** What the workspace's infrastructure code declares; null or empty adds no row. */
  code?: CodeView | null;
}

const SIGN_IN = { command: 'aksIam.azure.signIn', title: 'Sign in to Azure' };

/** The row in place of the Azure root while not signed in: why not, and a click that signs in. */
function signInNode(live: Exclude<LiveState, { status: 'signedIn' }>): TreeNode {
  switch (live.status) {
    case 'signedOut':
      return new MessageNode(null, 'sign-in', {
        label: 'Sign in to Azure…',
        description: 'to list clusters and managed identities',
        tooltip: 'Signs in with VS Code\'s Microsoft account provider, the sign-in the Azure extensions share. Nothing is sent to Azure before you sign in.',
        icon: { id: 'sign-in' },
        contextValue: 'signIn',
        command: SIGN_IN,
      });
    case 'cancelled':
      return new MessageNode(null, 'sign-in', {
        label: 'Sign-in to Azure was cancelled',
        description: 'click to sign in again',
        tooltip: 'The Microsoft sign-in was closed before it completed. Click to sign in again.',
        icon: { id: 'circle-slash', color: 'list.warningForeground' },
        contextValue: 'signIn signInCancelled',
        command: SIGN_IN,
      });
    case 'unreachable':
      return new MessageNode(null, 'sign-in', {
        label: `Cannot reach ${live.host} — offline or blocked by a proxy`,
        description: 'click to sign in again',
        tooltip: `Signing in to Azure needs ${live.host}, which did not answer (${live.detail}). Check the network connection or the proxy (setting http.proxy), then sign in again.`,
        icon: { id: 'debug-disconnect', color: 'list.errorForeground' },
        contextValue: 'signIn signInFailed',
        command: SIGN_IN,
      });
    case 'unavailable':
      return new MessageNode(null, 'sign-in', {
        label: 'Sign in to Azure…',
        description: live.reason,
        tooltip: live.reason,
        icon: { id: 'warning', color: 'list.warningForeground' },
        contextValue: 'signIn signInFailed',
        command: SIGN_IN,
      });
  }
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
  } else if (state.live.status !== 'signedIn') {
    out.push(signInNode(state.live));
  } else {
    const l = state.live;
    const who = l.accounts.join(', ');
    out.push(new SourceRootNode('azure', {
      label: 'Azure',
      description: `${who}${l.cloud !== 'AzureCloud' ? ` · ${l.cloud}` : ''}`,
      tooltip: `Live data from Azure Resource Manager\nsigned in as ${who}\ncloud: ${l.cloud}`,
      icon: { id: 'azure' },
      contextValue: 'account',
    }, l.env));
  }
  const s = state.snapshot;
  if (s.status === 'loaded') {
    out.push(new SourceRootNode('snapshot', {
      label: 'Identity snapshot',
      description: s.label,
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
  const code = state.code;
  if (code && code.model.identities.length + code.model.clusters.length > 0) out.push(new CodeRootNode(code));
  return out;
}
