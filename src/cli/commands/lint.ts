import { Analyzer, type Finding } from '../../core/analyze';
import { ruleById } from '../../core/rules/registry';
import type { Severity, SeveritySetting } from '../../core/rules/types';
import { last, parseArgs, UsageError } from '../args';
import { loadFiles, readInputs, type InputFile } from '../files';
import { formatJson } from '../format/json';
import { formatSarif } from '../format/sarif';
import { formatText } from '../format/text';
import type { Io } from '../io';
import { cloudHooks } from '../cloud-hooks';
import { LIVE_BOOLEAN_FLAGS, liveOptionsUsage, LIVE_VALUE_FLAGS, liveSettings } from '../azure-options';
import { EXIT_CODES_LIVE } from '../azure-messages';
import { fixAllInFile } from '../../core/fix/fix-all';
import { promises as fs } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { unifiedDiff } from '../diff';
import { formatGithub } from '../format/github';
import { displayPath, fsConfigResolver, formatConfigProblem } from '../config';
import { ignoredBy, isExcludedByConfig } from '../../core/config/resolve';
import { isConfigFileName, placeholderPatterns, type ResolvedConfig } from '../../core/config/config';
import { applyBaseline, fingerprints, makeBaseline, readBaseline, writeBaseline } from '../baseline';
import { InputError } from '../files';

const RANK: Record<Severity | 'none', number> = { info: 1, warning: 2, error: 3, none: 99 };

export const LINT_USAGE = `Usage: aks-iam lint [paths…] [options]

Checks Kubernetes manifests (files, or directories searched for *.yaml/*.yml) for identity and access mistakes.

Options:
  --format text|json|sarif|github
                                output format (default: text); github prints workflow annotations
  --fail-on error|warning|info|none
                                lowest severity that makes the exit code 1 (default: error)
  --rule <id>=off|info|warning|error
                                change a rule's severity (repeatable)
  --namespace <ns>              namespace of objects that name none (default: default)
  --snapshot <file|dir>         identity data saved from the Azure CLI, for the cloud rules
  --azure                       read identities, federated credentials, clusters and role assignments from Azure
                                for the cloud rules (signs in with DefaultAzureCredential: az login, environment
                                variables, workload identity, managed identity)
  --subscription <id>           with --azure: the subscriptions to read (repeatable; default: all the credential sees)
${liveOptionsUsage(28)}
  --max-file-size <MiB>         skip larger files (default: 10)
  --fix                         apply the safe fixes in place (comments and formatting kept), then report what is left;
                                suggestions (creating objects, choosing a namespace or kind, removing variables) are
                                offered only in the editor's quick-fix menu
  --fix-min error|warning|info  lowest severity whose findings --fix repairs (default: warning)
  --fix-dry-run                 print only the unified diff --fix would apply (for patch -p1 or git apply), change no
                                file; the exit code still follows --fail-on
  --baseline <file>             report only findings not in this baseline (matched by rule, file and a fingerprint
                                that survives line moves); says how many were known and how many are gone
  --write-baseline              write every current finding to the --baseline file and exit 0
  --no-config                   ignore .aks-iam.yaml files

Configuration: each file's nearest .aks-iam.yaml (or .aks-iam.yml), looked up from its folder up to the repository
root, gives its rules, exclude, namespace, snapshot and ignore entries; --rule, --namespace and --snapshot override it.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, configuration or I/O error,
${EXIT_CODES_LIVE}.
`;

