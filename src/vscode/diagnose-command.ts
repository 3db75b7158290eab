import * as vscode from 'vscode';
import { loadIacReaders } from '../cli/iac';
import type { Analyzer } from '../core/analyze';
import { diagnose, gatherSources, renderMarkdown, type Location } from '../core/diagnose/index';
import type { IacFacts } from '../core/iac/types';
import type { IdentityGraph } from '../core/identity/graph';
import type { WorkspaceIndex } from '../core/index/workspace-index';

export const DIAGNOSE_COMMAND = 'aksIam.diagnoseSignInError';
const SCHEME = 'aks-iam-diagnosis';

export interface DiagnoseDeps {
  index(): WorkspaceIndex;
  /** The identity graph of the Azure view (a snapshot or live Azure), when one is loaded. */
  graph(): IdentityGraph | null;
  /** Resolves once the workspace scan and pending analyses are done, so that the sources are complete. */
  whenIdle?(): Promise<void>;
  /** Identity facts of the workspace's infrastructure code (see `workspaceIac`). */
  iac?(): Promise<WorkspaceIac | null>;
}

export interface WorkspaceIac {
  facts: IacFacts;
  /** The text the facts were read from, to turn their offsets into lines. */
  textOf(file: string): string | undefined;
}

/**
 * The analyzer's infrastructure-code facts, read with the parsers loaded. The parsers load asynchronously when the
 * first Terraform or Bicep file arrives, and facts read before they were ready are empty; reading again here costs a
 * few milliseconds and does not depend on when the diagnostics caught up.
 */
export async function workspaceIac(analyzer: Analyzer, dir: string = __dirname): Promise<WorkspaceIac | null> {
  if (!analyzer.iacPaths().length) return null;
  if (await loadIacReaders(dir)) return null;
  analyzer.rereadIac();
  const facts = analyzer.iacFacts();
  return facts && { facts, textOf: (file) => analyzer.index.getFile(file)?.text };
}

/** A text worth prefilling: it carries an Entra error code or an azure-identity credential's failure. */
export function looksLikeSignInError(text: string): boolean {
  return /AADSTS\d{5,}|WorkloadIdentityCredential|ClientAssertionCredential|ManagedIdentityCredential|DefaultAzureCredential/.test(text);
}

/** Where a location opens: the file at the line and column (the opener reads `#L<line>,<column>`). */
export function locationTarget(l: Location): vscode.Uri {
  const uri = /^[a-z][a-z0-9+.-]*:/i.test(l.file) && !/^[a-z]:[\\/]/i.test(l.file) ? vscode.Uri.parse(l.file) : vscode.Uri.file(l.file);
  return uri.with({ fragment: `L${l.line + 1},${l.character + 1}` });
}

function display(l: Location): string {
  const target = locationTarget(l).with({ fragment: '' });
  return `${vscode.workspace.asRelativePath(target, false)}:${l.line + 1}:${l.character + 1}`;
}

/**
 * `AKS IAM: Diagnose a workload identity sign-in error…`: asks for the error text (prefilled from the selection or the
 * clipboard when either holds one) and opens the answer as a Markdown document whose locations link to their lines.
 */
export function registerDiagnose(deps: DiagnoseDeps): vscode.Disposable {
  const answers = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  let count = 0;
  const provider: vscode.TextDocumentContentProvider = { onDidChange: changed.event, provideTextDocumentContent: (uri) => answers.get(uri.toString()) ?? '' };
  // Links of the answer: each `[path:line:col](target)` of the Markdown, whether or not a Markdown extension runs.
  const links: vscode.DocumentLinkProvider = {
    provideDocumentLinks(doc) {
      const out: vscode.DocumentLink[] = [];
      const text = doc.getText();
      for (const m of text.matchAll(/\[([^\]\n]+:\d+:\d+)\]\(([^)\s]+)\)/g)) {
        const start = doc.positionAt(m.index);
        out.push(new vscode.DocumentLink(new vscode.Range(start, doc.positionAt(m.index + m[0].length)), vscode.Uri.parse(m[2])));
      }
      return out;
    },
  };

  async function run(given?: unknown): Promise<vscode.TextEditor | undefined> {
    let text = typeof given === 'string' ? given : undefined;
    if (text === undefined) {
      const editor = vscode.window.activeTextEditor;
      const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
      const clip = selected ? '' : await vscode.env.clipboard.readText().then((t) => t, () => '');
      const found = [selected, clip].find(looksLikeSignInError) ?? '';
      // The box holds one line; a multi-line log accepted unchanged is used as it was.
      const shown = found.replace(/\s*\r?\n\s*/g, ' ').trim();
      const value = await vscode.window.showInputBox({
        title: 'Diagnose a workload identity sign-in error',
        prompt: 'The error a pod logged: AADSTS70021, AADSTS700213, WorkloadIdentityCredential, ManagedIdentityCredential…',
        placeHolder: 'AADSTS70021: No matching federated identity record found for presented assertion…',
        value: shown,
        ignoreFocusOut: true,
      });
      if (value === undefined || !value.trim()) return undefined;
      text = value === shown ? found : value;
    }
    // A diagnosis against a half-read workspace would say a ServiceAccount or credential does not exist.
    const iac = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'AKS IAM: reading the workspace' }, async () => {
      await deps.whenIdle?.();
      return (await deps.iac?.()) ?? null;
    });
    const sources = gatherSources({ index: deps.index(), graph: deps.graph(), iac: iac?.facts ?? null, textOf: iac?.textOf });
    const d = diagnose(text, sources);
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/diagnosis-${++count}.md` });
    answers.set(uri.toString(), renderMarkdown(d, display, (l) => locationTarget(l).toString()));
    // The .md path makes it a Markdown document.
    const doc = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(doc, { preview: false });
  }

  return vscode.Disposable.from(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, provider),
    vscode.languages.registerDocumentLinkProvider({ scheme: SCHEME }, links),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.scheme === SCHEME) answers.delete(d.uri.toString());
    }),
    vscode.commands.registerCommand(DIAGNOSE_COMMAND, run),
  );
}
