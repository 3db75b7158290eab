import * as vscode from 'vscode';
import { explainAt, type ExplainedAt } from '../core/explain/index';

export const HOVER_LANGUAGES = ['yaml', 'json', 'jsonc', 'bicep', 'terraform', 'shellscript', 'powershell'];

interface DocCache {
  version: number;
  /** Terms already explained in this version; a hover inside one of them is answered from here. */
  hits: ExplainedAt[];
  /** Offsets already looked up without a result. */
  misses: Set<number>;
}

/** Hovers explaining roles, permissions, ClusterRoles, RBAC verbs and identity keys under the cursor. */
export function registerHoverProvider(context: vscode.ExtensionContext): void {
  const cache = new Map<string, DocCache>();
  const provider: vscode.HoverProvider = {
    provideHover(document, position) {
      const key = document.uri.toString();
      let entry = cache.get(key);
      if (!entry || entry.version !== document.version) {
        entry = { version: document.version, hits: [], misses: new Set() };
        cache.set(key, entry);
      }
      const offset = document.offsetAt(position);
      let hit = entry.hits.find((h) => offset >= h.start && offset <= h.end);
      if (!hit) {
        if (entry.misses.has(offset)) return undefined;
        const found = explainAt(document.getText(), offset, document.languageId);
        if (!found) {
          entry.misses.add(offset);
          return undefined;
        }
        entry.hits.push(found);
        hit = found;
      }
      const md = new vscode.MarkdownString(hit.markdown);
      md.isTrusted = false;
      return new vscode.Hover(md, new vscode.Range(document.positionAt(hit.start), document.positionAt(hit.end)));
    },
  };
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(HOVER_LANGUAGES.map((language) => ({ language })), provider),
    vscode.workspace.onDidCloseTextDocument((d) => cache.delete(d.uri.toString())),
  );
}
