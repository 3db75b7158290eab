/** The Azure Workload Identity label and annotation keys (webhook v1.x). */
export const WI = {
  use: 'azure.workload.identity/use',
  clientId: 'azure.workload.identity/client-id',
  tenantId: 'azure.workload.identity/tenant-id',
  tokenExpiration: 'azure.workload.identity/service-account-token-expiration',
  skipContainers: 'azure.workload.identity/skip-containers',
  injectProxySidecar: 'azure.workload.identity/inject-proxy-sidecar',
  proxySidecarPort: 'azure.workload.identity/proxy-sidecar-port',
} as const;
