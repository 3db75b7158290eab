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

  it('explains any built-in Azure role and operation from the data shipped beside the bundle, with its date', async () => {
    // The role definitions and the operations catalogue are not in extension.js: the first hover reads data/.
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'role: "Key Vault Crypto User"\naction: "Microsoft.KeyVault/vaults/secrets/getSecret/action"\n' });
    const hover = async (line: number, character: number) => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, character))) ?? [];
      const texts = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
      const hit = texts.find((t) => t.startsWith('**'));
      assert.ok(hit, `no aks-iam hover at ${line}:${character}`);
      return hit;
    };
    const footer = '_Azure data: 928 built-in roles, 22,497 operations, as of 2026-08-22 (easimon/azure-builtin-roles@db0b225)_';
    const role = await hover(0, 12);
    assert.ok(role.startsWith('**Key Vault Crypto User** — Azure built-in role\n\nID `12338af0-0e69-4776-bea7-57ae8d297424`'), role.slice(0, 120));
    assert.ok(role.endsWith(footer));
    const permission = await hover(1, 20);
    assert.ok(permission.includes('**Granted by dataActions:** 4 of 928 built-in roles, narrowest first'), permission);
    assert.ok(permission.endsWith(footer));
  });

  it('explains the azure.workload.identity/client-id annotation', async () => {
    const h = await ourHover('apps/api.yaml', 7, 20);
    assert.equal(h.markdown, expectedText('hover-client-id.md'));
    assert.deepEqual(h.range, [7, 4, 7, 37]);
  });
});
