// The identity map in Restricted Mode: drawn from the workspace's manifests and the analyzer's findings, as in a
// trusted workspace (it reads no Azure data here: the snapshot setting waits for trust).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, settled, until } from '../suite/helpers';

interface Drawn { title: string; nodes: string[]; broken: string[] }

describe('identity map in Restricted Mode', () => {
  before(async function () {
    this.timeout(60_000);
    await settled(await activate());
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('draws the workspace with the label-missing findings as broken links', async function () {
    this.timeout(30_000);
    assert.equal(vscode.workspace.isTrusted, false);
    const drawn = await vscode.commands.executeCommand<Drawn>('aksIam.showIdentityMap', { kind: 'workspace' });
    assert.equal(drawn.title, 'workspace');
    assert.deepEqual(drawn.nodes, [
      'Deployment ingest', 'ServiceAccount worker', 'client-id 00000000-0000-0000-0000-000000000002', 'Deployment report',
      'Deployment api', 'ServiceAccount api', 'client-id 00000000-0000-0000-0000-000000000001',
    ]);
    assert.deepEqual(drawn.broken, [
      'Deployment ingest → ServiceAccount worker: wi-use-label-missing',
      'Deployment report → ServiceAccount worker: wi-use-label-missing',
      'Deployment api → ServiceAccount api: wi-use-label-missing',
    ]);
    // The panel's title follows the map; the tab model hears of it a moment later.
    await until('the map tab titled "Identity map: workspace"', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label === 'Identity map: workspace'));
  });
});
