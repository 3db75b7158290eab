export { explainAt, type ExplainedAt } from './at';
export { explainClusterRole, clusterRoleJson } from './clusterrole';
export { explainIdentityKey } from './identity-key';
export { explainPermission, permissionJson } from './permission';
export { explainRbacTerm } from './rbac';
export { explainRole, roleJson, notableOf, roleDocsUrl } from './role';
export { explainTerm, resolveTerm, closestTerms, type Explained, type NotFound, type TermKind } from './term';
export { completionsAt, yamlParentKeys, type CompletionCandidate } from './complete';
