/**
 * Identity facts read from infrastructure code (Terraform, Bicep, ARM templates), before they join the identity
 * graph. Every reader (`IacReader`) turns a set of files into one `IacFacts`; rules, hovers and the graph read
 * only this shape, never a parser's tree.
 *
 * Two promises every reader keeps:
 * - **Never guess.** A value is `literal` only when the repository spells it out (directly, or through variables
 *   with defaults, tfvars/bicepparam files, locals, loop keys, module inputs it can follow). A value Azure assigns
 *   at deployment (a client id, a principal id, an issuer URL) is a `ref` to the fact that owns it. Anything else is
 *   `unknown` with the reason, and no finding may depend on an unknown.
 * - **Always a source.** Every fact and every value carries where it is written (file and UTF-16 offsets), so a
 *   finding, a related location or a go-to lands on the right line.
 *
 * Readers never throw: what they cannot read becomes an `IacProblem` or an `unknown` value.
 */

/** Where something is written: a file of the workspace and the UTF-16 offsets [start, end) in its text. */
export interface IacSpan {
  file: string;
  start: number;
  end: number;
}

/** Attributes of a declared resource that Azure assigns at deployment; code can only refer to them. */
export type IacRefAttribute =
  /** Resource id (`azurerm_user_assigned_identity.x.id`, `identity.id`). */
  | 'id'
  /** Client (application) id of a managed identity (`.client_id`, `.properties.clientId`). */
  | 'clientId'
  /** Object (principal) id of a managed identity (`.principal_id`, `.properties.principalId`). */
  | 'principalId'
  /** Tenant id of a managed identity. */
  | 'tenantId'
  /** OIDC issuer URL of a cluster (`.oidc_issuer_url`, `.properties.oidcIssuerProfile.issuerURL`). */
  | 'oidcIssuerUrl'
  /** Object id of a cluster's kubelet identity (`.kubelet_identity[0].object_id`). */
  | 'kubeletPrincipalId'
  /** Client id of a cluster's kubelet identity. */
  | 'kubeletClientId'
  /** Principal id of a cluster's system-assigned control-plane identity (`.identity[0].principal_id`). */
  | 'clusterPrincipalId'
  /** API server address of a cluster (`.kube_config[0].host`): what a kubernetes provider connects to. */
  | 'apiServerHost';

export interface IacLiteral<T extends string | boolean | number = string> {
  kind: 'literal';
  value: T;
  /** Where the value is used (the attribute's value in the resource). */
  span: IacSpan;
  /**
   * Where the literal text itself is written, when it is not at `span` (a variable default, a tfvars entry, a local,
   * a `param` default). Quick fixes edit here, and only when it is a plain string literal of that file.
   */
  origin?: IacSpan;
  /**
   * The attribute is not written at all and this is the provider's / API's documented default (e.g.
   * `oidc_issuer_enabled` left out = false). `span` is then the resource's header.
   */
  implicit?: boolean;
}

/** A value Azure assigns to another declared resource: this value *is* that attribute of that fact. */
export interface IacRef {
  kind: 'ref';
  /** `address` of the fact referred to (`IacFactBase.address`). */
  target: string;
  /**
   * The target's resource type as its language spells it (`azurerm_key_vault`, `Microsoft.KeyVault/vaults`), when
   * known: lets a rule tell what a `scope` points at.
   */
  targetType?: string;
  attribute: IacRefAttribute;
  span: IacSpan;
}

export interface IacUnknown {
  kind: 'unknown';
  /** Why, for logs and hovers: "var.namespace has no default and no tfvars sets it", "function call format()". */
  why: string;
  span: IacSpan;
}

export type IacValue<T extends string | boolean | number = string> = IacLiteral<T> | IacRef | IacUnknown;

/** A list whose length is known (each item may still be unknown), or an unknown list. */
export type IacList<T extends string | boolean | number = string> =
  | { kind: 'list'; items: IacValue<T>[]; span: IacSpan }
  | IacUnknown;

/** A map whose keys are known (each value may still be unknown), or an unknown map. */
export type IacMap =
  | { kind: 'map'; entries: { key: string; keySpan: IacSpan; value: IacValue }[]; span: IacSpan }
  | IacUnknown;

export interface IacFactBase {
  /**
   * Unique within one `IacFacts`, stable across reads of the same text. Terraform: the resource address with module
   * path and instance key (`module.wi.azurerm_user_assigned_identity.app["api"]`). Bicep/ARM: `<file>#<symbolic name
   * or resource name expression>` plus `[i]`/`[key]` for loop instances when known.
   */
  address: string;
  /** Which language declared it. */
  language: 'terraform' | 'bicep' | 'arm';
  /** The whole declaration (resource block / resource statement / template resource object). */
  span: IacSpan;
  /** Just its header (`resource "azurerm_…" "x"`, `resource x '…'`, the `type` member): where resource-level findings go. */
  headerSpan: IacSpan;
  /**
   * The declaration is repeated by `count`/`for_each`/a `for` loop whose instances could not be listed (unknown
   * collection). Such a fact stands for zero or more instances: rules count it as "maybe", never as exactly one.
   */
  repeatedUnknown?: boolean;
}

/** `azurerm_user_assigned_identity`, `Microsoft.ManagedIdentity/userAssignedIdentities`. */
export interface IacIdentity extends IacFactBase {
  type: 'identity';
  name: IacValue;
  resourceGroup: IacValue;
  location: IacValue;
}

