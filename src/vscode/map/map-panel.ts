import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { Analyzer } from '../../core/analyze';
import type { IdentityGraph } from '../../core/identity/graph';
import { buildIdentityMap, escapeXml, MAP_CSS, renderMermaid, renderSvg, type IdentityMap, type MapFinding, type MapNode, type MapTarget } from '../../core/map/index';

/** What the map reads from the rest of the extension. */
export interface MapHost {
  analyzer(): Analyzer;
  /** Resolves when the workspace scan and pending analysis are done, so the map shows the whole workspace. */
  whenIdle(): Promise<void>;
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
}

/** The portal of the cloud the extension signs in to (`microsoft-sovereign-cloud.environment`, as Microsoft's Azure extensions read it). */
function portal(): string {
  const env = vscode.workspace.getConfiguration().get<string>('microsoft-sovereign-cloud.environment');
  return env === 'ChinaCloud' ? 'https://portal.azure.cn' : env === 'USGovernment' ? 'https://portal.azure.us' : 'https://portal.azure.com';
}
const REDRAW_MS = 300;
// dagre lays out 400 nodes in about 2 s and 2,000 in about 10 s on a busy 2-core machine: beyond this the editor
// would freeze, so the page asks for a narrower map instead (the exports still work).
const MAX_DRAWN_NODES = 400;

/**
 * The findings the Problems panel shows (after settings, configuration files and suppressions), as the map reads
 * them: the rules decide what is broken, the map only places it.
 */
function shownFindings(analyzer: Analyzer): MapFinding[] {
  const out: MapFinding[] = [];
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    const file = analyzer.index.getFile(uri.toString());
    if (!file) continue;
    for (const d of diagnostics) {
      if (d.source !== 'aks-iam' || typeof d.code !== 'object') continue;
      const severity = d.severity === vscode.DiagnosticSeverity.Error ? 'error' : d.severity === vscode.DiagnosticSeverity.Warning ? 'warning' : 'info';
      const start = file.lines.offsetAt(d.range.start);
      out.push({ ruleId: String(d.code.value), severity, message: d.message, file: file.path, start, end: file.lines.offsetAt(d.range.end) });
    }
  }
  return out;
}

