import * as vscode from 'vscode';
import type { DiagnosticsController } from './diagnostics';
import type { ExtensionSettings } from './settings';

const YAML_GLOB = '**/*.{yaml,yml}';
const READ_CONCURRENCY = 8;
/** A scan that takes longer than this shows a cancellable notification. */
const PROGRESS_AFTER_MS = 1500;

const decoder = new TextDecoder('utf-8');

export interface ScanResult {
  found: number;
  indexed: number;
  skippedLarge: number;
  truncated: boolean;
  cancelled: boolean;
  ms: number;
}

/**
 * Feeds the controller: open YAML documents (their unsaved text wins), the workspace's YAML files read in the
 * background, and a watcher for creates, changes, deletes and renames.
 */
export class WorkspaceSync implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private scanCancel: vscode.CancellationTokenSource | null = null;

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
    const watcher = vscode.workspace.createFileSystemWatcher(YAML_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((u) => { if (!isOpen(u)) void this.readFile(u); }),
      watcher.onDidChange((u) => { if (!isOpen(u)) void this.readFile(u); }),
      watcher.onDidDelete((u) => this.controller.remove(u)),
      // A renamed or deleted folder arrives as one event for the folder, not for each file in it.
      vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((u) => this.controller.removeUnder(u))),
      vscode.workspace.onDidRenameFiles((e) => e.files.forEach(({ oldUri }) => this.controller.removeUnder(oldUri))),
    );
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
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.Directory) return 'skipped';
      // Too large to be worth reading; any findings it had go with it.
      if (stat.size > this.settings().maxFileSize) {
        this.controller.remove(uri);
        this.log.info(`skipped ${vscode.workspace.asRelativePath(uri)}: ${stat.size} bytes is over aksIam.maxFileSize`);
        return 'large';
      }
      const bytes = await vscode.workspace.fs.readFile(uri);
      // An open editor's text wins over the disk (it may have unsaved changes).
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open) {
        if (!this.controller.has(uri)) this.openDocument(open);
        return 'indexed';
      }
      this.controller.setText(uri, decoder.decode(bytes), undefined);
      return 'indexed';
    } catch (err) {
      if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') this.controller.remove(uri);
      else this.log.warn(`could not read ${vscode.workspace.asRelativePath(uri)}: ${err instanceof Error ? err.message : String(err)}`);
      return 'skipped';
    }
  }

  /** Indexes every YAML file of the workspace, with a cancellable notification when it takes a while. */
  async scan(maxFiles: number): Promise<ScanResult> {
    this.scanCancel?.cancel();
    const cts = (this.scanCancel = new vscode.CancellationTokenSource());
    const began = Date.now();
    const result: ScanResult = { found: 0, indexed: 0, skippedLarge: 0, truncated: false, cancelled: false, ms: 0 };
    const work = async () => {
      const uris = await vscode.workspace.findFiles(YAML_GLOB, undefined, maxFiles + 1, cts.token);
      result.truncated = uris.length > maxFiles;
      const list = uris.slice(0, maxFiles).filter((u) => this.controller.accepts(u));
      result.found = list.length;
      let next = 0;
      const worker = async () => {
        while (next < list.length && !cts.token.isCancellationRequested) {
          const u = list[next++];
          const r = await this.readFile(u);
          if (r === 'indexed') result.indexed++;
          else if (r === 'large') result.skippedLarge++;
        }
      };
      await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
    };
    const running = work();
    const timer = setTimeout(() => {
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'AKS IAM: indexing Kubernetes manifests', cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => cts.cancel());
          progress.report({ message: `${result.indexed} of ${result.found || '…'} files` });
          const tick = setInterval(() => progress.report({ message: `${result.indexed} of ${result.found || '…'} files` }), 500);
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
    result.cancelled = cts.token.isCancellationRequested;
    result.ms = Date.now() - began;
    if (this.scanCancel === cts) this.scanCancel = null;
    return result;
  }

  cancelScan(): void {
    this.scanCancel?.cancel();
  }

  dispose(): void {
    this.scanCancel?.cancel();
    for (const d of this.disposables) d.dispose();
  }
}
