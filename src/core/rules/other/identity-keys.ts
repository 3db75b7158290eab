/** Identity keys of the three clouds' pod-identity webhooks, shared by the cross-cloud rules. */
export type Cloud = 'Azure' | 'AWS' | 'GCP';

export const IRSA = {
  roleArn: 'eks.amazonaws.com/role-arn',
  audience: 'eks.amazonaws.com/audience',
  stsRegional: 'eks.amazonaws.com/sts-regional-endpoints',
  tokenExpiration: 'eks.amazonaws.com/token-expiration',
  skipContainers: 'eks.amazonaws.com/skip-containers',
  podIdentity: 'eks.amazonaws.com/pod-identity',
  skipWebhook: 'eks.amazonaws.com/skip-pod-identity-webhook',
} as const;

export const GKE = {
  gsa: 'iam.gke.io/gcp-service-account',
  metadataServer: 'iam.gke.io/gke-metadata-server-enabled',
} as const;

const AZURE_KEYS = [
  'azure.workload.identity/use',
  'azure.workload.identity/client-id',
  'azure.workload.identity/tenant-id',
  'azure.workload.identity/service-account-token-expiration',
  'azure.workload.identity/skip-containers',
  'azure.workload.identity/inject-proxy-sidecar',
  'azure.workload.identity/proxy-sidecar-port',
];

/** Every known key with its cloud. */
export const KNOWN_KEYS: ReadonlyMap<string, Cloud> = new Map<string, Cloud>([
  ...AZURE_KEYS.map((k) => [k, 'Azure'] as [string, Cloud]),
  ...Object.values(IRSA).map((k) => [k, 'AWS'] as [string, Cloud]),
  ...Object.values(GKE).map((k) => [k, 'GCP'] as [string, Cloud]),
]);

/** The custom token endpoint annotation `azure.workload.identity/use-<suffix>` (webhook v1.6.0). */
export function isAzureCustomEndpointKey(key: string): boolean {
  return key.startsWith('azure.workload.identity/use-') && key.length > 'azure.workload.identity/use-'.length;
}

/** The cloud whose identity webhook reads this key, or null. */
export function cloudOfKey(key: string): Cloud | null {
  if (KNOWN_KEYS.has(key)) return KNOWN_KEYS.get(key) ?? null;
  return isAzureCustomEndpointKey(key) ? 'Azure' : null;
}
