import type { ParsedDocument } from '../yaml/parse';
import { get, getPath, isMap, isSeq, knownStr, str, type YMap, type YNode, type YPair, type YSeq } from '../yaml/node';

/** A Kubernetes object read from one YAML document; every field keeps its source node for ranges. */
export interface KObject {
  file: string;
  doc: ParsedDocument;
  root: YMap;
  apiVersion: string | null;
  kind: string | null;
  kindNode: YNode | null;
  /** Null when absent or unknown (template/placeholder). */
  name: string | null;
  nameNode: YNode | null;
  /**
   * Effective namespace, resolved once for every rule, hover and fix: a kustomize build's namespace, else the stated
   * one, else the default (null in a Helm template: the release namespace). Null for cluster-scoped kinds or an
   * unknown namespace.
   */
  namespace: string | null;
  namespaceNode: YNode | null;
  /** Where the namespace comes from; null for cluster-scoped kinds. */
  namespaceFrom: NamespaceSource | null;
  /** A kustomize patch: a partial object merged onto another, so what it leaves out says nothing. */
  partial: boolean;
  metadata: YMap | null;
  labels: YMap | null;
  annotations: YMap | null;
  podSpecs: PodSpec[];
}

export type NamespaceSource = 'explicit' | 'kustomize' | 'default' | 'unknown';

/** How the documents of one file are read. */
export interface ReadContext {
  /** Namespace of objects that state none; null when unknown (a Helm template's release namespace). */
  defaultNamespace: string | null;
  /** A kustomize build's namespace, which replaces the stated one; undefined: no build sets one; null: unknown. */
  buildNamespace?: string | null;
  /** The file is a kustomize patch. */
  partial?: boolean;
}

export interface EnvVar {
  name: string | null;
  /** Literal value, or null when absent, unknown or taken from valueFrom. */
  value: string | null;
  node: YMap;
  valueNode: YNode | null;
  fromRef: boolean;
}

export interface Container {
  name: string | null;
  nameNode: YNode | null;
  node: YMap;
  list: 'containers' | 'initContainers' | 'ephemeralContainers';
  env: EnvVar[];
  envSeq: YSeq | null;
  /** The container reads variables from ConfigMaps or Secrets (`envFrom`): which ones is unknown here. */
  envFrom: boolean;
  args: YSeq | null;
  command: YSeq | null;
}

export interface PodSpec {
  owner: KObject;
  /** Keys from the document root to the pod spec, e.g. ['spec', 'template', 'spec']. */
  path: string[];
  spec: YMap;
  /** Keys from the root to the map holding the pod's `metadata` (the template, or the root for a Pod). */
  templatePath: string[];
  template: YMap;
  templateMeta: YMap | null;
  labels: YMap | null;
  annotations: YMap | null;
  /** The pair that names the ServiceAccount: serviceAccountName, else the deprecated serviceAccount. */
  serviceAccountPair: YPair | null;
  /** The ServiceAccount the pod runs as ('default' when unset), or null when unknown. */
  serviceAccountName: string | null;
  automountPair: YPair | null;
  hostNetwork: boolean;
  containers: Container[];
}

export const CLUSTER_SCOPED = new Set([
  'ClusterRole', 'ClusterRoleBinding', 'Namespace', 'Node', 'PersistentVolume', 'StorageClass',
  'CustomResourceDefinition', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
  'PriorityClass', 'APIService', 'CertificateSigningRequest', 'IngressClass', 'RuntimeClass',
  'CSIDriver', 'CSINode', 'VolumeAttachment', 'ComponentStatus', 'FlowSchema', 'PriorityLevelConfiguration',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding', 'ClusterTrustBundle', 'DeviceClass', 'ResourceSlice', 'IPAddress', 'ServiceCIDR',
  'SelfSubjectReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview', 'TokenReview',
]);

