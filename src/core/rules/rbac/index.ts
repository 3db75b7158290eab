import type { Rule } from '../types';
import rbacWildcard from './rbac-wildcard';
import rbacSecretsRead from './rbac-secrets-read';
import rbacEscalationVerbs from './rbac-escalation-verbs';
import rbacPodExec from './rbac-pod-exec';
import rbacCreateWorkloads from './rbac-create-workloads';
import rbacNodesProxy from './rbac-nodes-proxy';
import rbacTokenCreate from './rbac-token-create';
import rbacClusterAdminBinding from './rbac-cluster-admin-binding';
import rbacBroadBuiltinBinding from './rbac-broad-builtin-binding';
import rbacAnonymousSubject from './rbac-anonymous-subject';
import rbacSubjectInvalid from './rbac-subject-invalid';
import rbacRolerefInvalid from './rbac-roleref-invalid';
import rbacDefaultSaBinding from './rbac-default-sa-binding';
import rbacDeprecatedApi from './rbac-deprecated-api';
import rbacRolerefNotFound from './rbac-roleref-not-found';
import rbacSubjectNotFound from './rbac-subject-not-found';
import rbacUnusedRole from './rbac-unused-role';

export const rules: Rule[] = [
  rbacWildcard,
  rbacSecretsRead,
  rbacEscalationVerbs,
  rbacPodExec,
  rbacCreateWorkloads,
  rbacNodesProxy,
  rbacTokenCreate,
  rbacClusterAdminBinding,
  rbacBroadBuiltinBinding,
  rbacAnonymousSubject,
  rbacSubjectInvalid,
  rbacRolerefInvalid,
  rbacDefaultSaBinding,
  rbacDeprecatedApi,
  rbacRolerefNotFound,
  rbacSubjectNotFound,
  rbacUnusedRole,
];
