import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, EXTENSION_ID } from './helpers';

describe('activation', () => {
  it('is installed from the project folder and activates with an idle signal', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
    assert.equal(ext.packageJSON.name, 'aks-iam');
    await activate();
    assert.equal(ext.isActive, true);
  });
});
