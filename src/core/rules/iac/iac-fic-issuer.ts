import { addressLabel } from '../../iac/label';
import { defineRule } from '../types';
import { inFile, lit, replaceLiteral, spanIn } from './shared';

// AKS issuers: https://<region>.oic.prod-aks.azure.com/<tenant>/<guid>/ (and the sovereign clouds' hosts); they end in `/`.
const AKS_ISSUER = /^https:\/\/[a-z0-9-]+\.oic\.prod-aks\.azure\.[a-z.]+\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/i;

export default defineRule({
  id: 'iac-fic-issuer',
  title: 'Federated credential issuer is an AKS issuer URL without its trailing slash',
  defaultSeverity: 'error',
  category: 'infrastructure-code',
  fixable: true,
  docs: {
    why: 'An AKS cluster\'s OIDC issuer URL ends with `/`, and Entra compares the token\'s `iss` with the credential\'s issuer character for character: without the slash no token matches and sign-in fails with AADSTS70021.',
    howToFix: 'Refer to the cluster\'s output (`azurerm_kubernetes_cluster.<name>.oidc_issuer_url`) instead of copying the URL, or add the trailing `/`; the fix adds it to a literal of the file.',
    severity: 'error: the credential can never match a token of the cluster.',
    assumes: 'Checks literal issuers that have the AKS issuer form (`https://<region>.oic.prod-aks.azure.com/<tenant>/<id>`); issuers of other providers (GitHub Actions, other Kubernetes clusters) are left alone. Issuers read from data sources or variables without a value are unknown and not checked.',
    example: {
      bad: 'issuer = "https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/11111111-1111-1111-1111-111111111111"',
      good: 'issuer = azurerm_kubernetes_cluster.aks.oidc_issuer_url',
    },
  },
  check() {},
  checkIac(ctx) {
    for (const fic of inFile(ctx.facts.federatedCredentials, ctx.file.path)) {
      const issuer = lit(fic.issuer);
      const at = spanIn(fic.issuer, ctx.file.path);
      if (issuer === null || !at || !AKS_ISSUER.test(issuer)) continue;
      const edit = replaceLiteral(fic.issuer, ctx.file.path, ctx.file.text, `${issuer}/`);
      ctx.report({
        message: `Federated credential issuer lacks the trailing slash of AKS issuers: ${addressLabel(fic.address)} has ${issuer}, and Entra compares issuers exactly. Add the "/" or use the cluster's ${fic.language === 'terraform' ? 'oidc_issuer_url' : 'oidcIssuerProfile.issuerURL'}.`,
        ...at,
        fixes: edit ? [{ title: 'Add the trailing slash', edits: [edit], isPreferred: true }] : undefined,
      });
    }
  },
});
