// Terraform in the editor: findings in .tf files (plain VS Code has no terraform language: files are matched by name)
// and in the manifests they are about, linked both ways; a hover on a role in a .tf file; edits re-analyse the
// manifests that depend on the Terraform. Bicep files and ARM templates (.json files whose $schema is a deployment
// template) of the workspace get theirs without being opened.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { activate, ourDiagnostics, settled, until, workspaceUri } from '../suite/helpers';

const codes = (file: string) => ourDiagnostics(workspaceUri(file)).map((d) => `${d.range[0] + 1}:${d.range[1] + 1} ${d.code}`);

describe('Terraform identity in the editor', () => {
  it('shows every finding of the .tf files and of the manifests without opening them', async function () {
    this.timeout(60_000);
    await activate();
    await until('findings in infra/identities.tf', () => (codes('infra/identities.tf').length === 11 ? true : undefined), 30_000);
    assert.deepEqual(codes('infra/identities.tf'), [
      '18:25 iac-fic-subject-not-found', '27:25 iac-fic-subject-not-found', '36:25 iac-fic-subject-not-found', '37:26 iac-fic-audience',
      '44:25 iac-fic-issuer', '45:25 iac-fic-subject-format', '53:25 iac-fic-cluster-disabled', '58:1 iac-fic-limit', '100:45 iac-sa-federation-missing',
      '117:25 iac-fic-cluster-disabled', '117:25 iac-fic-issuer-other-cluster',
    ]);
    assert.deepEqual(codes('infra/roles.tf'), ['3:26 iac-role-unknown', '8:26 iac-role-scope', '15:26 iac-role-privileged']);
    assert.deepEqual(codes('manifests/shop.yaml'), ['4:9 iac-fic-subject-not-found']);
    assert.deepEqual(codes('manifests/jobs.yaml'), ['4:9 iac-fic-subject-not-found']);
    // Once for the Terraform credential, once for each of the ARM template's (bicep/azuredeploy.json).
    assert.deepEqual(codes('manifests/web.yaml'), ['4:9 iac-fic-subject-not-found', '4:9 iac-fic-subject-not-found', '4:9 iac-fic-subject-not-found']);
  });

  it('links the manifest finding to the Terraform line and back', async () => {
    const [onManifest] = vscode.languages.getDiagnostics(workspaceUri('manifests/shop.yaml')).filter((d) => d.source === 'aks-iam');
    assert.equal(onManifest.message, 'No federated credential names this ServiceAccount: azurerm_federated_identity_credential.api has subject system:serviceaccount:shop:api-sv, which is close to this name. Change the credential\'s subject to system:serviceaccount:shop:api-svc.');
    assert.deepEqual(onManifest.relatedInformation?.map((r) => [vscode.workspace.asRelativePath(r.location.uri), r.location.range.start.line + 1, r.message]), [
      ['infra/identities.tf', 18, 'subject of azurerm_federated_identity_credential.api'],
    ]);
    const onTf = vscode.languages.getDiagnostics(workspaceUri('infra/identities.tf')).find((d) => d.range.start.line === 17);
    assert.deepEqual(onTf?.relatedInformation?.map((r) => [vscode.workspace.asRelativePath(r.location.uri), r.location.range.start.line + 1]), [['manifests/shop.yaml', 4]]);
  });

  it('explains a role of a .tf file on hover', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('infra/roles.tf'));
    await vscode.window.showTextDocument(doc);
    const at = doc.getText().indexOf('Storage Blob Data Reader"');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(at + 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /^\*\*Storage Blob Data Reader\*\* — Azure built-in role/m);
    assert.match(text, /2a2b9908-6ea1-4ae2-8e65-a410df84e7d1/);
  });

  it('re-analyses the manifests when a .tf file changes, and offers the fix in the .tf file', async function () {
    this.timeout(30_000);
    const api = await activate();
    const doc = await vscode.workspace.openTextDocument(workspaceUri('infra/identities.tf'));
    await vscode.window.showTextDocument(doc);
    const line = doc.lineAt(36);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, line.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(actions.some((a) => a.title.includes('api://AzureADTokenExchange')), `quick fixes: ${actions.map((a) => a.title).join(', ')}`);
    const at = doc.getText().indexOf('api-sv"');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'api-sv'.length)), 'api-svc');
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      await until('the manifest finding to go', () => (codes('manifests/shop.yaml').length === 0 ? true : undefined), 15_000);
      await settled(api);
      assert.deepEqual(codes('infra/identities.tf').slice(0, 2), ['27:25 iac-fic-subject-not-found', '36:25 iac-fic-subject-not-found']);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await until('the manifest finding to come back', () => (codes('manifests/shop.yaml').length === 1 ? true : undefined), 15_000);
  });
});

