// AKS IAM: Diagnose a workload identity sign-in error… in a real VS Code: the answer is a Markdown document whose
// locations link to their lines, compared with the workspace's manifests, its Terraform and the identity snapshot it
// names.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { activate, until, workspaceUri } from '../suite/helpers';

const errorText = (name: string) => readFileSync(workspaceUri(`errors/${name}`).fsPath, 'utf8');

async function diagnoseText(text?: string): Promise<vscode.TextDocument> {
  const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('aksIam.diagnoseSignInError', text);
  assert.ok(editor, 'the command opened no answer');
  assert.equal(editor.document.uri.scheme, 'aks-iam-diagnosis');
  assert.equal(editor.document.languageId, 'markdown');
  return editor.document;
}

describe('diagnose a sign-in error', () => {
  before(activate);
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  // First, right after activation: the answer waits for the workspace scan and the Terraform parser to load.
  it('a credential declared in Terraform whose subject names another namespace: the answer links to its line in the .tf file', async () => {
    const doc = await diagnoseText(errorText('dotnet-700213-terraform-namespace.txt'));
    const lines = doc.getText().split('\n');
    const tf = workspaceUri('infra/ledger.tf');
    assert.deepEqual(lines.slice(0, 10), [
      '# AADSTS700213, WorkloadIdentityCredential, .NET: No federated identity credential matches the token the pod presented.',
      '',
      '| | |',
      '|---|---|',
      '| subject | `system:serviceaccount:shop:ledger` |',
      '',
      "- The workspace defines no ServiceAccount shop/ledger, the one the pod's token names.",
      `- [infra/ledger.tf:13:25](${tf.with({ fragment: 'L13,25' }).toString()}): Federated credential shop-ledger on identity id-ledger: subject "system:serviceaccount:finance:ledger" names namespace finance, the pod runs in shop.`,
      '  - **Fix:** set the subject to "system:serviceaccount:shop:ledger"',
      '',
    ], doc.getText());
    assert.match(lines[10], /^Read 6 ServiceAccounts, .* \(from manifest, code(, snapshot)?\)\.$/);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
    const ours = links.filter((l) => l.target?.scheme === 'file').map((l) => ({ line: l.range.start.line, path: l.target!.path, fragment: l.target!.fragment }));
    assert.deepEqual(ours, [{ line: 7, path: tf.path, fragment: 'L13,25' }]);
  });

  it('names the credential whose subject differs only in case, with links to the ServiceAccount', async function () {
    this.timeout(60_000);
    // The snapshot loads after activation: wait until the answer has read it.
    const doc = await until('a diagnosis that read the snapshot', async () => {
      const d = await diagnoseText(errorText('python-7002138-case.txt'));
      return d.getText().includes(', snapshot).') ? d : undefined;
    }, 30_000);
    const lines = doc.getText().split('\n');
    assert.equal(lines[0], '# AADSTS7002138, WorkloadIdentityCredential, Python: No federated identity credential matches the token the pod presented.');
    const sa = workspaceUri('k8s/service-accounts.yaml');
    assert.ok(lines.includes(`- [k8s/service-accounts.yaml:4:9](${sa.with({ fragment: 'L4,9' }).toString()}): ServiceAccount shop/api is the one the pod's token names (client-id 11111111-1111-4111-8111-111111111111).`), doc.getText());
    assert.ok(lines.includes('- Federated credential shop-api on identity id-api: subject "system:serviceaccount:shop:API" differs only in letter case (Entra compares subjects case-sensitively since 2024).'));
    assert.ok(lines.includes('  - **Fix:** set the subject to "system:serviceaccount:shop:api"'));
    assert.ok(lines.includes('Read 6 ServiceAccounts, 9 identities with 8 federated credentials, 2 clusters (from manifest, code, snapshot).'), doc.getText());

    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
    const ours = links.filter((l) => l.target?.scheme === 'file').map((l) => ({ line: l.range.start.line, path: l.target!.path, fragment: l.target!.fragment }));
    assert.deepEqual(ours, [{ line: lines.findIndex((l) => l.startsWith('- [k8s/service-accounts.yaml:4:9]')), path: sa.path, fragment: 'L4,9' }]);
  });

  it('the credential on another identity: the fix points at the client-id annotation', async () => {
    const text = (await diagnoseText(errorText('msal-json-70021-other-identity.txt'))).getText();
    const sa = workspaceUri('k8s/service-accounts.yaml').with({ fragment: 'L47,40' }).toString();
    assert.ok(text.includes(`\n- [k8s/service-accounts.yaml:47:40](${sa}): The federated credential shop-billing that matches issuer, subject and audience exactly is on identity id-billing-old, not on identity id-billing that the client id points to.\n`), text);
  });

  it('IMDS fallback: names the Deployment whose pods lack the use label', async () => {
    const text = (await diagnoseText(errorText('python-imds.txt'))).getText();
    assert.equal(text.split('\n')[0], '# WorkloadIdentityCredential, Python: The pod did not get a workload identity token, so the SDK fell back to the managed identity endpoint (IMDS, 169.254.169.254).');
    assert.ok(text.includes(`- [k8s/deployments.yaml:24:9](${workspaceUri('k8s/deployments.yaml').with({ fragment: 'L24,9' }).toString()}): Deployment shop/worker runs as ServiceAccount worker`), text);
  });

  it('without an argument, asks in an input box prefilled from the selection', async function () {
    this.timeout(30_000);
    const log = await vscode.workspace.openTextDocument({ language: 'log', content: `starting\n${errorText('go-70021-slash.txt')}done\n` });
    const editor = await vscode.window.showTextDocument(log);
    editor.selection = new vscode.Selection(1, 0, log.lineCount - 2, 0);
    let answer: vscode.TextEditor | undefined | null = null;
    void Promise.resolve(vscode.commands.executeCommand<vscode.TextEditor | undefined>('aksIam.diagnoseSignInError')).then((e) => (answer = e));
    // Accepting the box as it opened takes the prefilled text as it is (accepting before it is open does nothing).
    await until('the input box accepted', async () => {
      if (answer === null) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return answer === null ? undefined : true;
    });
    assert.ok(answer, 'the input box was dismissed');
    const text = (answer as vscode.TextEditor).document.getText();
    assert.equal(text.split('\n')[0], '# AADSTS70021, WorkloadIdentityCredential, Go: No federated identity credential matches the token the pod presented.');
    assert.ok(text.includes('lacks the trailing "/" of the token\'s issuer'), text);
    await vscode.window.showTextDocument(log);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
