// Bicep-only workspace: the extension activates on its .bicep files (workspaceContains), nobody calling it, and
// shows their findings without any file being opened.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, ourDiagnostics, settled, until, workspaceUri, type AksIamApi } from '../suite/helpers';

describe('Bicep-only workspace', () => {
  it('activates by itself and shows the findings of its .bicep files', async function () {
    this.timeout(60_000);
    const ext = vscode.extensions.getExtension<AksIamApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
    // Waited for, never triggered: activate() or a command would activate it whatever package.json says.
    await until('the extension to activate by itself', () => (ext.isActive ? true : undefined), 30_000);
    const codes = () => ourDiagnostics(workspaceUri('infra/main.bicep')).map((d) => `${d.range[0] + 1}:${d.range[1] + 1} ${d.code}`);
    await until('findings in infra/main.bicep', () => (codes().length === 2 ? true : undefined), 30_000);
    await settled(ext.exports);
    assert.deepEqual(codes(), ['69:15 iac-fic-cluster-disabled', '84:13 iac-fic-issuer']);
    assert.deepEqual(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').map((d) => d.uri.path), []);
  });
});
