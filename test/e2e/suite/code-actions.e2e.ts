// Code actions as the editor asks for them (vscode.executeCodeActionProvider) and applied as the
// editor applies them (workspace.applyEdit): the resulting text must be exactly the expected file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, expectedText, openFixture, ourDiagnostics, settled, until, type AksIamApi } from './helpers';

async function actionsAt(doc: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  // The resolve count makes the provider's lazy "fix all" actions come back with their edits.
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range, undefined, 10)) ?? [];
}

function ourDiagnostic(doc: vscode.TextDocument, index = 0): vscode.Diagnostic {
  const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'aks-iam')
    .sort((a, b) => a.range.start.line - b.range.start.line)[index];
  assert.ok(d, `no aks-iam diagnostic #${index} in ${doc.uri.path}`);
  return d;
}

async function apply(action: vscode.CodeAction | undefined): Promise<void> {
  assert.ok(action, 'the code action is missing');
  assert.ok(action.edit, `"${action.title}" has no edit`);
  assert.equal(await vscode.workspace.applyEdit(action.edit), true, `applying "${action.title}" failed`);
}

/** Throws the test's edits away and waits until the extension has re-analysed the saved text. */
async function revert(doc: vscode.TextDocument, api: AksIamApi): Promise<void> {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  assert.equal(doc.isDirty, false, `${doc.uri.path} is still modified after revert`);
  await settled(api);
}

describe('code actions', () => {
  let api: AksIamApi;
  before(async () => {
    api = await activate();
  });

  it('offers the engine\'s quick fix (preferred) and suppressions for a finding, and the fix yields the expected text', async () => {
    const doc = await openFixture('apps/api.yaml');
    try {
      const actions = await actionsAt(doc, ourDiagnostic(doc).range);
      assert.deepEqual(actions.map((a) => [a.title, a.kind?.value, a.isPreferred ?? false]), [
        ['Add azure.workload.identity/use: "true" to the pod template labels', 'quickfix', true],
        ['Suppress wi-use-label-missing for this line', 'quickfix', false],
        ['Suppress wi-use-label-missing for this document', 'quickfix', false],
      ]);
      await apply(actions[0]);
      assert.equal(doc.getText(), expectedText('apps-api.fixed.yaml'));
      await settled(api);
      assert.deepEqual(ourDiagnostics(doc.uri), [], 'the fixed file must have no finding left');
    } finally {
      await revert(doc, api);
    }
  });

  it('fixes every finding of a rule in the file at once', async () => {
    const doc = await openFixture('apps/workers.yaml');
    try {
      const actions = await actionsAt(doc, ourDiagnostic(doc, 1).range);
      const fixAll = actions.find((a) => a.title === 'Fix all wi-use-label-missing problems in this file');
      assert.ok(fixAll, `no fix-all action among ${JSON.stringify(actions.map((a) => a.title))}`);
      await apply(fixAll);
      assert.equal(doc.getText(), expectedText('apps-workers.fixed.yaml'));
    } finally {
      await revert(doc, api);
    }
  });

  it('provides source.fixAll.aksIam for editor.codeActionsOnSave', async () => {
    const doc = await openFixture('apps/workers.yaml');
    try {
      const whole = new vscode.Range(0, 0, doc.lineCount, 0);
      const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, whole, 'source.fixAll.aksIam', 10)) ?? [];
      const ours = actions.filter((a) => a.kind?.value === 'source.fixAll.aksIam');
      assert.equal(ours.length, 1, `expected one source.fixAll.aksIam action, got ${JSON.stringify(actions.map((a) => [a.title, a.kind?.value]))}`);
      await apply(ours[0]);
      assert.equal(doc.getText(), expectedText('apps-workers.fixed.yaml'));
    } finally {
      await revert(doc, api);
    }
  });

  it('suppresses a finding for its line with a comment the engine honours', async () => {
    const doc = await openFixture('rbac/admin.yaml');
    try {
      const actions = await actionsAt(doc, ourDiagnostic(doc).range);
      await apply(actions.find((a) => a.title === 'Suppress rbac-cluster-admin-binding for this line'));
      assert.equal(doc.getText(), expectedText('rbac-admin.suppressed.yaml'));
      await settled(api);
      assert.deepEqual(ourDiagnostics(doc.uri), []);
    } finally {
      await revert(doc, api);
    }
  });

  it('offers suggestions (create a ServiceAccount, a namespace to fill in) in the menu, never preferred, and fix-all leaves them', async () => {
    const text = [
      'apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRoleBinding', 'metadata:', '  name: readers',
      'roleRef:', '  kind: ClusterRole', '  name: view', 'subjects:', '- kind: ServiceAccount', '  name: reader', '',
    ].join('\n');
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: text });
    await vscode.window.showTextDocument(doc);
    const diag = await until('the subject finding', () => vscode.languages.getDiagnostics(doc.uri).find((d) => d.source === 'aks-iam'));
    assert.equal(typeof diag.code === 'object' ? diag.code.value : diag.code, 'rbac-subject-invalid');
    const actions = await actionsAt(doc, diag.range);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred ?? false]), [
      ['Add a namespace', false],
      ['Suppress rbac-subject-invalid for this line', false],
      ['Suppress rbac-subject-invalid for this document', false],
    ]);
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const onSave = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, whole, 'source.fixAll.aksIam', 10)) ?? [];
    assert.deepEqual(onSave.filter((a) => a.kind?.value === 'source.fixAll.aksIam').map((a) => a.title), [], 'nothing safe to fix: fix-on-save must not apply a suggestion');
    await apply(actions[0]);
    assert.equal(doc.getText(), text.replace('  name: reader\n', '  name: reader\n  namespace: <namespace>\n'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
