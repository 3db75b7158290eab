// The workspace-aware hover on a ServiceAccount name: the workloads running as it and its cloud identity.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, openFixture } from './helpers';

describe('hover on a ServiceAccount', () => {
  before(activate);

  it('at serviceAccountName lists the workload and the workload identity client id', async () => {
    const doc = await openFixture('apps/api.yaml');
    const line = doc.getText().split('\n').findIndex((l) => /^\s+serviceAccountName: api\s*$/.test(l));
    assert.ok(line > 0, 'the fixture names ServiceAccount api');
    const col = doc.lineAt(line).text.indexOf('api');
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, col + 1))) ?? [];
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).find((t) => t.startsWith('### ServiceAccount'));
    assert.ok(text, `no ServiceAccount hover; got ${JSON.stringify(hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value).slice(0, 40))))}`);
    const parts = text.split('\n\n');
    assert.equal(parts[0], '### ServiceAccount `shop/api`');
    // The editor's command links come under the heading, the identity map's first.
    const target = encodeURIComponent(JSON.stringify([{ kind: 'service-account', namespace: 'shop', name: 'api' }]));
    assert.equal(parts[1].split(' · ')[0], `[Show identity map](command:aksIam.showIdentityMap?${target} "Draw this ServiceAccount's workloads, cloud identity and bindings")`);
    assert.equal(parts[2], '**Runs:** Deployment `shop/api`');
    assert.match(text, /\*\*Azure workload identity:\*\* client id `00000000-0000-0000-0000-000000000001`/);
  });
});
