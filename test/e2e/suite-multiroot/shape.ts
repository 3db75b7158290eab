// What the multi-root workspace holds, shared by its setup (harness) and its tests (extension host).
export const FOLDER_SETTINGS: Record<'team-a' | 'team-b', Record<string, unknown>> = {
  'team-a': {
    'aksIam.rules': { 'rbac-cluster-admin-binding': 'info' },
    'aksIam.exclude': ['**/skip/**'],
    'aksIam.defaultNamespace': 'team-a',
    'aksIam.maxFileSize': 1,
  },
  'team-b': {
    'aksIam.rules': { 'rbac-cluster-admin-binding': 'off' },
    'aksIam.defaultNamespace': 'team-b',
    'aksIam.identitySnapshot': '.aks-iam',
  },
};

export const BINDING = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: deployer-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - kind: ServiceAccount
    name: deployer
    namespace: ci
`;

/** No namespace: the folder's aksIam.defaultNamespace applies. */
export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: catalog
spec:
  selector:
    matchLabels: { app: catalog }
  template:
    metadata:
      labels:
        app: catalog
        azure.workload.identity/use: true
    spec:
      containers:
        - name: catalog
          image: contoso.azurecr.io/catalog:1.0
`;

/** Over 1 KiB (team-a's aksIam.maxFileSize), under the default 2 MiB. */
export const LARGE_DEPLOYMENT = `${'# padding to make the file larger than one KiB\n'.repeat(30)}${DEPLOYMENT}`;
