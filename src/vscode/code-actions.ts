import * as vscode from 'vscode';
import type { Finding } from '../core/analyze';
import { fixAllInFile } from '../core/fix/fix-all';
import { suppressionEdit, type SuppressScope } from '../core/fix/suppress';
import type { TextEdit } from '../core/text/types';
import type { DiagnosticsController } from './diagnostics';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('aksIam');
export const REVEAL_COMMAND = 'aksIam.revealSelection';
/** Runs after a quick fix's edit, so that the walkthrough's "Fix a finding" step ticks (REVEAL_COMMAND counts too). */
export const FIX_APPLIED_COMMAND = 'aksIam.fixApplied';
const FIX_APPLIED = { title: 'Fix applied', command: FIX_APPLIED_COMMAND };

function sameRange(d: vscode.Diagnostic, f: Finding): boolean {
  const r = d.range;
  return r.start.line === f.range.start.line && r.start.character === f.range.start.character
    && r.end.line === f.range.end.line && r.end.character === f.range.end.character;
}

function ruleIdOf(d: vscode.Diagnostic): string | null {
  if (d.source !== 'aks-iam') return null;
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : c === undefined ? null : String(c);
}

function workspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) we.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
  return we;
}

/** One edit covering only what differs, so that the undo stack and the cursor stay sensible. */
export function minimalEdit(before: string, after: string): TextEdit | null {
  if (before === after) return null;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  return { start, end: endB, newText: after.slice(start, endA) };
}

/** The "fix all" edit of a document, limited to one rule when given. */
export function fixAllEdit(controller: DiagnosticsController, document: vscode.TextDocument, ruleId?: string): { edit: vscode.WorkspaceEdit; applied: number } | null {
  controller.findingsFor(document);
  const result = fixAllInFile(controller.analyzer, document.uri.toString(), ruleId ? (f) => f.ruleId === ruleId : undefined);
  if (!result) return null;
  const e = minimalEdit(document.getText(), result.text);
  if (!e) return null;
  return { edit: workspaceEdit(document, [e]), applied: result.applied };
}

/** A "fix all" action whose edit is computed only when the user picks it (it re-analyses the file). */
class FixAllAction extends vscode.CodeAction {
  constructor(title: string, kind: vscode.CodeActionKind, readonly document: vscode.TextDocument, readonly ruleId?: string) {
    super(title, kind);
  }
}

/**
 * Quick fixes of each finding (matched by rule id and range, never by message), "fix all" for a rule and for the
 * file, and suppression comments.
 */
export class AksIamCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  constructor(private readonly controller: DiagnosticsController) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && FIX_ALL_KIND.contains(context.only) || context.only?.contains(FIX_ALL_KIND)) {
      // Runs on save: computed here, as resolve is not awaited for codeActionsOnSave in every host version.
      const all = fixAllEdit(this.controller, document);
      if (!all) return [];
      const action = new vscode.CodeAction('Fix all auto-fixable AKS IAM problems', FIX_ALL_KIND);
      action.edit = all.edit;
      return [action];
    }
    const ours = context.diagnostics.filter((d) => ruleIdOf(d) !== null);
    if (ours.length === 0) return [];
    const findings = this.controller.findingsFor(document);
    // Suppression comments are YAML's `#` and are read in manifests only: in Terraform they would do nothing, and in
    // Bicep or an ARM template's JSON they would break the file.
    const key = document.uri.toString();
    const entry = this.controller.analyzer.isIacFile(key) ? undefined : this.controller.analyzer.index.getFile(key);
    const actions: vscode.CodeAction[] = [];
    const fixAllOffered = new Set<string>();
    const suppressions: vscode.CodeAction[] = [];
    for (const diag of ours) {
      const id = ruleIdOf(diag)!;
      const finding = findings.find((f) => f.ruleId === id && sameRange(diag, f));
      if (!finding) continue;
      for (const fix of finding.fixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diag];
        action.isPreferred = fix.isPreferred ?? finding.fixes.length === 1;
        action.edit = workspaceEdit(document, fix.edits);
        if (fix.selection) {
          action.command = { title: 'Select placeholder', command: REVEAL_COMMAND, arguments: [document.uri.toString(), fix.selection.start, fix.selection.end] };
        } else action.command = FIX_APPLIED;
        actions.push(action);
      }
      // Suggestions guess intent: offered one at a time, never preferred (so auto-fix and fix-all leave them).
      for (const suggestion of finding.suggestions) {
        const action = new vscode.CodeAction(suggestion.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diag];
        action.isPreferred = false;
        action.edit = workspaceEdit(document, suggestion.edits);
        if (suggestion.selection) {
          action.command = { title: 'Select placeholder', command: REVEAL_COMMAND, arguments: [document.uri.toString(), suggestion.selection.start, suggestion.selection.end] };
        } else action.command = FIX_APPLIED;
        actions.push(action);
      }
      const sameRule = findings.filter((f) => f.ruleId === id && f.fixes.length > 0);
      if (sameRule.length > 1 && !fixAllOffered.has(id)) {
        fixAllOffered.add(id);
        const action = new FixAllAction(`Fix all ${id} problems in this file`, vscode.CodeActionKind.QuickFix, document, id);
        action.diagnostics = ours.filter((d) => ruleIdOf(d) === id);
        actions.push(action);
      }
      if (entry) {
        for (const scope of ['line', 'document'] as SuppressScope[]) {
          const title = `Suppress ${id} for this ${scope}`;
          const edit = suppressionEdit(entry, finding.start, id, scope);
          if (suppressions.some((a) => a.title === title && (a as { at?: number }).at === edit.start)) continue;
          const action = new vscode.CodeAction(`Suppress ${id} for this ${scope}`, vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diag];
          action.edit = workspaceEdit(document, [edit]);
          suppressions.push(Object.assign(action, { at: edit.start }));
        }
      }
    }
    if (findings.filter((f) => f.fixes.length > 0).length > 1) {
      actions.push(new FixAllAction('Fix all auto-fixable AKS IAM problems in this file', vscode.CodeActionKind.QuickFix, document));
    }
    return [...actions, ...suppressions];
  }

  resolveCodeAction(action: vscode.CodeAction): vscode.CodeAction {
    if (action instanceof FixAllAction && !action.edit) {
      const all = fixAllEdit(this.controller, action.document, action.ruleId);
      action.edit = all?.edit ?? new vscode.WorkspaceEdit();
      action.command = FIX_APPLIED;
    }
    return action;
  }
}

/** After a fix that inserted a placeholder, selects it so that typing replaces it. */
export function revealSelection(uri: string, start: number, end: number): void {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
  if (!editor) return;
  const range = new vscode.Range(editor.document.positionAt(start), editor.document.positionAt(end));
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
