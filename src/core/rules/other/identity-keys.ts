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

// Three rows of the distance table, reused across calls: the rules ask for a distance per key of every object.
let rowsSize = 0;
let twoBack = new Int32Array(0);
let oneBack = new Int32Array(0);
let current = new Int32Array(0);

/** Optimal-string-alignment distance (a swap of neighbours counts once), giving up above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  if (n + 1 > rowsSize) {
    rowsSize = Math.max(n + 1, 2 * rowsSize);
    twoBack = new Int32Array(rowsSize);
    oneBack = new Int32Array(rowsSize);
    current = new Int32Array(rowsSize);
  }
  let pp = twoBack;
  let prev = oneBack;
  let cur = current;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    // The minimum over columns 1..n only, as before: an empty `b` gives up at once.
    let best = Infinity;
    const ai = a.charCodeAt(i - 1);
    const ai2 = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = prev[j] + 1;
      const left = cur[j - 1] + 1;
      if (left < d) d = left;
      const diag = prev[j - 1] + (ai === bj ? 0 : 1);
      if (diag < d) d = diag;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && ai2 === bj) {
        const swap = pp[j - 2] + 1;
        if (swap < d) d = swap;
      }
      cur[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    const t = pp;
    pp = prev;
    prev = cur;
    cur = t;
  }
  return prev[n];
}
