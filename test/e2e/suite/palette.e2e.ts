// The command palette's equivalents of `aks-iam explain`, `who-grants` and `check-cluster` in a real VS Code: the
// picker is answered by typing into it (the extension's test seam sets its value; the workbench filters and accepts
// as for a person), and the answer opens as a read-only Markdown document in the Markdown preview.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import aksShow from '../../fixtures/permissions/custom-vnet-missing/aks-show.json';
import assignments from '../../fixtures/permissions/custom-vnet-missing/role-assignment-list.json';
import { activate, note, until, workspaceUri } from './helpers';

interface Described { label: string; children?: Described[] }

/** Runs `command` without an argument, types `value` into its picker, accepts; returns the first rows shown and the answer. */
async function answerPicker(command: string, value: string): Promise<{ shown: string[]; uri: vscode.Uri | undefined }> {
  const began = Date.now();
  const running = Promise.resolve(vscode.commands.executeCommand<vscode.Uri | undefined>(command));
  await until(`the picker of ${command}`, async () => ((await vscode.commands.executeCommand<boolean>('aksIam.palette.testPickOpen')) ? true : undefined));
  const opened = Date.now();
  const shown = (await vscode.commands.executeCommand<string[]>('aksIam.palette.testType', value)) ?? [];
  await note(`${command}: picker open after ${opened - began} ms, "${value}" filtered after ${Date.now() - opened} ms`);
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  return { shown, uri: await running };
}

/** The answer's text, and that the Markdown preview of it is the active tab. */
async function shownAnswer(uri: vscode.Uri | undefined): Promise<string> {
  assert.ok(uri, 'the command opened no answer');
  assert.equal(uri.scheme, 'aks-iam');
  const tab = await until('the Markdown preview', () => {
    const t = vscode.window.tabGroups.activeTabGroup.activeTab;
    return t?.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType) ? t : undefined;
  });
  assert.match(tab.label, /^Preview /);
  const doc = await vscode.workspace.openTextDocument(uri);
  assert.equal(doc.languageId, 'markdown');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  return doc.getText();
}

describe('palette', () => {
  before(activate);

  it('Explain a role or permission…: a role picked by typing its name opens its explanation', async () => {
    const { shown, uri } = await answerPicker('aksIam.explain', 'Storage Blob Data Reader');
    assert.equal(shown[0], 'Storage Blob Data Reader');
    const text = await shownAnswer(uri);
    assert.equal(text.split('\n')[0], '**Storage Blob Data Reader** — Azure built-in role');
    assert.equal(uri!.path, '/Explain Storage Blob Data Reader.md');
  });

  it('Explain…: a Kubernetes ClusterRole and a permission of a non-Microsoft provider are in the list too', async () => {
    const cr = await answerPicker('aksIam.explain', 'system:aggregate-to-edit');
    assert.equal(cr.shown[0], 'system:aggregate-to-edit');
    assert.match((await shownAnswer(cr.uri)).split('\n')[0], /^\*\*system:aggregate-to-edit\*\* — Kubernetes default ClusterRole/);
    const perm = await answerPicker('aksIam.explain', 'Anyscale.Platform/admin/action');
    assert.equal(perm.shown[0], 'Anyscale.Platform/admin/action');
    assert.equal((await shownAnswer(perm.uri)).split('\n')[0], '**`Anyscale.Platform/admin/action`** — data action (data plane)');
  });

  it('Which roles grant a permission…: a permission from the list, then a pattern as typed', async () => {
    const name = 'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action';
    const one = await answerPicker('aksIam.whoGrants', name);
    assert.equal(one.shown[0], name);
    const lines = (await shownAnswer(one.uri)).split('\n');
    assert.deepEqual([lines[0], lines[6], lines[10]], [
      `# Which roles grant \`${name}\``,
      '6 of 928 built-in roles, narrowest first.',
      `| Azure Kubernetes Service Cluster User Role | \`${name}\` | 2 |`,
    ]);
    const pattern = await answerPicker('aksIam.whoGrants', 'Microsoft.ContainerService/managedClusters/*');
    assert.equal((await shownAnswer(pattern.uri)).split('\n')[2], 'A pattern, not an operation: it matches 454 catalogue operations. Ask about one of them to see the roles granting it.');
  });

  it('Check a cluster\'s required permissions…: on the loaded snapshot, from the palette and from a cluster node', async function () {
    this.timeout(60_000);
    const dir = workspaceUri('.aks-iam-e2e-palette').fsPath;
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    writeFileSync(`${dir}/aks-show.json`, JSON.stringify(aksShow));
    writeFileSync(`${dir}/role-assignment-list.json`, JSON.stringify(assignments));
    const config = vscode.workspace.getConfiguration('aksIam');
    await config.update('identitySnapshot', '.aks-iam-e2e-palette', vscode.ConfigurationTarget.Global);
    try {
      await until('the snapshot in the Azure view', async () => {
        const roots = (await vscode.commands.executeCommand<Described[]>('aksIam.azure.testDescribeTree', 1)) ?? [];
        return roots.some((n) => n.label === 'Identity snapshot' && n.children?.length) ? true : undefined;
      }, 30_000);
      const picked = await answerPicker('aksIam.checkCluster', 'payments-aks');
      assert.equal(picked.shown[0], 'payments-aks');
      const lines = (await shownAnswer(picked.uri)).split('\n');
      assert.deepEqual(lines.slice(0, 5), [
        '# Required permissions of cluster payments-aks',
        '',
        'Resource group `payments-rg`, node resource group `MC_payments-rg_payments-aks_westeurope`. From the identity snapshot.',
        '',
        '**1 missing permission**.',
      ]);
      assert.ok(lines.includes('| `Microsoft.Network/virtualNetworks/subnets/join/action` | ✗ missing | no role assignment of the identity grants it here |'), lines.join('\n'));
      // The Azure view's context menu passes its cluster node, which carries the cluster.
      const id = (aksShow as { id: string }).id;
      const fromNode = await vscode.commands.executeCommand<vscode.Uri>('aksIam.checkCluster', { cluster: { id, name: 'payments-aks' } });
      assert.equal((await shownAnswer(fromNode)).split('\n')[0], '# Required permissions of cluster payments-aks');
    } finally {
      await config.update('identitySnapshot', undefined, vscode.ConfigurationTarget.Global);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
