// AKS IAM: Who can… in a real VS Code: the three pickers answered by typing (the palette's test seam sets the value, the
// workbench filters and accepts as for a person), the answer in the Access view, a grant path's row opening its line;
// and the ServiceAccount hover's "All it can do" link running the access query.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, note, openFixture, until } from './helpers';

interface Shown { rows: string[]; clicks: unknown[][] }

/** Types into the open picker until it shows `value` first (the previous picker may still be closing), then accepts. */
async function typeAndAccept(value: string): Promise<string[]> {
  const shown = await until(`a picker showing "${value}"`, async () => {
    if (!(await vscode.commands.executeCommand<boolean>('aksIam.palette.testPickOpen'))) return undefined;
    const rows = (await vscode.commands.executeCommand<string[]>('aksIam.palette.testType', value)) ?? [];
    return rows[0] === value ? rows : undefined;
  });
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  return shown;
}

describe('who-can', () => {
  before(activate);

  it('Who can…: verb, resource and namespace picked by typing; the Access view lists the holder and its path opens the binding', async () => {
    const began = Date.now();
    const running = Promise.resolve(vscode.commands.executeCommand<Shown | undefined>('aksIam.whoCan'));
    assert.equal((await typeAndAccept('get'))[0], 'get');
    assert.equal((await typeAndAccept('secrets'))[0], 'secrets');
    assert.equal((await typeAndAccept('shop'))[0], 'shop');
    const shown = await running;
    await note(`who-can: answered ${Date.now() - began} ms after the command ran`);
    assert.ok(shown, 'the command showed no answer');
    assert.deepEqual(shown.rows.slice(0, 4), [
      'Who can get secrets in namespace shop',
      '  Cluster-wide — 1',
      '    ServiceAccount ci/deployer',
      '      ClusterRoleBinding deployer-admin → ClusterRole cluster-admin (built-in) — * on *.*, cluster-wide — admin.yaml:5',
    ]);
    // Clicking the path's row: the ClusterRoleBinding's name is selected in rbac/admin.yaml.
    assert.equal(shown.clicks.length, 1);
    const [command, ...args] = shown.clicks[0] as [string, ...unknown[]];
    assert.equal(command, 'aksIam.access.open');
    await vscode.commands.executeCommand(command, ...args);
    const editor = await until('the binding in an editor', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.path.endsWith('/rbac/admin.yaml') ? e : undefined;
    });
    assert.equal(editor.document.getText(editor.selection), 'deployer-admin');
    assert.equal(editor.selection.start.line, 4);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the ServiceAccount hover links to all it can do, and the link runs the access query', async () => {
    const doc = await openFixture('rbac/admin.yaml');
    const line = doc.getText().split('\n').findIndex((l) => /^\s+name: deployer\s*$/.test(l));
    const col = doc.lineAt(line).text.indexOf('deployer');
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, col + 1))) ?? [];
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).find((t) => t.startsWith('### ServiceAccount'));
    assert.ok(text, 'no ServiceAccount hover');
    const link = /\[All it can do\]\(command:aksIam\.showAccess\?([^ )]+)/.exec(text);
    assert.ok(link, `no "All it can do" link in: ${text.split('\n\n')[1]}`);
    const args = JSON.parse(decodeURIComponent(link[1])) as string[];
    assert.deepEqual(args, ['system:serviceaccount:ci:deployer']);
    const shown = await vscode.commands.executeCommand<Shown>('aksIam.showAccess', ...args);
    assert.deepEqual(shown.rows.slice(0, 3), [
      'Access of ServiceAccount ci/deployer',
      '  Cluster-wide',
      '    *.* — get list watch create update patch delete deletecollection *',
    ]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