export async function lintCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { value: ['format', 'fail-on', 'rule', 'namespace', 'snapshot', 'max-file-size', 'fix-min', 'baseline', ...LIVE_VALUE_FLAGS], boolean: ['help', 'fix', 'fix-dry-run', 'write-baseline', 'no-config', 'azure', ...LIVE_BOOLEAN_FLAGS] });
  if (args.flags.has('help')) {
    io.out(LINT_USAGE);
    return 0;
  }
  const format = last(args, 'format') ?? 'text';
  if (!['text', 'json', 'sarif', 'github'].includes(format)) throw new UsageError(`--format must be text, json, sarif or github, not "${format}"`);
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
  const baselineArg = last(args, 'baseline');
  const writingBaseline = args.flags.has('write-baseline');
  if (writingBaseline && !baselineArg) throw new UsageError('--write-baseline needs --baseline <file> (where to write it)');
  if (writingBaseline && (args.flags.has('fix') || dryRun)) throw new UsageError('--write-baseline cannot be combined with --fix or --fix-dry-run');
  const azure = args.flags.has('azure');
  const live = liveSettings(args);
  if (azure && args.flags.has('snapshot')) throw new UsageError('--azure and --snapshot exclude each other: the cloud rules read one source');
  if (!azure && (args.flags.has('subscription') || args.flags.has('cloud') || args.flags.has('arm-endpoint'))) throw new UsageError('--subscription, --cloud and --arm-endpoint go with --azure');
  const baselineFile = baselineArg ? resolve(io.cwd, baselineArg) : null;
  const baseline = baselineFile && !writingBaseline ? await readBaseline(baselineFile) : null;

  const given = args.positionals.length ? args.positionals : ['.'];
  const inputs = (await readInputs(given, io.cwd, maxMiB * 1048576)).filter((f) => !isConfigFileName(basename(f.path)));
  // Each file's nearest configuration; an invalid one stops the run (exit 2) with every problem it has.
  const configOf = new Map<string, ResolvedConfig | null>();
  if (!args.flags.has('no-config')) {
    const resolver = fsConfigResolver();
    const problems = new Map<string, string>();
    for (const f of inputs) {
      const r = resolver.forFile(f.path);
      if (r.error) for (const p of r.error.problems) problems.set(`${p.file}:${p.start}:${p.message}`, formatConfigProblem(p, io.cwd));
      configOf.set(f.path, r.config);
    }
    if (problems.size) throw new InputError(`invalid configuration:\n${[...problems.values()].map((m) => `  ${m}`).join('\n')}`);
  }
  const explicit = new Set(given.map((g) => resolve(io.cwd, g)));
  const included = inputs.filter((f) => {
    const c = configOf.get(f.path);
    if (!c || !isExcludedByConfig(c, f.path)) return true;
    if (explicit.has(f.path)) io.err(`aks-iam: ${f.display} is excluded by ${displayPath(io.cwd, c.file)}\n`);
    return false;
  });
  const nsFlag = last(args, 'namespace');
  const configured = [...configOf.values()].some((c) => c !== null);

  let snapshot = last(args, 'snapshot');
  if (!snapshot && !azure) {
    const named = [...new Set(included.map((f) => configOf.get(f.path)?.snapshot).filter((x): x is string => !!x))];
    if (named.length > 1) throw new InputError(`the configurations name different snapshots (${named.join(', ')}); one run reads one: pass --snapshot`);
    if (named.length === 1) snapshot = named[0];
  }
  // A configuration's snapshot is already absolute (resolved against the file that names it).
  const cloud = azure
    ? await import('../azure-live').then(({ readAzure }) => readAzure(live, io, { federatedCredentials: true }))
    : snapshot ? await cloudHooks.loadSnapshot(snapshot, io.cwd, (m) => io.err(`aks-iam: ${m}\n`)) : null;

  const analyzer = new Analyzer({
    defaultNamespace: nsFlag, rules, cloud, maxFileSize: maxMiB * 1048576,
    ...(configured ? {
      // The command line overrides the file: --rule per rule id, --namespace for every file.
      rulesFor: (p: string) => ({ ...configOf.get(p)?.rules, ...rules }),
      namespaceFor: (p: string) => nsFlag || configOf.get(p)?.namespace || 'default',
      placeholdersFor: (p: string) => placeholderPatterns(configOf.get(p)),
    } : {}),
  });
  const ignored = (f: Finding) => {
    const c = configOf.get(f.file);
    return !!c && ignoredBy(c, f.file, f.ruleId) !== null;
  };
  const byPath = new Map(included.map((f) => [f.path, f]));
  const shown = loadFiles(included, (path, text) => analyzer.setFile(path, text), (line) => io.err(line));
  if (args.flags.has('fix') || dryRun) await applyFixes(analyzer, shown, byPath, io, RANK[fixMin], dryRun, (f) => !ignored(f));
  const all = analyzer.analyzeAll().filter((f) => !ignored(f));
  const prints = fingerprints(all, (p) => analyzer.index.getFile(p)?.text);
  const displayOf = (file: string) => shown.get(file) ?? displayPath(io.cwd, file);
  let findings = all.map((f: Finding, i) => ({ ...f, display: shown.get(f.file) ?? f.file, fingerprint: prints[i], related: f.related.map((r) => ({ ...r, display: displayOf(r.file) })) }));
  findings.sort((a, b) => a.display.localeCompare(b.display) || a.start - b.start);
  if (writingBaseline && baselineFile) {
    await writeBaseline(baselineFile, makeBaseline(baselineFile, findings));
    io.err(`aks-iam: wrote ${findings.length} finding${findings.length === 1 ? '' : 's'} to the baseline ${baselineArg}\n`);
    return 0;
  }
  if (baseline && baselineFile) {
    const r = applyBaseline(baselineFile, baseline, findings);
    findings = r.fresh;
    io.err(`aks-iam: ${r.known} finding${r.known === 1 ? '' : 's'} in the baseline not shown` +
      (r.fixed ? `; ${r.fixed} baseline entr${r.fixed === 1 ? 'y is' : 'ies are'} gone (fixed or moved to another file): --write-baseline drops ${r.fixed === 1 ? 'it' : 'them'}` : '') + '\n');
  }
  let documents = 0;
  for (const f of analyzer.index.files()) documents += f.objects.length;
  for (const e of analyzer.internalErrors) io.err(`aks-iam: internal error in rule ${e.ruleId} on ${shown.get(e.file) ?? e.file} (please report): ${e.error.split('\n')[0]}\n`);

  // A dry run's stdout holds the patch alone, so that it can be piped.
  if (!dryRun) {
    if (format === 'json') io.out(formatJson(findings, shown.size, documents));
    else if (format === 'sarif') io.out(formatSarif(findings));
    else if (format === 'github') io.out(formatGithub(findings, shown.size));
    else io.out(formatText(findings, io.isTTY, shown.size));
  }
  return findings.some((f) => RANK[f.severity] >= RANK[failOn]) ? 1 : 0;
}

/**
 * Writes each file's fixed text (only files that change) and keeps the analyzer in step for the report; a dry run
 * prints the diffs instead. Only safe fixes of findings at or above the --fix-min rank are applied.
 */
async function applyFixes(analyzer: Analyzer, shown: Map<string, string>, inputs: Map<string, InputFile>, io: Io, minRank: number, dryRun: boolean, wanted: (f: Finding) => boolean): Promise<void> {
  let files = 0;
  let fixes = 0;
  for (const path of [...shown.keys()].sort()) {
    const r = fixAllInFile(analyzer, path, (f) => RANK[f.severity] >= minRank && wanted(f));
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
