// The generated workspace, shared by setup.ts (which writes it) and the tests (which check what was indexed).
export const FILES = 50_000;
export const FOLDERS = 100;
/** What `.vscode/settings.json` sets aksIam.maxWorkspaceFiles to. */
export const LIMIT = 5_000;

/** Workspace-relative path of generated file `i` (0-based): team-000/role-00000.yaml … team-099/role-49999.yaml. */
export function filePath(i: number): string {
  return `team-${String(i % FOLDERS).padStart(3, '0')}/role-${String(i).padStart(5, '0')}.yaml`;
}

/**
 * A small Role with exactly one finding: rbac-wildcard on the `"*"` of resources, line 8 (a `*` verb on configmaps
 * is no longer reported: the rule now warns only where the wildcard reaches something risky).
 */
export function fileText(i: number): string {
  const name = `role-${String(i).padStart(5, '0')}`;
  return `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: ${name}
  namespace: team-${String(i % FOLDERS).padStart(3, '0')}
rules:
  - apiGroups: [""]
    resources: ["*"]
    verbs: ["get"]
`;
}

export const WILDCARD_MESSAGE = (i: number): string =>
  `Wildcard \`*\` in resources: Role role-${String(i).padStart(5, '0')} (namespace team-${String(i % FOLDERS).padStart(3, '0')}) allows get on every resource of the core API group, Secrets, subresources and resources added later included; list the resources it needs.`;
