import type { IdentityMap, MapSource } from './types';

/** A source for people and tools: manifest lines and columns 1-based (as `aks-iam lint` prints them), paths as shown. */
function sourceJson(s: MapSource | null, display: (file: string) => string): Record<string, unknown> | null {
  if (!s) return null;
  switch (s.type) {
    case 'manifest': return { type: 'manifest', file: display(s.file), line: s.line + 1, column: s.character + 1 };
    case 'iac': return { type: 'iac', file: display(s.file), start: s.start, end: s.end };
    case 'azure': return { type: 'azure', id: s.id };
    case 'builtin': return { type: 'builtin' };
  }
}

/** The map as JSON: nodes (with where each is written or lives), edges (with the findings that break them). */
export function renderJson(map: IdentityMap, display: (file: string) => string = (f) => f): string {
  const json = {
    title: map.title,
    nodes: map.nodes.map((n) => ({ id: n.id, kind: n.kind, label: n.label, detail: n.detail, missing: n.missing, source: sourceJson(n.source, display) })),
    edges: map.edges.map((e) => ({ from: e.from, to: e.to, label: e.label, broken: e.problems.length > 0, problems: e.problems })),
  };
  return JSON.stringify(json, null, 2) + '\n';
}
