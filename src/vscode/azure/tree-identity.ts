import type { FederatedCredential, ManagedIdentity } from '../../core/identity/graph';
import { ErrorNode, ICON, knownCredentials, MessageNode, plural, roleAssignmentsOf, TreeNode, type ItemView, type TreeEnv } from './tree-base';
import {
  classLabel, providerClassesUsing, saLabel, serviceAccountForSubject, serviceAccountsLackingCredential, serviceAccountsUsing, type WorkspaceServiceAccount,
} from './workspace-model';

export class IdentityNode extends TreeNode {
  constructor(parent: TreeNode, readonly identity: ManagedIdentity, readonly env: TreeEnv) {
    super(parent, `identity:${identity.id.toLowerCase()}`);
  }

  /** Workspace ServiceAccounts whose client-id is this identity's. */
  usedBy(): WorkspaceServiceAccount[] {
    const index = this.env.workspace();
    return index ? serviceAccountsUsing(index, this.identity.clientId) : [];
  }

  /** Of those, the ones no federated credential lets in (empty while the credentials are not read yet). */
  missing(): WorkspaceServiceAccount[] {
    const index = this.env.workspace();
    const fics = knownCredentials(this.env, this.identity);
    return index && fics ? serviceAccountsLackingCredential(index, this.identity, fics) : [];
  }

  view(): ItemView {
    const i = this.identity;
    const users = this.usedBy();
    const missing = this.missing();
    const badge = missing.length ? `${plural(missing.length, 'missing federated credential')} · ` : '';
    const used = users.length ? ` · used by ${users.map(saLabel).join(', ')}` : '';
    // Key Vault secrets-store classes that sign in as this identity (their clientID).
    const index = this.env.workspace();
    const classes = index ? providerClassesUsing(index, i.clientId).map(classLabel) : [];
    const kv = classes.length ? ` · SecretProviderClass ${classes.join(', ')}` : '';
    return {
      label: i.name,
      description: `${badge}${i.clientId}${used}${kv}`,
      tooltip: [`Managed identity ${i.name}`, `client id: ${i.clientId}`, `principal id: ${i.principalId}`, i.tenantId && `tenant: ${i.tenantId}`, `id: ${i.id}`,
        users.length ? `Workspace ServiceAccounts with this client-id: ${users.map(saLabel).join(', ')}` : '',
        missing.length ? `No federated credential for: ${missing.map(saLabel).join(', ')} (their pods cannot get a token)` : '',
        classes.length ? `SecretProviderClasses with this clientID: ${classes.join(', ')}` : ''].filter(Boolean).join('\n'),
      icon: missing.length ? ICON.warning : { id: 'person', ...(users.length ? { color: 'charts.blue' } : {}) },
      contextValue: `identity hasClientId hasPrincipalId portal${users.length ? ' usedByWorkspace' : ''}${missing.length ? ' hasMissingCredential' : ''}`,
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
    const out: TreeNode[] = r.value.map((f) => new CredentialNode(this, f, index ? serviceAccountForSubject(index, f.subject) : null));
    // Workspace ServiceAccounts that use this identity with no credential: where the copy/create actions live.
    if (index) for (const sa of serviceAccountsLackingCredential(index, this.identity, r.value)) out.push(new MissingCredentialNode(this, this.identity, sa, this.env));
    if (out.length === 0) out.push(new MessageNode(this, 'none', { label: 'No federated credentials', contextValue: 'empty' }));
    return out;
  }
}

export class CredentialNode extends TreeNode {
  constructor(parent: TreeNode, readonly credential: FederatedCredential, readonly serviceAccount: WorkspaceServiceAccount | null) {
    super(parent, `fic:${credential.name}`);
  }

  view(): ItemView {
    const f = this.credential;
    const sa = this.serviceAccount;
    return {
      label: f.name,
      description: `${f.subject}${sa ? ' · in workspace' : ''}`,
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
      icon: ICON.warning,
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
