// The contributed snippets as VS Code offers them in a YAML editor, and what one inserts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, expectedText } from './helpers';

const PREFIXES = ['k8s-clusterrole', 'k8s-clusterrolebinding', 'k8s-deploy-wi', 'k8s-role', 'k8s-rolebinding', 'k8s-sa', 'k8s-sa-gke', 'k8s-sa-irsa', 'k8s-sa-wi', 'k8s-wi-bundle'];
const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

describe('snippets', () => {
  before(activate);

  it('offers every identity snippet in YAML and inserts the workload identity bundle with its defaults', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'k8s' });
    const editor = await vscode.window.showTextDocument(doc);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 3));
    const snippets = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet && label(i).startsWith('k8s-'));
    assert.deepEqual(snippets.map(label).sort(), PREFIXES);
    const bundle = snippets.find((i) => label(i) === 'k8s-wi-bundle');
    assert.ok(bundle && bundle.insertText instanceof vscode.SnippetString, 'the bundle snippet has no snippet body');
    assert.equal(await editor.insertSnippet(bundle.insertText, new vscode.Range(0, 0, 0, 3)), true);
    assert.equal(doc.getText(), expectedText('wi-bundle.inserted.yaml'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
