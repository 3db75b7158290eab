// Hovers as the editor requests them (vscode.executeHoverProvider): the engine's explanation of the
// term under the cursor, over the term's exact range.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, expectedText, openFixture } from './helpers';

async function ourHover(file: string, line: number, character: number): Promise<{ markdown: string; range: [number, number, number, number] }> {
  const doc = await openFixture(file);
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, character))) ?? [];
  const texts = hovers.flatMap((h) => h.contents.map((c) => ({ h, text: typeof c === 'string' ? c : c.value })));
  const hit = texts.find((t) => t.text.startsWith('**'));
  assert.ok(hit, `no aks-iam hover at ${file}:${line}:${character}; got ${JSON.stringify(texts.map((t) => t.text.slice(0, 60)))}`);
  const r = hit.h.range;
  assert.ok(r, 'the hover must carry the range of the explained term');
  return { markdown: hit.text, range: [r.start.line, r.start.character, r.end.line, r.end.character] };
}

describe('hover', () => {
  before(activate);

  it('explains cluster-admin in a roleRef with its effective rules', async () => {
    const h = await ourHover('rbac/admin.yaml', 8, 12);
    assert.equal(h.markdown, expectedText('hover-cluster-admin.md'));
    assert.deepEqual(h.range, [8, 8, 8, 21]);
  });

  it('explains the azure.workload.identity/client-id annotation', async () => {
    const h = await ourHover('apps/api.yaml', 7, 20);
    assert.equal(h.markdown, expectedText('hover-client-id.md'));
    assert.deepEqual(h.range, [7, 4, 7, 37]);
  });
});
