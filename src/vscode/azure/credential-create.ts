import type { FederatedCredential } from '../../core/identity/graph';
import { federatedCredentialFrom } from '../../core/identity/snapshot';
import type { AzureClients } from '../../azure/clients';
import { attempt, type Result } from '../../azure/errors';
import type { FederatedCredentialPlan } from './credential-plan';

/**
 * PUTs the planned federated credential through the same client factory as every read (endpoint, token
 * scope, agent). Only ever called after the user confirmed the plan's confirmationDetail().
 */
export function putFederatedCredential(clients: AzureClients, plan: FederatedCredentialPlan, signal?: AbortSignal): Promise<Result<FederatedCredential>> {
  const { identity } = plan;
  return attempt(async () => {
    const created = await clients.msi(identity.subscriptionId).federatedIdentityCredentials.createOrUpdate(
      identity.resourceGroup, identity.name, plan.name,
      { issuer: plan.issuer, subject: plan.subject, audiences: plan.audiences },
      { abortSignal: signal },
    );
    return federatedCredentialFrom(created as unknown as Record<string, unknown>);
  });
}
