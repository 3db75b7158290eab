import * as vscode from 'vscode';
import { Analyzer, type Finding } from '../core/analyze';
import { crossFileSignature } from '../core/index/signature';
import { docsUrl } from '../core/rules/registry';
import { SUPPRESSION_UNUSED } from '../core/rules/suppression';
import { matchesAnyGlob } from '../core/text/glob';
import { isArmCandidatePath, isArmTemplateText, isIacPath } from '../core/iac/paths';
import { loadIacReaders } from '../cli/iac';
import type { SettingsByFolder } from './settings';
import type { ConfigFiles } from './config-files';

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

const SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'memfs']);
const DEBOUNCE_MS = 250;
/** Background re-analysis yields to the editor after this much work. */
const SLICE_MS = 12;

export function toDiagnostic(f: Finding): vscode.Diagnostic {
  const range = new vscode.Range(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character);
  const d = new vscode.Diagnostic(range, f.message, SEVERITY[f.severity]);
  d.source = 'aks-iam';
  d.code = { value: f.ruleId, target: vscode.Uri.parse(docsUrl(f.ruleId)) };
  if (f.related.length) {
    d.relatedInformation = f.related.map((r) => new vscode.DiagnosticRelatedInformation(
      new vscode.Location(vscode.Uri.parse(r.file), new vscode.Range(r.range.start.line, r.range.start.character, r.range.end.line, r.range.end.character)),
      r.message,
    ));
  }
  if (f.ruleId === SUPPRESSION_UNUSED) d.tags = [vscode.DiagnosticTag.Unnecessary];
  return d;
}

interface Published {
  /** Document version the findings were computed for (undefined when read from disk). */
  version: number | undefined;
  findings: Finding[];
}

/**
 * Keeps the engine's index in step with the workspace (open documents win over disk) and publishes findings:
 * the edited file at once, other files whose findings may depend on it in small background slices.
 */
export class DiagnosticsController implements vscode.Disposable {
  readonly analyzer: Analyzer;
  private readonly collection = vscode.languages.createDiagnosticCollection('aks-iam');
  private readonly indexChanged = new vscode.EventEmitter<void>();
  /** Fires when what files can see of each other changes (objects, ServiceAccounts, bindings), not on every keystroke. */
  readonly onDidChangeIndex = this.indexChanged.event;
  private readonly published = new Map<string, Published>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly signatures = new Map<string, string>();
  private queue = new Set<string>();
  /** A background pass is running (set before it starts, cleared when it ends, even when it ends at once). */
  private draining = false;
  private busy = 0;
  private idleWaiters: (() => void)[] = [];
  /** Open bulk loads (workspace scans); while one is open, files read from disk are analysed once at its end. */
  private batches = 0;
  private batchChangedIndex = false;
  /** Every file is to be re-analysed: expanded into the queue once per pass, not once per change. */
  private pendingAll = false;

  /** Each folder's default namespace when `namespaceFor` was last handed to the analyzer. */
  private namespaces = '';
  /** The infrastructure-code parsers, loaded when the first such file arrives (never at activation). */
  private iacReaders: Promise<void> | null = null;

  /**
   * `settings` gives each file its workspace folder's `aksIam.rules`, `exclude`, `defaultNamespace` and `maxFileSize`
   * (two folders of a multi-root workspace may disagree); the analyzer asks it per file.
   */
  constructor(private readonly settings: SettingsByFolder, private readonly log: vscode.LogOutputChannel, private readonly configs?: ConfigFiles) {
    const window = settings.window();
    this.namespaces = this.namespaceSignature();
    this.analyzer = new Analyzer({
      defaultNamespace: window.defaultNamespace, rules: window.rules, maxFileSize: this.largestFileSize(),
      rulesFor: (path) => this.configs ? this.configs.rules(path, this.settings.forPath(path).rules) : this.settings.forPath(path).rules,
      namespaceFor: this.namespaceFor(),
      placeholdersFor: this.placeholdersFor(),
    });
  }

  /**
   * Whether a document or file may be ours to analyse: YAML or infrastructure code (Terraform and Bicep by file name:
   * plain VS Code has no language for them; `.json` as a candidate ARM template, which `setText` decides by its
   * text), a supported scheme, not excluded by its folder's settings.
   */
  accepts(uri: vscode.Uri, languageId?: string): boolean {
    if (!SCHEMES.has(uri.scheme)) return false;
    const yamlName = /\.ya?ml$/i.test(uri.path) || isIacPath(uri.path) || isArmCandidatePath(uri.path);
    if (!yamlName && languageId !== 'yaml' && languageId !== 'helm') return false;
    if (uri.scheme === 'untitled') return true;
    return !this.excluded(uri);
  }

  /** Excluded by `aksIam.exclude` of the file's folder (globs relative to that folder). */
  private excluded(uri: vscode.Uri): boolean {
    return matchesAnyGlob(vscode.workspace.asRelativePath(uri, false), this.settings.forUri(uri).exclude) || !!this.configs?.excluded(uri);
  }

  /** `aksIam.maxFileSize` of the file's folder, in bytes. */
  maxFileSizeFor(uri: vscode.Uri): number {
    return this.settings.forUri(uri).maxFileSize;
  }

