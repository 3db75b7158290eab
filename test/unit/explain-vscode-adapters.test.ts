// The hover and completion adapters run against a minimal stand-in for the `vscode` module, so their
// mapping (offsets <-> positions, caching per document version, snippets) is tested without an editor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Module from 'node:module';

interface Pos { line: number; character: number }
class Range { constructor(public start: Pos, public end: Pos) {} }
class MarkdownString { isTrusted?: boolean; constructor(public value: string) {} }
class Hover { constructor(public contents: MarkdownString, public range: Range) {} }
class SnippetString { constructor(public value: string) {} }
class CompletionItem { insertText?: SnippetString; sortText?: string; tags?: number[]; detail?: string; documentation?: MarkdownString; range?: Range; constructor(public label: string, public kind: number) {} }

type Provider = Record<string, (...args: unknown[]) => unknown>;
const registered: { hover?: { selector: unknown; provider: Provider }; completion?: { selector: unknown; provider: Provider; triggers: string[] }; onClose?: (d: unknown) => void } = {};
const fake = {
  Range, MarkdownString, Hover, SnippetString, CompletionItem,
  CompletionItemKind: { Property: 9, Value: 12, Keyword: 13 },
  CompletionItemTag: { Deprecated: 1 },
  languages: {
    registerHoverProvider: (selector: unknown, provider: Provider) => ((registered.hover = { selector, provider }), { dispose() {} }),
    registerCompletionItemProvider: (selector: unknown, provider: Provider, ...triggers: string[]) => ((registered.completion = { selector, provider, triggers }), { dispose() {} }),
  },
  workspace: { onDidCloseTextDocument: (f: (d: unknown) => void) => ((registered.onClose = f), { dispose() {} }) },
};
const mod = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = mod._load;
mod._load = (request: string, ...rest: unknown[]) => (request === 'vscode' ? fake : load(request, ...rest));

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { registerHoverProvider } = require('../../src/vscode/hover-provider') as typeof import('../../src/vscode/hover-provider');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { registerCompletionProvider } = require('../../src/vscode/completion-provider') as typeof import('../../src/vscode/completion-provider');

function doc(text: string, languageId: string, version = 1) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const d = {
    uri: { toString: () => 'file:///w/a' },
    version, languageId, reads: 0,
    getText() { d.reads++; return text; },
    offsetAt: (p: Pos) => starts[p.line] + p.character,
    positionAt(o: number): Pos {
      let line = 0;
      while (line + 1 < starts.length && starts[line + 1] <= o) line++;
      return { line, character: o - starts[line] };
    },
  };
  return d;
}

const context = { subscriptions: [] as unknown[] };
registerHoverProvider(context as never);
registerCompletionProvider(context as never);

test('both providers register for their languages and are disposed with the extension', () => {
  assert.deepEqual(registered.hover?.selector, ['yaml', 'json', 'jsonc', 'bicep', 'terraform', 'shellscript', 'powershell'].map((language) => ({ language })));
  assert.deepEqual(registered.completion?.selector, ['yaml', 'bicep', 'terraform', 'shellscript', 'powershell'].map((language) => ({ language })));
  // Hover provider, close listener, the deferred Azure data preload, completion provider.
  assert.equal(context.subscriptions.length, 4);
});

test('hover: Markdown and the range of the term, answered from the cache until the version changes', () => {
  const text = 'metadata:\n  annotations:\n    azure.workload.identity/client-id: "x"\n';
  const d = doc(text, 'yaml');
  const h = registered.hover!.provider.provideHover(d, { line: 2, character: 10 }) as Hover;
  assert.ok(h.contents.value.startsWith('**`azure.workload.identity/client-id`** — Azure Workload Identity annotation'));
  assert.equal(h.contents.isTrusted, false);
  assert.deepEqual(h.range, new Range({ line: 2, character: 4 }, { line: 2, character: 37 }));
  assert.equal(d.reads, 1);
  const again = registered.hover!.provider.provideHover(d, { line: 2, character: 30 }) as Hover;
  assert.equal(again.contents.value, h.contents.value);
  assert.equal(d.reads, 1, 'a hover inside a known term does not re-read the document');
  assert.equal(registered.hover!.provider.provideHover(d, { line: 0, character: 2 }), undefined);
  assert.equal(registered.hover!.provider.provideHover(d, { line: 0, character: 2 }), undefined);
  assert.equal(d.reads, 2, 'a miss is remembered for the version');
  const edited = doc(text, 'yaml', 2);
  registered.hover!.provider.provideHover(edited, { line: 2, character: 10 });
  assert.equal(edited.reads, 1, 'a new version is looked up again');
  registered.onClose!(edited);
});

test('completion: snippet items with the replaced range', () => {
  const text = 'az role assignment create --role "Azure Kubernetes Service RBAC R" --assignee x';
  const d = doc(text, 'shellscript');
  const items = registered.completion!.provider.provideCompletionItems(d, { line: 0, character: text.indexOf('R"') + 1 }) as CompletionItem[];
  const reader = items.find((i) => i.label === 'Azure Kubernetes Service RBAC Reader')!;
  assert.equal(reader.kind, 12);
  assert.equal(reader.insertText?.value, 'Azure Kubernetes Service RBAC Reader');
  assert.deepEqual(reader.range, new Range({ line: 0, character: 34 }, { line: 0, character: 65 }));
  assert.equal(reader.detail, 'Azure built-in role 7f6c6a51-bcf8-42ba-9220-52d62157d7db');
  const yaml = doc('kind: Pod\nmetadata:\n  labels:\n    \n', 'yaml');
  const labels = registered.completion!.provider.provideCompletionItems(yaml, { line: 3, character: 4 }) as CompletionItem[];
  assert.deepEqual(labels.map((i) => [i.label, i.insertText?.value, i.kind, i.sortText, i.tags]), [
    ['azure.workload.identity/use', 'azure.workload.identity/use: "${1:true}"', 9, '00', undefined],
    ['aadpodidbinding', 'aadpodidbinding: "${1:binding-selector}"', 9, '01', [1]],
  ]);
});
