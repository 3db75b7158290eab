import { Graph, layout } from '@dagrejs/dagre';
import type { IdentityMap, MapEdge, MapNode, MapProblem } from './types';

/** Sizes in SVG user units (pixels at 100 %): the renderer draws with these fonts, the layout reserves room for them. */
export const METRICS = {
  labelFont: 13,
  detailFont: 11,
  edgeFont: 11,
  /** Average advance of a character, a little generous so that text never overflows its box. */
  labelChar: 7.4,
  detailChar: 6.3,
  edgeChar: 6.2,
  padX: 12,
  labelMax: 52,
  detailMax: 56,
  edgeMax: 34,
  legendChars: 120,
  legendLine: 16,
  margin: 16,
} as const;

export interface PlacedNode {
  node: MapNode;
  /** Top-left corner and size. */
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  detail: string | null;
}

export interface PlacedEdge {
  edge: MapEdge;
  points: { x: number; y: number }[];
  /** Text drawn on the edge and where (its centre). */
  text: string;
  textX: number;
  textY: number;
  textWidth: number;
  /** Numbers of this edge's problems in the legend. */
  numbers: number[];
}

export interface LegendEntry {
  number: number;
  problem: MapProblem;
  lines: string[];
}

export interface MapLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  legend: LegendEntry[];
  /** Where the legend starts (its first line's baseline is below this). */
  legendY: number;
}

/** Text cut to `max` characters, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** A finding's message up to its first colon or full stop: what is wrong, without the objects and the advice. */
export function summary(message: string): string {
  const m = /^(.+?)(?::\s|\.\s|\.$|;\s)/.exec(message);
  return (m ? m[1] : message).trim();
}

/** Words wrapped into lines of at most `width` characters (a longer word gets a line of its own). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function edgeText(e: MapEdge, numbers: number[]): string {
  if (!e.problems.length) return e.label;
  return clip(`⚠ ${numbers.join(', ')} ${summary(e.problems[0].message)}`, METRICS.edgeMax);
}

/** Positions of every node and edge, left to right in the order of the chain, laid out by dagre. */
export function layoutMap(map: IdentityMap): MapLayout {
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 44, edgesep: 12, marginx: METRICS.margin, marginy: METRICS.margin });
  const placed = new Map<string, Omit<PlacedNode, 'x' | 'y'>>();
  for (const n of map.nodes) {
    const label = clip(n.label, METRICS.labelMax);
    const detail = n.detail === null ? null : clip(n.detail, METRICS.detailMax);
    const width = Math.ceil(Math.max(label.length * METRICS.labelChar, (detail?.length ?? 0) * METRICS.detailChar) + 2 * METRICS.padX + 6);
    const height = detail === null ? 30 : 46;
    placed.set(n.id, { node: n, width, height, label, detail });
    g.setNode(n.id, { width, height });
  }
  let next = 1;
  const legend: LegendEntry[] = [];
  const edgeInfo = map.edges.map((e, i) => {
    const numbers = e.problems.map((p) => {
      const number = next++;
      legend.push({ number, problem: p, lines: wrap(`${number}. ${p.ruleId}: ${p.message}`, METRICS.legendChars) });
      return number;
    });
    const text = edgeText(e, numbers);
    const textWidth = Math.ceil(text.length * METRICS.edgeChar + 8);
    if (placed.has(e.from) && placed.has(e.to)) g.setEdge(e.from, e.to, { width: textWidth, height: 16, labelpos: 'c' }, String(i));
    return { e, numbers, text, textWidth, name: String(i) };
  });
  layout(g);

  const nodes: PlacedNode[] = [];
  for (const [id, p] of placed) {
    const pos = g.node(id) as { x: number; y: number };
    nodes.push({ ...p, x: pos.x - p.width / 2, y: pos.y - p.height / 2 });
  }
  const edges: PlacedEdge[] = [];
  for (const info of edgeInfo) {
    if (!placed.has(info.e.from) || !placed.has(info.e.to)) continue;
    const label = g.edge(info.e.from, info.e.to, info.name) as { points?: { x: number; y: number }[]; x?: number; y?: number };
    const points = label.points ?? [];
    const mid = points[Math.floor(points.length / 2)] ?? { x: 0, y: 0 };
    edges.push({ edge: info.e, points, text: info.text, textX: label.x ?? mid.x, textY: label.y ?? mid.y, textWidth: info.textWidth, numbers: info.numbers });
  }
  const graph = g.graph() as { width?: number; height?: number };
  const graphWidth = Math.ceil(graph.width ?? 0);
  const graphHeight = Math.ceil(graph.height ?? 0);
  const legendLines = legend.reduce((n, l) => n + l.lines.length, 0);
  const legendWidth = legend.length ? Math.ceil(Math.max(...legend.flatMap((l) => l.lines.map((s) => s.length))) * METRICS.edgeChar + 2 * METRICS.margin) : 0;
  const legendHeight = legend.length ? (legendLines + 1) * METRICS.legendLine + METRICS.margin : 0;
  return {
    width: Math.max(graphWidth, legendWidth, 120),
    height: Math.max(graphHeight + legendHeight, 40),
    nodes,
    edges,
    legend,
    legendY: graphHeight,
  };
}
