// Completion as the editor asks for it (vscode.executeCompletionItemProvider): identity annotation keys under
// metadata.annotations, and roleRef.name from the binding's kind and namespace, in untitled YAML documents.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, until } from './helpers';

const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

async function completionsAt(content: string): Promise<vscode.CompletionItem[]> {
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content });
  await vscode.window.showTextDocument(doc);
  const end = doc.positionAt(content.length);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, end);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  // The next test's untitled document gets the same name: until this one is closed in the extension host too, the
  // provider could be handed this text under that name.
  await until('the untitled document to close', () => (doc.isClosed ? true : undefined));
  return list.items;
}

describe('completion', () => {
  before(activate);

  it('offers the identity annotation keys under a ServiceAccount\'s annotations, with a value placeholder', async () => {
    const items = await completionsAt('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  annotations:\n    azure.work');
    const clientId = items.find((i) => label(i) === 'azure.workload.identity/client-id');
    assert.ok(clientId, `no client-id key among ${JSON.stringify(items.map(label).slice(0, 20))}`);
    assert.ok(clientId.insertText instanceof vscode.SnippetString);
    assert.equal(clientId.insertText.value, 'azure.workload.identity/client-id: "${1:00000000-0000-0000-0000-000000000000}"');
    assert.ok(items.some((i) => label(i) === 'eks.amazonaws.com/role-arn'));
  });

  it('in a ServiceAccount\'s annotations offers only its keys, without those present, most likely first', async () => {
    const items = await completionsAt('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  annotations:\n    azure.workload.identity/tenant-id: "t"\n    ');
    // Ours, not the editor's words of the document (kind Text).
    const ours = items.filter((i) => i.kind === vscode.CompletionItemKind.Property);
    ours.sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.deepEqual(ours.map(label), [
      'azure.workload.identity/client-id',
      'azure.workload.identity/service-account-token-expiration',
      'eks.amazonaws.com/role-arn',
      'iam.gke.io/gcp-service-account',
      'eks.amazonaws.com/audience',
      'eks.amazonaws.com/sts-regional-endpoints',
      'eks.amazonaws.com/token-expiration',
    ]);
    assert.equal(ours[0].detail, 'Azure: client id of the identity');
  });

  it('in a pod template\'s labels offers the use label first and aad-pod-identity\'s last, tagged deprecated', async () => {
    const items = await completionsAt('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  template:\n    metadata:\n      labels:\n        app: w\n        ');
    const ours = items.filter((i) => i.kind === vscode.CompletionItemKind.Property);
    ours.sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.deepEqual(ours.map(label), ['azure.workload.identity/use', 'aadpodidbinding']);
    assert.deepEqual(ours.map((i) => i.tags ?? []), [[], [vscode.CompletionItemTag.Deprecated]]);
  });

  it('offers roleRef.name from the default ClusterRoles for a ClusterRoleBinding', async () => {
    const items = await completionsAt('apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: b\nsubjects: []\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: ');
    const ours = items.filter((i) => i.detail === 'ClusterRole · Kubernetes default').map(label).sort();
    assert.deepEqual(ours, ['admin', 'cluster-admin', 'edit', 'view']);
  });
});
