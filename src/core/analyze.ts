import { WorkspaceIndex, type FileEntry } from './index/workspace-index';
import { allRules, ruleById } from './rules/registry';
import { applySuppressions, SUPPRESSION_UNUSED } from './rules/suppression';
import type { AnalyzerSettings, Fix, Report, Rule, RuleContext, Severity, SeveritySetting } from './rules/types';
import type { Range } from './text/types';
import type { IdentityGraph } from './identity/graph';
import type { IacFacts, IacFile } from './iac/types';
import { isIacFile } from './iac/paths';
import { readIacFacts } from './iac/registry';
import { LineIndex } from './text/line-index';

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  /** UTF-16 offsets in the file's text. */
  start: number;
  end: number;
  range: Range;
  related: { file: string; start: number; end: number; range: Range; message: string }[];
  fixes: Fix[];
  /** Edits that guess intent: quick-fix menu only, never applied in bulk. */
  suggestions: Fix[];
  fixable: boolean;
}

export interface AnalyzerOptions {
  defaultNamespace?: string;
  rules?: Record<string, SeveritySetting>;
  cloud?: IdentityGraph | null;
  /** Files larger than this many UTF-16 code units are skipped (default 10 MiB). */
  maxFileSize?: number;
  isTemplatePath?: (path: string) => boolean;
  /** Severity overrides for one file (e.g. from its workspace folder's settings); without it, `rules` for every file. */
  rulesFor?: (path: string) => Record<string, SeveritySetting>;
  /** Default namespace for one file's objects (e.g. from its workspace folder's settings); without it, `defaultNamespace`. */
  namespaceFor?: (path: string) => string;
  /** Extra placeholder patterns for one file (its configuration's `placeholders`): values they match are unknown. */
  placeholdersFor?: (path: string) => readonly RegExp[];
  /** Infrastructure-code files and the identity facts read from them (see `setIac`). */
  iac?: IacInput | null;
}

/** What the readers of `src/core/iac` made of the workspace's infrastructure code, with the texts they read. */
export interface IacInput {
  facts: IacFacts;
  files: readonly IacFile[];
}

/** Helm chart templates are templates even when a given file has no `{{`. */
export function isHelmTemplatePath(path: string): boolean {
  return /(^|[\\/])templates[\\/][^\\/]+$/.test(path);
}

export interface InternalError {
  ruleId: string;
  file: string;
  error: string;
}

/**
 * The one entry point of the engine: keeps a workspace index and answers findings per file.
 * Never throws on input; a failing rule is recorded in `internalErrors` and the rest still run.
 */
export class Analyzer {
  readonly index: WorkspaceIndex;
  settings: AnalyzerSettings;
  readonly internalErrors: InternalError[] = [];
  private rulesFor: ((path: string) => Record<string, SeveritySetting>) | undefined;
  private iacFiles = new Map<string, { text: string; lines: LineIndex }>();
  /** Infrastructure-code files changed since the facts were read (re-read on the next analysis). */
  private iacDirty = false;

  constructor(options: AnalyzerOptions = {}) {
    this.rulesFor = options.rulesFor;
    this.settings = { defaultNamespace: options.defaultNamespace || 'default', rules: options.rules ?? {}, cloud: options.cloud ?? null, iac: null };
    this.index = new WorkspaceIndex({
      defaultNamespace: this.settings.defaultNamespace,
      maxFileSize: options.maxFileSize ?? 10 * 1024 * 1024,
      namespaceFor: options.namespaceFor,
      placeholdersFor: options.placeholdersFor,
      isTemplatePath: options.isTemplatePath ?? isHelmTemplatePath,
    });
    if (options.iac) this.setIac(options.iac);
  }

  /**
   * Replaces the infrastructure-code facts (all of them at once: a Terraform module spans files). Their files get
   * findings from the rules' `checkIac`; manifests see the facts through `settings.iac`.
   */
  setIac(input: IacInput | null): void {
    this.iacFiles = new Map((input?.files ?? []).map((f) => [f.path, { text: f.text, lines: new LineIndex(f.text) }]));
    this.settings = { ...this.settings, iac: input?.facts ?? null };
    this.iacDirty = false;
  }

