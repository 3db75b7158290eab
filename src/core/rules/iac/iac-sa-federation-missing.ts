import { addressLabel } from '../../iac/label';
import { WI } from '../../model/workload-identity';
import { defineRule } from '../types';
import { credentialsOf, inFile, lit, related, spanIn } from './shared';

export default defineRule({
  id: 'iac-sa-federation-missing',
  title: 'ServiceAccount uses an identity that has no federated credential for it',
  defaultSeverity: 'error',
  category: 'infrastructure-code',
  fixable: false,
  docs: {
    why: 'The `azure.workload.identity/client-id` annotation makes the pod sign in as that identity, which succeeds only if the identity has a federated credential with subject `system:serviceaccount:<namespace>:<name>` of this ServiceAccount. Without it, sign-in fails with AADSTS70021.',
    howToFix: 'Add an `azurerm_federated_identity_credential` on the identity with this ServiceAccount\'s subject and the cluster\'s `oidc_issuer_url`, or annotate the ServiceAccount with the identity that has one.',
    severity: 'error: every pod of the ServiceAccount fails to sign in.',
    assumes: 'Needs the repository to link the two: a `kubernetes_service_account` whose client-id annotation refers to `azurerm_user_assigned_identity.<x>.client_id`, or a `helm_release` that sets `serviceAccount.annotations.azure\\.workload\\.identity/client-id` to it and names the account with `serviceAccount.name` (in the release\'s namespace; charts that name these values otherwise are not read), a literal namespace and name, and every credential that could belong to the identity known (literal subjects, known parents and instance counts).',
  },
  check() {},
  checkIac(ctx) {
    for (const sa of inFile(ctx.facts.serviceAccounts, ctx.file.path)) {
      if (sa.annotations.kind !== 'map' || sa.repeatedUnknown) continue;
      const ann = sa.annotations.entries.find((e) => e.key === WI.clientId);
      const ref = ann?.value;
      const ns = lit(sa.namespace);
      const name = lit(sa.name);
      if (!ann || !ref || ref.kind !== 'ref' || ref.attribute !== 'clientId' || ns === null || name === null) continue;
      const identity = ctx.facts.identities.find((i) => i.address === ref.target);
      if (!identity) continue;
      const { fics, complete } = credentialsOf(identity, ctx.facts);
      if (!complete || fics.some((f) => lit(f.subject) === null)) continue;
      const subject = `system:serviceaccount:${ns}:${name}`;
      if (fics.some((f) => lit(f.subject) === subject)) continue;
      const at = spanIn(ref, ctx.file.path);
      if (!at) continue;
      const others = [...new Set(fics.map((f) => lit(f.subject)))].slice(0, 3);
      ctx.report({
        message: `ServiceAccount's identity has no federated credential for it: ${addressLabel(sa.address)} (${ns}/${name}) uses ${addressLabel(identity.address)}, whose credentials ${others.length ? `are for ${others.join(', ')}` : 'are none'}. Add a credential with subject ${subject}.`,
        ...at,
        related: [related(identity.headerSpan, `identity ${addressLabel(identity.address)}`), ...fics.slice(0, 3).map((f) => related(f.subject.span, `subject of ${addressLabel(f.address)}`))],
      });
    }
  },
});
