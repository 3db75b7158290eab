// Shared helpers of the extension-host suites: the extension under test, its idle signal, the
// fixture workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'aks-iam.aks-iam';

export interface AksIamApi {
  whenIdle(): Promise<void>;
}

export async function activate(): Promise<AksIamApi> {
  const ext = vscode.extensions.getExtension<AksIamApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  const api = await ext.activate();
  assert.equal(typeof api?.whenIdle, 'function', 'activate() must return an API with whenIdle()');
  await api.whenIdle();
  return api;
}

export function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs the fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

export async function openFixture(relativePath: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Our diagnostics of a document, in a stable order, as plain data that assert.deepEqual can show. */
export function ourDiagnostics(uri: vscode.Uri): { code: string; severity: string; range: [number, number, number, number]; message: string }[] {
  return vscode.languages.getDiagnostics(uri)
    .filter((d) => d.source === 'aks-iam')
    .map((d) => ({
      code: typeof d.code === 'object' ? String(d.code.value) : String(d.code),
      severity: vscode.DiagnosticSeverity[d.severity],
      range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character] as [number, number, number, number],
      message: d.message,
    }))
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1] || a.code.localeCompare(b.code));
}
