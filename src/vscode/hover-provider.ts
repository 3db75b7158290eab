import * as vscode from 'vscode';
import { explainAt, type ExplainedAt } from '../core/explain/index';
import { preloadAzureKnowledge } from '../core/knowledge/roles';

/** After activation, when the host is idle, the Azure data is loaded once so that no hover waits for it. */
const PRELOAD_AFTER_MS = 3000;

export const HOVER_LANGUAGES = ['yaml', 'json', 'jsonc', 'bicep', 'terraform', 'shellscript', 'powershell'];

interface DocCache {
  version: number;
  /** Terms already explained in this version; a hover inside one of them is answered from here. */
  hits: ExplainedAt[];
  /** Offsets already looked up without a result. */
  misses: Set<number>;
}

/** Hover content that depends on the whole workspace (not cached here: it changes with other files), with the commands its links may run. */
export type WorkspaceHover = (document: vscode.TextDocument, offset: number) => (ExplainedAt & { commands?: string[] }) | null;

/** Hovers explaining roles, permissions, ClusterRoles, RBAC verbs and identity keys under the cursor. */
export function registerHoverProvider(context: vscode.ExtensionContext, workspaceHover?: WorkspaceHover): void {
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
      let hit: (ExplainedAt & { commands?: string[] }) | undefined = entry.hits.find((h) => offset >= h.start && offset <= h.end);
      if (!hit && !entry.misses.has(offset)) {
        const found = explainAt(document.getText(), offset, document.languageId);
        if (found) entry.hits.push(found);
        else entry.misses.add(offset);
        hit = found ?? undefined;
      }
      hit ??= workspaceHover?.(document, offset) ?? undefined;
      if (!hit) return undefined;
      const md = new vscode.MarkdownString(hit.markdown);
      // Only the commands the hover names may run from its links; nothing else is trusted.
      md.isTrusted = hit.commands?.length ? { enabledCommands: hit.commands } : false;
      return new vscode.Hover(md, new vscode.Range(document.positionAt(hit.start), document.positionAt(hit.end)));
    },
  };
  const preload = setTimeout(() => {
    try {
      preloadAzureKnowledge();
      // A role, an action and a data action hover, unseen: the code paths are compiled before anyone waits for them.
      explainAt('role: "Managed Identity Operator"\n', 8, 'yaml');
      explainAt('action: "Microsoft.ContainerService/managedClusters/read"\n', 10, 'yaml');
      explainAt('dataAction: "Microsoft.ContainerService/managedClusters/namespaces/read"\n', 14, 'yaml');
    } catch {
      // A hover will load it (and report a failure) on demand.
    }
  }, PRELOAD_AFTER_MS);
  preload.unref?.();
  context.subscriptions.push(
    { dispose: () => clearTimeout(preload) },
    vscode.languages.registerHoverProvider(HOVER_LANGUAGES.map((language) => ({ language })), provider),
    vscode.workspace.onDidCloseTextDocument((d) => cache.delete(d.uri.toString())),
  );
}
