import * as vscode from 'vscode';

/**
 * Context keys the walkthrough's steps complete on (`completionEvents: onContext:<key>`), set when the user has done
 * the step's thing: a manifest with findings on screen, a quick fix applied. (Signing in and loading a snapshot set
 * aksIam.azure.signedIn / aksIam.azure.snapshotLoaded, which the Azure step uses.)
 */
export const FINDINGS_SHOWN = 'aksIam.walkthrough.findingsShown';
export const FIX_APPLIED = 'aksIam.walkthrough.fixApplied';

export class WalkthroughEvents implements vscode.Disposable {
  private readonly subs: vscode.Disposable[] = [];
  private findingsShown = false;
  private fixApplied = false;

  constructor() {
    const check = () => this.checkFindings();
    this.subs.push(vscode.languages.onDidChangeDiagnostics(check), vscode.window.onDidChangeVisibleTextEditors(check));
    check();
  }

  /** A visible editor shows a document with our findings. */
  private checkFindings(): void {
    if (this.findingsShown) return;
    const shown = vscode.window.visibleTextEditors.some((e) => vscode.languages.getDiagnostics(e.document.uri).some((d) => d.source === 'aks-iam'));
    if (!shown) return;
    this.findingsShown = true;
    void vscode.commands.executeCommand('setContext', FINDINGS_SHOWN, true);
  }

  markFixApplied(): void {
    if (this.fixApplied) return;
    this.fixApplied = true;
    void vscode.commands.executeCommand('setContext', FIX_APPLIED, true);
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
  }
}
