// What the Terraform and Bicep of the workspace declare, shown without any Azure sign-in: an "Infrastructure code" row
// in the AKS IAM view, and the ServiceAccount hover naming the identity federated for the account, linked to its line.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, until, workspaceUri } from '../suite/helpers';

interface Described { label: string; description?: string; icon?: string; children?: Described[] }

describe('identities declared in code, beside Azure', () => {
  it('lists them in the AKS IAM view under "Infrastructure code"', async function () {
    this.timeout(60_000);
    await activate();
    const code = await until('the Infrastructure code row', async () => {
      const roots = await vscode.commands.executeCommand<Described[]>('aksIam.azure.testDescribeTree', 3);
      const row = roots.find((r) => r.label === 'Infrastructure code');
      return row?.children?.some((c) => c.label === 'id-api') ? row : undefined;
    }, 30_000);
    const rows = code.children!.map((c) => `${c.label} — ${c.description}`);
    assert.ok(rows.includes('aks-legacy — OIDC issuer on · workload identity off'), rows.join('\n'));
    assert.ok(rows.includes('id-api — 5 federated credentials · 3 role assignments'), rows.join('\n'));
    const api = code.children!.find((c) => c.label === 'id-api')!;
    assert.deepEqual(api.children!.map((c) => `${c.label} — ${c.description}`).slice(3), [
      'fic-cart — system:serviceaccounts:shop:cart',
      'fic-legacy — system:serviceaccount:shop:cart',
      'Storage Blob Data Reder — azurerm_storage_account.data',
      'Key Vault Secrets User — azurerm_storage_account.data',
      'Contributor — azurerm_resource_group.rg',
    ]);
  });

  it('names the identity the code federates for a ServiceAccount in its hover, with a link to the line', async function () {
    this.timeout(30_000);
    const doc = await vscode.workspace.openTextDocument(workspaceUri('manifests/shop.yaml'));
    await vscode.window.showTextDocument(doc);
    const at = doc.positionAt(doc.getText().indexOf('name: cart') + 'name: '.length + 1);
    const text = await until('the hover with the code identity', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
      const all = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return all.includes('Declared in infrastructure code') ? all : undefined;
    }, 15_000);
    const tf = workspaceUri('infra/identities.tf').with({ fragment: 'L7,1' }).toString();
    assert.ok(text.includes(`**Declared in infrastructure code:** managed identity \`id-api\` ([infra/identities.tf:7](${tf}));`), text);
    assert.match(text, /federated for `system:serviceaccount:shop:cart` by `fic-legacy` \(OIDC issuer of azurerm_kubernetes_cluster\.legacy, \[infra\/identities\.tf:49\]/);
    assert.match(text, /- `Contributor` on `azurerm_resource_group\.rg` \(\[infra\/roles\.tf:13\]/);
  });

  it('offers the issuer of the cluster a Terraform ServiceAccount is created in, when a credential names another', async function () {
    this.timeout(60_000);
    await activate();
    const doc = await vscode.workspace.openTextDocument(workspaceUri('infra/identities.tf'));
    const line = doc.lineAt(116);
    const diagnostic = await until('the iac-fic-issuer-other-cluster finding', () => vscode.languages.getDiagnostics(doc.uri).find((d) => d.code && typeof d.code === 'object' && d.code.value === 'iac-fic-issuer-other-cluster'), 30_000);
    assert.equal(diagnostic?.message, 'Federated credential trusts the issuer of another cluster: azurerm_federated_identity_credential.exporter_legacy uses azurerm_kubernetes_cluster.legacy, but ServiceAccount reports/exporter is created in azurerm_kubernetes_cluster.aks. Use that cluster\'s oidc_issuer_url.');
    assert.deepEqual(diagnostic?.relatedInformation?.map((r) => [vscode.workspace.asRelativePath(r.location.uri), r.location.range.start.line + 1, r.message]), [
      ['infra/identities.tf', 107, 'ServiceAccount created in azurerm_kubernetes_cluster.aks'],
    ]);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, line.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Use azurerm_kubernetes_cluster.aks.oidc_issuer_url');
    assert.ok(fix?.edit, `quick fixes: ${actions.map((a) => a.title).join(', ')}`);
    const [[, edits]] = fix.edit.entries();
    assert.deepEqual(edits.map((e) => [e.range.start.line + 1, e.range.start.character + 1, e.newText]), [[117, 25, 'azurerm_kubernetes_cluster.aks.oidc_issuer_url']]);
  });
});