/** `azurerm_federated_identity_credential`, `…/userAssignedIdentities/federatedIdentityCredentials`. */
export interface IacFederatedCredential extends IacFactBase {
  type: 'federatedCredential';
  name: IacValue;
  /** Usually a `ref` to an `IacIdentity` (`attribute: 'id'`); Bicep `parent:`/nested resources give the same. */
  parent: IacValue;
  issuer: IacValue;
  subject: IacValue;
  /** Terraform's `audience` (a list), Bicep/ARM `audiences`. */
  audiences: IacList;
}

/** `azurerm_role_assignment`, `Microsoft.Authorization/roleAssignments`. */
export interface IacRoleAssignment extends IacFactBase {
  type: 'roleAssignment';
  /** `role_definition_name`; absent when the assignment names the role by id only. */
  roleName?: IacValue;
  /**
   * `role_definition_id` / `roleDefinitionId`: a full id or a bare GUID as written (readers resolve
   * `subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '<guid>')` to the GUID literal).
   */
  roleDefinitionId?: IacValue;
  scope: IacValue;
  /** Usually a `ref` (`principalId` of an identity, `kubeletPrincipalId` of a cluster). */
  principal: IacValue;
  principalType?: IacValue;
}

/** `azurerm_kubernetes_cluster`, `Microsoft.ContainerService/managedClusters`. */
export interface IacCluster extends IacFactBase {
  type: 'cluster';
  /**
   * Read by a data source (`data "azurerm_kubernetes_cluster"`): a cluster another configuration declares. Its name and
   * resource group are as written; its flags and identities are unknown here.
   */
  dataSource?: boolean;
  name: IacValue;
  resourceGroup: IacValue;
  /** Left out = `implicit` literal false (the provider's and the API's default). */
  oidcIssuerEnabled: IacValue<boolean>;
  workloadIdentityEnabled: IacValue<boolean>;
  /** `identity { type }` / `identity.type`: SystemAssigned, UserAssigned… */
  identityType: IacValue;
  /** User-assigned control-plane identities (`identity_ids`), usually refs with attribute 'id'. */
  identityIds: IacList;
  /** `kubelet_identity { user_assigned_identity_id }` / `identityProfile.kubeletidentity.resourceId`, when set. */
  kubeletIdentityId?: IacValue;
}

/** `kubernetes_service_account`/`kubernetes_service_account_v1` (Terraform kubernetes provider). */
export interface IacServiceAccount extends IacFactBase {
  type: 'serviceAccount';
  namespace: IacValue;
  name: IacValue;
  /** `metadata.annotations`, e.g. `azure.workload.identity/client-id` = a ref to an identity's `clientId`. */
  annotations: IacMap;
  labels: IacMap;
  /**
   * The cluster it is created in: a `ref` (attribute 'apiServerHost') when the kubernetes provider's `host` refers to
   * a cluster of the repository (declared, or read by a data source); absent when the provider is configured otherwise
   * (a kubeconfig file, values not in the repository).
   */
  cluster?: IacValue;
}

export type IacFact = IacIdentity | IacFederatedCredential | IacRoleAssignment | IacCluster | IacServiceAccount;

/** Something a reader could not read (syntax error, unsupported construct worth telling); never a finding by itself. */
export interface IacProblem {
  message: string;
  span: IacSpan;
}

export interface IacFacts {
  identities: IacIdentity[];
  federatedCredentials: IacFederatedCredential[];
  roleAssignments: IacRoleAssignment[];
  clusters: IacCluster[];
  serviceAccounts: IacServiceAccount[];
  problems: IacProblem[];
}

export interface IacFile {
  /** Workspace-relative or absolute path, used as is in every `IacSpan.file`. */
  path: string;
  text: string;
}

/**
 * One infrastructure-code language. `read` gets every file `handles` accepted (all of them at once: Terraform
 * modules and Bicep params span files) and returns their facts. Pure and synchronous; a reader module is loaded
 * lazily (dynamic `import()`), so parsers cost nothing until the workspace has such a file.
 */
export interface IacReader {
  language: IacFactBase['language'];
  /** Cheap test on the path (and, for ambiguous extensions such as `.json`, the text). */
  handles(path: string, text?: string): boolean;
  read(files: readonly IacFile[]): IacFacts;
}

export function emptyFacts(): IacFacts {
  return { identities: [], federatedCredentials: [], roleAssignments: [], clusters: [], serviceAccounts: [], problems: [] };
}

/** Concatenates the facts of several readers (addresses are unique per language, so they do not collide). */
export function mergeFacts(parts: readonly IacFacts[]): IacFacts {
  const out = emptyFacts();
  for (const p of parts) {
    out.identities.push(...p.identities);
    out.federatedCredentials.push(...p.federatedCredentials);
    out.roleAssignments.push(...p.roleAssignments);
    out.clusters.push(...p.clusters);
    out.serviceAccounts.push(...p.serviceAccounts);
    out.problems.push(...p.problems);
  }
  return out;
}

/** The literal value, or null for refs and unknowns. */
export function literalOf<T extends string | boolean | number>(v: IacValue<T> | undefined): T | null {
  return v && v.kind === 'literal' ? v.value : null;
}
