import { addressLabel } from '../../iac/label';
import type { IacCluster, IacValue } from '../../iac/types';
import type { Related } from '../types';
import { defineRule } from '../types';
import { inFile, issuerCluster, related, spanIn } from './shared';

function off(v: IacValue<boolean>): boolean {
  return v.kind === 'literal' && v.value === false;
}

/** The two switches as each language spells them: Terraform arguments, or the managed cluster's properties. */
function attributes(c: IacCluster): { oidc: string; wi: string; set: string } {
  return c.language === 'terraform'
    ? { oidc: 'oidc_issuer_enabled', wi: 'workload_identity_enabled', set: ' = true' }
    : { oidc: 'oidcIssuerProfile.enabled', wi: 'securityProfile.workloadIdentity.enabled', set: ' to true' };
}

function where(v: IacValue<boolean>, attr: string, cluster: string): Related {
  const name = addressLabel(cluster);
  return related(v.span, v.kind === 'literal' && v.implicit ? `${name} does not set ${attr} (default false)` : `${attr} of ${name}`);
}

export default defineRule({
  id: 'iac-fic-cluster-disabled',
  title: 'Federated credential trusts a cluster with the OIDC issuer or workload identity turned off',
  defaultSeverity: 'error',
  alsoReports: ['warning'],
  category: 'infrastructure-code',
  fixable: false,
  docs: {
    why: 'A credential whose issuer is a cluster\'s `oidc_issuer_url` works only when that cluster publishes an OIDC issuer (`oidc_issuer_enabled = true`) and runs the workload identity webhook (`workload_identity_enabled = true`). Both default to false: left out or commented out, pods get no federated token, or the issuer URL is empty.',
    howToFix: 'Set `oidc_issuer_enabled = true` and `workload_identity_enabled = true` on the cluster.',
    severity: 'error when the OIDC issuer is off: no token of the cluster can match. warning when only workload identity is off: pods get no federated token from the AKS add-on, but some clusters run the workload identity webhook installed with its Helm chart instead.',
    assumes: 'Needs the credential\'s issuer to be a reference to a cluster of the repository and the flag to be literal or left out (left out is the provider\'s default, false). Flags read from variables without a value are unknown and not checked.',
    example: {
      bad: 'resource "azurerm_kubernetes_cluster" "aks" {\n  oidc_issuer_enabled = true\n  # workload_identity_enabled = true\n}',
      good: 'resource "azurerm_kubernetes_cluster" "aks" {\n  oidc_issuer_enabled       = true\n  workload_identity_enabled = true\n}',
    },
  },
  check() {},
  checkIac(ctx) {
    for (const fic of inFile(ctx.facts.federatedCredentials, ctx.file.path)) {
      const cluster = issuerCluster(fic.issuer, ctx.facts);
      const at = spanIn(fic.issuer, ctx.file.path);
      if (!cluster || !at) continue;
      const oidcOff = off(cluster.oidcIssuerEnabled);
      const wiOff = off(cluster.workloadIdentityEnabled);
      if (!oidcOff && !wiOff) continue;
      const what = oidcOff && wiOff ? 'the OIDC issuer and workload identity' : oidcOff ? 'the OIDC issuer' : 'workload identity';
      const attr = attributes(cluster);
      const flags = [oidcOff ? attr.oidc : '', wiOff ? attr.wi : ''].filter(Boolean).join(' and ');
      const rel: Related[] = [];
      if (oidcOff) rel.push(where(cluster.oidcIssuerEnabled, attr.oidc, cluster.address));
      if (wiOff) rel.push(where(cluster.workloadIdentityEnabled, attr.wi, cluster.address));
      ctx.report({
        message: `Federated credential trusts a cluster with ${what} turned off: ${addressLabel(fic.address)} uses the issuer of ${addressLabel(cluster.address)}. ${oidcOff ? `Set ${flags}${attr.set} on the cluster.` : `Set ${attr.wi}${attr.set} on the cluster, unless it runs the workload identity webhook from its Helm chart.`}`,
        severity: oidcOff ? 'error' : 'warning',
        ...at,
        related: rel,
      });
    }
  },
});
