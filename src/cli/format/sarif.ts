import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { allRules, docsUrl } from '../../core/rules/registry';
import type { Severity } from '../../core/rules/types';
import type { Range } from '../../core/text/types';
import { VERSION } from '../io';
import type { ShownFinding } from './shown';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

/** Relative paths resolve against %SRCROOT%; a file outside the working directory gets a file: URI. */
function artifactOf(display: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(display)) return { uri: pathToFileURL(display).href };
  return { uri: display.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/** A 1-based SARIF region; columns count UTF-16 code units (`columnKind`). */
function regionOf(r: Range): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/** Backslashes and brackets in an embedded link's text are escaped (SARIF 2.1.0 §3.11.6). */
function linkText(text: string): string {
  return text.replace(/[\\[\]]/g, (c) => `\\${c}`);
}

/**
 * The finding's message, then a link to each related location by its id: code scanning lists related locations only
 * where the result's message links to them.
 */
function messageOf(f: ShownFinding): string {
  if (!f.related.length) return f.message;
  return `${f.message} See ${f.related.map((r, i) => `[${linkText(r.message)}](${i + 1})`).join(', ')}.`;
}

/**
 * SARIF 2.1.0, as GitHub code scanning reads it: every rule described, results with 1-based regions, and the places a
 * finding points at as `relatedLocations` (each with an id unique in its result and its own message).
 */
export function formatSarif(findings: readonly (ShownFinding & { fingerprint?: string })[]): string {
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
          message: { text: messageOf(f) },
          locations: [
            {
              physicalLocation: { artifactLocation: artifactOf(f.display), region: regionOf(f.range) },
            },
          ],
          ...(f.related.length ? {
            relatedLocations: f.related.map((r, i) => ({
              id: i + 1,
              physicalLocation: { artifactLocation: artifactOf(r.display ?? r.file), region: regionOf(r.range) },
              message: { text: r.message },
            })),
          } : {}),
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
