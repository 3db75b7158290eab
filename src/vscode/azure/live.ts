import type { Agent } from 'node:https';
import type { TokenCredential } from '@azure/identity';
import type { Subscription } from '../../core/identity/graph';
import { createClients, type AzureClients } from '../../azure/clients';
import type { Result } from '../../azure/errors';
import { AzureLoader } from '../../azure/loader';
import { AzureDirectory, type TenantEntry } from './accounts';
import type { Cloud } from './clouds';
import type { AccountInfo, SessionBroker } from './credential';
import { LiveSource, type IdentitySource, type SourceLog } from './sources';
import { NO_FILTER, type SubscriptionFilter } from './subscription-filter';
import type { TestSeam } from './test-seam';
import type { SourceNotice, TreeEnv } from './tree-base';

/** A signed-in connection: what the tree reads and what the commands write through. */
export interface Live {
  accounts: string[];
  cloud: Cloud | null;
  source: LiveSource;
  env: TreeEnv;
  /** The accounts → tenants → subscriptions directory (null under the test seam's single static credential). */
  directory: AzureDirectory | null;
  /** Clients for writes in a subscription: the pair (account, tenant) that listed it. */
  clientsFor(subscriptionId: string): AzureClients | null;
  /** Every subscription of every account and tenant, the filter not applied (for Select subscriptions…). */
  listAll(signal: AbortSignal): Promise<Result<Subscription[]>>;
  /** The tenants of every account, signed in or not (for Sign in to another tenant…). */
  listTenants(signal: AbortSignal): Promise<Result<TenantEntry[]>>;
}

/** Rows under the Azure root for tenants whose subscriptions wait for a sign-in of their own (guest tenants, MFA). */
export function tenantNotices(directory: AzureDirectory): SourceNotice[] {
  return directory.tenantsNeedingSignIn.map((t) => ({
    key: `tenant:${t.tenantId.toLowerCase()}:${t.account.id}`,
    view: {
      label: `Sign in to tenant ${t.name}…`,
      description: `${t.account.label} · not signed in to this tenant yet`,
      tooltip: `${t.account.label} belongs to tenant ${t.name} (${t.tenantId}${t.domain ? `, ${t.domain}` : ''}), but VS Code has no session for it (a guest tenant, or one that asks for multi-factor authentication). Click to sign in to it; its subscriptions are then listed too.`,
      icon: { id: 'sign-in', color: 'list.warningForeground' },
      contextValue: 'tenantSignIn',
      command: { command: 'aksIam.azure.selectTenant', title: 'Sign in to tenant', arguments: [{ tenantId: t.tenantId, accountId: t.account.id }] },
    },
  }));
}

/** The test seam's connection: one static credential against a local fake Resource Manager. */
export function seamLive(seam: TestSeam, filter: SubscriptionFilter, log: SourceLog, env: (source: IdentitySource) => TreeEnv): Live {
  const clients = createClients({ credential: seam.credential, endpoint: seam.endpoint, agent: seam.agent, retry: { maxRetries: 1, retryDelayInMs: 50, maxRetryDelayInMs: 200 } });
  const source = new LiveSource(new AzureLoader(clients), [...filter.subscriptions], log);
  return {
    accounts: ['test account'], cloud: null, source, env: env(source), directory: null, clientsFor: () => clients,
    listAll: (signal) => new AzureLoader(clients).listSubscriptions(signal),
    listTenants: async () => ({ ok: true, value: [] }),
  };
}

/**
 * The signed-in accounts' connection: each (account, tenant) pair reads with its own session, through clients built
 * for the cloud's Resource Manager (and `agent`, when tests give one).
 */
export function accountsLive(
  sessions: SessionBroker, accounts: readonly AccountInfo[], cloud: Cloud, filter: SubscriptionFilter, log: SourceLog,
  env: (source: IdentitySource) => TreeEnv, agent?: Agent,
): Live {
  const armScope = `${cloud.armEndpoint}/.default`;
  const clientsFor = (credential: TokenCredential) => createClients({ credential, endpoint: cloud.armEndpoint, ...(agent ? { agent } : {}) });
  const signedIn: SessionBroker = { accounts: async () => accounts, token: sessions.token.bind(sessions) };
  const directory = new AzureDirectory(signedIn, clientsFor, filter, armScope);
  const source = new LiveSource(directory, [], log);
  return {
    accounts: accounts.map((a) => a.label), cloud, source, directory,
    env: { ...env(source), origin: (id) => directory.describeOrigin(id), notices: () => tenantNotices(directory) },
    clientsFor: (id) => directory.clientsOf(id),
    listAll: (signal) => new AzureDirectory(signedIn, clientsFor, NO_FILTER, armScope).listSubscriptions(signal),
    listTenants: (signal) => new AzureDirectory(sessions, clientsFor, NO_FILTER, armScope).listTenants(signal),
  };
}
