import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../../core/analyze';
import { allRules, docsUrl } from '../../core/rules/registry';
import type { Severity } from '../../core/rules/types';
import { VERSION } from '../io';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

/** Relative paths resolve against %SRCROOT%; a file outside the working directory gets a file: URI. */
function artifactOf(display: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(display)) return { uri: pathToFileURL(display).href };
  return { uri: display.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/** SARIF 2.1.0, as GitHub code scanning reads it: every rule described, results with 1-based regions. */
export function formatSarif(findings: (Finding & { display: string; fingerprint?: string })[]): string {
  const index = new Map(allRules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'aks-iam',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: 'https://github.com/aks-iam/aks-iam',
            rules: allRules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: r.title },
              fullDescription: { text: r.docs.why },
              helpUri: docsUrl(r.id),
              help: { text: `${r.docs.why} ${r.docs.howToFix}`, markdown: `${r.docs.why}\n\n**How to fix:** ${r.docs.howToFix}` },
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
              properties: { category: r.category, tags: ['security', 'kubernetes', r.category] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: './' } },
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId) ?? -1,
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactOf(f.display),
                region: {
                  startLine: f.range.start.line + 1,
                  startColumn: f.range.start.character + 1,
                  endLine: f.range.end.line + 1,
                  endColumn: f.range.end.character + 1,
                },
              },
            },
          ],
          // The same fingerprint as --baseline uses: it survives lines moving, so code scanning keeps an alert's
          // identity (and its dismissal) across commits.
          partialFingerprints: { 'aksIamFinding/v2': f.fingerprint ?? `${f.ruleId}:${f.display}:${f.range.start.line + 1}` },
        })),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
