import type { YNode } from '../yaml/node';

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

/**
 * A `use` label value that turns workload identity off on purpose: the boolean false or the strings a reader takes for
 * it ("false", "no", "off", "disabled", "0", any case). The webhook leaves such a pod alone, as the author meant.
 */
export function isUseLabelOptOut(n: YNode | null | undefined): boolean {
  if (!n || n.kind !== 'scalar' || n.unknown) return false;
  if (n.value === false) return true;
  return typeof n.value === 'string' && /^(?:false|no|off|n|disabled?|0)$/i.test(n.value.trim());
}
