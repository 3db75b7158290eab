import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMarkdownForTerminal } from '../../src/cli/format/terminal-markdown';
import { explainCommand } from '../../src/cli/commands/explain';
import type { Io } from '../../src/cli/io';

test('explain Markdown for a terminal: bold, dimmed code, links with their address, bullets', () => {
  const md = '**Reader** — Azure built-in role\n\n- `Microsoft.Authorization/*/read`\n\n[Documentation](https://learn.microsoft.com/x)';
  assert.equal(renderMarkdownForTerminal(md), '\x1b[1mReader\x1b[22m — Azure built-in role\n\n• \x1b[2mMicrosoft.Authorization/*/read\x1b[22m\n\nDocumentation <https://learn.microsoft.com/x>');
});

test('tables are aligned by visible width, the separator row dropped and the header bold; escaped pipes kept', () => {
  const md = '| Verb | Resources |\n|---|---|\n| `get` | pods, secrets |\n| create | a \\| b |';
  assert.equal(renderMarkdownForTerminal(md, false), ['Verb    Resources', 'get     pods, secrets', 'create  a | b'].join('\n'));
  const styled = renderMarkdownForTerminal(md).split('\n');
  assert.equal(styled[0], '\x1b[1mVerb\x1b[22m    \x1b[1mResources\x1b[22m');
  assert.equal(styled[1], '\x1b[2mget\x1b[22m     pods, secrets');
});

async function explain(isTTY: boolean, ...args: string[]): Promise<string> {
  let out = '';
  const io: Io = { out: (t) => void (out += t), err: () => undefined, isTTY, cwd: process.cwd() };
  assert.equal(await explainCommand(args, io), 0);
  return out;
}

test('aks-iam explain renders for a terminal, and keeps Markdown when piped or with --format markdown', async () => {
  const tty = await explain(true, 'Managed Identity Operator');
  assert.match(tty, /^\x1b\[1mManaged Identity Operator\x1b\[22m — Azure built-in role\n/);
  assert.doesNotMatch(tty, /\*\*|`/);
  const piped = await explain(false, 'Managed Identity Operator');
  assert.match(piped, /^\*\*Managed Identity Operator\*\* — Azure built-in role\n/);
  assert.equal(await explain(true, 'Managed Identity Operator', '--format', 'markdown'), piped);
});
