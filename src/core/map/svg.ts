import { layoutMap, METRICS, type MapLayout, type PlacedEdge, type PlacedNode } from './layout';
import type { IdentityMap } from './types';

/**
 * The map's styles. Theme colours come from VS Code's CSS variables in the webview; the fallbacks are what a saved
 * SVG shows anywhere else (a README, a pull request), where those variables do not exist.
 */
export const MAP_CSS = `
.aks-iam-map { font-family: var(--vscode-font-family, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif); }
.aks-iam-map .background { fill: var(--vscode-editor-background, #ffffff); }
.aks-iam-map text { fill: var(--vscode-editor-foreground, #1f2328); }
.aks-iam-map .node rect.box { fill: var(--vscode-editorWidget-background, #f6f8fa); stroke: var(--vscode-editorWidget-border, #8c959f); stroke-width: 1; }
.aks-iam-map .node .label { font-size: ${METRICS.labelFont}px; font-weight: 600; }
.aks-iam-map .node .detail { font-size: ${METRICS.detailFont}px; fill: var(--vscode-descriptionForeground, #59636e); }
.aks-iam-map .node.missing rect.box { stroke: var(--vscode-errorForeground, #d1242f); stroke-width: 1.5; stroke-dasharray: 5 3; }
.aks-iam-map .node.missing .label { fill: var(--vscode-errorForeground, #d1242f); }
.aks-iam-map .node.linked { cursor: pointer; }
.aks-iam-map .node:focus { outline: none; }
.aks-iam-map .node:focus rect.box, .aks-iam-map .node.linked:hover rect.box { stroke: var(--vscode-focusBorder, #0969da); stroke-width: 2; }
.aks-iam-map .accent { stroke: none; }
.aks-iam-map .kind-workload .accent { fill: var(--vscode-charts-blue, #0969da); }
.aks-iam-map .kind-service-account .accent { fill: var(--vscode-charts-purple, #8250df); }
.aks-iam-map .kind-managed-identity .accent { fill: var(--vscode-charts-green, #1a7f37); }
.aks-iam-map .kind-federated-credential .accent { fill: var(--vscode-charts-yellow, #9a6700); }
.aks-iam-map .kind-role-assignment .accent, .aks-iam-map .kind-scope .accent { fill: var(--vscode-charts-orange, #bc4c00); }
.aks-iam-map .kind-binding .accent, .aks-iam-map .kind-role .accent { fill: var(--vscode-charts-foreground, #59636e); }
.aks-iam-map .edge path { fill: none; stroke: var(--vscode-editorLineNumber-foreground, #8c959f); stroke-width: 1.2; }
.aks-iam-map .edge .edge-label { font-size: ${METRICS.edgeFont}px; fill: var(--vscode-descriptionForeground, #59636e); }
.aks-iam-map .edge rect { fill: var(--vscode-editor-background, #ffffff); }
.aks-iam-map .arrow { fill: var(--vscode-editorLineNumber-foreground, #8c959f); }
.aks-iam-map .edge.broken path { stroke: var(--vscode-errorForeground, #d1242f); stroke-width: 1.6; stroke-dasharray: 6 4; }
.aks-iam-map .edge.broken .edge-label, .aks-iam-map .legend .problem { fill: var(--vscode-errorForeground, #d1242f); }
.aks-iam-map .arrow.broken { fill: var(--vscode-errorForeground, #d1242f); }
.aks-iam-map .legend .problem { font-size: 12px; }
.aks-iam-map .legend .legend-title { font-size: 12px; font-weight: 600; }
`.trim();

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const r1 = (n: number) => Math.round(n * 10) / 10;