  /** Re-reads the facts when infrastructure-code files changed through `setFile`/`removeFile` (with the loaded readers). */
  private refreshIac(): void {
    if (!this.iacDirty) return;
    this.iacDirty = false;
    const files = [...this.iacFiles].map(([path, f]) => ({ path, text: f.text }));
    this.settings = { ...this.settings, iac: files.length ? readIacFacts(files) : null };
  }

  /** Line and character (0-based) of an offset in an infrastructure-code file the analyzer holds. */
  iacPosition(file: string, offset: number): { line: number; character: number } | null {
    return this.iacFiles.get(file)?.lines.positionAt(offset) ?? null;
  }

  /** Paths of the infrastructure-code files last given to `setIac`. */
  iacPaths(): string[] {
    return [...this.iacFiles.keys()];
  }

  /** The file is read as infrastructure code (by its name, or for `.json` by its text). */
  isIacFile(path: string): boolean {
    return this.iacFiles.has(path);
  }

  /** Changes settings; a changed default namespace re-reads every file (namespaces are part of the model). */
  configure(options: AnalyzerOptions): void {
    const ns = options.defaultNamespace || this.settings.defaultNamespace;
    this.settings = { defaultNamespace: ns, rules: options.rules ?? this.settings.rules, cloud: options.cloud === undefined ? this.settings.cloud : options.cloud, iac: this.settings.iac };
    if (options.iac !== undefined) this.setIac(options.iac);
    if (options.rulesFor) this.rulesFor = options.rulesFor;
    if (options.maxFileSize) this.index.options.maxFileSize = options.maxFileSize;
    let perFile = options.namespaceFor !== undefined && options.namespaceFor !== this.index.options.namespaceFor;
    if (perFile) this.index.options.namespaceFor = options.namespaceFor;
    if (options.placeholdersFor !== undefined && options.placeholdersFor !== this.index.options.placeholdersFor) {
      this.index.options.placeholdersFor = options.placeholdersFor;
      perFile = true;
    }
    if (ns !== this.index.options.defaultNamespace || perFile) {
      this.index.options.defaultNamespace = ns;
      for (const f of [...this.index.files()]) this.index.setFile(f.path, f.text);
    }
  }

  /**
   * Sets one file's text. Infrastructure code (Terraform, Bicep, ARM templates) is also kept for the readers of
   * `src/core/iac` (loaded with `setIacReaders`); its facts are re-read on the next analysis. A `.json` file is an ARM
   * template by its text, so an edit can make it one or stop it being one.
   */
  setFile(path: string, text: string): FileEntry {
    if (isIacFile(path, text)) {
      this.iacFiles.set(path, { text, lines: new LineIndex(text) });
      this.iacDirty = true;
    } else if (this.iacFiles.delete(path)) this.iacDirty = true;
    return this.index.setFile(path, text);
  }

  removeFile(path: string): boolean {
    if (this.iacFiles.delete(path)) this.iacDirty = true;
    return this.index.removeFile(path);
  }

  /** Reads the infrastructure-code facts again on the next analysis (the readers were just loaded). */
  rereadIac(): void {
    if (this.iacFiles.size) this.iacDirty = true;
  }

  /** The identity facts of the workspace's infrastructure code, read now if files changed. */
  iacFacts(): IacFacts | null {
    this.refreshIac();
    return this.settings.iac ?? null;
  }

  severityOf(rule: Rule, overrides: Record<string, SeveritySetting> = this.settings.rules): SeveritySetting {
    return overrides[rule.id] ?? rule.defaultSeverity;
  }

  /** The severity overrides that apply to one file. */
  rulesOf(path: string): Record<string, SeveritySetting> {
    return this.rulesFor?.(path) ?? this.settings.rules;
  }

