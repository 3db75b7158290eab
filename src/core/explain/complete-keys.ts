// Which identity label and annotation keys make sense where the cursor is: the object's kind and whether the
// mapping is the object's own metadata or its pod template's, minus the keys the mapping already has.
import { identityKeys } from '../knowledge/data';

/** Where a metadata mapping sits: a ServiceAccount's own, a pod's (a Pod or any workload's pod template), an AzureIdentity's. */
export type KeyPosition = 'serviceAccount' | 'podTemplate' | 'azureIdentity';

export interface KeySuggestion {
  key: string;
  kind: 'annotation' | 'label';
  /** One line of the completion details pane at its default width (36 characters). */
  detail: string;
  /** Snippet text of the value (without quotes). */
  placeholder: string;
  deprecated: boolean;
}

interface KeySpec {
  key: string;
  short: string;
  placeholder: string;
}

// Most likely first: the Azure keys an AKS user sets every time, then the other clouds' main key, then options.
const SERVICE_ACCOUNT_ANNOTATIONS: KeySpec[] = [
  { key: 'azure.workload.identity/client-id', short: 'Azure: client id of the identity', placeholder: '00000000-0000-0000-0000-000000000000' },
  { key: 'azure.workload.identity/tenant-id', short: 'Azure: tenant of the identity', placeholder: '00000000-0000-0000-0000-000000000000' },
  { key: 'azure.workload.identity/service-account-token-expiration', short: 'Azure: token lifetime (seconds)', placeholder: '3600' },
  { key: 'eks.amazonaws.com/role-arn', short: 'EKS: IAM role the pods assume', placeholder: 'arn:aws:iam::111122223333:role/role-name' },
  { key: 'iam.gke.io/gcp-service-account', short: 'GKE: Google service account', placeholder: 'GSA_NAME@PROJECT_ID.iam.gserviceaccount.com' },
  { key: 'eks.amazonaws.com/audience', short: 'EKS: audience of the token', placeholder: 'sts.amazonaws.com' },
  { key: 'eks.amazonaws.com/sts-regional-endpoints', short: 'EKS: use regional STS endpoint', placeholder: 'true' },
  { key: 'eks.amazonaws.com/token-expiration', short: 'EKS: token lifetime (seconds)', placeholder: '86400' },
];

const POD_ANNOTATIONS: KeySpec[] = [
  { key: 'azure.workload.identity/inject-proxy-sidecar', short: 'Azure: add the token proxy sidecar', placeholder: 'true' },
  { key: 'azure.workload.identity/skip-containers', short: 'Azure: containers without token', placeholder: 'container1;container2' },
  { key: 'azure.workload.identity/proxy-sidecar-port', short: 'Azure: port of the proxy sidecar', placeholder: '8000' },
  { key: 'azure.workload.identity/service-account-token-expiration', short: 'Azure: token lifetime (seconds)', placeholder: '3600' },
  { key: 'eks.amazonaws.com/skip-containers', short: 'EKS: containers without token', placeholder: 'container1,container2' },
  { key: 'eks.amazonaws.com/token-expiration', short: 'EKS: token lifetime (seconds)', placeholder: '86400' },
];

const POD_LABELS: KeySpec[] = [
  { key: 'azure.workload.identity/use', short: 'Azure: inject the identity token', placeholder: 'true' },
  { key: 'aadpodidbinding', short: 'Deprecated: aad-pod-identity binding', placeholder: 'binding-selector' },
];

const AZURE_IDENTITY_ANNOTATIONS: KeySpec[] = [
  { key: 'aadpodidentity.k8s.io/Behavior', short: 'Deprecated: own namespace only', placeholder: 'namespaced' },
];

