import * as vscode from 'vscode';
import { roleRefCompletions } from '../core/explain/complete-roleref';
import { explainServiceAccount, serviceAccountAt } from '../core/explain/service-account';
import { explainSecretProviderClass, secretProviderClassAt } from '../core/explain/secret-provider-class';
import { registerAzureTree } from './azure/index';
import type { IdentityGraph } from '../core/identity/graph';
import { AksIamCodeActions, FIX_APPLIED_COMMAND, fixAllEdit, REVEAL_COMMAND, revealSelection } from './code-actions';
import { registerCompletionProvider } from './completion-provider';
import { ConfigFiles, configCompletions, configHover } from './config-files';
import { DiagnosticsController } from './diagnostics';
import { registerHoverProvider } from './hover-provider';
import { registerIac } from './iac-support';
import { codeContext, codeTreeView } from './code-links';
import { registerIdentityMap, serviceAccountMapLink, SHOW_MAP_COMMAND } from './map/index';
import { registerAccess, serviceAccountAccessLink, SHOW_ACCESS_COMMAND } from './access/index';
import { registerPalette } from './palette/index';
import { registerDiagnose, workspaceIac } from './diagnose-command';
import { SECTION, SettingsByFolder, type FolderSettings } from './settings';
import { WalkthroughEvents } from './walkthrough';
import { WorkspaceSync, type ScanStatus } from './workspace-sync';

/** What the extension exports to other extensions and to its own end-to-end tests. */
export interface AksIamApi {
  /** Resolves once the workspace scan and every pending re-analysis have finished. */
  whenIdle(): Promise<void>;
  /** How long activate() itself took, in milliseconds. */
  activationMs: number;
  /** The latest workspace scan: files found and read, the limit, the progress message, the over-limit notice. */
  scanStatus(): ScanStatus;
  /** Cancels the running workspace scan through the same token as the progress notification's Cancel button. */
  cancelScan(): void;
  /** Folder of the extension's log files ("AKS IAM.log"), so tests can check what was written there. */
  logUri: vscode.Uri;
}