  /** The index skips files over the largest folder limit; each folder's own limit is applied in setText(). */
  private largestFileSize(): number {
    return Math.max(...[...this.settings.all().values()].map((s) => s.maxFileSize));
  }

  private namespaceSignature(): string {
    return JSON.stringify([[...this.settings.all()].map(([k, s]) => [k, s.defaultNamespace]), this.configs?.version ?? 0]);
  }

  /** A new function each time: the analyzer re-reads every file when it gets a different one. */
  private namespaceFor(): (path: string) => string {
    return (path) => {
      const ns = this.settings.forPath(path).defaultNamespace;
      return this.configs ? this.configs.namespace(path, ns) : ns;
    };
  }

  /** `.aks-iam.yaml` placeholders; a new function each time, like namespaceFor. */
  private placeholdersFor(): (path: string) => readonly RegExp[] {
    return (path) => this.configs?.placeholders(path) ?? [];
  }

  /** Call after the settings (or the workspace folders) changed and `settings` was cleared. */
  updateSettings(): void {
    const window = this.settings.window();
    const namespaces = this.namespaceSignature();
    const namespaceChanged = namespaces !== this.namespaces;
    this.namespaces = namespaces;
    this.analyzer.configure({
      defaultNamespace: window.defaultNamespace, rules: window.rules, maxFileSize: this.largestFileSize(),
      ...(namespaceChanged ? { namespaceFor: this.namespaceFor(), placeholdersFor: this.placeholdersFor() } : {}),
    });
    for (const f of [...this.analyzer.index.files()]) {
      const uri = vscode.Uri.parse(f.path);
      if (uri.scheme !== 'untitled' && (this.excluded(uri) || f.text.length > this.maxFileSizeFor(uri))) this.remove(uri);
    }
    this.relintAll();
  }

  /** Sets a file's text (from an editor or disk) and re-analyses what it can affect. */
  setText(uri: vscode.Uri, text: string, version: number | undefined): void {
    const key = uri.toString();
    // A .json file that is not an ARM template (package.json, settings, lockfiles) is never indexed or parsed.
    if (isArmCandidatePath(uri.path) && !isArmTemplateText(text)) {
      if (this.has(uri)) this.remove(uri);
      return;
    }
    if (text.length > this.maxFileSizeFor(uri)) {
      // Over its folder's aksIam.maxFileSize (another folder's limit may be higher): not analysed, findings dropped.
      if (this.has(uri)) this.remove(uri);
      return;
    }
    const entry = this.analyzer.setFile(key, text);
    // Infrastructure code feeds facts to every other file: any change of its text is a change for them.
    const iac = this.analyzer.isIacFile(key);
    if (iac) this.loadIacReaders();
    const sig = iac ? `iac\u0000${text}` : crossFileSignature(entry);
    const changedForOthers = this.signatures.get(key) !== sig;
    this.signatures.set(key, sig);
    if (this.batches > 0 && version === undefined) {
      // Re-analysing every file after each of tens of thousands of reads would be quadratic, and findings
      // against a half-read workspace would flicker: endBatch() analyses them all once.
      if (changedForOthers) this.batchChangedIndex = true;
      return;
    }
    this.publish(key, version);
    if (changedForOthers) {
      this.relintAll();
      this.indexChanged.fire();
    }
  }

  private loadIacReaders(): void {
    if (this.iacReaders) return;
    const began = Date.now();
    // The re-analysis is part of the tracked work: whenIdle() must not resolve between the load and the facts it reads.
    this.iacReaders = this.track(loadIacReaders(__dirname).then((failed) => {
      if (failed) {
        this.log.error(`Terraform, Bicep and ARM template files are not analysed: the parsers did not load (${failed})`);
        return;
      }
      this.log.info(`infrastructure-code parsers loaded in ${Date.now() - began} ms`);
      this.analyzer.rereadIac();
      this.relintAll();
      this.indexChanged.fire();
    }));
  }