describe('ARM and Bicep identity in the editor', () => {
  it('shows the findings of the workspace\'s ARM template and Bicep files without opening them', async function () {
    this.timeout(60_000);
    const api = await activate();
    await until('findings in bicep/azuredeploy.json', () => (codes('bicep/azuredeploy.json').length === 3 ? true : undefined), 30_000);
    await settled(api);
    assert.deepEqual(codes('bicep/azuredeploy.json'), ['39:24 iac-fic-subject-not-found', '51:20 iac-fic-subject-not-found', '53:11 iac-fic-audience']);
    assert.deepEqual(codes('bicep/main.bicep'), ['55:14 iac-fic-subject-not-found', '69:15 iac-fic-cluster-disabled', '70:16 iac-fic-subject-not-found', '84:13 iac-fic-issuer']);
    const [audience] = ourDiagnostics(workspaceUri('bicep/azuredeploy.json')).filter((d) => d.code === 'iac-fic-audience');
    assert.equal(audience.message, 'Federated credential audience is not the token-exchange audience: azuredeploy.json#id-web/web-staging has "api://AzureADTokenExchange/", and Entra accepts only the exact "api://AzureADTokenExchange". Write "api://AzureADTokenExchange".');
  });

  it('fixes the audience inside the template\'s JSON, offering no comment that would break it', async function () {
    this.timeout(30_000);
    const api = await activate();
    const doc = await vscode.workspace.openTextDocument(workspaceUri('bicep/azuredeploy.json'));
    await vscode.window.showTextDocument(doc);
    // Every action of the line (JSON's own offer none here). JSON's language features start with the editor and may cancel a request made meanwhile: ask again.
    const ours = await until('the quick fixes of line 53', async () => {
      try {
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, doc.lineAt(52).range, vscode.CodeActionKind.QuickFix.value);
        return actions.length ? actions : undefined;
      } catch (err) {
        if (err instanceof Error && err.message.includes('Canceled')) return undefined;
        throw err;
      }
    }, 15_000);
    assert.deepEqual(ours.map((a) => a.title), ['Change the audience to api://AzureADTokenExchange']);
    assert.ok(ours[0].edit && await vscode.workspace.applyEdit(ours[0].edit));
    try {
      assert.equal(doc.lineAt(52).text, '          "api://AzureADTokenExchange"');
      await until('the audience finding to go', () => (codes('bicep/azuredeploy.json').length === 2 ? true : undefined), 15_000);
      await settled(api);
      assert.deepEqual(codes('bicep/azuredeploy.json'), ['39:24 iac-fic-subject-not-found', '51:20 iac-fic-subject-not-found']);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await until('the audience finding to come back', () => (codes('bicep/azuredeploy.json').length === 3 ? true : undefined), 15_000);
  });

  it('offers the fix of a Bicep finding, and no comment that would break the file', async function () {
    this.timeout(30_000);
    await activate();
    const doc = await vscode.workspace.openTextDocument(workspaceUri('bicep/main.bicep'));
    await vscode.window.showTextDocument(doc);
    const titles = await until('the quick fixes of line 84', async () => {
      try {
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, doc.lineAt(83).range, vscode.CodeActionKind.QuickFix.value);
        return actions.length ? actions.map((a) => a.title) : undefined;
      } catch (err) {
        if (err instanceof Error && err.message.includes('Canceled')) return undefined;
        throw err;
      }
    }, 15_000);
    assert.deepEqual(titles, ['Add the trailing slash']);
  });

  it('reads an ARM template written to disk while the editor runs, and forgets it when its $schema goes', async function () {
    this.timeout(60_000);
    await activate();
    const template = readFileSync(workspaceUri('bicep/azuredeploy.json').fsPath, 'utf8');
    const target = workspaceUri('later/template.json');
    mkdirSync(dirname(target.fsPath), { recursive: true });
    try {
      writeFileSync(target.fsPath, template);
      await until('findings in later/template.json', () => (codes('later/template.json').includes('53:11 iac-fic-audience') ? true : undefined), 30_000);
      // The same text under another $schema is plain JSON: not read, its findings gone.
      writeFileSync(target.fsPath, template.replace('deploymentTemplate.json#', 'other.json#'));
      await until('the findings of later/template.json to go', () => (codes('later/template.json').length === 0 ? true : undefined), 30_000);
    } finally {
      rmSync(dirname(target.fsPath), { recursive: true, force: true });
    }
  });
});