export function activate(context: vscode.ExtensionContext): AksIamApi {
  const began = performance.now();
  const log = vscode.window.createOutputChannel('AKS IAM', { log: true });
  // aksIam.rules, exclude, defaultNamespace and maxFileSize are read per workspace folder; the rest per window.
  const byFolder = new SettingsByFolder(log);
  let settings = byFolder.window();
  // .aks-iam.yaml of each file, read as aks-iam lint reads it; settings override it where they are set.
  const configs = new ConfigFiles();
  const controller = new DiagnosticsController(byFolder, log, configs);
  const sync = new WorkspaceSync(controller, () => settings, log);
  context.subscriptions.push(log, controller, sync, configs);

  const walkthrough = new WalkthroughEvents();
  context.subscriptions.push(walkthrough);

  const yaml = [{ language: 'yaml' }, { language: 'helm' }, { pattern: '**/*.{yaml,yml}' }];
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(yaml, new AksIamCodeActions(controller), { providedCodeActionKinds: AksIamCodeActions.kinds }),
  );
  registerIac(context, controller);
  registerHoverProvider(context, (document, offset) => {
    if (!controller.accepts(document.uri, document.languageId)) return null;
    controller.findingsFor(document);
    const index = controller.analyzer.index;
    const sa = serviceAccountAt(index, document.uri.toString(), offset);
    if (sa) return { start: sa.start, end: sa.end, markdown: explainServiceAccount(index, sa, controller.analyzer.settings.cloud, [serviceAccountMapLink(sa), serviceAccountAccessLink(sa)], codeContext(controller.analyzer)), commands: [SHOW_MAP_COMMAND, SHOW_ACCESS_COMMAND] };
    const spc = secretProviderClassAt(index, document.uri.toString(), offset);
    return spc ? { start: spc.start, end: spc.end, markdown: explainSecretProviderClass(index, spc) } : null;
  });
  registerCompletionProvider(context, (document, offset) => {
    if (!controller.accepts(document.uri, document.languageId)) return [];
    controller.findingsFor(document);
    return roleRefCompletions(controller.analyzer.index, document.uri.toString(), offset);
  });

  const rescan = async () => {
    if (!settings.scanWorkspace) return;
    await sync.scan(settings.maxWorkspaceFiles);
  };

  // A configuration file (or a shared base whose name holds aks-iam) changed: read them again, re-analyse, and read
  // files an exclude no longer covers.
  const configChanged = () => {
    configs.clear();
    configs.clearProblems();
    controller.updateSettings();
    for (const d of vscode.workspace.textDocuments) {
      configs.check(d);
      if (!controller.has(d.uri)) sync.openDocument(d);
    }
    return rescan();
  };
  const configWatcher = vscode.workspace.createFileSystemWatcher('**/*aks-iam*.{yaml,yml}');
  const configPattern = { pattern: '**/.aks-iam.{yaml,yml}' };
  for (const d of vscode.workspace.textDocuments) configs.check(d);
  context.subscriptions.push(
    configWatcher,
    configWatcher.onDidChange(() => void configChanged()),
    configWatcher.onDidCreate(() => void configChanged()),
    configWatcher.onDidDelete(() => void configChanged()),
    vscode.workspace.onDidOpenTextDocument((d) => configs.check(d)),
    vscode.workspace.onDidChangeTextDocument((e) => configs.check(e.document)),
    vscode.languages.registerHoverProvider(configPattern, { provideHover: (d, p) => configHover(d, p) }),
    vscode.languages.registerCompletionItemProvider(configPattern, { provideCompletionItems: (d, p) => configCompletions(d, p) }, ':', ' ', '@'),
  );

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      const before = settings;
      const foldersBefore = byFolder.all();
      byFolder.clear();
      settings = byFolder.window();
      controller.updateSettings();
      // Documents no longer excluded come back at once, also without the workspace scan.
      for (const d of vscode.workspace.textDocuments) if (!controller.has(d.uri)) sync.openDocument(d);
      const widened = settings.scanWorkspace && (!before.scanWorkspace || settings.maxWorkspaceFiles > before.maxWorkspaceFiles || scanWidened(foldersBefore, byFolder.all()));
      if (widened) void rescan();
      if (!settings.scanWorkspace && before.scanWorkspace) {
        sync.cancelScan();
        // Without the scan only open documents are analysed.
        const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
        for (const f of [...controller.analyzer.index.files()]) if (!open.has(f.path)) controller.remove(vscode.Uri.parse(f.path));
      }
    }),
    // A folder added to the workspace is read; a removed one is forgotten; each folder keeps its own settings.
    vscode.workspace.onDidChangeWorkspaceFolders((e) => {
      byFolder.clear();
      if (e.removed.length) controller.removeUnder(e.removed.map((f) => f.uri));
      controller.updateSettings();
      if (e.added.length) void rescan();
    }),
    vscode.commands.registerCommand('aksIam.showOutput', () => log.show()),
    // Re-indexing also reads the configuration files again (a shared base may have changed unseen).
    vscode.commands.registerCommand('aksIam.rescanWorkspace', () => configChanged()),
    vscode.commands.registerCommand('aksIam.fixAllInFile', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return;
      const all = fixAllEdit(controller, editor.document);
      if (!all) {
        void vscode.window.setStatusBarMessage('AKS IAM: nothing to fix automatically in this file', 3000);
        return;
      }
      if (await vscode.workspace.applyEdit(all.edit)) walkthrough.markFixApplied();
    }),
    vscode.commands.registerCommand(REVEAL_COMMAND, (uri: string, start: number, end: number) => {
      walkthrough.markFixApplied();
      revealSelection(uri, start, end);
    }),
    vscode.commands.registerCommand(FIX_APPLIED_COMMAND, () => walkthrough.markFixApplied()),
  );

  // The identity graph the Azure view publishes (snapshot or live), also for the palette's cluster check.
  let identityGraph: IdentityGraph | null = null;
  context.subscriptions.push(registerPalette({ currentGraph: () => identityGraph, testHooks: context.extensionMode !== vscode.ExtensionMode.Production }));
  context.subscriptions.push(registerAccess({ index: () => controller.analyzer.index, graph: () => identityGraph, whenIdle: () => controller.whenIdle() }));
  context.subscriptions.push(registerDiagnose({
    index: () => controller.analyzer.index, graph: () => identityGraph, whenIdle: () => controller.whenIdle(), iac: () => workspaceIac(controller.analyzer),
  }));
  context.subscriptions.push(registerIdentityMap({ analyzer: () => controller.analyzer, whenIdle: () => controller.whenIdle(), extensionUri: context.extensionUri, log }));
  context.subscriptions.push(registerAzureTree(context, {
    log,
    setIdentityGraph: (graph) => {
      identityGraph = graph;
      controller.analyzer.configure({ cloud: graph });
      controller.relintAll();
    },
    getIndex: () => controller.analyzer.index,
    getCode: () => codeTreeView(controller.analyzer),
    onDidChangeIndex: controller.onDidChangeIndex,
    testHooks: context.extensionMode !== vscode.ExtensionMode.Production,
  }));

  // The open editors first, then the workspace, both after activate() has returned.
  const start = controller.track(new Promise<void>((resolve) => setImmediate(() => {
    try {
      for (const d of vscode.workspace.textDocuments) sync.openDocument(d);
    } finally {
      resolve();
    }
    void rescan();
  })));
  void start;

  const activationMs = Math.round((performance.now() - began) * 10) / 10;
  log.info(`aks-iam activated in ${activationMs} ms`);
  return {
    whenIdle: () => controller.whenIdle(),
    activationMs,
    scanStatus: () => sync.scanStatus(),
    cancelScan: () => sync.cancelScan(),
    logUri: context.logUri,
  };
}

/** Whether some folder's settings now let the scan read files it skipped before (a changed exclude, a larger size limit). */
function scanWidened(before: Map<string, FolderSettings>, after: Map<string, FolderSettings>): boolean {
  for (const [folder, now] of after) {
    const was = before.get(folder);
    if (!was || JSON.stringify(was.exclude) !== JSON.stringify(now.exclude) || now.maxFileSize > was.maxFileSize) return true;
  }
  return false;
}

export function deactivate(): void {}
