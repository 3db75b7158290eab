import * as vscode from 'vscode';
import type { IdentityGraph } from '../../core/identity/graph';
import { AnswerDocuments, SCHEME } from './document';
import { checkClusterCommand } from './check-cluster';
import { explainCommand, whoGrantsCommand } from './explain';
import { isPickOpen, typeIntoOpenPick } from './pick';

export interface PaletteDeps {
  /** The identity graph the editor has loaded (snapshot or live Azure), or null. */
  currentGraph(): IdentityGraph | null;
  /** `aksIam.palette.test*` commands for the end-to-end tests: never in production. */
  testHooks: boolean;
}

/** The command-line's `explain`, `who-grants` and `check-cluster` as command-palette commands with Markdown answers. */
export function registerPalette(deps: PaletteDeps): vscode.Disposable {
  const docs = new AnswerDocuments();
  const subs: vscode.Disposable[] = [
    docs,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, docs),
    vscode.commands.registerCommand('aksIam.explain', (term?: string) => explainCommand(docs, term)),
    vscode.commands.registerCommand('aksIam.whoGrants', (permission?: string) => whoGrantsCommand(docs, permission)),
    vscode.commands.registerCommand('aksIam.checkCluster', (arg?: unknown) => checkClusterCommand(docs, deps.currentGraph, arg)),
  ];
  if (deps.testHooks) {
    const testCommand = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, run);
    subs.push(testCommand('aksIam.palette.testPickOpen', () => isPickOpen()), testCommand('aksIam.palette.testType', (value: string) => typeIntoOpenPick(value)));
  }
  return vscode.Disposable.from(...subs);
}
