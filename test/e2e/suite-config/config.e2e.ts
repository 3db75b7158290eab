// .aks-iam.yaml in the editor: the same findings as `aks-iam lint` on a repository with nested configurations, a
// broken configuration shown on the file, hover and completion of rule ids in it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activate, EXTENSION_ID, settled, until } from '../suite/helpers';
import { FILES } from './shape';

const SEVERITY: Record<string, string> = { Error: 'error', Warning: 'warning', Information: 'info' };

function root(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the suite needs its workspace open');
  return f.uri;
}

/** Every aks-iam finding the editor shows in the workspace, as `file:line:col severity rule`. */
function editorFindings(): string[] {
  const base = root().fsPath;
  const out: string[] = [];
  for (const [uri, diags] of vscode.languages.getDiagnostics()) {
    if (uri.scheme !== 'file' || !uri.fsPath.startsWith(base)) continue;
    const rel = uri.fsPath.slice(base.length + 1).split('\\').join('/');
    for (const d of diags) {
      if (d.source !== 'aks-iam' || d.code === 'config') continue;
      const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
      out.push(`${rel}:${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[vscode.DiagnosticSeverity[d.severity]]} ${code} ${d.message}`);
    }
  }
  return out.sort();
}

function cliFindings(): string[] {
  const cli = join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
  const r = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', '--fail-on', 'none'], { cwd: root().fsPath, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { findings: { file: string; range: { start: { line: number; character: number } }; severity: string; ruleId: string; message: string }[] };
  return report.findings.map((f) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.ruleId} ${f.message}`).sort();
}

describe('.aks-iam.yaml', () => {
  before(async function () {
    this.timeout(60_000);
    const api = await activate();
    await until('the workspace scan', () => (editorFindings().some((f) => f.startsWith('ops/role.yaml')) ? true : undefined), 30_000);
    await settled(api);
  });

  it('the editor shows exactly the findings of aks-iam lint, nested configurations and all', () => {
    const cli = cliFindings();
    assert.ok(cli.length >= 6, `the fixture has findings: ${cli.join('\n')}`);
    assert.ok(cli.some((f) => /^team\/t\.yaml:\d+:\d+ warning wi-client-id-format .*\(namespace team\)/.test(f)), cli.join('\n'));
    assert.ok(!cli.some((f) => /^(generated|legacy)\//.test(f)), 'exclude and ignore apply');
    assert.deepEqual(editorFindings(), cli);
    assert.ok(Object.keys(FILES).length > 5);
  });

  it('an invalid configuration is an error on the file, at its place; fixing it clears it', async function () {
    this.timeout(30_000);
    const broken = vscode.Uri.joinPath(root(), 'solo', '.aks-iam.yaml');
    writeFileSync(broken.fsPath, 'rules:\n  wi-client-id-formt: off\n');
    try {
      const d = await until('the configuration problem', () => vscode.languages.getDiagnostics(broken).find((x) => x.source === 'aks-iam'), 15_000);
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      assert.match(d.message, /unknown rule id "wi-client-id-formt" \(did you mean "wi-client-id-format"\?\)/);
      assert.deepEqual([d.range.start.line, d.range.start.character], [1, 2]);
    } finally {
      writeFileSync(broken.fsPath, FILES['solo/.aks-iam.yaml']);
    }
    await until('the problem cleared', () => (vscode.languages.getDiagnostics(broken).some((x) => x.source === 'aks-iam') ? undefined : true), 15_000);
    await until('findings back to the CLI\'s', () => (JSON.stringify(editorFindings()) === JSON.stringify(cliFindings()) ? true : undefined), 15_000);
  });

  it('hover and completion of rule ids in the configuration file', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), '.aks-iam.yaml'));
    await vscode.window.showTextDocument(doc);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(1, 5));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*rbac-wildcard\*\*/);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(1, 2));
    assert.ok(list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'wi-client-id-format'), 'rule ids are offered under rules:');
  });
});
