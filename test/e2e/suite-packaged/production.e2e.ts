// The packaged VSIX, installed as users install it, runs in extension mode Production: the fake Resource Manager
// seam (AKS_IAM_TEST_*) and the aksIam.azure.test* commands, one of which dumps VS Code's global and workspace
// state, must not exist there. (The development extension of this window is a stand-in without code.)
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { FakeArm, makePki } from '../../azure/fake-arm';
import { seed } from '../../azure/world';
import { dropFakeArm, EXTENSION_ID, ourDiagnostics, settled, until, useFakeArm, workspaceUri, type AksIamApi } from '../suite/helpers';

const TEST_COMMANDS = ['aksIam.azure.testDescribeTree', 'aksIam.azure.testStoredState', 'aksIam.azure.testTreeTexts'];

describe('the packaged extension (extension mode Production)', () => {
  const pki = makePki();
  const arm = new FakeArm(pki);
  const dir = mkdtempSync(join(tmpdir(), 'aks-iam-e2e-packaged-'));
  let ext: vscode.Extension<AksIamApi & { logUri: vscode.Uri }>;

  before(async function () {
    this.timeout(60_000);
    const found = vscode.extensions.getExtension<AksIamApi & { logUri: vscode.Uri }>(EXTENSION_ID);
    assert.ok(found, `extension ${EXTENSION_ID} is not installed`);
    ext = found;
    await settled(await ext.activate());
    await arm.start();
    seed(arm);
  });

  after(async () => {
    dropFakeArm();
    if (arm.endpoint) await arm.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is the installed VSIX, and analyses the workspace', () => {
    assert.match(ext.extensionPath.replace(/\\/g, '/'), /\/extensions\/aks-iam\.aks-iam-\d+\.\d+\.\d+\/?$/);
    assert.deepEqual(ourDiagnostics(workspaceUri('rbac/admin.yaml')).map((d) => d.code), ['rbac-cluster-admin-binding']);
  });

  it('registers none of the test commands', async () => {
    const all = await vscode.commands.getCommands(true);
    assert.ok(all.includes('aksIam.azure.refresh'), 'the Azure commands are registered');
    assert.deepEqual(all.filter((id) => id.startsWith('aksIam.') && /\.test[A-Z]/.test(id)), []);
    for (const id of TEST_COMMANDS) await assert.rejects(Promise.resolve(vscode.commands.executeCommand(id)), new RegExp(`command '${id.replace(/\./g, '\\.')}' not found`), id);
  });

  it('ignores the fake Resource Manager environment: no test account, no request', async function () {
    this.timeout(60_000);
    useFakeArm(arm.endpoint, pki.ca, dir, 'e2e-token');
    // Resolves once the refresh's connect has finished and logged its outcome.
    await vscode.commands.executeCommand('aksIam.azure.refresh');
    // A rescan logs after that: once its line is in the log file, so is the connect's outcome.
    await vscode.commands.executeCommand('aksIam.rescanWorkspace');
    await settled(ext.exports);
    const logFile = join(ext.exports.logUri.fsPath, 'AKS IAM.log');
    const log = await until('the rescan in the log file', () => {
      const text = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
      return (text.match(/indexed \d+ of \d+ YAML files/g) ?? []).length >= 2 ? text : undefined;
    }, 20_000);
    assert.ok(!log.includes('test account'), 'the seam was used');
    assert.match(log, /Azure: not signed in/);
    assert.deepEqual(arm.log, []);
  });
});