  /** Debounced update from a typing editor. */
  schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const old = this.timers.get(key);
    if (old) clearTimeout(old);
    else this.busy++;
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.busy--;
      try {
        if (!document.isClosed) this.setText(document.uri, document.getText(), document.version);
      } finally {
        this.checkIdle();
      }
    }, DEBOUNCE_MS));
  }

  remove(uri: vscode.Uri): void {
    const key = uri.toString();
    const t = this.timers.get(key);
    if (t) {
      clearTimeout(t);
      this.timers.delete(key);
      this.busy--;
    }
    const had = this.analyzer.removeFile(key);
    const sig = this.signatures.get(key);
    this.signatures.delete(key);
    this.published.delete(key);
    this.queue.delete(key);
    this.collection.delete(uri);
    if (had && sig) {
      if (this.batches > 0) this.batchChangedIndex = true;
      else {
        this.relintAll();
        this.indexChanged.fire();
      }
    }
    this.checkIdle();
  }

  /** Removes every indexed file under any of these folders (a deleted or renamed directory arrives as one event). */
  removeUnder(folders: readonly vscode.Uri[]): number {
    const prefixes = new Set(folders.map((f) => f.toString().replace(/\/?$/, '/')));
    const gone: string[] = [];
    for (const { path } of this.analyzer.index.files()) {
      for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
        if (prefixes.has(path.slice(0, i + 1))) {
          gone.push(path);
          break;
        }
      }
    }
    if (!gone.length) return 0;
    this.beginBatch();
    try {
      for (const path of gone) this.remove(vscode.Uri.parse(path));
    } finally {
      this.endBatch();
    }
    return gone.length;
  }

  get fileCount(): number {
    return this.analyzer.index.fileCount;
  }

  has(uri: vscode.Uri): boolean {
    return !!this.analyzer.index.getFile(uri.toString());
  }

  /** Findings for exactly this document version (re-analysed now if the index holds an older text). */
  findingsFor(document: vscode.TextDocument): Finding[] {
    const key = document.uri.toString();
    const p = this.published.get(key);
    if (p && p.version === document.version) return p.findings;
    if (!this.accepts(document.uri, document.languageId)) return [];
    this.setText(document.uri, document.getText(), document.version);
    return this.published.get(key)?.findings ?? [];
  }

  /**
   * Re-analyses every file in background slices. Deleting a folder of thousands of files removes them one by
   * one: queueing every file for each would be quadratic, so drain() expands the queue once per pass.
   */
  relintAll(): void {
    this.pendingAll = true;
    this.drain();
  }

  /** Resolves when no edit is pending and background re-analysis has finished. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Starts a bulk load: files set from disk are only indexed until the matching endBatch(). */
  beginBatch(): void {
    this.batches++;
  }

  /** Ends a bulk load (finished or cancelled): everything read so far is analysed against the whole index. */
  endBatch(): void {
    if (this.batches === 0 || --this.batches > 0) return;
    if (this.batchChangedIndex) {
      this.batchChangedIndex = false;
      this.indexChanged.fire();
    }
    this.relintAll();
  }

  /** Marks outside work (the workspace scan) that whenIdle() must wait for. */
  async track<T>(work: Promise<T>): Promise<T> {
    this.busy++;
    try {
      return await work;
    } finally {
      this.busy--;
      this.checkIdle();
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.queue.clear();
    this.pendingAll = false;
    this.collection.dispose();
    this.indexChanged.dispose();
  }

  /** Analyses a file and shows its findings, or hands them to `batch` to be shown with others in one message. */
  private publish(key: string, version: number | undefined, batch?: [vscode.Uri, vscode.Diagnostic[]][]): void {
    const findings = this.configs ? this.analyzer.analyzeFile(key).filter((f) => !this.configs!.ignored(f)) : this.analyzer.analyzeFile(key);
    this.published.set(key, { version, findings });
    const entry: [vscode.Uri, vscode.Diagnostic[]] = [vscode.Uri.parse(key), findings.map(toDiagnostic)];
    if (batch) batch.push(entry);
    else this.collection.set(...entry);
    for (const e of this.analyzer.internalErrors.splice(0)) this.log.error(`rule ${e.ruleId} failed on ${e.file}: ${e.error}`);
  }

  private expandPendingAll(): void {
    if (!this.pendingAll) return;
    this.pendingAll = false;
    for (const f of this.analyzer.index.files()) if (f.kube || this.analyzer.isIacFile(f.path)) this.queue.add(f.path);
    // A file that had findings but is no longer Kubernetes YAML must be cleared too.
    for (const key of this.published.keys()) this.queue.add(key);
  }

  private drain(): void {
    if (this.draining || (this.queue.size === 0 && !this.pendingAll)) return;
    // Set before the pass starts: a pass over an empty index ends synchronously, and its end must clear the flag.
    // (It used to hold the pass's promise, assigned after the call: an empty pass left it set for good, and no file
    // read after that was ever published: the first window of a workspace whose snapshot loaded first showed none.)
    this.draining = true;
    this.busy++;
    void (async () => {
      try {
        for (this.expandPendingAll(); this.queue.size; this.expandPendingAll()) {
          const began = Date.now();
          // One message to the window per slice instead of one per file (tens of thousands after a scan).
          const shown: [vscode.Uri, vscode.Diagnostic[]][] = [];
          for (const key of this.queue) {
            this.queue.delete(key);
            const entry = this.analyzer.index.getFile(key);
            if (entry) this.publish(key, this.published.get(key)?.version, shown);
            else {
              this.published.delete(key);
              this.collection.delete(vscode.Uri.parse(key));
            }
            if (Date.now() - began > SLICE_MS) break;
          }
          if (shown.length) this.collection.set(shown);
          await new Promise((r) => setImmediate(r));
        }
      } catch (err) {
        this.log.error(`background analysis failed: ${err instanceof Error ? err.stack : String(err)}`);
      } finally {
        this.draining = false;
        this.busy--;
        this.checkIdle();
      }
    })();
  }

  private isIdle(): boolean {
    return this.busy === 0 && this.queue.size === 0 && !this.pendingAll && this.timers.size === 0;
  }

  private checkIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters.splice(0);
    for (const w of waiters) w();
  }
}
