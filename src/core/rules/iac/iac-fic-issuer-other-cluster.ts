import { addressLabel } from '../../iac/label';
import type { IacCluster, IacFederatedCredential, IacFacts, IacServiceAccount } from '../../iac/types';
import { defineRule, type Related } from '../types';
import { inFile, issuerCluster, lit, parseSubject, related, spanIn } from './shared';

const dirOf = (file: string) => file.slice(0, Math.max(file.lastIndexOf('/'), 0));

/** The declared cluster a Terraform ServiceAccount is created in (its kubernetes provider's `host`), when known. */
function clusterOf(sa: IacServiceAccount): string | null {
  const c = sa.cluster;
  return c && c.kind === 'ref' && c.attribute === 'apiServerHost' ? c.target : null;
}

/**
 * The ServiceAccounts a credential's subject names, when every one of them is created in a known cluster: if one
 * were not, it could be the cluster the issuer belongs to.
 */
function namedAccounts(fic: IacFederatedCredential, facts: IacFacts): { sa: IacServiceAccount; cluster: string }[] | null {
  const subject = lit(fic.subject);
  const want = subject === null ? null : parseSubject(subject);
  if (!want) return null;
  const out: { sa: IacServiceAccount; cluster: string }[] = [];
  for (const sa of facts.serviceAccounts) {
    const ns = lit(sa.namespace);
    const name = lit(sa.name);
    if (ns === null || name === null) {
      if (ns === null && name === null) return null;
      if ((ns ?? want.namespace) === want.namespace && (name ?? want.name) === want.name) return null;
      continue;
    }
    if (ns !== want.namespace || name !== want.name) continue;
    const cluster = clusterOf(sa);
    if (!cluster) return null;
    out.push({ sa, cluster });
  }
  return out;
}

/**
 * Whether two cluster facts are surely different clusters: two declared clusters are; a cluster read by a data source
 * is another one only when both names (and resource groups, where both are written) are literal and differ.
 */
function differentClusters(address: string, issuer: IacCluster, facts: IacFacts): boolean {
  if (address === issuer.address) return false;
  const other = facts.clusters.find((c) => c.address === address);
  if (!other) return false;
  if (!other.dataSource && !issuer.dataSource) return true;
  const [n1, n2, g1, g2] = [lit(other.name), lit(issuer.name), lit(other.resourceGroup), lit(issuer.resourceGroup)];
  if (n1 === null || n2 === null) return false;
  if (n1.toLowerCase() !== n2.toLowerCase()) return true;
  return g1 !== null && g2 !== null && g1.toLowerCase() !== g2.toLowerCase();
}

export default defineRule({
  id: 'iac-fic-issuer-other-cluster',
  title: 'Federated credential trusts the issuer of another cluster than the one its ServiceAccount is created in',
  defaultSeverity: 'error',
  category: 'infrastructure-code',
  fixable: true,
  docs: {
    why: 'Each AKS cluster has its own OIDC issuer, and a pod\'s token carries the issuer of the cluster it runs in. A credential whose issuer is `oidc_issuer_url` of one cluster, for a ServiceAccount that Terraform creates in another cluster (through a kubernetes provider whose `host` is that cluster\'s `kube_config`), never matches: sign-in fails with AADSTS700213 "No matching federated identity record found". It happens when a second cluster is added or a cluster is replaced and one reference is not updated.',
    howToFix: 'Use the issuer of the cluster the ServiceAccount is created in. The fix replaces the reference in the credential when the credential writes it itself (not through a variable or a local shared with other credentials).',
    severity: 'error: no token of the ServiceAccount can match the credential.',
    assumes: 'Needs the credential\'s issuer to be a reference to a cluster of the repository (declared, or read by a `data "azurerm_kubernetes_cluster"` source; two data sources are different clusters only when their literal names or resource groups differ), a literal subject, and every ServiceAccount of that name created by a kubernetes provider whose `host` refers to a cluster of the repository (in the same module, or the root module\'s default provider when no module block passes providers). ServiceAccounts from manifests are not tied to a cluster and are not checked; one of the same name in the issuer\'s cluster makes the credential right.',
    example: {
      bad: 'provider "kubernetes" {\n  host = azurerm_kubernetes_cluster.aks.kube_config[0].host\n}\nresource "kubernetes_service_account_v1" "api" {\n  metadata {\n    name      = "api"\n    namespace = "shop"\n  }\n}\nresource "azurerm_federated_identity_credential" "api" {\n  issuer  = azurerm_kubernetes_cluster.old.oidc_issuer_url\n  subject = "system:serviceaccount:shop:api"\n}',
      good: 'resource "azurerm_federated_identity_credential" "api" {\n  issuer  = azurerm_kubernetes_cluster.aks.oidc_issuer_url\n  subject = "system:serviceaccount:shop:api"\n}',
    },
  },
  check() {},
  checkIac(ctx) {
    for (const fic of inFile(ctx.facts.federatedCredentials, ctx.file.path)) {
      const issuer = issuerCluster(fic.issuer, ctx.facts);
      const at = spanIn(fic.issuer, ctx.file.path);
      if (!issuer || !at) continue;
      const named = namedAccounts(fic, ctx.facts);
      if (!named || named.length === 0 || !named.every((n) => differentClusters(n.cluster, issuer, ctx.facts))) continue;
      const clusters = [...new Set(named.map((n) => n.cluster))];
      const sa = named[0].sa;
      const rel: Related[] = named.map((n) => related(n.sa.name.span, `ServiceAccount created in ${addressLabel(n.cluster)}`));
      // Only a reference the credential writes itself, used by no other credential instance, is its own to change.
      const own = fic.issuer.span.file === ctx.file.path && fic.issuer.span.start >= fic.span.start && fic.issuer.span.end <= fic.span.end &&
        !ctx.facts.federatedCredentials.some((f) => f !== fic && f.issuer.span.start === fic.issuer.span.start && f.issuer.span.file === fic.issuer.span.file);
      const cluster = ctx.facts.clusters.find((c) => c.address === clusters[0]);
      // A reference written the same way from the credential: both in one root module's folder, neither repeated.
      const plain = (a: string) => !a.startsWith('module.') && !/[[#]/.test(a);
      const target = clusters.length === 1 && cluster && plain(cluster.address) && plain(fic.address) && dirOf(cluster.span.file) === dirOf(fic.span.file)
        ? `${cluster.address}.oidc_issuer_url` : null;
      ctx.report({
        message: `Federated credential trusts the issuer of another cluster: ${addressLabel(fic.address)} uses ${addressLabel(issuer.address)}, but ServiceAccount ${lit(sa.namespace)}/${lit(sa.name)} is created in ${clusters.map(addressLabel).join(' and ')}. Use that cluster's oidc_issuer_url.`,
        ...at,
        related: rel,
        fixes: own && target ? [{ title: `Use ${target}`, edits: [{ start: fic.issuer.span.start, end: fic.issuer.span.end, newText: target }], isPreferred: true }] : undefined,
      });
    }
  },
});
