import * as vscode from 'vscode';
import type { Finding } from '../core/analyze';
import { ConfigError, isConfigFileName, loadConfig, placeholderPatterns, type ConfigProblem, type ResolvedConfig } from '../core/config/config';
import { ConfigResolver, ignoredBy, isExcludedByConfig } from '../core/config/resolve';
import { ruleById } from '../core/rules/registry';
import type { SeveritySetting } from '../core/rules/types';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * `.aks-iam.yaml` in the editor: the same lookup as `aks-iam lint` (nearest file from the manifest's folder up to the
 * folder holding `.git`), read from disk, so that the editor and the CLI give the same findings. Settings override
 * the file only where they are set explicitly (ESLint's precedence): `aksIam.rules` per rule id and
 * `aksIam.defaultNamespace`; `aksIam.exclude` adds to the file's `exclude`. Files outside the file system (virtual
 * workspaces, untitled documents) have no configuration file.
 */
export class ConfigFiles implements vscode.Disposable {
  private resolver = new ConfigResolver({ readFile, isRoot: (dir) => existsSync(join(dir, '.git')) });
  private readonly problems = vscode.languages.createDiagnosticCollection('aks-iam-config');
  private shown = new WeakSet<ConfigError>();
  /** Bumped when any configuration file changes: the analyzer is handed new per-file functions. */
  version = 0;

  dispose(): void {
    this.problems.dispose();
  }

  /** Forgets what was read (a configuration file changed on disk). */
  clear(): void {
    this.resolver = new ConfigResolver({ readFile, isRoot: (dir) => existsSync(join(dir, '.git')) });
    this.version++;
  }

  /** The configuration that applies to an index path (a URI string), or null. Invalid ones count as none. */
  forPath(path: string): ResolvedConfig | null {
    const uri = vscode.Uri.parse(path);
    if (uri.scheme !== 'file') return null;
    const r = this.resolver.forFile(uri.fsPath);
    if (r.error && !this.shown.has(r.error)) {
      this.shown.add(r.error);
      this.show(r.error.problems);
    }
    return r.config;
  }

  /** The file's rules: its configuration's, then the explicitly set `aksIam.rules` entries. */
  rules(path: string, settingRules: Record<string, SeveritySetting>): Record<string, SeveritySetting> {
    const c = this.forPath(path);
    return c ? { ...c.rules, ...settingRules } : settingRules;
  }

  /** `aksIam.defaultNamespace` when set explicitly for the file's folder, else the configuration's, else the setting's default. */
  namespace(path: string, settingNamespace: string): string {
    const c = this.forPath(path);
    if (!c?.namespace) return settingNamespace;
    const i = vscode.workspace.getConfiguration('aksIam', vscode.Uri.parse(path)).inspect<string>('defaultNamespace');
    const explicit = i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
    return typeof explicit === 'string' && explicit.trim() ? explicit.trim() : c.namespace;
  }

  placeholders(path: string): readonly RegExp[] {
    return placeholderPatterns(this.forPath(path));
  }

  excluded(uri: vscode.Uri): boolean {
    if (uri.scheme !== 'file') return false;
    if (isConfigFileName(basename(uri.fsPath))) return true;
    const c = this.forPath(uri.toString());
    return !!c && isExcludedByConfig(c, uri.fsPath);
  }

  ignored(f: Finding): boolean {
    const uri = vscode.Uri.parse(f.file);
    if (uri.scheme !== 'file') return false;
    const c = this.forPath(f.file);
    return !!c && ignoredBy(c, uri.fsPath, f.ruleId) !== null;
  }

  /** Checks an open configuration document as it is typed (its `extends` read from disk) and shows its problems. */
  check(document: vscode.TextDocument): void {
    if (document.uri.scheme !== 'file' || !isConfigFileName(basename(document.uri.fsPath))) return;
    const file = document.uri.fsPath;
    try {
      loadConfig(file, (p) => (p === file ? document.getText() : readFile(p)));
      this.problems.set(document.uri, []);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      this.problems.set(document.uri, []);
      this.show(err.problems);
    }
  }

  private show(problems: ConfigProblem[]): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of problems) {
      const list = byFile.get(p.file) ?? [];
      const d = new vscode.Diagnostic(new vscode.Range(p.line, p.character, p.line, p.character + Math.max(1, p.end - p.start)), p.message, vscode.DiagnosticSeverity.Error);
      d.source = 'aks-iam';
      d.code = 'config';
      list.push(d);
      byFile.set(p.file, list);
    }
    for (const [file, list] of byFile) this.problems.set(vscode.Uri.file(file), list);
  }

  /** Clears the problems shown for configuration files (before they are read again). */
  clearProblems(): void {
    this.problems.clear();
    this.shown = new WeakSet();
  }
}

function readFile(p: string): string | null {
  try {
    return readFileSync(p, 'utf8').replace(/^\ufeff/, '');
  } catch {
    return null;
  }
}

/** Hover on a rule id in a configuration file: the rule's title, default severity, why and how to fix. */
export function configHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | null {
  if (!isConfigFileName(basename(document.uri.path))) return null;
  const range = document.getWordRangeAtPosition(position, /[a-z0-9]+(?:-[a-z0-9]+)+/);
  if (!range) return null;
  const rule = ruleById.get(document.getText(range));
  if (!rule) return null;
  const md = new vscode.MarkdownString(`**${rule.id}** — ${rule.title} (default: ${rule.defaultSeverity})\n\n${rule.docs.why}\n\n**How to fix:** ${rule.docs.howToFix}`);
  return new vscode.Hover(md, range);
}

/** Completion in a configuration file: rule ids as keys under `rules:` (and after `@` in ignore paths), severities after them. */
export function configCompletions(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
  if (!isConfigFileName(basename(document.uri.path))) return [];
  const line = document.lineAt(position.line).text.slice(0, position.character);
  if (/^\s+[a-z0-9-]+:\s*\w*$/.test(line) && inRules(document, position.line)) {
    return ['error', 'warning', 'info', 'off'].map((s) => new vscode.CompletionItem(s, vscode.CompletionItemKind.EnumMember));
  }
  if (/^\s+[a-z0-9-]*$/.test(line) && inRules(document, position.line) || /(?:path|rule):\s*["']?[a-z0-9-]*$/.test(line)) {
    return [...ruleById.values()].map((r) => {
      const item = new vscode.CompletionItem(r.id, vscode.CompletionItemKind.Value);
      item.detail = `${r.title} (default: ${r.defaultSeverity})`;
      item.documentation = new vscode.MarkdownString(r.docs.why);
      return item;
    });
  }
  return [];
}

/** Whether the line is inside the top-level `rules:` map. */
function inRules(document: vscode.TextDocument, line: number): boolean {
  for (let i = line - 1; i >= 0; i--) {
    const t = document.lineAt(i).text;
    if (/^\S/.test(t) && !t.startsWith('#')) return /^rules\s*:/.test(t);
  }
  return false;
}
