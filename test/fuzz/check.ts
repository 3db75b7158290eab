/**
 * The properties every input must satisfy, checked on one workspace at a time, with counts of what was tried.
 * Violations are collected (not thrown) so that a run reports all of them with the input that caused each.
 */
import { Analyzer, type AnalyzerOptions, type Finding } from '../../src/core/analyze';
import { fixAllInFile } from '../../src/core/fix/fix-all';
import { parseYaml } from '../../src/core/yaml/parse';
import type { TextEdit } from '../../src/core/text/types';

export interface Counts {
  inputs: number;
  files: number;
  findings: number;
  fixesVerified: number;
  fixAllVerified: number;
  /**
   * Fixes applied to input with YAML syntax errors, where they are only required to be byte-exact edits inside the
   * text: the parser's recovery can put a line in a different node than it looks, so whether the finding goes
   * away is best effort. Counted, and how often it stayed.
   */
  fixesOnBrokenYaml: number;
  stillReportedOnBrokenYaml: number;
  maxMs: number;
}

export interface Violation {
  property: string;
  detail: string;
  path: string;
  text: string;
}

export function newCounts(): Counts {
  return { inputs: 0, files: 0, findings: 0, fixesVerified: 0, fixAllVerified: 0, fixesOnBrokenYaml: 0, stillReportedOnBrokenYaml: 0, maxMs: 0 };
}

export function addCounts(into: Counts, c: Counts): void {
  into.inputs += c.inputs;
  into.files += c.files;
  into.findings += c.findings;
  into.fixesVerified += c.fixesVerified;
  into.fixAllVerified += c.fixAllVerified;
  into.fixesOnBrokenYaml += c.fixesOnBrokenYaml;
  into.stillReportedOnBrokenYaml += c.stillReportedOnBrokenYaml;
  into.maxMs = Math.max(into.maxMs, c.maxMs);
}

export interface CheckOptions {
  analyzer?: AnalyzerOptions;
  /** Check fixes and fix-all (the expensive part); off for very large inputs. */
  fixes?: boolean;
  /** At most this many fixes are applied and re-analysed per input (default 40). */
  fixBudget?: number;
  /** Also check fix-all (twice equals once, still parses); default true. */
  fixAll?: boolean;
  /** Only these files are the input; the others are context (analysed, but fixes not applied). */
  focus?: string[];
}

/**
 * Where an offset of the original text is after the edits (inside a replaced range: the replacement's start).
 * An insertion exactly at the offset may count before or after it, so both are returned.
 */
function mapOffset(offset: number, edits: readonly TextEdit[]): number[] {
  let before = 0;
  let at = 0;
  for (const e of edits) {
    const d = e.newText.length - (e.end - e.start);
    if (e.start === e.end && e.start === offset) at += d;
    else if (e.end <= offset) before += d;
    else if (e.start < offset) return [e.start + before];
  }
  return [offset + before, offset + before + at];
}

