import type { Range } from '../../core/text/types';
import { VERSION } from '../io';
import type { ShownFinding } from './shown';

/** 0-based like the editor's positions (LSP), for finding and related location alike. */
function rangeOf(r: Range): { start: { line: number; character: number }; end: { line: number; character: number } } {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

/**
 * The JSON report. A finding that points at other places (the manifest a Terraform credential is meant for, the
 * credential a ServiceAccount lacks) lists them in `related`, each with its file, range and message; without any,
 * the field is left out.
 */
export function formatJson(findings: readonly ShownFinding[], files: number, documents: number): string {
  const doc = {
    version: 1,
    tool: { name: 'aks-iam', version: VERSION },
    files,
    documents,
    findings: findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      file: f.display,
      range: rangeOf(f.range),
      fixable: f.fixable,
      ...(f.related.length ? { related: f.related.map((r) => ({ file: r.display ?? r.file, range: rangeOf(r.range), message: r.message })) } : {}),
    })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
