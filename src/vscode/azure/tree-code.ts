import type { CodeCluster, CodeIdentity } from '../../core/identity/code-identities';
import type { CodeView } from './code-view';
import { ICON, MessageNode, plural, TreeNode, type ItemView } from './tree-base';

export type { CodeView } from './code-view';

const onOff = (v: boolean | null, what: string) => `${what} ${v === null ? 'unknown' : v ? 'on' : 'off'}`;

/**
 * Identities, federated credentials, role assignments and clusters the workspace's Terraform, Bicep and ARM templates
 * declare: read without signing in, each row opening its line. Client and principal ids exist only once deployed.
 */
export class CodeRootNode extends TreeNode {
  constructor(private readonly code: CodeView) {
    super(null, 'code');
  }

  view(): ItemView {
    const m = this.code.model;
    return {
      label: 'Infrastructure code',
      description: [m.clusters.length ? plural(m.clusters.length, 'cluster') : '', plural(m.identities.length, 'identity', 'identities')].filter(Boolean).join(' · '),
      tooltip: 'Declared in the Terraform, Bicep and ARM templates of this workspace, read without signing in to Azure. Client and principal ids are known only once deployed.',
      icon: { id: 'file-code' },
      contextValue: 'code',
      collapsible: 'expanded',
    };
  }

  override children(): Promise<TreeNode[]> {
    const m = this.code.model;
    return Promise.resolve([...m.clusters.map((c) => clusterNode(this, c, this.code)), ...m.identities.map((i) => new CodeIdentityNode(this, i, this.code))]);
  }
}

function clusterNode(parent: TreeNode, c: CodeCluster, code: CodeView): TreeNode {
  const off = c.oidcIssuerEnabled === false || c.workloadIdentityEnabled === false;
  return new MessageNode(parent, `cluster:${c.address}`, {
    label: c.label,
    description: `${onOff(c.oidcIssuerEnabled, 'OIDC issuer')} · ${onOff(c.workloadIdentityEnabled, 'workload identity')}`,
    tooltip: `AKS cluster ${c.address}\n${code.where(c.at)}${off ? '\nWorkload identity needs both the OIDC issuer and workload identity turned on.' : ''}`,
    icon: off ? ICON.warning : { id: 'server-environment' },
    contextValue: 'codeCluster',
    command: code.open(c.at),
  });
}

export class CodeIdentityNode extends TreeNode {
  constructor(parent: TreeNode, readonly identity: CodeIdentity, private readonly code: CodeView) {
    super(parent, `identity:${identity.address}`);
  }

  view(): ItemView {
    const i = this.identity;
    return {
      label: i.label,
      description: `${plural(i.credentials.length, 'federated credential')} · ${plural(i.roleAssignments.length, 'role assignment')}`,
      tooltip: `Managed identity ${i.address}${i.resourceGroup ? `\nresource group: ${i.resourceGroup}` : ''}\n${this.code.where(i.at)}`,
      icon: { id: 'person' },
      contextValue: 'codeIdentity',
      collapsible: i.credentials.length + i.roleAssignments.length ? 'collapsed' : 'none',
      command: this.code.open(i.at),
    };
  }

  override children(): Promise<TreeNode[]> {
    const i = this.identity;
    return Promise.resolve([
      ...i.credentials.map((c) => new MessageNode(this, `fic:${c.address}`, {
        label: c.name ?? c.address,
        description: c.subject ?? 'subject unknown',
        tooltip: `Federated credential ${c.address}\nsubject: ${c.subject ?? 'not literal in the code'}\nissuer: ${c.issuer}\n${this.code.where(c.at)}`,
        icon: { id: 'key' },
        contextValue: 'codeCredential',
        command: this.code.open(c.at),
      })),
      ...i.roleAssignments.map((a) => new MessageNode(this, `ra:${a.address}`, {
        label: a.role,
        description: a.scope,
        tooltip: `Role assignment ${a.address}\nscope: ${a.scope}\n${this.code.where(a.at)}`,
        icon: { id: 'shield' },
        contextValue: 'codeRoleAssignment',
        command: this.code.open(a.at),
      })),
    ]);
  }
}
