/**
 * The identity map as plain data: who runs as which ServiceAccount, which cloud identity that account signs in as,
 * what that identity may do in Azure, and what the account may do in Kubernetes. One model feeds the webview, the
 * SVG, the Mermaid and the JSON exports.
 */

export type MapNodeKind =
  | 'workload'
  | 'service-account'
  | 'managed-identity'
  | 'federated-credential'
  | 'role-assignment'
  | 'scope'
  | 'binding'
  | 'role';

/** Where a node is written or lives. Offsets are UTF-16, lines and characters 0-based (as the editor counts). */
export type MapSource =
  | { type: 'manifest'; file: string; start: number; end: number; line: number; character: number }
  | { type: 'iac'; file: string; start: number; end: number }
  | { type: 'azure'; id: string }
  | { type: 'builtin' };

/** A finding that breaks a link of the chain, as the analyzer reported it. */
export interface MapProblem {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface MapNode {
  /** Stable within one map, made of what the node stands for (never a position in a list). */
  id: string;
  kind: MapNodeKind;
  /** First line: what it is and its name, e.g. "Deployment api". */
  label: string;
  /** Second line: a namespace, a client id, a scope. */
  detail: string | null;
  source: MapSource | null;
  /** The node stands for something the chain needs but that does not exist (an unknown client-id, a missing role). */
  missing: boolean;
}

export interface MapEdge {
  from: string;
  to: string;
  /** What the link is: "runs as", "client-id", "RoleBinding in shop". */
  label: string;
  /** Findings that break this link; empty when it holds. */
  problems: MapProblem[];
}

export interface IdentityMap {
  /** What the map shows: "Deployment shop/api", "namespace shop", "workspace". */
  title: string;
  nodes: MapNode[];
  edges: MapEdge[];
}

/** What to draw: one workload, one ServiceAccount, every ServiceAccount of one identity, a namespace, or everything. */
export type MapTarget =
  | { kind: 'workload'; namespace: string; workloadKind: string; name: string }
  | { kind: 'service-account'; namespace: string; name: string }
  | { kind: 'identity'; clientId: string }
  | { kind: 'namespace'; namespace: string }
  | { kind: 'workspace' };

/** The part of an analyzer finding the map reads (structurally a `Finding`). */
export interface MapFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  file: string;
  start: number;
  end: number;
}