function nodeSvg(p: PlacedNode, dom: (id: string) => string): string {
  const n = p.node;
  const classes = ['node', `kind-${n.kind}`, n.missing ? 'missing' : '', n.source && n.source.type !== 'builtin' ? 'linked' : ''].filter(Boolean).join(' ');
  const opens = !n.source || n.source.type === 'builtin' ? '' : n.source.type === 'azure' ? ', opens it in the Azure portal' : ', opens its source';
  const aria = `${n.label}${n.detail ? `, ${n.detail}` : ''}${n.missing ? ', missing' : ''}${opens}`;
  const tip = [n.label, n.detail, n.source?.type === 'azure' ? n.source.id : null].filter(Boolean).join('\n');
  const labelY = p.detail === null ? p.height / 2 + METRICS.labelFont * 0.35 : 19;
  return [
    `<g class="${classes}" id="${dom(n.id)}" data-node="${escapeXml(n.id)}" tabindex="0" role="button" aria-label="${escapeXml(aria)}" transform="translate(${r1(p.x)},${r1(p.y)})">`,
    `<title>${escapeXml(tip)}</title>`,
    `<rect class="box" width="${p.width}" height="${p.height}" rx="6" ry="6"/>`,
    `<rect class="accent" x="0" y="6" width="4" height="${p.height - 12}" rx="2"/>`,
    `<text class="label" x="${METRICS.padX}" y="${r1(labelY)}">${escapeXml(p.label)}</text>`,
    p.detail === null ? '' : `<text class="detail" x="${METRICS.padX}" y="36">${escapeXml(p.detail)}</text>`,
    '</g>',
  ].join('');
}

function edgeSvg(e: PlacedEdge): string {
  const broken = e.edge.problems.length > 0;
  const d = e.points.map((pt, i) => `${i ? 'L' : 'M'}${r1(pt.x)} ${r1(pt.y)}`).join(' ');
  const tip = broken ? e.edge.problems.map((p) => `${p.ruleId}: ${p.message}`).join('\n') : e.edge.label;
  return [
    `<g class="edge${broken ? ' broken' : ''}" data-from="${escapeXml(e.edge.from)}" data-to="${escapeXml(e.edge.to)}">`,
    `<title>${escapeXml(tip)}</title>`,
    `<path d="${d}" marker-end="url(#aks-iam-arrow${broken ? '-broken' : ''})"/>`,
    `<rect x="${r1(e.textX - e.textWidth / 2)}" y="${r1(e.textY - 8)}" width="${e.textWidth}" height="16" rx="3"/>`,
    `<text class="edge-label" x="${r1(e.textX)}" y="${r1(e.textY + 4)}" text-anchor="middle">${escapeXml(e.text)}</text>`,
    '</g>',
  ].join('');
}

function legendSvg(l: MapLayout): string {
  if (!l.legend.length) return '';
  const out = [`<g class="legend" transform="translate(${METRICS.margin},${l.legendY})">`, `<text class="legend-title" x="0" y="${METRICS.legendLine}">Broken links</text>`];
  let line = 2;
  for (const entry of l.legend) {
    for (const text of entry.lines) out.push(`<text class="problem sev-${entry.problem.severity}" x="0" y="${line++ * METRICS.legendLine}">${escapeXml(text)}</text>`);
  }
  out.push('</g>');
  return out.join('');
}

export interface SvgOptions {
  /** Embed the styles (a file of its own); false when the page around it brings them (the webview). */
  standalone?: boolean;
  /** Prefix of the node elements' ids, so that a page can hold more than one map. */
  idPrefix?: string;
}

/** Node element ids: the prefix and the node's index, so that ids stay valid XML names whatever the node id holds. */
export function nodeDomIds(map: IdentityMap, prefix = 'aks-iam-node-'): Map<string, string> {
  return new Map(map.nodes.map((n, i) => [n.id, `${prefix}${i}`]));
}

/** The map drawn as one SVG document: nodes left to right along the chain, broken links red and dashed with a numbered legend. */
export function renderSvg(map: IdentityMap, options: SvgOptions = {}): string {
  const l = layoutMap(map);
  const ids = nodeDomIds(map, options.idPrefix);
  const dom = (id: string) => ids.get(id) ?? '';
  const arrow = (id: string, cls: string) =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path class="${cls}" d="M0 0 L10 5 L0 10 z"/></marker>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="aks-iam-map" width="${l.width}" height="${l.height}" viewBox="0 0 ${l.width} ${l.height}" role="group" aria-label="${escapeXml(`Identity map of ${map.title}`)}">`,
    `<title>${escapeXml(`Identity map of ${map.title}`)}</title>`,
    options.standalone ? `<style>${MAP_CSS}</style>` : '',
    `<defs>${arrow('aks-iam-arrow', 'arrow')}${arrow('aks-iam-arrow-broken', 'arrow broken')}</defs>`,
    `<rect class="background" width="${l.width}" height="${l.height}"/>`,
    `<g class="edges">${l.edges.map(edgeSvg).join('')}</g>`,
    `<g class="nodes">${l.nodes.map((p) => nodeSvg(p, dom)).join('')}</g>`,
    legendSvg(l),
    '</svg>',
  ].join('\n') + '\n';
}
