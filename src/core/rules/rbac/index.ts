import type { Rule } from '../types';
import rbacWildcard from './rbac-wildcard';
import rbacSecretsRead from './rbac-secrets-read';
import rbacEscalationVerbs from './rbac-escalation-verbs';
import rbacPodExec from './rbac-pod-exec';
import rbacCreateWorkloads from './rbac-create-workloads';
import rbacNodesProxy from './rbac-nodes-proxy';
import rbacTokenCreate from './rbac-token-create';

export const rules: Rule[] = [
  rbacWildcard,
  rbacSecretsRead,
  rbacEscalationVerbs,
  rbacPodExec,
  rbacCreateWorkloads,
  rbacNodesProxy,
  rbacTokenCreate,
];