const POD_TEMPLATE_PATH: Record<string, string[]> = {
  Pod: ['metadata'],
  Deployment: ['spec', 'template', 'metadata'],
  StatefulSet: ['spec', 'template', 'metadata'],
  DaemonSet: ['spec', 'template', 'metadata'],
  ReplicaSet: ['spec', 'template', 'metadata'],
  Job: ['spec', 'template', 'metadata'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'],
};

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The metadata mapping `parents` (the YAML keys enclosing the cursor, outermost first) is in, for an object of `kind`. */
export function keyPosition(kind: string | null, parents: string[]): { position: KeyPosition; kind: 'annotation' | 'label' } | null {
  const last = parents[parents.length - 1];
  if (last !== 'annotations' && last !== 'labels') return null;
  const keyKind = last === 'annotations' ? 'annotation' : 'label';
  const metadata = parents.slice(0, -1);
  if (!kind) return null;
  if (kind === 'ServiceAccount' && same(metadata, ['metadata'])) return { position: 'serviceAccount', kind: keyKind };
  if (kind === 'AzureIdentity' && same(metadata, ['metadata'])) return { position: 'azureIdentity', kind: keyKind };
  const path = POD_TEMPLATE_PATH[kind];
  if (path && same(metadata, path)) return { position: 'podTemplate', kind: keyKind };
  return null;
}

function specsFor(position: KeyPosition, kind: 'annotation' | 'label'): KeySpec[] {
  if (position === 'serviceAccount') return kind === 'annotation' ? SERVICE_ACCOUNT_ANNOTATIONS : [];
  if (position === 'podTemplate') return kind === 'annotation' ? POD_ANNOTATIONS : POD_LABELS;
  return kind === 'annotation' ? AZURE_IDENTITY_ANNOTATIONS : [];
}

/** The keys to offer at a position, most likely first, deprecated ones last, without those in `present`. */
export function keySuggestions(position: KeyPosition, kind: 'annotation' | 'label', present: ReadonlySet<string>): KeySuggestion[] {
  const out: KeySuggestion[] = [];
  for (const s of specsFor(position, kind)) {
    if (present.has(s.key)) continue;
    const deprecated = identityKeys.find((k) => k.key === s.key)?.provider === 'aad-pod-identity';
    out.push({ key: s.key, kind, detail: s.short, placeholder: s.placeholder, deprecated });
  }
  return out.sort((a, b) => Number(a.deprecated) - Number(b.deprecated));
}

/** Full description of a key for the documentation part of the completion item. */
export function keyDocumentation(key: string): string {
  const k = identityKeys.find((x) => x.key === key);
  if (!k) return '';
  const deprecated = k.provider === 'aad-pod-identity' ? '\n\n**Deprecated**: aad-pod-identity was retired; use Azure Workload Identity.' : '';
  return `${k.meaning}${deprecated}`;
}

const KEY_LINE = /^(\s*)(["']?)([^"'#:\s][^#:]*?)\2\s*:(?:\s|$)/;

/**
 * The keys of the block mapping the cursor's line belongs to: lines above and below with the same indentation, up to
 * a line indented less. The cursor's own line does not count (its key is being typed).
 */
export function siblingKeys(lines: string[], lineNo: number, indent: number): Set<string> {
  const keys = new Set<string>();
  const visit = (i: number): boolean => {
    const t = lines[i];
    if (!t.trim() || t.trimStart().startsWith('#')) return true;
    if (/^(---|\.\.\.)/.test(t)) return false;
    const lead = t.length - t.trimStart().length;
    if (lead < indent) return false;
    const m = KEY_LINE.exec(t);
    if (lead === indent && m) keys.add(m[3]);
    return true;
  };
  for (let i = lineNo - 1; i >= 0 && visit(i); i--);
  for (let i = lineNo + 1; i < lines.length && visit(i); i++);
  return keys;
}

/** The `kind:` of the YAML document around `offset` (a top-level key, before or after the cursor). */
export function documentKind(text: string, offset: number): string | null {
  const startMatch = [...text.slice(0, offset).matchAll(/^---.*$/gm)].pop();
  const start = startMatch ? startMatch.index! + startMatch[0].length : 0;
  const rest = text.slice(offset);
  const endRel = /^---/m.exec(rest);
  const doc = text.slice(start, endRel ? offset + endRel.index : text.length);
  return /^kind\s*:\s*["']?([A-Za-z0-9]+)["']?\s*(?:#.*)?$/m.exec(doc)?.[1] ?? null;
}
