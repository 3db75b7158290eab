import type { IacFacts, IacRoleAssignment, IacValue } from '../../iac/types';
import { builtInRoles, type AzureRole } from '../../knowledge/azure-data';
import { findRole } from '../../knowledge/roles';
import { levenshteinWithin } from '../../text/edit-distance';
import { credentialsOf, lit } from './shared';

/** The built-in role an assignment names (by name or id), or null when not literal or not built-in. */
export function assignedRole(ra: IacRoleAssignment): { role: AzureRole; value: IacValue } | null {
  for (const v of [ra.roleName, ra.roleDefinitionId]) {
    const s = lit(v);
    const role = s === null ? undefined : findRole(s);
    if (role && v) return { role, value: v };
  }
  return null;
}

/** The closest built-in role name (edit distance ≤ 3, ignoring case), for "did you mean". */
export function closestRoleName(name: string): string | null {
  const want = name.trim().toLowerCase();
  let best: string | null = null;
  let bestD = 4;
  for (const r of builtInRoles()) {
    const d = levenshteinWithin(r.name.toLowerCase(), want, 3);
    if (d < bestD) {
      bestD = d;
      best = r.name;
    }
  }
  return best;
}

export function closestRoleGuid(guid: string): AzureRole | null {
  const want = guid.toLowerCase();
  return builtInRoles().find((r) => levenshteinWithin(r.id.toLowerCase(), want, 2) <= 2) ?? null;
}

// Azure resource types of the Terraform resources an assignment is commonly scoped to.
const ARM_TYPES: Record<string, string> = {
  azurerm_key_vault: 'Microsoft.KeyVault/vaults',
  azurerm_storage_account: 'Microsoft.Storage/storageAccounts',
  azurerm_storage_container: 'Microsoft.Storage/storageAccounts/blobServices/containers',
  azurerm_storage_queue: 'Microsoft.Storage/storageAccounts/queueServices/queues',
  azurerm_storage_share: 'Microsoft.Storage/storageAccounts/fileServices/shares',
  azurerm_storage_table: 'Microsoft.Storage/storageAccounts/tableServices/tables',
  azurerm_container_registry: 'Microsoft.ContainerRegistry/registries',
  azurerm_servicebus_namespace: 'Microsoft.ServiceBus/namespaces',
  azurerm_servicebus_queue: 'Microsoft.ServiceBus/namespaces/queues',
  azurerm_servicebus_topic: 'Microsoft.ServiceBus/namespaces/topics',
  azurerm_eventhub_namespace: 'Microsoft.EventHub/namespaces',
  azurerm_eventhub: 'Microsoft.EventHub/namespaces/eventhubs',
  azurerm_app_configuration: 'Microsoft.AppConfiguration/configurationStores',
  azurerm_kubernetes_cluster: 'Microsoft.ContainerService/managedClusters',
  azurerm_user_assigned_identity: 'Microsoft.ManagedIdentity/userAssignedIdentities',
  azurerm_cosmosdb_account: 'Microsoft.DocumentDB/databaseAccounts',
  azurerm_search_service: 'Microsoft.Search/searchServices',
  azurerm_cognitive_account: 'Microsoft.CognitiveServices/accounts',
  azurerm_redis_cache: 'Microsoft.Cache/redis',
  azurerm_log_analytics_workspace: 'Microsoft.OperationalInsights/workspaces',
  azurerm_signalr_service: 'Microsoft.SignalRService/SignalR',
  azurerm_web_pubsub: 'Microsoft.SignalRService/WebPubSub',
};

/** The Azure resource type a scope names, when it is one resource (not a subscription or resource group). */
export function scopeType(v: IacValue): string | null {
  if (v.kind === 'ref') {
    if (v.attribute !== 'id' || !v.targetType) return null;
    return v.targetType.includes('/') ? v.targetType : ARM_TYPES[v.targetType] ?? null;
  }
  const s = lit(v);
  if (s === null) return null;
  const m = /\/providers\/(.+)$/i.exec(s);
  if (!m) return null;
  const parts = m[1].split('/').filter(Boolean);
  if (parts.length < 3 || parts.length % 2 === 0) return null;
  const types = [parts[0], ...parts.slice(1).filter((_p, i) => i % 2 === 0)];
  return `${types[0]}/${types.slice(1).join('/')}`;
}

/** The identity whose principal an assignment is for, when it is a workload identity (has federated credentials). */
export function workloadIdentityOf(ra: IacRoleAssignment, facts: IacFacts): { address: string; fics: number } | null {
  const p = ra.principal;
  if (p.kind !== 'ref' || p.attribute !== 'principalId') return null;
  const identity = facts.identities.find((i) => i.address === p.target);
  if (!identity) return null;
  const fics = credentialsOf(identity, facts).fics.filter((f) => !f.repeatedUnknown).length;
  return fics > 0 ? { address: identity.address, fics } : null;
}
