import type { WorkspaceIndex } from '../index/workspace-index';
import { entryValue, type KObject } from '../model/objects';
import { WI } from '../model/workload-identity';
import { serviceAccountOf } from '../rules/helpers';
import { azureProviderClass, isProviderClass, modeOf, podsMounting, podVolumes, type ProviderMode } from '../rules/cred/pod-refs';
import { code } from './markdown';

export interface ProviderClassAt {
  cls: KObject;
  start: number;
  end: number;
}

const within = (n: { start: number; end: number } | null | undefined, offset: number) => !!n && offset >= n.start && offset <= n.end;

/** The SecretProviderClass named at `offset`: its own name, or a pod volume's `secretProviderClass` value. */
export function secretProviderClassAt(index: WorkspaceIndex, path: string, offset: number): ProviderClassAt | null {
  const file = index.getFile(path);
  if (!file) return null;
  for (const o of file.objects) {
    if (offset < o.doc.start || offset > o.doc.end) continue;
    if (isProviderClass(o) && within(o.nameNode, offset)) return { cls: o, start: o.nameNode!.start, end: o.nameNode!.end };
    for (const p of o.podSpecs) {
      for (const v of podVolumes(p)) {
        const n = v.providerClass?.node;
        if (!n || !v.providerClass?.name || !within(n, offset) || o.namespace === null) continue;
        const cls = index.find('SecretProviderClass', o.namespace, v.providerClass.name).find(isProviderClass);
        if (cls) return { cls, start: n.start, end: n.end };
      }
    }
  }
  return null;
}

const MODE: Record<ProviderMode, string> = {
  'workload-identity': 'workload identity (the pod\'s ServiceAccount token, exchanged for `clientID`)',
  'pod-identity': 'aad-pod-identity (deprecated)',
  'vm-identity': 'the node\'s managed identity (shared by every pod on the node)',
  'service-principal': 'a service principal secret from `nodePublishSecretRef`',
  unknown: 'unknown (templated flags)',
};

/** Which pods mount the class, as which ServiceAccount, and through which identity. */
export function explainSecretProviderClass(index: WorkspaceIndex, at: ProviderClassAt): string {
  const o = at.cls;
  const pc = azureProviderClass(o);
  const out = [`**SecretProviderClass ${code(o.name ?? '(unnamed)')}**${o.namespace ? ` — namespace ${code(o.namespace)}` : ''}`, ''];
  if (!pc) {
    out.push('Provider other than `azure`: not checked by AKS IAM.');
  } else {
    const mode = modeOf(pc);
    const vault = pc.value('keyvaultName');
    out.push(`- **Key Vault:** ${vault ? code(vault) : 'unknown'}`);
    out.push(`- **Signs in with:** ${MODE[mode]}`);
    const cid = pc.value('clientID');
    if (mode === 'workload-identity' && cid) out.push(`- **clientID:** ${code(cid)}`);
    const uai = pc.value('userAssignedIdentityID');
    if (mode === 'vm-identity' && uai) out.push(`- **userAssignedIdentityID:** ${code(uai)}`);
  }
  const pods = podsMounting(index, o);
  out.push('', pods.length ? `**Mounted by ${pods.length} pod spec${pods.length === 1 ? '' : 's'}:**` : 'No pod in the workspace mounts it.');
  for (const { pod } of pods) {
    const sa = serviceAccountOf(index, pod);
    const id = sa ? entryValue(sa.annotations, WI.clientId) : null;
    const who = `${pod.owner.kind} ${code(pod.owner.name ?? '(unnamed)')}`;
    const saText = pod.serviceAccountName ? `ServiceAccount ${code(pod.serviceAccountName)}` : 'an unknown ServiceAccount';
    const idText = !sa ? ' (not in the workspace)' : id ? `, client-id ${code(id)}` : ', no workload identity';
    out.push(`- ${who} as ${saText}${idText}`);
  }
  return out.join('\n');
}
