import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer, type AnalyzerOptions, type Finding } from '../../src/core/analyze';
import { applyEdits, mergeNonOverlapping } from '../../src/core/text/edits';
import { loadTerraformReader } from './iac';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'rules');

const CASE_FILE = /\.(ya?ml|tf|tfvars)$/;
const IAC_FILE = /\.(tf|tfvars)$/;

/**
 * One fixture case of a rule: `<case>.yaml` or `<case>.tf` (one file) or `<case>/` (several files analysed together,
 * manifests and Terraform),
 * with `<case>.expected.json` (the rule's findings), optional `<case>.fixed.yaml` (the text after
 * applying every finding's preferred fix) and `<case>.options.json` (analyzer options).
 */
export interface FixtureCase {
  ruleId: string;
  name: string;
  files: { name: string; path: string; text: string }[];
  expectedPath: string;
  fixedPath: string | null;
  /** `<case>.suggested.yaml`: the text after applying every finding's preferred suggestion. */
  suggestedPath: string | null;
  options: AnalyzerOptions;
}

/** How expectations are written: 0-based [startLine, startChar, endLine, endChar], like the JSON output. */
export interface ExpectedFinding {
  file?: string;
  severity: string;
  range: [number, number, number, number];
  message: string;
}

export function listCases(ruleId: string): FixtureCase[] {
  const dir = join(FIXTURES, ruleId);
  if (!existsSync(dir)) return [];
  const out: FixtureCase[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const p = join(dir, entry);
    let name: string;
    let files: FixtureCase['files'];
    if (statSync(p).isDirectory()) {
      name = entry;
      files = readdirSync(p).filter((f) => CASE_FILE.test(f)).sort().map((f) => ({ name: f, path: join(p, f), text: readFileSync(join(p, f), 'utf8') }));
    } else if (CASE_FILE.test(entry) && !/\.(fixed|suggested)\.(ya?ml|tf)$/.test(entry)) {
      name = entry.replace(CASE_FILE, '');
      files = [{ name: entry, path: p, text: readFileSync(p, 'utf8') }];
    } else continue;
    const optionsPath = join(dir, `${name}.options.json`);
    const ext = files.length === 1 && IAC_FILE.test(files[0].name) ? 'tf' : 'yaml';
    const fixed = join(dir, `${name}.fixed.${ext}`);
    const suggested = join(dir, `${name}.suggested.${ext}`);
    out.push({
      ruleId, name, files,
      expectedPath: join(dir, `${name}.expected.json`),
      fixedPath: existsSync(fixed) ? fixed : null,
      suggestedPath: existsSync(suggested) ? suggested : null,
      options: existsSync(optionsPath) ? JSON.parse(readFileSync(optionsPath, 'utf8')) : {},
    });
  }
  return out;
}

/** Analyses files as the CLI does: manifests into the index, Terraform through the reader. */
export async function analyzeFiles(files: { name: string; text: string }[], options: AnalyzerOptions): Promise<Analyzer> {
  const analyzer = new Analyzer(options);
  const iac = files.filter((f) => IAC_FILE.test(f.name)).map((f) => ({ path: f.name, text: f.text }));
  for (const f of files) if (!IAC_FILE.test(f.name)) analyzer.setFile(f.name, f.text);
  if (iac.length) analyzer.setIac({ facts: (await loadTerraformReader()).read(iac), files: iac });
  return analyzer;
}

export async function runCase(c: FixtureCase): Promise<{ analyzer: Analyzer; findings: Finding[] }> {
  const analyzer = await analyzeFiles(c.files, c.options);
  const findings = analyzer.analyzeAll().filter((f) => f.ruleId === c.ruleId);
  return { analyzer, findings };
}

/** Whether a case is one infrastructure-code file (its fixed/suggested forms are `.fixed.tf`/`.suggested.tf`). */
export function isIacCase(c: FixtureCase): boolean {
  return c.files.length === 1 && IAC_FILE.test(c.files[0].name);
}

export function toExpected(findings: Finding[], multiFile: boolean): ExpectedFinding[] {
  return findings.map((f) => ({
    ...(multiFile ? { file: f.file } : {}),
    severity: f.severity,
    range: [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character],
    message: f.message,
  }));
}

/** Applies each finding's preferred (else first) fix, merged as "fix all" does. */
export function applyAllFixes(text: string, findings: Finding[]): string {
  const groups = findings.map((f) => (f.fixes.find((x) => x.isPreferred) ?? f.fixes[0])?.edits).filter((e): e is NonNullable<typeof e> => !!e);
  return applyEdits(text, mergeNonOverlapping(groups).edits);
}

/** Applies each finding's preferred (else first) suggestion, merged, as a person accepting each one would. */
export function applyAllSuggestions(text: string, findings: Finding[]): string {
  const groups = findings.map((f) => (f.suggestions.find((x) => x.isPreferred) ?? f.suggestions[0])?.edits).filter((e): e is NonNullable<typeof e> => !!e);
  return applyEdits(text, mergeNonOverlapping(groups).edits);
}

/** JSON with each range on one line, so expectation files read like the findings they describe. */
export function stringifyExpected(findings: ExpectedFinding[]): string {
  return JSON.stringify(findings, null, 2).replace(/"range": \[\s*(\d+),\s*(\d+),\s*(\d+),\s*(\d+)\s*\]/g, '"range": [$1, $2, $3, $4]') + '\n';
}

/** With UPDATE_FIXTURES=1, writes a missing expectation file from the actual output (review it!). */
export function readOrSeed(path: string, actual: string): string | null {
  if (existsSync(path)) return readFileSync(path, 'utf8');
  if (process.env.UPDATE_FIXTURES === '1') {
    writeFileSync(path, actual);
    return actual;
  }
  return null;
}
