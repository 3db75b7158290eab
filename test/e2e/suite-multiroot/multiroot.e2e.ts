// Per-folder settings in a multi-root workspace: each file is analysed with its own folder's aksIam.rules,
// exclude, defaultNamespace and maxFileSize, and the identity snapshot named by a folder resolves against it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, ourDiagnostics, settled, until } from '../suite/helpers';

type Team = 'team-a' | 'team-b';

function folder(name: Team): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.find((w) => w.name === name);
  assert.ok(f, `workspace folder ${name} is not open (folders: ${vscode.workspace.workspaceFolders?.map((w) => w.name).join(', ')})`);
  return f;
}

const uri = (team: Team, rel: string) => vscode.Uri.joinPath(folder(team).uri, rel);
const diags = (team: Team, rel: string) => ourDiagnostics(uri(team, rel)).map((d) => `${d.code}:${d.severity}`);
const labelFinding = (team: Team, rel: string) => ourDiagnostics(uri(team, rel)).find((d) => d.code === 'wi-use-label-value');

describe('multi-root workspace with per-folder settings', () => {
  before(async function () {
    this.timeout(60_000);
    assert.equal(vscode.workspace.workspaceFolders?.length, 2, 'two folders are open');
    const api = await activate();
    // The scan of both folders has been analysed once the first folder's binding has its finding.
    await until('the workspace scan', () => (diags('team-a', 'rbac/admin.yaml').length ? true : undefined), 30_000);
    await settled(api);
  });

  it('aksIam.rules: each folder\'s severity (info in team-a, off in team-b)', () => {
    assert.deepEqual(diags('team-a', 'rbac/admin.yaml'), ['rbac-cluster-admin-binding:Information']);
    assert.deepEqual(diags('team-b', 'rbac/admin.yaml'), []);
  });

  it('aksIam.defaultNamespace: objects without a namespace get their folder\'s', () => {
    assert.match(labelFinding('team-a', 'apps/catalog.yaml')?.message ?? '', /Deployment catalog \(namespace team-a\)/);
    assert.match(labelFinding('team-b', 'apps/catalog.yaml')?.message ?? '', /Deployment catalog \(namespace team-b\)/);
  });

  it('aksIam.exclude: relative to each folder, only where it is set', () => {
    assert.deepEqual(diags('team-a', 'skip/catalog.yaml'), []);
    assert.ok(labelFinding('team-b', 'skip/catalog.yaml'), 'team-b does not exclude skip/');
  });

  it('aksIam.maxFileSize: 1 KiB in team-a skips the larger file there only', () => {
    assert.deepEqual(diags('team-a', 'big/catalog.yaml'), []);
    assert.ok(labelFinding('team-b', 'big/catalog.yaml'), 'team-b keeps the default limit');
  });

  it('aksIam.identitySnapshot of the second folder resolves against that folder', async () => {
    const tree = await until('the snapshot in the view', async () => {
      const t = (await vscode.commands.executeCommand<{ label: string; description?: string; children?: { label: string }[] }[]>('aksIam.azure.testDescribeTree', 2)) ?? [];
      return t.some((n) => n.label.startsWith('Identity snapshot')) ? t : undefined;
    }, 20_000);
    const node = tree.find((n) => n.label.startsWith('Identity snapshot'));
    assert.equal(node?.label, 'Identity snapshot', JSON.stringify(node));
    assert.match(node?.description ?? '', /team-b\/\.aks-iam/);
    assert.deepEqual(node?.children?.map((c) => c.label), ['contoso-prod']);
  });

  it('changing one folder\'s setting changes that folder\'s findings only', async () => {
    const api = await activate();
    const b = vscode.workspace.getConfiguration('aksIam', folder('team-b').uri);
    await b.update('rules', { 'rbac-cluster-admin-binding': 'warning' }, vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      await until('team-b\'s new severity', () => (diags('team-b', 'rbac/admin.yaml').join() === 'rbac-cluster-admin-binding:Warning' ? true : undefined));
      await settled(api);
      assert.deepEqual(diags('team-a', 'rbac/admin.yaml'), ['rbac-cluster-admin-binding:Information']);
    } finally {
      await b.update('rules', { 'rbac-cluster-admin-binding': 'off' }, vscode.ConfigurationTarget.WorkspaceFolder);
      await until('team-b back to off', () => (diags('team-b', 'rbac/admin.yaml').length === 0 ? true : undefined));
    }
  });
});
