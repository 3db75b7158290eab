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

/** Optimal-string-alignment distance (a swap of neighbours counts once), giving up above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length][b.length];
}
