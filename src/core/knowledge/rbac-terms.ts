// Kubernetes RBAC verbs and sensitive resources, with the risk each carries when granted.
export type Risk = 'high' | 'medium' | 'low';

export interface RbacTerm {
  term: string;
  kind: 'verb' | 'resource';
  meaning: string;
  risk: Risk;
  why?: string;
}

export const rbacVerbs: readonly RbacTerm[] = [
  { term: 'get', kind: 'verb', risk: 'low', meaning: 'Read one named object.', why: 'On secrets it reveals credentials, including ServiceAccount tokens.' },
  { term: 'list', kind: 'verb', risk: 'low', meaning: 'Read every object of the resource in scope.', why: 'On secrets, list returns the full contents of every Secret, not just names.' },
  { term: 'watch', kind: 'verb', risk: 'low', meaning: 'Stream changes to objects of the resource.', why: 'On secrets, watch streams their contents as they change.' },
  { term: 'create', kind: 'verb', risk: 'medium', meaning: 'Create new objects.', why: 'Creating pods lets a subject run code as any ServiceAccount in the namespace and mount its Secrets.' },
  { term: 'update', kind: 'verb', risk: 'medium', meaning: 'Replace existing objects.' },
  { term: 'patch', kind: 'verb', risk: 'medium', meaning: 'Partially modify existing objects.' },
  { term: 'delete', kind: 'verb', risk: 'medium', meaning: 'Delete one object.' },
  { term: 'deletecollection', kind: 'verb', risk: 'medium', meaning: 'Delete many objects at once.' },
  { term: 'escalate', kind: 'verb', risk: 'high', meaning: 'On roles/clusterroles: create or edit a role with permissions the subject does not hold itself.', why: 'It bypasses the built-in privilege escalation check, so the subject can grant itself anything.' },
  { term: 'bind', kind: 'verb', risk: 'high', meaning: 'On roles/clusterroles: create a binding to a role whose permissions the subject does not hold.', why: 'With bind on cluster-admin the subject can bind itself cluster-admin.' },
  { term: 'impersonate', kind: 'verb', risk: 'high', meaning: 'On users, groups, serviceaccounts, userextras or uids: act as another identity (kubectl --as).', why: 'The subject gains every permission of the impersonated identity, e.g. system:masters.' },
  { term: 'approve', kind: 'verb', risk: 'high', meaning: 'On certificatesigningrequests/approval with a signers resource: approve CSRs.', why: 'Approving a client certificate CSR can mint credentials for any user or group.' },
  { term: 'sign', kind: 'verb', risk: 'high', meaning: 'On signers: issue certificates for CSRs.', why: 'Signing client certificates mints credentials.' },
  { term: 'use', kind: 'verb', risk: 'medium', meaning: 'On podsecuritypolicies (removed in 1.25) or similar: use a policy object.' },
  { term: '*', kind: 'verb', risk: 'high', meaning: 'Every verb, including escalate, bind and impersonate, and verbs added in future versions.', why: 'A wildcard grants far more than intended; list the verbs needed.' },
];

export const rbacResources: readonly RbacTerm[] = [
  { term: 'secrets', kind: 'resource', risk: 'high', meaning: 'Secret objects.', why: 'Reading Secrets exposes ServiceAccount tokens and credentials, which allows acting as those identities.' },
  { term: 'pods/exec', kind: 'resource', risk: 'high', meaning: 'Run a command in a container (kubectl exec); needs create (and get for older clients).', why: 'Exec runs code inside the pod with its ServiceAccount token and workload identity credentials.' },
  { term: 'pods/attach', kind: 'resource', risk: 'high', meaning: 'Attach to a running container (kubectl attach).', why: 'Attach gives interactive access to the container process.' },
  { term: 'pods/portforward', kind: 'resource', risk: 'medium', meaning: 'Forward local ports to a pod (kubectl port-forward).', why: 'Reaches services inside the pod that are not exposed, bypassing NetworkPolicies.' },
  { term: 'pods/ephemeralcontainers', kind: 'resource', risk: 'high', meaning: 'Add ephemeral debug containers to running pods (kubectl debug).', why: 'An injected container runs with the pod\'s ServiceAccount and volumes.' },
  { term: 'pods', kind: 'resource', risk: 'medium', meaning: 'Pod objects.', why: 'create on pods lets a subject run as any ServiceAccount in the namespace and read mounted Secrets.' },
  { term: 'nodes/proxy', kind: 'resource', risk: 'high', meaning: 'Proxy requests to the kubelet API of a node.', why: 'The kubelet API can run commands in any pod on the node, bypassing admission and audit of pods/exec.' },
  { term: 'serviceaccounts/token', kind: 'resource', risk: 'high', meaning: 'Request tokens for a ServiceAccount (TokenRequest API, create).', why: 'The subject obtains a token for the ServiceAccount and everything it is allowed to do, including federated cloud identities.' },
  { term: 'serviceaccounts', kind: 'resource', risk: 'medium', meaning: 'ServiceAccount objects.', why: 'impersonate on serviceaccounts acts as them; editing annotations can repoint workload identity.' },
  { term: 'roles', kind: 'resource', risk: 'medium', meaning: 'Namespaced Role objects.', why: 'With escalate, or together with bind, changing roles grants new permissions.' },
  { term: 'clusterroles', kind: 'resource', risk: 'high', meaning: 'ClusterRole objects.', why: 'Editing a ClusterRole changes the permissions of every binding that references it.' },
  { term: 'rolebindings', kind: 'resource', risk: 'medium', meaning: 'Namespaced RoleBinding objects.', why: 'Create a binding to any role the subject holds, or to any role with bind.' },
  { term: 'clusterrolebindings', kind: 'resource', risk: 'high', meaning: 'ClusterRoleBinding objects.', why: 'Bindings across the whole cluster.' },
  { term: 'certificatesigningrequests/approval', kind: 'resource', risk: 'high', meaning: 'The approval subresource of CSRs.', why: 'Approving client certificate CSRs mints credentials.' },
  { term: 'mutatingwebhookconfigurations', kind: 'resource', risk: 'high', meaning: 'Mutating admission webhook registrations.', why: 'A webhook can rewrite every pod, e.g. inject containers or change its ServiceAccount.' },
  { term: 'validatingwebhookconfigurations', kind: 'resource', risk: 'medium', meaning: 'Validating admission webhook registrations.', why: 'A webhook sees every object sent to it, including Secrets.' },
  { term: 'persistentvolumes', kind: 'resource', risk: 'high', meaning: 'PersistentVolume objects.', why: 'A hostPath PersistentVolume mounts the node file system.' },
  { term: 'users', kind: 'resource', risk: 'high', meaning: 'Users (only meaningful with the impersonate verb).' },
  { term: 'groups', kind: 'resource', risk: 'high', meaning: 'Groups (only meaningful with the impersonate verb).', why: 'Impersonating system:masters gives full control.' },
  { term: '*', kind: 'resource', risk: 'high', meaning: 'Every resource and subresource in the listed API groups, including ones added later.' },
];

export function findRbacVerb(term: string): RbacTerm | undefined {
  const t = term.trim().toLowerCase();
  return rbacVerbs.find((v) => v.term === t);
}

export function findRbacResource(term: string): RbacTerm | undefined {
  const t = term.trim().toLowerCase();
  return rbacResources.find((r) => r.term === t);
}
