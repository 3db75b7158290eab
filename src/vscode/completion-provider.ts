import * as vscode from 'vscode';
import { completionsAt, type CompletionCandidate } from '../core/explain/index';

const KIND: Record<CompletionCandidate['kind'], vscode.CompletionItemKind> = {
  annotation: vscode.CompletionItemKind.Property,
  label: vscode.CompletionItemKind.Property,
  role: vscode.CompletionItemKind.Value,
  verb: vscode.CompletionItemKind.Keyword,
};

/**
 * Completion for the identity annotation and label keys valid where the cursor is (a ServiceAccount's metadata or a
 * pod template's, keys not yet present, most likely first),
 * built-in Azure role names in `--role "…"` / `role_definition_name = "…"`, and RBAC verbs.
 */
export function registerCompletionProvider(context: vscode.ExtensionContext, workspaceCompletions?: (document: vscode.TextDocument, offset: number) => CompletionCandidate[]): void {
  const provider: vscode.CompletionItemProvider = {
    provideCompletionItems(document, position) {
      const offset = document.offsetAt(position);
      const found = completionsAt(document.getText(), offset, document.languageId);
      if (found.length === 0 && workspaceCompletions) found.push(...workspaceCompletions(document, offset));
      return found.map((c) => {
        const item = new vscode.CompletionItem(c.label, KIND[c.kind]);
        item.insertText = new vscode.SnippetString(c.insertText);
        item.detail = c.detail;
        item.documentation = new vscode.MarkdownString(c.documentation);
        item.range = new vscode.Range(document.positionAt(c.replaceStart), document.positionAt(c.replaceEnd));
        if (c.sortText) item.sortText = c.sortText;
        if (c.deprecated) item.tags = [vscode.CompletionItemTag.Deprecated];
        return item;
      });
    },
  };
  const languages = ['yaml', 'bicep', 'terraform', 'shellscript', 'powershell'].map((language) => ({ language }));
  context.subscriptions.push(vscode.languages.registerCompletionItemProvider(languages, provider, '"', "'", '/', ' ', '['));
}
