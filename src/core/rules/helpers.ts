import type { WorkspaceIndex } from '../index/workspace-index';
// Shared with hovers and the editor's adapters, so they live a floor below the rules; re-exported for the rules.
export { WI } from '../model/workload-identity';
export { setAnnotation } from '../model/object-edits';
export { podSpecsUsing, podSpecsAmong } from '../index/pod-queries';
import type { KObject, PodSpec } from '../model/objects';
import { ensurePath } from '../yaml/edit';
import type { TextEdit } from '../text/types';
import { isScalar, type YNode, type YPair } from '../yaml/node';


const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(s: string): boolean {
  return GUID.test(s);
}

/**
 * "Deployment api (namespace shop)" — how messages name an object. A name that is a template or a placeholder is
 * shown as written (`{{ include "app.fullname" . }}`, `KSA_NAME`): that is what the reader finds in the file.
 */
export function describe(o: KObject): string {
  // Long enough for a Helm chart's `{{ template "<chart>.fullname" . }}`; longer expressions would swamp the message.
  const written = isScalar(o.nameNode) && o.nameNode.source.length <= 90 ? o.nameNode.source.trim() : '';
  const name = o.name ?? (written || '(unnamed)');
  return o.namespace ? `${o.kind} ${name} (namespace ${o.namespace})` : `${o.kind} ${name}`;
}

/** Start/end of a node, for reports. */
export function span(n: { start: number; end: number }): { start: number; end: number } {
  return { start: n.start, end: Math.max(n.end, n.start) };
}

/** The whole `key: value` of a pair. */
export function pairSpan(p: YPair): { start: number; end: number } {
  return { start: p.start, end: Math.max(p.end, p.start) };
}

/** Range to report about an object when no field is more precise: its kind value, else its first byte. */
export function objectSpan(o: KObject): { start: number; end: number } {
  const n: YNode | null = o.nameNode ?? o.kindNode;
  return n ? span(n) : { start: o.root.start, end: o.root.start + 1 };
}

/**
 * The ServiceAccount object a pod spec runs as, when the workspace defines it; null when the name or
 * namespace is unknown or the workspace has no such ServiceAccount.
 */
export function serviceAccountOf(index: WorkspaceIndex, pod: PodSpec): KObject | null {
  if (!pod.serviceAccountName || pod.owner.namespace === null) return null;
  return index.find('ServiceAccount', pod.owner.namespace, pod.serviceAccountName)[0] ?? null;
}

/** Sets a label on the pod template (creating `metadata`/`labels` as needed). */
export function setPodLabel(text: string, pod: PodSpec, key: string, value: string): TextEdit | null {
  return ensurePath(text, pod.template, ['metadata', 'labels', key], value);
}

/** Sets an annotation on the pod template (creating `metadata`/`annotations` as needed). */
export function setPodAnnotation(text: string, pod: PodSpec, key: string, value: string): TextEdit | null {
  return ensurePath(text, pod.template, ['metadata', 'annotations', key], value);
}

/** Where a labels/annotations map sits: the object's own metadata, or a pod template's. */
export interface MetaMap {
  map: import('../yaml/node').YMap;
  /** 'object' for the object's own metadata (a Pod's own metadata counts as its pod template too). */
  place: 'object' | 'pod-template';
  pod: PodSpec | null;
}

function uniqueMaps(o: KObject, pick: (m: { labels: MetaMap['map'] | null; annotations: MetaMap['map'] | null }) => MetaMap['map'] | null): MetaMap[] {
  const out: MetaMap[] = [];
  const own = pick(o);
  const isPod = o.kind === 'Pod';
  if (own) out.push({ map: own, place: isPod ? 'pod-template' : 'object', pod: isPod ? o.podSpecs[0] ?? null : null });
  for (const p of o.podSpecs) {
    const m = pick(p);
    if (m && m !== own) out.push({ map: m, place: 'pod-template', pod: p });
  }
  return out;
}

/** Each distinct labels map of an object (its own, its pod template's), once. */
export function labelMaps(o: KObject): MetaMap[] {
  return uniqueMaps(o, (m) => m.labels);
}

/** Each distinct annotations map of an object (its own, its pod template's), once. */
export function annotationMaps(o: KObject): MetaMap[] {
  return uniqueMaps(o, (m) => m.annotations);
}
