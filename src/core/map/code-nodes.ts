import type { IacFacts } from '../iac/types';
import { codeFederationOf, type CodeIdentities, type CodeIdentity } from '../identity/code-identities';
import { emptyGraph, type IdentityGraph, type ManagedIdentity } from '../identity/graph';
import { serviceAccountSubject } from '../identity/lookup';
import { scopeNode } from './azure-nodes';
import type { MapNode, MapProblem } from './types';

// Findings of infrastructure code, by what they break: the credential, or the role assignment.
const CODE_CREDENTIAL = new Set(['iac-fic-audience', 'iac-fic-cluster-disabled', 'iac-fic-issuer', 'iac-fic-subject-format', 'iac-fic-limit']);
const CODE_ASSIGNMENT = new Set(['iac-role-unknown', 'iac-role-scope', 'iac-role-privileged']);

/** What the map builder offers to draw with. */
export interface MapCanvas {
  node(n: MapNode): MapNode;
  edge(from: string, to: string, label: string, problems?: MapProblem[]): void;
  problemsIn(o: { file: string; start: number; end: number }, rules: Set<string>): MapProblem[];
}

export interface CodeInputs {
  model: CodeIdentities;
  facts: IacFacts;
  graph: IdentityGraph | null;
}

/**
 * The identities the workspace's infrastructure code declares for one ServiceAccount (by a credential's subject, or a
 * Terraform annotation), with their credentials and role assignments at their lines. One the Azure data already drew
 * (same name) is not drawn twice.
 */
export function drawCodeIdentities(map: MapCanvas, code: CodeInputs, saId: string, namespace: string, name: string, cloud: ManagedIdentity | null): void {
  for (const { identity, credentials, annotation } of codeFederationOf(code.model, code.facts, namespace, name)) {
    if (cloud && cloud.name === identity.label) continue;
    const miId = `code-identity:${identity.address}`;
    const file = identity.at.file;
    map.node({ id: miId, kind: 'managed-identity', label: `Managed identity ${identity.label}`, detail: `declared in ${file.slice(file.lastIndexOf('/') + 1)}`, source: { type: 'iac', ...identity.at }, missing: false });
    map.edge(saId, miId, annotation ? 'client-id (code)' : 'federated in code');
    for (const c of credentials) {
      const id = `code-credential:${c.address}`;
      map.node({ id, kind: 'federated-credential', label: `Federated credential ${c.name ?? c.address}`, detail: c.subject, source: { type: 'iac', ...c.at }, missing: false });
      map.edge(miId, id, 'federated credential', map.problemsIn(c.span, CODE_CREDENTIAL));
    }
    if (credentials.length === 0) {
      const id = `code-credential:${identity.address}/missing/${namespace}/${name}`;
      map.node({ id, kind: 'federated-credential', label: 'No federated credential', detail: serviceAccountSubject(namespace, name), source: null, missing: true });
      map.edge(miId, id, 'federated credential');
    }
    assignments(map, code.graph, miId, identity);
  }
}

function assignments(map: MapCanvas, graph: IdentityGraph | null, miId: string, identity: CodeIdentity): void {
  for (const a of identity.roleAssignments) {
    const id = `code-assignment:${a.address}`;
    map.node({ id, kind: 'role-assignment', label: a.role, detail: 'Azure role assignment in code', source: { type: 'iac', ...a.at }, missing: false });
    map.edge(miId, id, 'role assignment', map.problemsIn(a.span, CODE_ASSIGNMENT));
    const scope = a.scopeId ? map.node(scopeNode(a.scopeId, graph ?? emptyGraph('snapshot')))
      : map.node({ id: `scope:code:${a.scope}`, kind: 'scope', label: a.scope, detail: 'declared in code', source: null, missing: false });
    map.edge(id, scope.id, 'at scope');
  }
}
