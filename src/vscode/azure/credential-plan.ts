import type { ManagedIdentity } from '../../core/identity/graph';
import { parseArmId } from '../../core/identity/snapshot';
import { serviceAccountSubject, TOKEN_EXCHANGE_AUDIENCE } from '../../core/identity/lookup';
import {
  isArmResourceId, isFederatedCredentialName, isGuid, isIssuerUrl, isKubernetesName, isKubernetesNamespace, isManagedIdentityName, isResourceGroupName,
} from '../../core/identity/names';
import { commandLine, type Shell } from '../../core/text/shell';

/** A credential name Azure accepts (letters, digits, `-`, `_`; 3–120 characters), from the ServiceAccount. */
export function credentialNameFor(namespace: string, name: string): string {
  const n = `${namespace}-${name}`.replace(/[^A-Za-z0-9_-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return (n.length >= 3 ? n : `fic-${n}`).slice(0, 120);
}

export interface FederatedCredentialPlan {
  identity: ManagedIdentity;
  /** The ServiceAccount as the manifest names it. */
  sa: { namespace: string; name: string };
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
}

export function planFederatedCredential(identity: ManagedIdentity, sa: { namespace: string; name: string }, issuer: string): FederatedCredentialPlan {
  return {
    identity, issuer,
    sa: { namespace: sa.namespace, name: sa.name },
    name: credentialNameFor(sa.namespace, sa.name),
    subject: serviceAccountSubject(sa.namespace, sa.name),
    audiences: [TOKEN_EXCHANGE_AUDIENCE],
  };
}

/** Stands for the issuer in a copied command when no cluster with an OIDC issuer is known. */
export const ISSUER_PLACEHOLDER = '<cluster-oidc-issuer-url>';

/**
 * Why the plan must not be turned into a command or a request, or null. The names come from manifests (the
 * ServiceAccount), from snapshot files or from Resource Manager; each must be what Kubernetes or Azure accepts.
 */
export function planProblem(plan: FederatedCredentialPlan, options: { placeholderIssuer?: boolean } = {}): string | null {
  const { identity, sa } = plan;
  if (!isKubernetesNamespace(sa.namespace)) return `the ServiceAccount's namespace ${JSON.stringify(sa.namespace)} is not a valid Kubernetes namespace`;
  if (!isKubernetesName(sa.name)) return `the ServiceAccount name ${JSON.stringify(sa.name)} is not a valid Kubernetes name`;
  if (!isManagedIdentityName(identity.name)) return `the identity name ${JSON.stringify(identity.name)} is not a valid managed identity name`;
  if (!isResourceGroupName(identity.resourceGroup)) return `the resource group ${JSON.stringify(identity.resourceGroup)} is not a valid resource group name`;
  if (!isArmResourceId(identity.id)) return `the identity id ${JSON.stringify(identity.id)} is not a valid Azure resource id`;
  if (!isGuid(subscriptionOf(plan))) return `the subscription ${JSON.stringify(subscriptionOf(plan))} is not a subscription id`;
  if (!isFederatedCredentialName(plan.name)) return `the credential name ${JSON.stringify(plan.name)} is not one Azure accepts`;
  if (!isIssuerUrl(plan.issuer) && !(options.placeholderIssuer && plan.issuer === ISSUER_PLACEHOLDER)) return `the OIDC issuer ${JSON.stringify(plan.issuer)} is not an https URL`;
  return null;
}

function subscriptionOf(plan: FederatedCredentialPlan): string {
  return parseArmId(plan.identity.id).subscriptionId ?? plan.identity.subscriptionId;
}

/** The arguments of the `az` command that creates the planned credential (with the subscription, so it works from any az context). */
export function azCreateArgs(plan: FederatedCredentialPlan): string[] {
  return [
    'az', 'identity', 'federated-credential', 'create',
    '--name', plan.name,
    '--identity-name', plan.identity.name,
    '--resource-group', plan.identity.resourceGroup,
    '--subscription', subscriptionOf(plan),
    '--issuer', plan.issuer,
    '--subject', plan.subject,
    '--audiences', ...plan.audiences,
  ];
}

/** The `az` command that creates the planned credential, quoted for bash/zsh (default) or PowerShell. */
export function azCreateCommand(plan: FederatedCredentialPlan, shell: Shell = 'posix'): string {
  return commandLine(azCreateArgs(plan), shell);
}

/** Exactly what "Create federated credential" will PUT, shown in the confirmation before anything is sent. */
export function confirmationDetail(plan: FederatedCredentialPlan): string {
  return [
    `Resource Manager will create federated credential "${plan.name}" on managed identity ${plan.identity.name}`,
    `(resource group ${plan.identity.resourceGroup}, subscription ${plan.identity.subscriptionId}):`,
    '',
    `issuer:    ${plan.issuer}`,
    `subject:   ${plan.subject}`,
    `audiences: ${plan.audiences.join(', ')}`,
    '',
    `PUT ${plan.identity.id}/federatedIdentityCredentials/${plan.name}`,
    'An existing credential of the same name is replaced.',
  ].join('\n');
}