/** Where each kind keeps its pod template (the map that has `metadata` and `spec`). */
export const POD_TEMPLATE_PATHS: Record<string, string[]> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  PodTemplate: ['template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** Where custom resources keep a pod template, found by shape (KEDA ScaledJob, Argo Rollout, DeploymentConfig…). */
const SHAPED_TEMPLATE_PATHS: string[][] = [
  ['spec', 'template'],
  ['spec', 'jobTargetRef', 'template'],
  ['spec', 'jobTemplate', 'spec', 'template'],
];

function hasContainers(root: YMap, templatePath: string[]): boolean {
  return isSeq(getPath(root, [...templatePath, 'spec', 'containers']));
}

function pairIn(map: YMap | null, key: string): YPair | null {
  if (!map) return null;
  for (let i = map.pairs.length - 1; i >= 0; i--) if (map.pairs[i].key === key) return map.pairs[i];
  return null;
}

function asMap(n: YNode | null | undefined): YMap | null {
  return isMap(n) ? n : null;
}

/** The list itself when empty, else an exact-size copy: a list grown by push keeps room for 16 or more. */
function compact<T>(xs: T[]): T[] {
  return xs.length ? xs.slice() : xs;
}

function readContainers(spec: YMap): Container[] {
  const out: Container[] = [];
  for (const list of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    const seq = get(spec, list);
    if (!isSeq(seq)) continue;
    for (const item of seq.items) {
      if (!isMap(item)) continue;
      const envSeq = get(item, 'env');
      const env: EnvVar[] = [];
      if (isSeq(envSeq)) {
        for (const e of envSeq.items) {
          if (!isMap(e)) continue;
          const valueNode = get(e, 'value');
          env.push({ name: knownStr(get(e, 'name')), value: knownStr(valueNode), node: e, valueNode, fromRef: !!get(e, 'valueFrom') });
        }
      }
      const args = get(item, 'args');
      const command = get(item, 'command');
      out.push({
        name: knownStr(get(item, 'name')), nameNode: get(item, 'name'), node: item, list, env: compact(env), envFrom: !!get(item, 'envFrom'),
        envSeq: isSeq(envSeq) ? envSeq : null, args: isSeq(args) ? args : null, command: isSeq(command) ? command : null,
      });
    }
  }
  return compact(out);
}

function readPodSpec(owner: KObject, templatePath: string[]): PodSpec | null {
  const template = templatePath.length ? asMap(getPath(owner.root, templatePath)) : owner.root;
  if (!template) return null;
  const spec = asMap(get(template, 'spec'));
  if (!spec) return null;
  const templateMeta = asMap(get(template, 'metadata'));
  const saName = pairIn(spec, 'serviceAccountName');
  const saOld = pairIn(spec, 'serviceAccount');
  const saPair = saName ?? saOld;
  let saValue: string | null = 'default';
  const saNode = saPair?.value ?? null;
  // A patch that does not name one leaves the target's ServiceAccount as it is: unknown here.
  if (!saPair && owner.partial) saValue = null;
  // An empty or null name is unset, so the pod runs as `default`.
  else if (saPair && saNode && !(saNode.kind === 'scalar' && !saNode.unknown && (saNode.value === null || saNode.value === ''))) {
    saValue = saNode.unknown ? null : str(saNode);
  }
  const hostNetwork = get(spec, 'hostNetwork');
  return {
    owner, path: [...templatePath, 'spec'], spec, templatePath, template, templateMeta,
    labels: asMap(get(templateMeta, 'labels')), annotations: asMap(get(templateMeta, 'annotations')),
    serviceAccountPair: saPair, serviceAccountName: saValue, automountPair: pairIn(spec, 'automountServiceAccountToken'),
    hostNetwork: !!hostNetwork && hostNetwork.kind === 'scalar' && hostNetwork.value === true,
    containers: readContainers(spec),
  };
}

/** Reads the object of one document, or null when the document is not a Kubernetes object. */
export function readObject(file: string, doc: ParsedDocument, context: ReadContext | string): KObject | null {
  const ctx: ReadContext = typeof context === 'string' ? { defaultNamespace: context } : context;
  const root = doc.root;
  if (!isMap(root)) return null;
  const kindNode = get(root, 'kind');
  const apiNode = get(root, 'apiVersion');
  if (!kindNode && !apiNode) return null;
  const kind = knownStr(kindNode);
  const metadata = asMap(get(root, 'metadata'));
  const nameNode = get(metadata, 'name');
  const namespaceNode = get(metadata, 'namespace');
  let namespace: string | null = null;
  let namespaceFrom: NamespaceSource | null = null;
  if (!kind || !CLUSTER_SCOPED.has(kind)) {
    if (ctx.buildNamespace !== undefined) {
      namespace = ctx.buildNamespace;
      namespaceFrom = namespace === null ? 'unknown' : 'kustomize';
    } else if (namespaceNode && (namespaceNode.unknown || str(namespaceNode))) {
      namespace = namespaceNode.unknown ? null : str(namespaceNode);
      namespaceFrom = namespace === null ? 'unknown' : 'explicit';
    } else {
      namespace = ctx.defaultNamespace;
      namespaceFrom = namespace === null ? 'unknown' : 'default';
    }
  }
  const obj: KObject = {
    file, doc, root, apiVersion: knownStr(apiNode), kind, kindNode, name: knownStr(nameNode), nameNode,
    namespace, namespaceNode, namespaceFrom, partial: !!ctx.partial, metadata,
    labels: asMap(get(metadata, 'labels')), annotations: asMap(get(metadata, 'annotations')), podSpecs: [],
  };
  const templatePath = kind ? POD_TEMPLATE_PATHS[kind] : undefined;
  const path = templatePath ?? (kind ? SHAPED_TEMPLATE_PATHS.find((p) => hasContainers(root, p)) : undefined);
  if (path) {
    const ps = readPodSpec(obj, path);
    if (ps) obj.podSpecs = [ps];
  }
  return obj;
}

/**
 * The objects of one document: the object itself, or each item of a `kind: List` (each read as a document of its
 * own, so ranges, suppressions and hovers stay per item).
 */
export function readObjects(file: string, doc: ParsedDocument, context: ReadContext): KObject[] {
  const root = doc.root;
  const items = isMap(root) && knownStr(get(root, 'kind')) === 'List' ? get(root, 'items') : null;
  if (!isSeq(items)) {
    const o = readObject(file, doc, context);
    return o ? [o] : [];
  }
  const out: KObject[] = [];
  for (const item of items.items) {
    if (!isMap(item)) continue;
    const o = readObject(file, { index: doc.index, start: item.start, end: item.end, root: item }, context);
    if (o) out.push(o);
  }
  return out;
}

/** The pair of `key` in a labels/annotations map. */
export function entry(map: YMap | null, key: string): YPair | null {
  return pairIn(map, key);
}

export function entryValue(map: YMap | null, key: string): string | null {
  const p = pairIn(map, key);
  return p && p.value ? knownStr(p.value) : null;
}
