import type { PolicyRule } from '../knowledge/data';

/** Who receives access: a ServiceAccount of a namespace, or a User or Group as the authenticator names them. */
export type Subject =
  | { kind: 'ServiceAccount'; namespace: string; name: string }
  | { kind: 'User' | 'Group'; name: string };

/** Where a grant applies: one namespace (RoleBinding) or the whole cluster (ClusterRoleBinding). */
export type Scope = { namespace: string } | 'cluster';

/** A source object: a manifest of the workspace (file and offsets of its document) or a built-in ClusterRole. */
export interface SourceRef {
  kind: string;
  namespace: string | null;
  name: string;
  /** Null for built-in ClusterRoles. */
  file: string | null;
  /** The object's YAML document in file (0 for built-ins). */
  start: number;
  end: number;
  /** The `metadata.name` value, for go-to-definition; null for built-ins or a missing name. */
  nameRange: { start: number; end: number } | null;
  builtin: boolean;
}

export interface Grant {
  rule: PolicyRule;
  scope: Scope;
  /** The RoleBinding or ClusterRoleBinding that grants it. */
  binding: SourceRef;
  /** The role the binding refers to. */
  role: SourceRef;
  /** Where the rule is written: the role itself, or a role aggregated into it. */
  ruleSource: SourceRef;
  /** Offsets of the rule in ruleSource's file; null for built-in rules. */
  ruleRange: { start: number; end: number } | null;
  /** The binding subject that matched: the subject itself, or a group it belongs to. */
  via: Subject;
}

export interface SubjectGrants {
  subject: Subject;
  grants: Grant[];
}

export interface AccessQueryOptions {
  /** Only rules whose apiGroups include this group (or `*`); any group when omitted. */
  apiGroup?: string;
}

export interface AccessModel {
  /** The index version the model was built from. */
  readonly version: number;
  /** Every rule the subject receives through the workspace's bindings, directly or through its groups. */
  accessOf(subject: Subject): readonly Grant[];
  /**
   * Subjects (those named by bindings, the workspace's ServiceAccounts and those its pods run as) holding `verb` on `resource`
   * (`pods`, `pods/exec`), in `namespace` when given (cluster-wide grants count), else in any scope.
   */
  subjectsWith(verb: string, resource: string, namespace?: string, options?: AccessQueryOptions): SubjectGrants[];
  /** Subjects named by the workspace's bindings. */
  subjects(): Subject[];
  /** Subjects named by bindings, the workspace's ServiceAccounts and those its pods run as, in display order. */
  candidates(): Subject[];
}
