import type { WorkspaceIndex } from './workspace-index';
import type { KObject, PodSpec } from '../model/objects';

/** Every pod spec in the workspace that runs as this ServiceAccount. */
export function podSpecsUsing(index: WorkspaceIndex, sa: Pick<KObject, 'name' | 'namespace'>): PodSpec[] {
  const out: PodSpec[] = [];
  if (!sa.name || sa.namespace === null) return out;
  for (const f of index.files()) addPodSpecsUsing(out, f.objects, sa);
  return out;
}

/** The pod specs among these objects that run as this ServiceAccount (one file's share of `podSpecsUsing`). */
export function podSpecsAmong(objects: readonly KObject[], sa: Pick<KObject, 'name' | 'namespace'>): PodSpec[] {
  const out: PodSpec[] = [];
  if (sa.name && sa.namespace !== null) addPodSpecsUsing(out, objects, sa);
  return out;
}

function addPodSpecsUsing(out: PodSpec[], objects: readonly KObject[], sa: Pick<KObject, 'name' | 'namespace'>): void {
  for (const o of objects) {
    if (o.namespace !== sa.namespace) continue;
    for (const p of o.podSpecs) if (p.serviceAccountName === sa.name) out.push(p);
  }
}

