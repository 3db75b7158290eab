import { promises as fsp } from 'node:fs';
import * as vscode from 'vscode';
import { ARM_CANDIDATE_GLOB, ARM_SNIFF_CHARS, isArmCandidatePath, isArmTemplateText } from '../core/iac/paths';
import type { DiagnosticsController } from './diagnostics';
import type { ExtensionSettings } from './settings';

/** Manifests, and infrastructure code known by name (Terraform, Bicep). */
const YAML_GLOB = '**/*.{yaml,yml,tf,tfvars,bicep,bicepparam}';
/** Files watched: those, and `.json` files that may be ARM templates (their start decides). */
const WATCH_GLOB = '**/*.{yaml,yml,tf,tfvars,bicep,bicepparam,json}';
/** Dependencies hold thousands of .json files and no template of the workspace's own. */
const ARM_SEARCH_EXCLUDE = '**/node_modules/**';
const READ_CONCURRENCY = 8;
const YAML_NAME = /\.(ya?ml|tf|tfvars|bicep|bicepparam|json)$/i;
const GONE_DELAY_MS = 50;
/** A scan that takes longer than this shows a cancellable notification. */
const PROGRESS_AFTER_MS = 1500;

const decoder = new TextDecoder('utf-8');

export interface ScanResult {
  /** YAML files the scan set out to read (at most the limit). */
  found: number;
  indexed: number;
  skippedLarge: number;
  /** The workspace has more YAML files than the limit. */
  truncated: boolean;
  /** YAML files in the workspace when truncated (counted up to COUNT_CAP), null when not counted. */
  total: number | null;
  cancelled: boolean;
  ms: number;
}

/** What the latest scan is doing, for the extension's API (its end-to-end tests read it). */
export interface ScanStatus extends ScanResult {
  state: 'idle' | 'running' | 'finished' | 'cancelled';
  limit: number;
  /** The progress notification's latest message; null while none has been shown. */
  progress: string | null;
  /** The notice about files over the limit, once it has been shown. */
  notice: string | null;
}

/** Counting the files over the limit stops here: the notice then says "N+". */
const COUNT_CAP = 200_000;

const fmt = (n: number): string => n.toLocaleString('en-US');

/**
 * Files on the extension host's own disk are read with node: every vscode.workspace.fs call first makes a round
 * trip to the window (to activate file system providers), which made a scan of 50,000 files four times slower.
 */
async function statOf(uri: vscode.Uri): Promise<{ directory: boolean; size: number }> {
  if (uri.scheme === 'file') {
    const st = await fsp.stat(uri.fsPath);
    return { directory: st.isDirectory(), size: st.size };
  }
  const st = await vscode.workspace.fs.stat(uri);
  return { directory: (st.type & vscode.FileType.Directory) !== 0, size: st.size };
}

/**
 * Whether a `.json` file on the extension host's disk starts like an ARM template: its first characters only (three
 * bytes per UTF-16 unit), so a lockfile costs one short read. Other schemes are read whole by the caller.
 */
async function armOnDisk(uri: vscode.Uri): Promise<boolean> {
  const handle = await fsp.open(uri.fsPath, 'r');
  try {
    const buf = Buffer.alloc(ARM_SNIFF_CHARS * 3);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return isArmTemplateText(decoder.decode(buf.subarray(0, bytesRead)));
  } finally {
    await handle.close();
  }
}

/**
 * Feeds the controller: open YAML documents (their unsaved text wins), the workspace's YAML files read in the
 * background, and a watcher for creates, changes, deletes and renames.
 */
