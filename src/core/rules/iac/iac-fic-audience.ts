import { addressLabel } from '../../iac/label';
import { defineRule } from '../types';
import { inFile, issuerCluster, replaceLiteral, spanIn } from './shared';

// The token-exchange audiences Microsoft documents, one per cloud (public, US Government, China, and the two air-gapped clouds).
const AUDIENCES = ['api://AzureADTokenExchange', 'api://AzureADTokenExchangeUSGov', 'api://AzureADTokenExchangeChina', 'api://AzureADTokenExchangeUSNat', 'api://AzureADTokenExchangeUSSec'];

/** The documented audience a value is a misspelling of (case, spaces, a trailing slash or `/.default`), if any. */
function intended(value: string): string | null {
  const norm = value.trim().replace(/\/\.default$/i, '').replace(/\/+$/, '').toLowerCase();
  return AUDIENCES.find((a) => a.toLowerCase() === norm) ?? null;
}

// The line that sets the audience, as each language writes it.
const NO_AUDIENCE_FIX = { terraform: 'audience = ["api://AzureADTokenExchange"]', bicep: "audiences: ['api://AzureADTokenExchange']", arm: '"audiences": ["api://AzureADTokenExchange"]' } as const;

export default defineRule({
  id: 'iac-fic-audience',
  title: 'Federated credential audience is not the token-exchange audience',
  defaultSeverity: 'error',
  category: 'infrastructure-code',
  fixable: true,
  docs: {
    why: 'The workload identity webhook projects a ServiceAccount token for the audience `api://AzureADTokenExchange` (AzureChina: `api://AzureADTokenExchangeChina`, US Government: `api://AzureADTokenExchangeUSGov`), and Entra accepts it only when the credential lists that exact string. Any other audience, a trailing `/`, `/.default` or another case fails with AADSTS700212 or AADSTS70021.',
    howToFix: 'Set `audience = ["api://AzureADTokenExchange"]` (or your sovereign cloud\'s documented audience). The fix rewrites a literal that is a misspelling of a documented audience.',
    severity: 'error: no token the cluster issues will be accepted.',
    assumes: 'Checks credentials whose issuer is a cluster of the repository, or whose audience is a misspelling of a documented one (credentials for other issuers may use other audiences). Unknown audiences are not checked.',
    example: {
      bad: 'resource "azurerm_federated_identity_credential" "api" {\n  issuer   = azurerm_kubernetes_cluster.aks.oidc_issuer_url\n  audience = ["api://AzureADTokenExchange/"]\n}',
      good: 'resource "azurerm_federated_identity_credential" "api" {\n  issuer   = azurerm_kubernetes_cluster.aks.oidc_issuer_url\n  audience = ["api://AzureADTokenExchange"]\n}',
    },
  },
  check() {},
  checkIac(ctx) {
    for (const fic of inFile(ctx.facts.federatedCredentials, ctx.file.path)) {
      const list = fic.audiences;
      if (list.kind !== 'list') continue;
      const forCluster = !!issuerCluster(fic.issuer, ctx.facts);
      if (list.items.length === 0 && forCluster) {
        const at = spanIn(list, ctx.file.path);
        if (at) ctx.report({ message: `Federated credential has no audience: ${addressLabel(fic.address)} lists none, so no token matches it. Set ${NO_AUDIENCE_FIX[fic.language]}.`, ...at });
        continue;
      }
      for (const item of list.items) {
        if (item.kind !== 'literal' || AUDIENCES.includes(item.value)) continue;
        const want = intended(item.value);
        if (!want && !forCluster) continue;
        const at = spanIn(item, ctx.file.path);
        if (!at) continue;
        const edit = want ? replaceLiteral(item, ctx.file.path, ctx.file.text, want) : null;
        ctx.report({
          message: `Federated credential audience is not the token-exchange audience: ${addressLabel(fic.address)} has "${item.value}", and Entra accepts only the exact "${want ?? AUDIENCES[0]}". ${want ? `Write "${want}".` : 'Use api://AzureADTokenExchange (or your sovereign cloud\'s documented audience).'}`,
          ...at,
          fixes: edit ? [{ title: `Change the audience to ${want}`, edits: [edit], isPreferred: true }] : undefined,
        });
      }
    }
  },
});
