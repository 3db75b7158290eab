import { addressLabel } from '../../iac/label';
import type { IacRefAttribute } from '../../iac/types';
import { WI } from '../../model/workload-identity';
import { defineRule } from '../types';
import { inFile, spanIn } from './shared';

// What each Azure-assigned attribute is, as a message names it, and the attribute to write instead (when one exists).
const WRONG: Partial<Record<IacRefAttribute, { what: string; use: string | null }>> = {
  principalId: { what: 'principal (object) id', use: 'client_id' },
  kubeletPrincipalId: { what: 'kubelet identity\'s object id', use: 'client_id' },
  clusterPrincipalId: { what: 'control-plane principal id', use: null },
  tenantId: { what: 'tenant id', use: 'client_id' },
  id: { what: 'resource id', use: 'client_id' },
  oidcIssuerUrl: { what: 'OIDC issuer URL', use: null },
  apiServerHost: { what: 'API server address', use: null },
};

export default defineRule({
  id: 'iac-client-id-not-client-id',
  title: 'ServiceAccount\'s client-id annotation is set to another id of the identity',
  defaultSeverity: 'error',
  category: 'infrastructure-code',
  fixable: true,
  docs: {
    why: 'The webhook hands `azure.workload.identity/client-id` to the pod as `AZURE_CLIENT_ID`, and Entra looks the application up by it. A principal (object) id, a kubelet identity\'s `object_id` or a tenant id is a GUID too, so nothing complains until sign-in fails with AADSTS700016 "Application not found in the directory". It happens when `principal_id` is picked instead of `client_id`, the two attributes side by side on every identity.',
    howToFix: 'Refer to the identity\'s `client_id` (`kubelet_identity[0].client_id` for a kubelet identity). The fix rewrites the attribute of a reference written in the annotation or the Helm `set`; a control-plane identity has no client id to use, so give the workload a user-assigned identity.',
    severity: 'error: every pod of the ServiceAccount fails to sign in.',
    assumes: 'Reads the annotation of a `kubernetes_service_account` and the `set` of a `helm_release` (`serviceAccount.annotations.azure\\\\.workload\\\\.identity/client-id`) when it is a reference to an attribute Azure assigns; literal GUIDs cannot be told apart and are not checked.',
    example: {
      bad: 'set {\n  name  = "serviceAccount.annotations.azure\\\\.workload\\\\.identity/client-id"\n  value = azurerm_user_assigned_identity.dns.principal_id\n}',
      good: 'set {\n  name  = "serviceAccount.annotations.azure\\\\.workload\\\\.identity/client-id"\n  value = azurerm_user_assigned_identity.dns.client_id\n}',
    },
  },
  check() {},
  checkIac(ctx) {
    for (const sa of inFile(ctx.facts.serviceAccounts, ctx.file.path)) {
      if (sa.annotations.kind !== 'map') continue;
      const v = sa.annotations.entries.find((e) => e.key === WI.clientId)?.value;
      const known = v && v.kind === 'ref' ? WRONG[v.attribute] : undefined;
      // The resource id of something that is not an identity has no client id to point to.
      const wrong = known && v?.kind === 'ref' && v.attribute === 'id' && !/user_assigned_identity$/.test(v.targetType ?? '') ? { ...known, use: null } : known;
      const at = v ? spanIn(v, ctx.file.path) : null;
      if (!v || v.kind !== 'ref' || !wrong || !at) continue;
      // Only a reference written right here, ending in the wrong attribute, is rewritten.
      const written = ctx.file.text.slice(v.span.start, v.span.end);
      const m = wrong.use ? /^(.+)\.(principal_id|object_id|tenant_id|id)$/.exec(written) : null;
      const fixed = m ? `${m[1]}.${wrong.use}` : null;
      ctx.report({
        message: `Client-id annotation holds the ${wrong.what}: ${addressLabel(sa.address)} sets ${WI.clientId} to that of ${addressLabel(v.target)}, so sign-in fails with AADSTS700016. ${wrong.use ? `Use its ${v.attribute === 'kubeletPrincipalId' ? 'kubelet_identity[0].client_id' : 'client_id'}.` : 'Use the client_id of a user-assigned identity.'}`,
        ...at,
        fixes: fixed ? [{ title: `Use ${fixed}`, edits: [{ start: v.span.start, end: v.span.end, newText: fixed }], isPreferred: true }] : undefined,
      });
    }
  },
});
