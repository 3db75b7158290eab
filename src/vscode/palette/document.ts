import * as vscode from 'vscode';

export const SCHEME = 'aks-iam';

/**
 * Read-only Markdown documents for the palette's answers, shown in the Markdown preview. The text lives in memory
 * for the window's lifetime (a few KB each); the same question asked again reuses its URI.
 */
export class AnswerDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Stores `markdown` under a URI named after `title` and opens its preview; returns the URI. */
  async show(title: string, markdown: string): Promise<vscode.Uri> {
    const name = title.replace(/[\\/:*?"<>|#%]/g, '-').slice(0, 120);
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${name}.md` });
    const had = this.texts.get(uri.toString());
    this.texts.set(uri.toString(), markdown);
    if (had !== undefined && had !== markdown) this.changed.fire(uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      // A host without the built-in Markdown extension: the source is still readable.
      await vscode.window.showTextDocument(uri, { preview: true });
    }
    return uri;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
