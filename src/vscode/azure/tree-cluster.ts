import type { AksCluster, ClusterIdentity, IdentityGraph } from '../../core/identity/graph';
import { checkCluster, clusterPermissionSummary, requiredPermissionNodes, type RequiredPermissionsNode, type RequirementNode } from '../../core/permissions/index';
import { commandLine, SHELL_LABEL, type Shell } from '../../core/text/shell';
import { clusterMissingCredentials } from './badges';
import { GraphSource, LiveSource, type IdentitySource } from './sources';
import { ICON, MessageNode, plural, roleAssignmentsOf, TreeNode, type ItemView, type TreeEnv } from './tree-base';

const flag = (on: boolean) => (on ? ICON.ok : { id: 'circle-slash' });

export class ClusterNode extends TreeNode {
  constructor(parent: TreeNode, readonly cluster: AksCluster, readonly env: TreeEnv) {
    super(parent, `cluster:${cluster.id.toLowerCase()}`);
  }

  view(): ItemView {
    const c = this.cluster;
    const graph = checkableGraph(this.env.source, c.subscriptionId);
    const summary = graph ? ` · ${clusterPermissionSummary(checkCluster(graph, c))}` : '';
    const index = this.env.workspace();
    const missing = index ? clusterMissingCredentials(index, this.env.source.loaded(), c) : [];
    const badge = missing.length ? `${plural(missing.length, 'missing federated credential')} · ` : '';
    return {
      label: c.name,
      description: `${badge}${c.resourceGroup}${c.location ? ` · ${c.location}` : ''}${summary}`,
      tooltip: [`AKS cluster ${c.name}`, `id: ${c.id}`, c.nodeResourceGroup && `node resource group: ${c.nodeResourceGroup}`,
        missing.length ? `Workspace ServiceAccounts without a federated credential on its identities: ${missing.map((m) => `${m.serviceAccount.namespace}/${m.serviceAccount.name} → ${m.identity.name}`).join(', ')}` : '',
      ].filter(Boolean).join('\n'),
      icon: missing.length ? ICON.warning : { id: 'server' },
      contextValue: `cluster portal${c.oidcIssuerUrl ? ' hasIssuer' : ''}${missing.length ? ' hasMissingCredential' : ''}`,
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
      icon: c.oidcIssuerUrl ? { id: 'link' } : ICON.warning,
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

/**
 * Granted, whether by a role assignment or by AKS itself (the control plane's own permissions), is the same check
 * mark for both cluster identities; the row's `~` says which. Missing is the same cross everywhere.
 */
export const STATUS_ICON: Record<RequirementNode['status'], { id: string; color?: string }> = {
  granted: ICON.ok,
  assumed: ICON.ok,
  missing: ICON.missing,
  unknown: ICON.unknown,
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