  analyzeFile(path: string): Finding[] {
    this.refreshIac();
    if (this.iacFiles.has(path)) return this.analyzeIacFile(path);
    const file = this.index.getFile(path);
    if (!file || file.skipped || !file.kube) return [];
    const raw: (Report & { ruleId: string })[] = [];
    // One context for all rules of this file: a context and a closure per rule and file showed in profiles.
    let ruleId = '';
    const ctx: RuleContext = { file, index: this.index, settings: this.settings, report: (r) => { raw.push({ ...r, ruleId }); } };
    const overrides = this.rulesOf(path);
    const cloud = !!this.settings.cloud;
    for (const rule of allRules) {
      if ((overrides[rule.id] ?? rule.defaultSeverity) === 'off') continue;
      if (rule.needsCloud && !cloud) continue;
      ruleId = rule.id;
      try {
        rule.check(ctx);
      } catch (err) {
        this.internalErrors.push({ ruleId: rule.id, file: path, error: err instanceof Error ? err.stack ?? err.message : String(err) });
      }
    }
    const ran = (id: string) => {
      const r = ruleById.get(id);
      return !!r && this.severityOf(r, overrides) !== 'off' && (!r.needsCloud || !!this.settings.cloud);
    };
    let kept = raw;
    let unused: Report[] = [];
    try {
      ({ kept, unused } = applySuppressions(file, raw, (id) => ruleById.has(id), ran));
    } catch (err) {
      this.internalErrors.push({ ruleId: SUPPRESSION_UNUSED, file: path, error: err instanceof Error ? err.stack ?? err.message : String(err) });
    }
    const unusedRule = ruleById.get(SUPPRESSION_UNUSED);
    if (unusedRule && this.severityOf(unusedRule, overrides) !== 'off') for (const u of unused) kept.push({ ...u, ruleId: SUPPRESSION_UNUSED });
    return kept.map((r) => this.toFinding(file, r, overrides)).sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  }

  private analyzeIacFile(path: string): Finding[] {
    const iac = this.iacFiles.get(path)!;
    const facts = this.settings.iac;
    if (!facts) return [];
    const raw: (Report & { ruleId: string })[] = [];
    let ruleId = '';
    const ctx = { file: { path, text: iac.text }, facts, index: this.index, settings: this.settings, report: (r: Report) => { raw.push({ ...r, ruleId }); } };
    const overrides = this.rulesOf(path);
    for (const rule of allRules) {
      if (!rule.checkIac || (overrides[rule.id] ?? rule.defaultSeverity) === 'off') continue;
      if (rule.needsCloud && !this.settings.cloud) continue;
      ruleId = rule.id;
      try {
        rule.checkIac(ctx);
      } catch (err) {
        this.internalErrors.push({ ruleId: rule.id, file: path, error: err instanceof Error ? err.stack ?? err.message : String(err) });
      }
    }
    const lines = iac.lines;
    return raw.map((r) => this.toFinding({ path, lines }, r, overrides)).sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  }

  analyzeAll(): Finding[] {
    const out: Finding[] = [];
    const paths = [...[...this.index.files()].map((f) => f.path), ...[...this.iacFiles.keys()].filter((p) => !this.index.getFile(p))].sort();
    for (const p of paths) out.push(...this.analyzeFile(p));
    return out;
  }

  private toFinding(file: Pick<FileEntry, 'path' | 'lines'>, r: Report & { ruleId: string }, overrides: Record<string, SeveritySetting>): Finding {
    const rule = ruleById.get(r.ruleId);
    const setting = rule ? this.severityOf(rule, overrides) : 'warning';
    // A user's explicit severity wins over the rule's per-finding level.
    const explicit = overrides[r.ruleId];
    const severity: Severity = explicit && explicit !== 'off' ? explicit : r.severity ?? (setting === 'off' ? 'info' : setting);
    const related = (r.related ?? []).map((rel) => {
      const lines = this.iacFiles.get(rel.file)?.lines ?? this.index.getFile(rel.file)?.lines ?? file.lines;
      return { ...rel, range: lines.rangeOf(rel.start, rel.end) };
    });
    const fixes = r.fixes ?? [];
    return {
      ruleId: r.ruleId, severity, message: r.message, file: file.path, start: r.start, end: r.end,
      range: file.lines.rangeOf(r.start, r.end), related, fixes, suggestions: r.suggestions ?? [], fixable: fixes.length > 0,
    };
  }
}

/** One-shot analysis of a set of files. */
export function analyzeTexts(files: { path: string; text: string }[], options: AnalyzerOptions = {}): Finding[] {
  const a = new Analyzer(options);
  for (const f of files) a.setFile(f.path, f.text);
  return a.analyzeAll();
}
