import type { Finding } from '../../core/analyze';
import { VERSION } from '../io';

export function formatJson(findings: (Finding & { display: string })[], files: number, documents: number): string {
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
      range: {
        start: { line: f.range.start.line, character: f.range.start.character },
        end: { line: f.range.end.line, character: f.range.end.character },
      },
      fixable: f.fixable,
    })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
