import type { Finding } from '../../core/analyze';

const COMMAND: Record<string, string> = { error: 'error', warning: 'warning', info: 'notice' };

// Workflow command escaping: data escapes %, CR and LF; property values also : and ,.
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…::message` line per finding, which the
 * runner turns into annotations on the pull request's changed lines, then a plain summary line for the log.
 */
export function formatGithub(findings: (Finding & { display: string })[], fileCount: number): string {
  let out = '';
  for (const f of findings) {
    const props = [
      `file=${prop(f.display)}`,
      `line=${f.range.start.line + 1}`,
      `col=${f.range.start.character + 1}`,
      `endLine=${f.range.end.line + 1}`,
      `endColumn=${f.range.end.character + 1}`,
      `title=${prop(`aks-iam ${f.ruleId}`)}`,
    ];
    out += `::${COMMAND[f.severity] ?? 'warning'} ${props.join(',')}::${data(f.message)}\n`;
  }
  const files = `${fileCount} file${fileCount === 1 ? '' : 's'}`;
  out += findings.length === 0 ? `aks-iam: no problems found in ${files}.\n` : `aks-iam: ${findings.length} problem${findings.length === 1 ? '' : 's'} in ${files}.\n`;
  return out;
}
