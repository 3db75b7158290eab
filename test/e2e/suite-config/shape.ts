// A repository with nested .aks-iam.yaml files (nearest wins, extends, rules, exclude, namespace, placeholders,
// ignore): the editor and `aks-iam lint` must report the same findings on it.
const sa = (name: string, clientId: string, ns?: string) =>
  `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}  annotations:\n    azure.workload.identity/client-id: ${clientId}\n`;
const role = (ns: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: all\n  namespace: ${ns}\nrules:\n- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]\n`;
const deployment = (name: string, saName: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels:
        app: ${name}
        azure.workload.identity/use: true
    spec:
      serviceAccountName: ${saName}
      containers:
      - name: app
        image: mcr.microsoft.com/azure-cli:2.61.0
`;

export const FILES: Record<string, string> = {
  '.aks-iam.yaml': 'rules:\n  rbac-wildcard: error\nexclude: ["generated/**"]\nignore:\n  - path: wi-client-id-format@legacy/**\n    reason: retired next quarter\n',
  'root.yaml': sa('root', 'not-a-guid', 'a') + '---\n' + deployment('web', 'root'),
  'generated/g.yaml': sa('gen', 'not-a-guid', 'a'),
  'legacy/l.yaml': sa('legacy', 'not-a-guid', 'a'),
  'ops/role.yaml': role('ops'),
  'team/.aks-iam.yml': 'extends: ../.aks-iam.yaml\nnamespace: team\nrules:\n  wi-client-id-format: warning\nplaceholders: ["^@@[A-Z]+@@$"]\n',
  'team/t.yaml': sa('team', 'not-a-guid') + '---\n' + sa('templated', '"@@CLIENT@@"') + '---\n' + deployment('api', 'team'),
  'team/role.yaml': role('team'),
  'solo/.aks-iam.yaml': 'rules:\n  wi-client-id-format: off\n  wi-use-label-value: info\n',
  'solo/s.yaml': sa('solo', 'not-a-guid', 'a') + '---\n' + deployment('solo', 'solo'),
  'solo/role.yaml': role('solo'),
};
