import type { WorkspaceIndex } from '../../index/workspace-index';
import type { Container, KObject, PodSpec } from '../../model/objects';
import { get, getPath, isMap, isSeq, knownStr, str, type YMap, type YNode, type YPair } from '../../yaml/node';

/** A volume of a pod spec, with what backs it. */
export interface PodVolume {
  name: string;
  node: YMap;
  /** Secrets the volume shows as files (`secret`, or `secret` sources of a `projected` volume); null names unknown. */
  secrets: (string | null)[];
  /** The SecretProviderClass a secrets-store CSI volume mounts, and its value node. */
  providerClass: { name: string | null; node: YNode } | null;
  /** `csi.nodePublishSecretRef.name` (service principal credentials for the CSI driver). */
  nodePublishSecret: { name: string | null; node: YNode } | null;
}

export interface VolumeMount {
  volume: string | null;
  mountPath: string | null;
  mountPathNode: YNode | null;
  subPath: string | null;
  node: YMap;
}

export const CSI_DRIVER = 'secrets-store.csi.k8s.io';

export function podVolumes(pod: PodSpec): PodVolume[] {
  const seq = get(pod.spec, 'volumes');
  const out: PodVolume[] = [];
  if (!isSeq(seq)) return out;
  for (const v of seq.items) {
    if (!isMap(v)) continue;
    const name = knownStr(get(v, 'name'));
    if (!name) continue;
    const secrets: (string | null)[] = [];
    const secret = get(v, 'secret');
    if (isMap(secret)) secrets.push(knownStr(get(secret, 'secretName')));
    const sources = getPath(v, ['projected', 'sources']);
    if (isSeq(sources)) {
      for (const s of sources.items) {
        const sec = get(s, 'secret');
        if (isMap(sec)) secrets.push(knownStr(get(sec, 'name')));
      }
    }
    let providerClass: PodVolume['providerClass'] = null;
    let nodePublishSecret: PodVolume['nodePublishSecret'] = null;
    const csi = get(v, 'csi');
    if (isMap(csi) && knownStr(get(csi, 'driver')) === CSI_DRIVER) {
      const cls = getPath(csi, ['volumeAttributes', 'secretProviderClass']);
      if (cls) providerClass = { name: knownStr(cls), node: cls };
      const np = getPath(csi, ['nodePublishSecretRef', 'name']);
      if (np) nodePublishSecret = { name: knownStr(np), node: np };
    }
    out.push({ name, node: v, secrets, providerClass, nodePublishSecret });
  }
  return out;
}

export function volumeMounts(c: Container): VolumeMount[] {
  const seq = get(c.node, 'volumeMounts');
  const out: VolumeMount[] = [];
  if (!isSeq(seq)) return out;
  for (const m of seq.items) {
    if (!isMap(m)) continue;
    const mp = get(m, 'mountPath');
    out.push({ volume: knownStr(get(m, 'name')), mountPath: knownStr(mp), mountPathNode: mp, subPath: knownStr(get(m, 'subPath')), node: m });
  }
  return out;
}

/** The mount a file path lies in (deepest mount path first), or null. */
export function mountOf(c: Container, path: string): VolumeMount | null {
  let best: VolumeMount | null = null;
  for (const m of volumeMounts(c)) {
    if (!m.mountPath) continue;
    const base = m.mountPath.replace(/\/+$/, '');
    const inside = path === base || path.startsWith(`${base}/`);
    if (inside && (!best || base.length > (best.mountPath ?? '').length)) best = m;
  }
  return best;
}

/** Where a pod spec reads a Secret: an env var, an envFrom, a volume, the CSI driver's nodePublishSecretRef. */
export interface SecretRead {
  pod: PodSpec;
  secret: string;
  /** The node naming the Secret. */
  node: YNode;
  how: string;
}

export function secretReads(pod: PodSpec): SecretRead[] {
  const out: SecretRead[] = [];
  for (const c of pod.containers) {
    for (const e of c.env) {
      const ref = getPath(e.node, ['valueFrom', 'secretKeyRef', 'name']);
      const name = knownStr(ref);
      if (ref && name) out.push({ pod, secret: name, node: ref, how: `variable ${e.name ?? '(unnamed)'} of container ${c.name ?? '(unnamed)'}` });
    }
    const ef = get(c.node, 'envFrom');
    if (isSeq(ef)) {
      for (const item of ef.items) {
        const ref = getPath(item, ['secretRef', 'name']);
        const name = knownStr(ref);
        if (ref && name) out.push({ pod, secret: name, node: ref, how: `envFrom of container ${c.name ?? '(unnamed)'}` });
      }
    }
  }
  const vseq = get(pod.spec, 'volumes');
  if (isSeq(vseq)) {
    for (const v of vseq.items) {
      const nodes: YNode[] = [];
      const s = getPath(v, ['secret', 'secretName']);
      if (s) nodes.push(s);
      const sources = getPath(v, ['projected', 'sources']);
      if (isSeq(sources)) for (const src of sources.items) {
        const n = getPath(src, ['secret', 'name']);
        if (n) nodes.push(n);
      }
      const np = getPath(v, ['csi', 'nodePublishSecretRef', 'name']);
      if (np) nodes.push(np);
      for (const n of nodes) {
        const name = knownStr(n);
        if (name) out.push({ pod, secret: name, node: n, how: `volume ${knownStr(get(v, 'name')) ?? '(unnamed)'}` });
      }
    }
  }
  return out;
}

