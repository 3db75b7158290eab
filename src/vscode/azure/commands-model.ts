import type { ManagedIdentity } from '../../core/identity/graph';
import { parseArmId } from '../../core/identity/snapshot';
import { serviceAccountSubject, TOKEN_EXCHANGE_AUDIENCE } from '../../core/identity/lookup';
import {
  isArmResourceId, isFederatedCredentialName, isGuid, isIssuerUrl, isKubernetesName, isKubernetesNamespace, isManagedIdentityName, isResourceGroupName,
} from '../../core/identity/names';
import { commandLine, type Shell } from '../../core/text/shell';

/** The clouds of setting `aksIam.azure.cloud`. */
export type CloudName = 'AzureCloud' | 'AzureChinaCloud' | 'AzureUSGovernment';

export interface Cloud {
  name: CloudName;
  /** Resource Manager endpoint; its `/.default` is the token scope. */
  armEndpoint: string;
  portal: string;
  /** VS Code authentication provider id. */
  authProvider: 'microsoft' | 'microsoft-sovereign-cloud';
}

export const CLOUDS: Record<CloudName, Cloud> = {
  AzureCloud: { name: 'AzureCloud', armEndpoint: 'https://management.azure.com', portal: 'https://portal.azure.com', authProvider: 'microsoft' },
  AzureChinaCloud: { name: 'AzureChinaCloud', armEndpoint: 'https://management.chinacloudapi.cn', portal: 'https://portal.azure.cn', authProvider: 'microsoft-sovereign-cloud' },
  AzureUSGovernment: { name: 'AzureUSGovernment', armEndpoint: 'https://management.usgovcloudapi.net', portal: 'https://portal.azure.us', authProvider: 'microsoft-sovereign-cloud' },
};

/** An unknown setting value falls back to the public cloud rather than failing. */
export function cloudOf(setting: unknown): Cloud {
  return typeof setting === 'string' && setting in CLOUDS ? CLOUDS[setting as CloudName] : CLOUDS.AzureCloud;
}

/** Scopes asked of VS Code's Microsoft provider: the ARM scope, plus the chosen tenant when there is one. */
export function sessionScopes(armScopes: readonly string[], tenantId: string | null): string[] {
  const scopes = armScopes.length ? [...armScopes] : [];
  return tenantId ? [...scopes, `VSCODE_TENANT:${tenantId}`] : scopes;
}

/** Portal link of a resource, in the given tenant's directory when known. */
export function portalUrl(cloud: Cloud, resourceId: string, tenantId: string | null): string {
  const id = resourceId.startsWith('/') ? resourceId : `/${resourceId}`;
  return `${cloud.portal}/#${tenantId ? `@${tenantId}` : ''}/resource${id}`;
}

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

/** `/subscriptions/…/resourceGroups/rg/providers/…/x` → `rg/x`, for tree descriptions; whole id in tooltips. */
export function shortScope(scope: string): string {
  const parts = scope.replace(/^\/+/, '').split('/');
  if (parts.length <= 2) return parts[0]?.toLowerCase() === 'subscriptions' ? 'subscription' : scope;
  const rgAt = parts.findIndex((p) => p.toLowerCase() === 'resourcegroups');
  if (rgAt < 0) return scope;
  const rg = parts[rgAt + 1] ?? '';
  return parts.length <= rgAt + 2 ? `resource group ${rg}` : `${rg}/${parts[parts.length - 1]}`;
}

/**
 * When a JWT access token expires (its `exp` claim), so the SDK asks again in time; null when the token
 * is not a readable JWT. Only the expiry is read; the token itself is never kept or logged.
 */
export function jwtExpiry(token: string): number | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const claims = JSON.parse(Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' && Number.isFinite(claims.exp) ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}
