import * as vscode from 'vscode';
import type { Analyzer } from '../core/analyze';
import type { CodeContext } from '../core/explain/service-account';
import type { IacSpan } from '../core/iac/types';
import { codeIdentities } from '../core/identity/code-identities';
import type { CodeView } from './azure/tree-code';

/** A workspace file as the analyzer names it (a URI string, or a path in tests and the CLI). */
function uriOf(file: string): vscode.Uri {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(file) ? vscode.Uri.parse(file) : vscode.Uri.file(file);
}

/**
 * The workspace's infrastructure code for hovers: each place is a Markdown link `[infra/main.tf:12](file…#L12,3)`, which
 * VS Code opens at that line. Null while no infrastructure code has been read.
 */
export function codeContext(analyzer: Analyzer): CodeContext | null {
  const facts = analyzer.iacFacts();
  if (!facts || facts.identities.length + facts.serviceAccounts.length === 0) return null;
  return {
    facts,
    link(span: IacSpan): string {
      const uri = uriOf(span.file);
      const p = analyzer.iacPosition(span.file, span.start);
      const shown = `${vscode.workspace.asRelativePath(uri, false)}${p ? `:${p.line + 1}` : ''}`;
      const target = p ? uri.with({ fragment: `L${p.line + 1},${p.character + 1}` }) : uri;
      return `[${shown.replace(/[[\]]/g, '\\$&')}](${target.toString()})`;
    },
  };
}

/** The tree's view of the infrastructure code: rows open their line in the editor. */
export function codeTreeView(analyzer: Analyzer): CodeView | null {
  const facts = analyzer.iacFacts();
  if (!facts) return null;
  const position = (span: IacSpan) => analyzer.iacPosition(span.file, span.start) ?? { line: 0, character: 0 };
  return {
    model: codeIdentities(facts),
    open(span) {
      const p = position(span);
      return { command: 'vscode.open', title: 'Open', arguments: [uriOf(span.file), { selection: new vscode.Range(p.line, p.character, p.line, p.character) }] };
    },
    where: (span) => `${vscode.workspace.asRelativePath(uriOf(span.file), false)}:${position(span).line + 1}`,
  };
}