function yamlErrors(text: string, path: string): number {
  return parseYaml(text, { forceTemplate: /(^|\/)templates\//.test(path) }).errors.length;
}

/**
 * What the fixed text looks like, computed independently of the engine's applyEdits. Insertions at one offset
 * go in the order the fix lists them.
 */
function splice(text: string, sorted: readonly TextEdit[]): string {
  const parts: string[] = [];
  let cursor = 0;
  for (const e of sorted) {
    parts.push(text.slice(cursor, e.start), e.newText);
    cursor = e.end;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}

export function checkWorkspace(files: { path: string; text: string }[], options: CheckOptions = {}): { counts: Counts; violations: Violation[] } {
  const counts = newCounts();
  const violations: Violation[] = [];
  counts.inputs = 1;
  const t0 = performance.now();
  const fail = (property: string, detail: string, path: string, text: string) => violations.push({ property, detail, path, text });
  const analyzer = new Analyzer(options.analyzer);
  const byPath = new Map(files.map((f) => [f.path, f.text]));
  try {
    for (const f of files) analyzer.setFile(f.path, f.text);
    const focus = options.focus ?? files.map((f) => f.path);
    for (const path of focus) {
      const text = byPath.get(path)!;
      counts.files++;
      const findings = analyzer.analyzeFile(path);
      counts.findings += findings.length;
      for (const f of findings) {
        if (!(f.start >= 0 && f.start <= f.end && f.end <= text.length)) fail('finding range inside the text', `${f.ruleId} ${f.start}-${f.end} of ${text.length}`, path, text);
        if (f.related.some((r) => r.start < 0 || r.end < r.start)) fail('related ranges valid', f.ruleId, path, text);
      }
      if (options.fixes !== false) checkFixes(analyzer, path, text, findings, counts, fail, options.fixBudget ?? 40, options.fixAll !== false);
    }
  } catch (err) {
    fail('never throws', err instanceof Error ? err.stack ?? err.message : String(err), files[0]?.path ?? '', files.map((f) => `# ${f.path}\n${f.text}`).join('\n'));
  }
  for (const e of analyzer.internalErrors) fail('no internal errors', `${e.ruleId}: ${e.error}`, e.file, byPath.get(e.file) ?? '');
  counts.maxMs = performance.now() - t0;
  return { counts, violations };
}

type Fail = (property: string, detail: string, path: string, text: string) => void;

function checkFixes(analyzer: Analyzer, path: string, text: string, findings: Finding[], counts: Counts, fail: Fail, fixBudget: number, fixAll: boolean): void {
  const errorsBefore = yamlErrors(text, path);
  const crlfOnly = text.includes('\r\n') && !/(^|[^\r])\n/.test(text);
  // Each check re-analyses the file: a bound keeps one input's cost linear in its size.
  let budget = fixBudget;
  for (const finding of findings) {
    // Suggestions are applied one at a time from the menu: the same byte-exactness and repair properties hold.
    for (const fix of [...finding.fixes, ...finding.suggestions]) {
      if (budget-- <= 0) break;
      const what = `${finding.ruleId} "${fix.title}" at ${finding.start}`;
      const edits = fix.edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i).map((x) => x.e);
      const valid = edits.every((e, i) => e.start >= 0 && e.start <= e.end && e.end <= text.length && (i === 0 || edits[i - 1].end <= e.start));
      if (!valid) {
        fail('fix edits inside the text and not overlapping', `${what}: ${JSON.stringify(edits)}`, path, text);
        continue;
      }
      const fixed = splice(text, edits);
      // Byte-exact: everything between the edits is the original, in order.
      let cursor = 0;
      let outPos = 0;
      let exact = true;
      for (const e of edits) {
        const keep = text.slice(cursor, e.start);
        if (fixed.slice(outPos, outPos + keep.length) !== keep) exact = false;
        outPos += keep.length + e.newText.length;
        cursor = e.end;
      }
      if (fixed.slice(outPos) !== text.slice(cursor)) exact = false;
      if (!exact) fail('fix changes only bytes inside its edits', what, path, text);
      if (fixed === text) fail('fix changes the text', what, path, text);
      if (crlfOnly && /(^|[^\r])\n/.test(fixed)) fail('fix keeps CRLF line endings', what, path, text);
      if (errorsBefore === 0 && yamlErrors(fixed, path) > 0) fail('fixed text still parses', `${what}: ${parseYaml(fixed).errors[0]?.message}`, path, text);
      analyzer.setFile(path, fixed);
      // A rule may report several findings at one place (e.g. two missing fields of one roleRef): one fewer must remain.
      const places = mapOffset(finding.start, edits);
      const before = findings.filter((g) => g.ruleId === finding.ruleId && g.start === finding.start).length;
      const after = analyzer.analyzeFile(path).filter((g) => g.ruleId === finding.ruleId && places.includes(g.start));
      if (errorsBefore > 0) {
        counts.fixesOnBrokenYaml++;
        if (after.length >= before) counts.stillReportedOnBrokenYaml++;
        continue;
      }
      if (after.length >= before) fail('re-analysis no longer reports the finding', `${what} still reported: ${after.map((g) => g.message).join(' | ')}`, path, text);
      counts.fixesVerified++;
    }
  }
  if (fixAll && errorsBefore === 0 && findings.some((f) => f.fixable)) {
    analyzer.setFile(path, text);
    const once = fixAllInFile(analyzer, path);
    if (once) {
      analyzer.setFile(path, once.text);
      const twice = fixAllInFile(analyzer, path);
      if (twice && twice.text !== once.text) fail('fix all twice equals fix all once', `once left ${once.remaining} fixable; the second run changed the text`, path, text);
      if (yamlErrors(once.text, path) > 0) fail('fix all result still parses', parseYaml(once.text).errors[0]?.message ?? '', path, text);
      counts.fixAllVerified++;
    }
  }
  analyzer.setFile(path, text);
}