/** The identity map webview: one panel, redrawn when the workspace or its findings change, reused for the next target. */
export class IdentityMapPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | null = null;
  private target: MapTarget = { kind: 'workspace' };
  private map: IdentityMap | null = null;
  private redraw: ReturnType<typeof setTimeout> | null = null;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly host: MapHost) {
    this.disposables.push(vscode.languages.onDidChangeDiagnostics(() => this.scheduleRedraw()));
  }

  /** The map currently shown (for tests and the export commands). */
  get current(): IdentityMap | null {
    return this.map;
  }

  async show(target: MapTarget): Promise<void> {
    this.target = target;
    await this.host.whenIdle();
    if (!this.panel) {
      const media = vscode.Uri.joinPath(this.host.extensionUri, 'media', 'map');
      this.panel = vscode.window.createWebviewPanel('aksIam.identityMap', 'Identity map', vscode.ViewColumn.Beside, {
        enableScripts: true, localResourceRoots: [media], retainContextWhenHidden: false,
      });
      this.panel.iconPath = vscode.Uri.joinPath(this.host.extensionUri, 'media', 'icon.png');
      this.panel.onDidDispose(() => {
        this.panel = null;
        this.map = null;
      }, null, this.disposables);
      this.panel.webview.onDidReceiveMessage((m: { type?: string; id?: string }) => void this.onMessage(m), null, this.disposables);
    } else this.panel.reveal(vscode.ViewColumn.Beside, false);
    this.render();
    if (this.map) this.host.log.info(`identity map: ${this.map.title} (${this.map.nodes.length} nodes, ${this.map.edges.length} links)`);
  }

  private scheduleRedraw(): void {
    if (!this.panel || this.redraw) return;
    this.redraw = setTimeout(() => {
      this.redraw = null;
      if (this.panel) this.render();
    }, REDRAW_MS);
  }

  private build(): IdentityMap {
    const analyzer = this.host.analyzer();
    return buildIdentityMap({ index: analyzer.index, graph: analyzer.settings.cloud as IdentityGraph | null, findings: shownFindings(analyzer), iac: analyzer.iacFacts() }, this.target);
  }

  private render(): void {
    if (!this.panel) return;
    const map = this.build();
    // A change elsewhere in the workspace that leaves this map as it is must not redraw it: a new page would lose the
    // node that has the keyboard focus and the scroll position.
    if (this.map && JSON.stringify(this.map) === JSON.stringify(map)) return;
    this.map = map;
    this.panel.title = `Identity map: ${map.title}`;
    this.panel.webview.html = this.html(map, this.panel.webview);
  }

  private html(map: IdentityMap, webview: vscode.Webview): string {
    const nonce = randomBytes(16).toString('base64');
    const media = vscode.Uri.joinPath(this.host.extensionUri, 'media', 'map');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'map.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'map.css'));
    const csp = `default-src 'none'; img-src ${webview.cspSource} data:; style-src ${webview.cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
    const body = !map.nodes.length
      ? `<p class="empty">Nothing to draw for ${escapeXml(map.title)}: no workload or ServiceAccount of this workspace.</p>`
      : map.nodes.length > MAX_DRAWN_NODES
        ? `<p class="empty">The map of ${escapeXml(map.title)} has ${map.nodes.length} nodes, more than can be drawn here (${MAX_DRAWN_NODES}): choose a namespace or a workload with <b>AKS IAM: Show identity map…</b>, or export this one with Copy Mermaid or <code>aks-iam map</code>.</p>`
        : `<div id="map" class="map fit">${renderSvg(map)}</div>`;
    const broken = map.edges.filter((e) => e.problems.length).length;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<style nonce="${nonce}">${MAP_CSS}</style>
<title>Identity map</title>
</head>
<body>
<header class="toolbar">
<h1>Identity map of ${escapeXml(map.title)}</h1>
<span class="summary">${map.nodes.length} nodes · ${broken ? `<span class="broken-count">${broken} broken link${broken === 1 ? '' : 's'}</span>` : 'no broken link'}</span>
<button id="fit" type="button" aria-pressed="true">Fit to width</button>
<button id="save-svg" type="button">Save SVG…</button>
<button id="copy-mermaid" type="button">Copy Mermaid</button>
</header>
<p class="hint">Tab moves through the nodes; Enter or a click opens the manifest line, or the Azure resource in the portal.</p>
${body}
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }

  private async onMessage(m: { type?: string; id?: string }): Promise<void> {
    try {
      if (m.type === 'open' && typeof m.id === 'string') await this.open(m.id);
      else if (m.type === 'saveSvg') await this.saveSvg();
      else if (m.type === 'copyMermaid') await this.copyMermaid();
    } catch (err) {
      this.host.log.error(`identity map: ${err instanceof Error ? err.message : String(err)}`);
      void vscode.window.showErrorMessage(`AKS IAM: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Reveals a node's source: the manifest line, the infrastructure-code line, or the Azure resource in the portal. */
  async open(id: string): Promise<void> {
    const node = this.map?.nodes.find((n) => n.id === id);
    if (!node) return;
    const s = node.source;
    if (!s || s.type === 'builtin') {
      vscode.window.setStatusBarMessage(`AKS IAM: ${describe(node)}`, 5000);
      return;
    }
    if (s.type === 'azure') {
      await vscode.env.openExternal(vscode.Uri.parse(`${portal()}/#resource${s.id}`));
      return;
    }
    const uri = s.file.includes('://') ? vscode.Uri.parse(s.file) : vscode.Uri.file(s.file);
    const document = await vscode.workspace.openTextDocument(uri);
    const range = new vscode.Range(document.positionAt(s.start), document.positionAt(s.end));
    // Beside the map, which stays in view for the next click.
    const column = this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
    await vscode.window.showTextDocument(document, { viewColumn: column, selection: range, preserveFocus: false });
  }

  private async saveSvg(): Promise<void> {
    const map = this.map;
    if (!map) return;
    if (!vscode.workspace.isTrusted) {
      const notice = 'Saving the identity map needs a trusted workspace: in Restricted Mode AKS IAM neither contacts Azure nor writes files. Trust the workspace to use it.';
      this.host.log.warn(notice);
      const pick = await vscode.window.showWarningMessage(notice, 'Manage Workspace Trust');
      if (pick) await vscode.commands.executeCommand('workbench.trust.manage');
      return;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `identity-map-${map.title.replace(/[^\w.-]+/g, '-')}.svg`;
    const to = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, filters: { SVG: ['svg'] }, title: 'Save the identity map as SVG' });
    if (!to) return;
    await vscode.workspace.fs.writeFile(to, Buffer.from(renderSvg(map, { standalone: true }), 'utf8'));
    vscode.window.setStatusBarMessage(`AKS IAM: saved the identity map to ${vscode.workspace.asRelativePath(to)}`, 5000);
  }

  private async copyMermaid(): Promise<void> {
    if (!this.map) return;
    await vscode.env.clipboard.writeText(renderMermaid(this.map));
    vscode.window.setStatusBarMessage('AKS IAM: copied the identity map as a Mermaid diagram', 5000);
  }

  dispose(): void {
    if (this.redraw) clearTimeout(this.redraw);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function describe(n: MapNode): string {
  if (n.source?.type === 'builtin') return `${n.label} is built into Kubernetes; no manifest of this workspace defines it`;
  if (n.missing) return `${n.label}: ${n.detail ?? 'missing'}`;
  return `${n.label} has no source in this workspace`;
}
