import { entryValue } from '../../model/objects';
import { replaceNode } from '../../yaml/edit';
import { describe, isGuid, serviceAccountOf, span, WI } from '../helpers';
import { defineRule, type Fix } from '../types';
import { azureProviderClass, parseBool, podsMounting } from './pod-refs';

export default defineRule({
  id: 'csi-vm-identity',
  title: 'SecretProviderClass (Azure) signs in with the node\'s managed identity',
  defaultSeverity: 'warning',
  category: 'credentials',
  fixable: false,
  suggests: true,
  docs: {
    why: '`useVMManagedIdentity: "true"` makes the Azure Key Vault provider sign in with a managed identity of the node (the kubelet identity or another identity assigned to the node pool, named by `userAssignedIdentityID`, or the system-assigned one). Every pod on those nodes can use that identity, so any pod scheduled there can read the vault, not only the ones that mount the class.',
    howToFix: 'Use workload identity: set `useVMManagedIdentity: "false"`, replace `userAssignedIdentityID` with `clientID` (a user-assigned managed identity federated with the pod\'s ServiceAccount), and annotate that ServiceAccount with the same client id. Suggestion only (quick-fix menu): it makes that change, taking the client id from the ServiceAccount of the pods that mount the class when they agree, else a placeholder selected for you.',
    severity: 'warning: the mount works, but the vault is open to every pod on the node; a real risk a reviewer acts on.',
    assumes: 'Only classes of `secrets-store.csi.x-k8s.io` with `provider: azure`; the flag is read as the provider reads it (Go\'s ParseBool). A templated value is unknown. Pods are matched in the class\'s resolved namespace.',
    example: { bad: 'parameters:\n  useVMManagedIdentity: "true"\n  userAssignedIdentityID: "<kubelet client id>"', good: 'parameters:\n  useVMManagedIdentity: "false"\n  clientID: "<client id federated with the ServiceAccount>"' },
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      const pc = azureProviderClass(o);
      const v = pc?.value('useVMManagedIdentity');
      if (!pc || !v || parseBool(v.trim()) !== true) continue;
      if (pc.value('usePodIdentity') && parseBool((pc.value('usePodIdentity') ?? '').trim()) === true) continue;
      const flag = pc.param('useVMManagedIdentity')!;
      const uai = pc.param('userAssignedIdentityID');
      const uaiValue = pc.value('userAssignedIdentityID');
      // The client id the pods' ServiceAccounts carry, when they all agree.
      const ids = new Set<string>();
      for (const m of podsMounting(ctx.index, o)) {
        const sa = serviceAccountOf(ctx.index, m.pod);
        const id = sa ? entryValue(sa.annotations, WI.clientId) : null;
        if (id && isGuid(id)) ids.add(id.toLowerCase());
      }
      const known = ids.size === 1 ? [...ids][0] : null;
      const value = known ?? '<client-id>';
      const suggestions: Fix[] = [];
      if (flag.value && uai && uai.keyNode && !pc.param('clientID') && flag.value.end > flag.value.start) {
        const valueEnd = uai.value && uai.value.end > uai.value.start ? uai.value.end : uai.keyNode.end + 1;
        const newPair = `clientID: "${value}"`;
        const edits = [replaceNode(flag.value, '"false"'), replaceNode({ start: uai.keyNode.start, end: valueEnd }, newPair)].sort((a, b) => a.start - b.start);
        const uaiEdit = edits.find((e) => e.newText === newPair)!;
        let shift = 0;
        for (const e of edits) if (e !== uaiEdit && e.start < uaiEdit.start) shift += e.newText.length - (e.end - e.start);
        const at = uaiEdit.start + shift + 'clientID: "'.length;
        suggestions.push({
          title: known ? `Use workload identity with the ServiceAccount's client id ${known}` : 'Use workload identity (clientID placeholder)',
          edits, isPreferred: true,
          ...(known ? {} : { selection: { start: at, end: at + value.length } }),
        });
      }
      const which = uaiValue ? `the node's user-assigned identity ${uaiValue}` : uai ? 'a node identity' : 'the node\'s system-assigned identity';
      ctx.report({
        message: `Key Vault sign-in with a node identity that every pod on the node shares: ${describe(o)} sets useVMManagedIdentity "${v}", so the provider signs in with ${which}. Use workload identity instead: clientID set to an identity federated with the pod's ServiceAccount${known ? ` (its ServiceAccount has client-id ${known})` : ''}.`,
        ...span(flag.value ?? flag.keyNode ?? flag),
        suggestions,
      });
    }
  },
});
