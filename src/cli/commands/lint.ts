import { Analyzer, type Finding } from '../../core/analyze';
import { ruleById } from '../../core/rules/registry';
import type { Severity, SeveritySetting } from '../../core/rules/types';
import { last, parseArgs, UsageError } from '../args';
import { readInputs, type InputFile } from '../files';
import { formatJson } from '../format/json';
import { formatSarif } from '../format/sarif';
import { formatText } from '../format/text';
import type { Io } from '../io';
import { cloudHooks } from '../cloud-hooks';
import { fixAllInFile } from '../../core/fix/fix-all';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { unifiedDiff } from '../diff';

const RANK: Record<Severity | 'none', number> = { info: 1, warning: 2, error: 3, none: 99 };

export const LINT_USAGE = `Usage: aks-iam lint [paths…] [options]

Checks Kubernetes manifests (files, or directories searched for *.yaml/*.yml) for identity and access mistakes.

Options:
  --format text|json|sarif      output format (default: text)
  --fail-on error|warning|info|none
                                lowest severity that makes the exit code 1 (default: error)
  --rule <id>=off|info|warning|error
                                change a rule's severity (repeatable)
  --namespace <ns>              namespace of objects that name none (default: default)
  --snapshot <file|dir>         identity data saved from the Azure CLI, for the cloud rules
  --max-file-size <MiB>         skip larger files (default: 10)
  --fix                         apply the safe fixes in place (comments and formatting kept), then report what is left;
                                suggestions (creating objects, choosing a namespace or kind, removing variables) are
                                offered only in the editor's quick-fix menu
  --fix-min error|warning|info  lowest severity whose findings --fix repairs (default: warning)
  --fix-dry-run                 print only the unified diff --fix would apply (for patch -p1 or git apply), change no
                                file; the exit code still follows --fail-on

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or I/O error.
`;

export async function lintCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { value: ['format', 'fail-on', 'rule', 'namespace', 'snapshot', 'max-file-size', 'fix-min'], boolean: ['help', 'fix', 'fix-dry-run'] });
  if (args.flags.has('help')) {
    io.out(LINT_USAGE);
    return 0;
  }
  const format = last(args, 'format') ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  const failOn = (last(args, 'fail-on') ?? 'error') as Severity | 'none';
  if (!Object.hasOwn(RANK, failOn)) throw new UsageError(`--fail-on must be error, warning, info or none, not "${failOn}"`);
  const rules: Record<string, SeveritySetting> = {};
  for (const r of args.flags.get('rule') ?? []) {
    const m = /^([^=]+)=(off|info|warning|error)$/.exec(r);
    if (!m) throw new UsageError(`--rule takes <id>=off|info|warning|error, not "${r}"`);
    if (!ruleById.has(m[1])) throw new UsageError(`--rule: unknown rule id "${m[1]}" (see aks-iam rules)`);
    rules[m[1]] = m[2] as SeveritySetting;
  }
  const fixMin = (last(args, 'fix-min') ?? 'warning') as Severity;
  if (fixMin === ('none' as Severity) || !Object.hasOwn(RANK, fixMin)) throw new UsageError(`--fix-min must be error, warning or info, not "${fixMin}"`);
  const dryRun = args.flags.has('fix-dry-run');
  const maxMiB = Number(last(args, 'max-file-size') ?? '10');
  if (!(maxMiB > 0)) throw new UsageError('--max-file-size takes a positive number of MiB');
  const snapshot = last(args, 'snapshot');
  const cloud = snapshot ? await cloudHooks.loadSnapshot(snapshot, io.cwd, (m) => io.err(`aks-iam: ${m}\n`)) : null;

  const inputs = await readInputs(args.positionals.length ? args.positionals : ['.'], io.cwd, maxMiB * 1048576);
  const analyzer = new Analyzer({ defaultNamespace: last(args, 'namespace'), rules, cloud, maxFileSize: maxMiB * 1048576 });
  const shown = new Map<string, string>();
  const byPath = new Map(inputs.map((f) => [f.path, f]));
  for (const f of inputs) {
    if (f.skipped || f.text === null) {
      io.err(`aks-iam: skipped ${f.display}: ${f.skipped}\n`);
      continue;
    }
    analyzer.setFile(f.path, f.text);
    shown.set(f.path, f.display);
  }
  if (args.flags.has('fix') || dryRun) await applyFixes(analyzer, shown, byPath, io, RANK[fixMin], dryRun);
  const findings = analyzer.analyzeAll().map((f: Finding) => ({ ...f, display: shown.get(f.file) ?? f.file }));
  findings.sort((a, b) => a.display.localeCompare(b.display) || a.start - b.start);
  let documents = 0;
  for (const f of analyzer.index.files()) documents += f.objects.length;
  for (const e of analyzer.internalErrors) io.err(`aks-iam: internal error in rule ${e.ruleId} on ${shown.get(e.file) ?? e.file} (please report): ${e.error.split('\n')[0]}\n`);

  // A dry run's stdout holds the patch alone, so that it can be piped.
  if (!dryRun) {
    if (format === 'json') io.out(formatJson(findings, shown.size, documents));
    else if (format === 'sarif') io.out(formatSarif(findings));
    else io.out(formatText(findings, io.isTTY, shown.size));
  }
  return findings.some((f) => RANK[f.severity] >= RANK[failOn]) ? 1 : 0;
}

/**
 * Writes each file's fixed text (only files that change) and keeps the analyzer in step for the report; a dry run
 * prints the diffs instead. Only safe fixes of findings at or above the --fix-min rank are applied.
 */
async function applyFixes(analyzer: Analyzer, shown: Map<string, string>, inputs: Map<string, InputFile>, io: Io, minRank: number, dryRun: boolean): Promise<void> {
  let files = 0;
  let fixes = 0;
  for (const path of [...shown.keys()].sort()) {
    const r = fixAllInFile(analyzer, path, (f) => RANK[f.severity] >= minRank);
    const before = analyzer.index.getFile(path)?.text;
    if (!r || r.applied === 0 || before === undefined || r.text === before) continue;
    const input = inputs.get(path);
    if (!input?.lossless) {
      io.err(`aks-iam: not fixing ${shown.get(path)}: it is not valid UTF-8, so rewriting it could change other bytes\n`);
      continue;
    }
    if (dryRun) io.out(unifiedDiff(shown.get(path) ?? path, before, r.text));
    else {
      try {
        await writeAtomically(path, (input.bom ? '\ufeff' : '') + r.text);
      } catch (err) {
        io.err(`aks-iam: could not write ${shown.get(path)}: ${(err as Error).message}\n`);
        continue;
      }
      analyzer.setFile(path, r.text);
    }
    files++;
    fixes += r.applied;
  }
  const what = `${fixes} fix${fixes === 1 ? '' : 'es'} in ${files} file${files === 1 ? '' : 's'}`;
  io.err(dryRun ? `aks-iam: would apply ${what}; no file was changed\n` : `aks-iam: applied ${what}\n`);
}

/**
 * Writes a temporary file beside the target and renames it over the target, so an interrupted run leaves either
 * the old file or the new one, never half of it. The file's permissions are kept.
 */
async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.aks-iam-${process.pid}-${Date.now()}.tmp`);
  const mode = (await fs.stat(path)).mode & 0o7777;
  try {
    await fs.writeFile(tmp, text, { encoding: 'utf8', mode });
    await fs.rename(tmp, path);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}
