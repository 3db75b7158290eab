import type { Finding } from '../../core/analyze';

const COLOURS: Record<string, string> = { error: '\u001b[31m', warning: '\u001b[33m', info: '\u001b[36m' };
const RESET = '\u001b[0m';
const DIM = '\u001b[2m';

/** `file:line:col severity rule-id message`, 1-based like compilers print, one finding a line. */
export function formatText(findings: (Finding & { display: string })[], colour: boolean, fileCount: number): string {
  let out = '';
  for (const f of findings) {
    const where = `${f.display}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
    const sev = colour ? `${COLOURS[f.severity]}${f.severity}${RESET}` : f.severity;
    const id = colour ? `${DIM}${f.ruleId}${RESET}` : f.ruleId;
    out += `${where} ${sev} ${id} ${f.message}\n`;
  }
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const fixable = findings.filter((f) => f.fixable).length;
  const files = `${fileCount} file${fileCount === 1 ? '' : 's'}`;
  if (findings.length === 0) out += `No problems found in ${files}.\n`;
  else {
    out += `\n${findings.length} problem${findings.length === 1 ? '' : 's'} (${count('error')} errors, ${count('warning')} warnings, ${count('info')} infos) in ${files}`;
    out += fixable ? `; ${fixable} fixable in the editor.\n` : '.\n';
  }
  return out;
}
