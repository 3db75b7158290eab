// The fixture workspace in Restricted Mode (workspace trust enabled, the folder not trusted): analysis works as
// in a trusted one, while every command that would contact Azure or write a file says so and does nothing. A
// fake Resource Manager is reachable through the test seams all along; it must see no request.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { FakeArm, makePki } from '../../azure/fake-arm';
import { seed } from '../../azure/world';
import { activate, dropFakeArm, EXTENSION_ID, ourDiagnostics, openFixture, until, useFakeArm, workspaceUri } from '../suite/helpers';


const notice = (what: string) => `${what} needs a trusted workspace: in Restricted Mode AKS IAM neither contacts Azure nor writes files. Trust the workspace to use it.`;

/** Every file of the workspace folder with its content, to show that nothing was written. */
function folderContents(dir: string, out: Record<string, string> = {}, prefix = ''): Record<string, string> {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) folderContents(p, out, `${prefix}${name}/`);
    else out[`${prefix}${name}`] = readFileSync(p, 'utf8');
  }
  return out;
}

describe('Restricted Mode (untrusted workspace)', () => {
  const pki = makePki();
  const arm = new FakeArm(pki);
  const dir = mkdtempSync(join(tmpdir(), 'aks-iam-e2e-untrusted-'));
  let folder: string;
  let initial: Record<string, string>;

  before(async function () {
    this.timeout(60_000);
    await activate();
    await arm.start();
    seed(arm);
    useFakeArm(arm.endpoint, pki.ca, dir, 'e2e-token');
    folder = workspaceUri('.').fsPath;
    initial = folderContents(folder);
  });

  after(async () => {
    dropFakeArm();
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    if (arm.endpoint) await arm.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs in an untrusted workspace', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('analyses the workspace as in a trusted one', () => {
    const got = Object.fromEntries(['apps/api.yaml', 'apps/workers.yaml', 'rbac/admin.yaml'].map((f) => [f, ourDiagnostics(workspaceUri(f)).map((d) => [d.code, d.severity, d.range])]));
    assert.deepEqual(got, {
      'apps/api.yaml': [['wi-use-label-missing', 'Warning', [23, 6, 23, 29]]],
      'apps/workers.yaml': [['wi-use-label-missing', 'Warning', [23, 6, 23, 32]], ['wi-use-label-missing', 'Warning', [42, 6, 42, 32]]],
      'rbac/admin.yaml': [['rbac-cluster-admin-binding', 'Error', [8, 8, 8, 21]]],
    });
  });

  it('asks to trust the workspace instead of contacting Azure, and Resource Manager sees no request', async () => {
    const commands: [string, string][] = [
      ['aksIam.azure.signIn', 'Signing in to Azure'],
      ['aksIam.azure.refresh', 'Refreshing Azure identities'],
      ['aksIam.azure.selectTenant', 'Selecting an Azure tenant'],
      ['aksIam.azure.selectSubscriptions', 'Selecting Azure subscriptions'],
      ['aksIam.azure.loadSnapshot', 'Loading an identity snapshot'],
      ['aksIam.azure.unloadSnapshot', 'Unloading the identity snapshot'],
      ['aksIam.azure.exportSnapshot', 'Exporting an identity snapshot'],
      ['aksIam.azure.createFederatedCredential', 'Creating a federated credential'],
    ];
    for (const [id, what] of commands) assert.equal(await vscode.commands.executeCommand(id), notice(what), id);
    // The same words in the log (Output › AKS IAM), which VS Code writes to its file asynchronously.
    const logUri = vscode.extensions.getExtension<{ logUri: vscode.Uri }>(EXTENSION_ID)?.exports.logUri;
    assert.ok(logUri, 'the API names the log folder');
    const logFile = join(logUri.fsPath, 'AKS IAM.log');
    const last = `[warning] ${notice(commands[commands.length - 1][1])}`;
    const log = await until('the notices in the log file', () => {
      const text = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
      return text.includes(last) ? text : undefined;
    });
    for (const [id, what] of commands) assert.ok(log.includes(`[warning] ${notice(what)}`), `${id}: no notice in the log`);
    const tree = (await vscode.commands.executeCommand<{ label: string; description?: string }[]>('aksIam.azure.testDescribeTree', 2)) ?? [];
    assert.deepEqual(tree.map((n) => [n.label, n.description]), [
      ['Azure is not contacted in an untrusted workspace', 'manage workspace trust'],
      ['Load identity snapshot…', 'az CLI output or an exported snapshot'],
    ]);
    assert.deepEqual(arm.log, []);
  });

  it('fixes in the editor but writes no file', async () => {
    const doc = await openFixture('apps/api.yaml');
    const text = doc.getText();
    await vscode.commands.executeCommand('aksIam.fixAllInFile');
    assert.notEqual(doc.getText(), text, 'fix all changed nothing');
    assert.equal(doc.isDirty, true);
    assert.deepEqual(folderContents(folder), initial);
  });
});
