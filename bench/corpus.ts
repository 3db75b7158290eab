/**
 * Deterministic corpus of realistic identity/access manifests for the benchmarks: Deployments, StatefulSets,
 * CronJobs and the ServiceAccounts they run as (Azure Workload Identity, EKS IRSA, GKE annotations or none),
 * Roles/RoleBindings per namespace, ClusterRoles/ClusterRoleBindings, over ~50 namespaces, with ~5% of the
 * documents carrying a mistake a rule should find. Same seed, same bytes.
 */

export interface CorpusFile {
  path: string;
  text: string;
  docs: number;
}

export interface CorpusOptions {
  /** Stop once this many documents are written (the last file may be cut short). */
  docs?: number;
  /** Or: exactly this many files. */
  files?: number;
  seed?: number;
  /** Share of documents with an injected mistake. */
  mistakeRate?: number;
}

/** mulberry32: tiny, fast, good enough for picking fixtures, and identical on every platform. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMESPACES = Array.from({ length: 50 }, (_, i) => `team-${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26) || ''}-${['prod', 'staging', 'dev'][i % 3]}`);
const APPS = ['api', 'web', 'worker', 'billing', 'search', 'auth', 'reports', 'ingest', 'notify', 'gateway', 'cache', 'scheduler'];
const IMAGES = ['nginx:1.27', 'ghcr.io/acme/api:2.4.1', 'mcr.microsoft.com/dotnet/aspnet:8.0', 'python:3.12-slim', 'busybox:1.36'];

type Mistake =
  | 'bad-client-id' | 'use-label-missing' | 'use-label-on-deployment' | 'sa-missing' | 'wildcard' | 'secrets'
  | 'cluster-admin' | 'roleref-missing' | 'bad-role-arn' | 'bad-gsa' | 'automount' | 'exec';

class Writer {
  private readonly r: () => number;
  private serial = 0;
  constructor(seed: number, private readonly mistakeRate: number) {
    this.r = prng(seed);
  }

  int(n: number): number {
    return Math.floor(this.r() * n);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }

  guid(): string {
    const h = () => this.int(0x10000).toString(16).padStart(4, '0');
    return `${h()}${h()}-${h()}-4${h().slice(1)}-a${h().slice(1)}-${h()}${h()}${h()}`;
  }

  /** A mistake in one of a group of `docs` documents, so that the share of documents with one is the rate. */
  mistake(docs: number): boolean {
    return this.r() < this.mistakeRate * docs;
  }

  /** Documents per file: mostly small files, a long tail up to 200 (mean about 12). */
  fileSize(): number {
    const x = this.r();
    if (x < 0.7) return 1 + this.int(4);
    if (x < 0.95) return 5 + this.int(26);
    return 31 + this.int(170);
  }

  /** One application unit: its ServiceAccount, a workload, and its Role/RoleBinding. */
  unit(ns: string, flavour: 'wi' | 'irsa' | 'gke' | 'none'): string[] {
    const app = `${this.pick(APPS)}-${++this.serial}`;
    const sa = `${app}-sa`;
    const m: Mistake | null = this.mistake(4) ? this.pick<Mistake>([
      'bad-client-id', 'use-label-missing', 'use-label-on-deployment', 'sa-missing', 'wildcard', 'secrets',
      'cluster-admin', 'roleref-missing', 'bad-role-arn', 'bad-gsa', 'automount', 'exec',
    ]) : null;
    const out: string[] = [];
    const ann: string[] = [];
    if (flavour === 'wi') {
      ann.push(`    azure.workload.identity/client-id: ${m === 'bad-client-id' ? 'client-id-of-' + app : this.guid()}`);
      if (this.int(4) === 0) ann.push(`    azure.workload.identity/tenant-id: ${this.guid()}`);
    } else if (flavour === 'irsa') {
      const arn = m === 'bad-role-arn' ? `arn:aws:iam:${app}` : `arn:aws:iam::${100000000000 + this.int(899999999999)}:role/${app}`;
      ann.push(`    eks.amazonaws.com/role-arn: ${arn}`);
    } else if (flavour === 'gke') {
      ann.push(`    iam.gke.io/gcp-service-account: ${m === 'bad-gsa' ? app : `${app}@acme-${this.int(90) + 10}.iam.gserviceaccount.com`}`);
    }
    out.push([
      'apiVersion: v1',
      'kind: ServiceAccount',
      'metadata:',
      `  name: ${sa}`,
      `  namespace: ${ns}`,
      '  labels:',
      `    app.kubernetes.io/name: ${app}`,
      ...(ann.length ? ['  annotations:', ...ann] : []),
      ...(flavour === 'none' ? ['automountServiceAccountToken: false'] : []),
    ].join('\n'));
    out.push(this.workload(app, ns, m === 'sa-missing' ? `${sa}-typo` : sa, flavour, m));
    const verbs = m === 'wildcard' ? '["*"]' : '["get", "list", "watch"]';
    const resources = m === 'secrets' ? '["secrets"]' : m === 'exec' ? '["pods/exec"]' : '["configmaps", "services"]';
    out.push([
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: Role',
      'metadata:',
      `  name: ${app}-reader`,
      `  namespace: ${ns}`,
      'rules:',
      '  - apiGroups: [""]',
      `    resources: ${resources}`,
      `    verbs: ${m === 'exec' ? '["create"]' : verbs}`,
    ].join('\n'));
    const admin = m === 'cluster-admin';
    out.push([
      'apiVersion: rbac.authorization.k8s.io/v1',
      `kind: ${admin ? 'ClusterRoleBinding' : 'RoleBinding'}`,
      'metadata:',
      `  name: ${app}-reader`,
      ...(admin ? [] : [`  namespace: ${ns}`]),
      'roleRef:',
      '  apiGroup: rbac.authorization.k8s.io',
      `  kind: ${admin ? 'ClusterRole' : 'Role'}`,
      `  name: ${admin ? 'cluster-admin' : m === 'roleref-missing' ? `${app}-raeder` : `${app}-reader`}`,
      'subjects:',
      '  - kind: ServiceAccount',
      `    name: ${sa}`,
      `    namespace: ${ns}`,
    ].join('\n'));
    return out;
  }

  workload(app: string, ns: string, sa: string, flavour: string, m: Mistake | null): string {
    const kind = this.pick(['Deployment', 'Deployment', 'Deployment', 'StatefulSet', 'CronJob']);
    const wi = flavour === 'wi';
    const useLabel = wi && m !== 'use-label-missing' && m !== 'use-label-on-deployment';
    const podLabels = [`app.kubernetes.io/name: ${app}`, ...(useLabel ? ['azure.workload.identity/use: "true"'] : [])];
    const metaLabels = [`app.kubernetes.io/name: ${app}`, ...(wi && m === 'use-label-on-deployment' ? ['azure.workload.identity/use: "true"'] : [])];
    const pad = kind === 'CronJob' ? '        ' : '    ';
    const containers = Array.from({ length: 1 + this.int(2) }, (_, i) => [
      `${pad}    - name: ${i === 0 ? app : 'sidecar'}`,
      `${pad}      image: ${this.pick(IMAGES)}`,
      `${pad}      ports:`,
      `${pad}        - containerPort: ${8000 + this.int(1000)}`,
      `${pad}      env:`,
      `${pad}        - name: LOG_LEVEL`,
      `${pad}          value: ${this.pick(['info', 'debug', 'warn'])}`,
      `${pad}      resources:`,
      `${pad}        requests: { cpu: ${50 + this.int(200)}m, memory: ${64 * (1 + this.int(8))}Mi }`,
    ].join('\n'));
    const podSpec = [
      `${pad}metadata:`,
      `${pad}  labels:`,
      ...podLabels.map((l) => `${pad}    ${l}`),
      `${pad}spec:`,
      `${pad}  serviceAccountName: ${sa}`,
      ...(m === 'automount' ? [`${pad}  automountServiceAccountToken: true`] : []),
      `${pad}  containers:`,
      ...containers,
    ];
    const head = [
      `apiVersion: ${kind === 'CronJob' ? 'batch/v1' : 'apps/v1'}`,
      `kind: ${kind}`,
      'metadata:',
      `  name: ${app}`,
      `  namespace: ${ns}`,
      '  labels:',
      ...metaLabels.map((l) => `    ${l}`),
      'spec:',
    ];
    if (kind === 'CronJob') {
      return [...head, `  schedule: "${this.int(60)} * * * *"`, '  jobTemplate:', '    spec:', '      template:', ...podSpec.map((l) => l.slice(2)).map((l) => `  ${l}`)].join('\n');
    }
    return [
      ...head,
      `  replicas: ${1 + this.int(5)}`,
      ...(kind === 'StatefulSet' ? [`  serviceName: ${app}`] : []),
      '  selector:',
      '    matchLabels:',
      `      app.kubernetes.io/name: ${app}`,
      '  template:',
      ...podSpec,
    ].join('\n');
  }

  clusterLevel(i: number): string[] {
    const name = `platform-${i}`;
    const m = this.mistake(2);
    return [[
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: ClusterRole',
      'metadata:',
      `  name: ${name}`,
      'rules:',
      '  - apiGroups: ["apps"]',
      '    resources: ["deployments", "statefulsets"]',
      `    verbs: ${m ? '["get", "list", "escalate"]' : '["get", "list", "watch"]'}`,
      '  - nonResourceURLs: ["/healthz"]',
      '    verbs: ["get"]',
    ].join('\n'), [
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: ClusterRoleBinding',
      'metadata:',
      `  name: ${name}`,
      'roleRef:',
      '  apiGroup: rbac.authorization.k8s.io',
      '  kind: ClusterRole',
      `  name: ${name}`,
      'subjects:',
      '  - kind: Group',
      `    name: ${name}-operators`,
      '    apiGroup: rbac.authorization.k8s.io',
    ].join('\n')];
  }
}