export class WorkspaceSync implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private scanCancel: vscode.CancellationTokenSource | null = null;
  /** The notice about files over the limit, once shown. */
  private notice: string | null = null;
  private status: ScanStatus = {
    state: 'idle', limit: 0, found: 0, indexed: 0, skippedLarge: 0, truncated: false, total: null, cancelled: false, ms: 0, progress: null, notice: null,
  };

  constructor(
    private readonly controller: DiagnosticsController,
    private settings: () => ExtensionSettings,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const isOpen = (uri: vscode.Uri) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.openDocument(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && this.controller.accepts(e.document.uri, e.document.languageId)) this.controller.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => void this.closeDocument(d)),
    );
    const watcher = vscode.workspace.createFileSystemWatcher(WATCH_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((u) => { if (!isOpen(u)) void this.readFile(u); }),
      watcher.onDidChange((u) => { if (!isOpen(u)) void this.readFile(u); }),
      watcher.onDidDelete((u) => this.controller.remove(u)),
    );
    // A folder deleted, moved or renamed (in the editor or by any other program) arrives as one event for the
    // folder, which the YAML pattern does not match: its files would keep stale findings, or go unread.
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    this.disposables.push(
      folders,
      folders.onDidDelete((u) => this.folderGone(u)),
      folders.onDidCreate((u) => void this.folderAdded(u)),
      { dispose: () => clearTimeout(this.goneTimer) },
    );
  }

  private readonly gone: vscode.Uri[] = [];
  private goneTimer: ReturnType<typeof setTimeout> | undefined;

  /** Deleted paths are gathered for a moment: one pass over the index for a burst of deletions, not one each. */
  private folderGone(uri: vscode.Uri): void {
    this.gone.push(uri);
    this.goneTimer ??= setTimeout(() => {
      this.goneTimer = undefined;
      const removed = this.controller.removeUnder(this.gone.splice(0));
      if (removed) this.log.info(`forgot ${removed} files of deleted or moved folders`);
    }, GONE_DELAY_MS);
  }

  /** A folder that appears (created, moved or renamed into the workspace) has its YAML files read. */
  private async folderAdded(uri: vscode.Uri): Promise<void> {
    if (YAML_NAME.test(uri.path) || !this.settings().scanWorkspace || uri.scheme !== 'file') return;
    await this.controller.track((async () => {
      try {
        if (!(await statOf(uri)).directory) return;
      } catch {
        return;
      }
      const room = this.settings().maxWorkspaceFiles - this.controller.fileCount;
      if (room <= 0) return;
      const began = Date.now();
      // Listed straight from the disk: the workspace file search queues behind other searches and took
      // seconds for one folder in a large workspace.
      const names = (await fsp.readdir(uri.fsPath, { recursive: true })).filter((n) => YAML_NAME.test(n));
      const uris = names.map((n) => vscode.Uri.joinPath(uri, n)).filter((u) => this.controller.accepts(u)).slice(0, room);
      await this.readAll(uris);
      if (uris.length) this.log.info(`read ${uris.length} YAML files of the new folder ${vscode.workspace.asRelativePath(uri)} in ${Date.now() - began} ms`);
    })());
  }

  openDocument(d: vscode.TextDocument): void {
    if (this.controller.accepts(d.uri, d.languageId)) this.controller.setText(d.uri, d.getText(), d.version);
  }

  /** A closed editor's unsaved text is gone: fall back to the file on disk, or forget it. */
  private async closeDocument(d: vscode.TextDocument): Promise<void> {
    if (!this.controller.has(d.uri)) return;
    if (d.uri.scheme === 'untitled' || !this.settings().scanWorkspace) {
      this.controller.remove(d.uri);
      return;
    }
    await this.controller.track(this.readFile(d.uri));
  }

  async readFile(uri: vscode.Uri): Promise<'indexed' | 'large' | 'skipped'> {
    if (!this.controller.accepts(uri)) return 'skipped';
    try {
      const stat = await statOf(uri);
      if (stat.directory) return 'skipped';
      // A .json file that is not an ARM template is left alone before its size or the rest of it is looked at.
      if (uri.scheme === 'file' && isArmCandidatePath(uri.path) && !(await armOnDisk(uri))) {
        if (this.controller.has(uri)) this.controller.remove(uri);
        return 'skipped';
      }
      // Too large to be worth reading; any findings it had go with it.
      if (stat.size > this.controller.maxFileSizeFor(uri)) {
        this.controller.remove(uri);
        this.log.info(`skipped ${vscode.workspace.asRelativePath(uri)}: ${stat.size} bytes is over aksIam.maxFileSize`);
        return 'large';
      }
      const bytes = uri.scheme === 'file' ? await fsp.readFile(uri.fsPath) : await vscode.workspace.fs.readFile(uri);
      // An open editor's text wins over the disk (it may have unsaved changes).
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open) {
        if (!this.controller.has(uri)) this.openDocument(open);
        return 'indexed';
      }
      this.controller.setText(uri, decoder.decode(bytes), undefined);
      return this.controller.has(uri) ? 'indexed' : 'skipped';
    } catch (err) {
      if ((err instanceof vscode.FileSystemError && err.code === 'FileNotFound') || (err as NodeJS.ErrnoException).code === 'ENOENT') this.controller.remove(uri);
      else this.log.warn(`could not read ${vscode.workspace.asRelativePath(uri)}: ${err instanceof Error ? err.message : String(err)}`);
      return 'skipped';
    }
  }

  /** Reads files a few at a time as one bulk load: the controller analyses them together once all are read. */
  private async readAll(uris: readonly vscode.Uri[], onRead: (r: 'indexed' | 'large' | 'skipped') => void = () => undefined, stop = () => false): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < uris.length && !stop()) onRead(await this.readFile(uris[next++]));
    };
    this.controller.beginBatch();
    try {
      await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
    } finally {
      this.controller.endBatch();
    }
  }

  /**
   * Indexes up to `maxFiles` YAML files of the workspace, with a cancellable notification when it takes a while.
   * Cancelling stops reading; what was read stays indexed and is analysed.
   */
  async scan(maxFiles: number): Promise<ScanResult> {
    this.scanCancel?.cancel();
    const cts = (this.scanCancel = new vscode.CancellationTokenSource());
    const began = Date.now();
    const status: ScanStatus = {
      state: 'running', limit: maxFiles, found: 0, indexed: 0, skippedLarge: 0, truncated: false, total: null, cancelled: false, ms: 0, progress: null, notice: null,
    };
    this.status = status;
    const work = async () => {
      const uris = await vscode.workspace.findFiles(YAML_GLOB, undefined, maxFiles + 1, cts.token);
      status.truncated = uris.length > maxFiles;
      // Counted alongside the reads, only to tell the user how much the limit left out.
      const counting = status.truncated
        ? vscode.workspace.findFiles(YAML_GLOB, undefined, COUNT_CAP, cts.token).then((all) => { status.total = all.length; }, () => undefined)
        : Promise.resolve();
      const list = uris.slice(0, maxFiles).filter((u) => this.controller.accepts(u));
      status.found = list.length;
      // One bulk load for manifests and templates: the workspace is analysed once, when both are read.
      this.controller.beginBatch();
      try {
        await this.readAll(list, (r) => {
          if (r === 'indexed') status.indexed++;
          else if (r === 'large') status.skippedLarge++;
        }, () => cts.token.isCancellationRequested);
        await this.scanArmTemplates(maxFiles, status, cts.token);
      } finally {
        this.controller.endBatch();
      }
      await counting;
    };
    const running = work();
    const message = () => `${fmt(status.indexed)} of ${status.found ? fmt(status.found) : '…'} files`;
    const timer = setTimeout(() => {
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'AKS IAM: indexing Kubernetes manifests', cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => cts.cancel());
          const report = () => {
            status.progress = message();
            progress.report({ message: status.progress });
          };
          report();
          const tick = setInterval(report, 500);
          try {
            await running.catch(() => undefined);
          } finally {
            clearInterval(tick);
          }
        },
      );
    }, PROGRESS_AFTER_MS);
    try {
      await this.controller.track(running);
    } finally {
      clearTimeout(timer);
    }
    status.cancelled = cts.token.isCancellationRequested;
    status.state = status.cancelled ? 'cancelled' : 'finished';
    status.ms = Date.now() - began;
    if (this.scanCancel === cts) this.scanCancel = null;
    this.report(status);
    return { ...status };
  }

  /**
   * ARM templates: every `.json` file outside dependencies is a candidate, kept only when its start names a
   * deployment template; the others cost one short read and are neither counted nor indexed.
   */
  private async scanArmTemplates(maxFiles: number, status: ScanStatus, token: vscode.CancellationToken): Promise<void> {
    if (token.isCancellationRequested) return;
    const began = Date.now();
    const uris = await vscode.workspace.findFiles(ARM_CANDIDATE_GLOB, ARM_SEARCH_EXCLUDE, maxFiles + 1, token);
    const list = uris.slice(0, maxFiles).filter((u) => this.controller.accepts(u));
    let templates = 0;
    await this.readAll(list, (r) => {
      if (r === 'indexed') templates++;
      else if (r === 'large') status.skippedLarge++;
    }, () => token.isCancellationRequested);
    status.found += templates;
    status.indexed += templates;
    const more = uris.length > maxFiles ? ` (the first ${fmt(maxFiles)} of more; aksIam.maxWorkspaceFiles)` : '';
    this.log.info(`found ${templates} ARM templates among ${fmt(list.length)} .json files${more} in ${Date.now() - began} ms`);
  }

  private report(r: ScanStatus): void {
    const large = r.skippedLarge ? `, ${r.skippedLarge} over the size limit` : '';
    if (r.cancelled) {
      this.log.info(`workspace scan cancelled after ${r.indexed} of ${r.found} YAML files in ${r.ms} ms${large}; the files read so far stay indexed and analysed`);
    } else {
      this.log.info(`indexed ${r.indexed} of ${r.found} YAML files in ${r.ms} ms${large}`);
    }
    if (!r.truncated) return;
    const total = r.total === null ? `more than ${fmt(r.limit)}` : r.total >= COUNT_CAP ? `${fmt(r.total)}+` : fmt(r.total);
    const notice = `AKS IAM indexed the first ${fmt(r.limit)} of ${total} YAML files (aksIam.maxWorkspaceFiles). Open files are always analysed.`;
    this.log.warn(`${notice} Raise the limit or narrow the scan with aksIam.exclude.`);
    // Once per session: a rescan or a settings change must not nag again.
    if (this.notice !== null) return;
    this.notice = notice;
    void vscode.window.showInformationMessage(notice, 'Open Settings').then((pick) => {
      if (pick) void vscode.commands.executeCommand('workbench.action.openSettings', 'aksIam.maxWorkspaceFiles');
    });
  }

  /** The latest scan's progress and outcome. */
  scanStatus(): ScanStatus {
    return { ...this.status, notice: this.notice };
  }

  /** Stops the running scan the way the notification's Cancel button does. */
  cancelScan(): void {
    this.scanCancel?.cancel();
  }

  dispose(): void {
    this.scanCancel?.cancel();
    for (const d of this.disposables) d.dispose();
  }
}