/** Every pod spec of the workspace in this namespace. */
export function podSpecsIn(index: WorkspaceIndex, namespace: string): PodSpec[] {
  const out: PodSpec[] = [];
  for (const f of index.files()) for (const o of f.objects) if (o.namespace === namespace) out.push(...o.podSpecs);
  return out;
}

// --- Secrets-store CSI driver, Azure provider -------------------------------------------------------------------

export interface ProviderClass {
  obj: KObject;
  parameters: YMap | null;
  /** A parameter's pair (last one wins, as in a Go map read from YAML). */
  param(key: string): YPair | null;
  /** A parameter's known string value; undefined when absent, null when unknown. */
  value(key: string): string | null | undefined;
}

export function isProviderClass(o: KObject): boolean {
  return o.kind === 'SecretProviderClass' && !!o.apiVersion && o.apiVersion.startsWith('secrets-store.csi.x-k8s.io/');
}

/** An Azure SecretProviderClass (`spec.provider: azure`), or null. */
export function azureProviderClass(o: KObject): ProviderClass | null {
  if (!isProviderClass(o)) return null;
  if (knownStr(getPath(o.root, ['spec', 'provider'])) !== 'azure') return null;
  const p = getPath(o.root, ['spec', 'parameters']);
  const parameters = isMap(p) ? p : null;
  const param = (key: string): YPair | null => {
    if (!parameters) return null;
    for (let i = parameters.pairs.length - 1; i >= 0; i--) if (parameters.pairs[i].key === key) return parameters.pairs[i];
    return null;
  };
  return {
    obj: o, parameters, param,
    value(key) {
      const pair = param(key);
      if (!pair) return undefined;
      if (!pair.value) return '';
      if (pair.value.unknown) return null;
      return str(pair.value) ?? '';
    },
  };
}

/** Go's strconv.ParseBool, which the provider uses for its flags: true, false, or null when it fails to parse. */
export function parseBool(v: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return null;
}

export type ProviderMode = 'workload-identity' | 'pod-identity' | 'vm-identity' | 'service-principal' | 'unknown';

/** How the provider signs in for this class (its flags as the provider reads them; an empty flag is false). */
export function modeOf(pc: ProviderClass): ProviderMode {
  const flag = (k: string): boolean | null => {
    const v = pc.value(k);
    if (v === undefined || v === '') return false;
    return v === null ? null : parseBool(v.trim());
  };
  const pod = flag('usePodIdentity');
  const vm = flag('useVMManagedIdentity');
  if (pod === null || vm === null) return 'unknown';
  if (pod) return 'pod-identity';
  if (vm) return 'vm-identity';
  const client = pc.value('clientID');
  if (client === null) return 'unknown';
  return client && client.trim() ? 'workload-identity' : 'service-principal';
}

/** The tenant parameter: the provider reads `tenantId` (and `tenantID`, which its docs show). */
export function tenantParam(pc: ProviderClass): YPair | null {
  return pc.param('tenantId') ?? pc.param('tenantID');
}

/** Pod specs of the workspace that mount this class through the secrets-store CSI driver, with the value node. */
export function podsMounting(index: WorkspaceIndex, cls: KObject): { pod: PodSpec; node: YNode }[] {
  const out: { pod: PodSpec; node: YNode }[] = [];
  if (!cls.name || cls.namespace === null) return out;
  for (const pod of podSpecsIn(index, cls.namespace)) {
    for (const v of podVolumes(pod)) if (v.providerClass?.name === cls.name) out.push({ pod, node: v.providerClass.node });
  }
  return out;
}

/** The Azure SecretProviderClass a pod's CSI volume names, when the workspace defines it. */
export function providerClassFor(index: WorkspaceIndex, pod: PodSpec, name: string): ProviderClass | null {
  if (pod.owner.namespace === null) return null;
  for (const o of index.find('SecretProviderClass', pod.owner.namespace, name)) {
    const pc = azureProviderClass(o);
    if (pc) return pc;
  }
  return null;
}