/**
 * Generates the corpus: a stream of application units cut into files of 1–200 documents, so that a unit can
 * span two files (as split manifests do) and no Role loses its binding to the cut.
 */
export function generateCorpus(options: CorpusOptions): CorpusFile[] {
  const w = new Writer(options.seed ?? 7, options.mistakeRate ?? 0.05);
  const files: CorpusFile[] = [];
  const pending: string[] = [];
  let total = 0;
  let clusterSerial = 0;
  const target = options.docs ?? 1000;
  const done = () => (options.files !== undefined ? files.length >= options.files : total >= target);
  let ns = w.pick(NAMESPACES);
  while (!done()) {
    const want = options.files !== undefined ? w.fileSize() : Math.min(w.fileSize(), target - total);
    while (pending.length < want) {
      if (w.int(20) === 0) pending.push(...w.clusterLevel(++clusterSerial));
      else pending.push(...w.unit(ns, w.pick(['wi', 'wi', 'wi', 'irsa', 'gke', 'none'] as const)));
      if (w.int(8) === 0) ns = w.pick(NAMESPACES);
    }
    const docs = pending.splice(0, want);
    const path = `${String(files.length).padStart(5, '0')}-${want === 1 ? 'single' : 'bundle'}.yaml`;
    files.push({ path, text: docs.join('\n---\n') + '\n', docs: want });
    total += want;
  }
  return files;
}

/** One file of `docs` documents, for the single-large-file comparisons. */
export function largeFile(docs: number, seed = 11): CorpusFile {
  const all = generateCorpus({ docs, seed });
  return { path: 'large.yaml', text: all.map((f) => f.text).join('---\n'), docs };
}
