import { entryValue } from '../../model/objects';
import { replaceNode } from '../../yaml/edit';
import { describe, isGuid, serviceAccountOf, span, WI } from '../helpers';
import { defineRule, type Fix, type Related } from '../types';
import { azureProviderClass, modeOf, podsMounting } from './pod-refs';

export default defineRule({
  id: 'csi-client-id-mismatch',
  title: 'SecretProviderClass clientID differs from the workload identity of the pods that mount it',
  defaultSeverity: 'warning',
  category: 'credentials',
  fixable: true,
  docs: {
    why: 'In workload identity mode the Azure Key Vault provider exchanges the pod\'s ServiceAccount token for a token of the class\'s `clientID`. The identity federated with that ServiceAccount is the one its `azure.workload.identity/client-id` names; a different `clientID` fails to sign in (no federated credential for this ServiceAccount) or reads the vault as an identity the workload was not meant to have.',
    howToFix: 'Set `clientID` to the ServiceAccount\'s client id. The fix does that when every ServiceAccount of the pods that mount the class names the same identity.',
    severity: 'warning: the mount fails or runs as another identity; a likely mistake a reviewer acts on (not always wrong: the other identity may also be federated with this ServiceAccount).',
    assumes: 'Needs the class in workload identity mode (clientID set, usePodIdentity and useVMManagedIdentity false), pods in the workspace that mount it in its resolved namespace, and their ServiceAccounts with a GUID client-id. Templated and placeholder ids are unknown and never compared.',
    example: { bad: 'clientID: "11111111-1111-1111-1111-111111111111"  # the ServiceAccount says 2222…', good: 'clientID: "22222222-2222-2222-2222-222222222222"' },
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      const pc = azureProviderClass(o);
      if (!pc || modeOf(pc) !== 'workload-identity') continue;
      const pair = pc.param('clientID');
      const cid = pc.value('clientID');
      if (!pair || !pair.value || !cid || !isGuid(cid.trim())) continue;
      const related: Related[] = [];
      const ids = new Set<string>();
      let names: string[] = [];
      for (const m of podsMounting(ctx.index, o)) {
        const sa = serviceAccountOf(ctx.index, m.pod);
        const id = sa ? entryValue(sa.annotations, WI.clientId) : null;
        if (!sa || !id || !isGuid(id.trim()) || id.trim().toLowerCase() === cid.trim().toLowerCase()) continue;
        ids.add(id.trim().toLowerCase());
        names.push(`${sa.name} (${id.trim()})`);
        related.push({ file: m.pod.owner.file, start: m.node.start, end: m.node.end, message: `${describe(m.pod.owner)} mounts it as ServiceAccount ${sa.name}, client-id ${id.trim()}` });
      }
      if (related.length === 0) continue;
      names = [...new Set(names)];
      const fixes: Fix[] = ids.size === 1 ? [{ title: `Use the ServiceAccount's client id ${[...ids][0]}`, edits: [replaceNode(pair.value, `"${[...ids][0]}"`)], isPreferred: true }] : [];
      ctx.report({
        message: `Mismatched clientID ${cid.trim()}: ${describe(o)} uses it, but the pods that mount it run as ServiceAccount${names.length > 1 ? 's' : ''} ${names.join(', ')}, another workload identity; the provider exchanges their token for this client id, which needs a federated credential for them.`,
        ...span(pair.value),
        related,
        fixes,
      });
    }
  },
});
