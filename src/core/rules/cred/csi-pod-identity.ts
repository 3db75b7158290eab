import { describe, span } from '../helpers';
import { defineRule } from '../types';
import { azureProviderClass, parseBool } from './pod-refs';

export default defineRule({
  id: 'csi-pod-identity',
  title: 'SecretProviderClass (Azure) signs in with aad-pod-identity',
  defaultSeverity: 'warning',
  category: 'credentials',
  fixable: false,
  docs: {
    why: '`usePodIdentity: "true"` makes the Azure Key Vault provider get its token from aad-pod-identity\'s NMI, which is deprecated (see `aadpi-deprecated`) and no longer developed; the provider\'s docs list it as not recommended.',
    howToFix: 'Switch the class to workload identity: set `usePodIdentity: "false"`, add `clientID` with the client id of a user-assigned managed identity federated with the pod\'s ServiceAccount, and annotate that ServiceAccount with the same `azure.workload.identity/client-id`.',
    severity: 'warning, like `aadpi-deprecated`: it works today on clusters that still run aad-pod-identity, and a reviewer would plan the migration.',
    assumes: 'Only classes of `secrets-store.csi.x-k8s.io` with `provider: azure`; the flag is read as the provider reads it (Go\'s ParseBool: true, True, TRUE, t, 1). A templated value is unknown.',
    example: { bad: 'parameters:\n  usePodIdentity: "true"', good: 'parameters:\n  usePodIdentity: "false"\n  clientID: "<client-id>"' },
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      const pc = azureProviderClass(o);
      const v = pc?.value('usePodIdentity');
      if (!pc || !v || parseBool(v.trim()) !== true) continue;
      const pair = pc.param('usePodIdentity')!;
      ctx.report({
        message: `Key Vault sign-in through the deprecated aad-pod-identity: ${describe(o)} sets usePodIdentity "${v}". Use workload identity: usePodIdentity "false" and clientID set to an identity federated with the pod's ServiceAccount.`,
        ...span(pair.value ?? pair.keyNode ?? pair),
      });
    }
  },
});
