import * as vscode from 'vscode';
import * as path from 'node:path';
import type { IdentityGraph } from '../../core/identity/graph';
import { shellOf } from '../../core/text/shell';
import { createClients, type AzureClients } from '../../azure/clients';
import { AzureLoader } from '../../azure/loader';
import { redact } from '../../azure/errors';
import type { AzureTreeDeps } from './types';
import { cloudOf, type Cloud } from './clouds';
import { microsoftSession, VsCodeCredential } from './credential';
import { readSnapshots } from './snapshot-files';
import { GraphSource, LiveSource, type IdentitySource } from './sources';
import { testSeam } from './test-seam';
import { IdentitiesTreeProvider } from './tree-provider';
import { rootNodes, type LiveState, type SnapshotState, type TreeEnv, type TreeNode } from './tree-model';

const SIGNED_OUT_KEY = 'aksIam.azure.signedOut';

interface Live {
  account: string;
  tenantId: string | null;
  cloud: Cloud;
  clients: AzureClients;
  source: LiveSource;
  env: TreeEnv;
}

/**
 * State of the identities view: trust, the Microsoft session, the loaded snapshot; owns the tree provider,
 * the current load's AbortController (refresh cancels what is in flight) and what the cloud rules get.
 */
export class AzureController implements vscode.Disposable {
  readonly provider: IdentitiesTreeProvider;
  private ctl = new AbortController();
  private live: Live | null = null;
  private liveState: LiveState = { status: 'signedOut' };
  private snapshot: SnapshotState = { status: 'none' };
  private snapshotGraph: IdentityGraph | null = null;
  private readonly snapshotWatchers: vscode.Disposable[] = [];
  private publishTimer: ReturnType<typeof setTimeout> | null = null;
  private published: IdentityGraph | null = null;
  private connecting: Promise<void> | null = null;
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext, private readonly deps: AzureTreeDeps) {
    this.provider = new IdentitiesTreeProvider(() => this.roots(), deps.log);
  }

  get trusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('aksIam');
  }

  cloud(): Cloud {
    return cloudOf(this.config().get('azure.cloud'));
  }

  tenantId(): string | null {
    return this.config().get<string>('azure.tenant')?.trim() || null;
  }

  roots(): TreeNode[] {
    return rootNodes({ trusted: this.trusted, live: this.liveState, snapshot: this.snapshot });
  }

  /** The signed-in clients, or null (the tree shows why). */
  liveClients(): Live | null {
    return this.live;
  }

  /** What the cloud rules get: a loaded snapshot wins (the user chose it), else what the live tree has loaded. */
  currentGraph(): IdentityGraph | null {
    return this.snapshotGraph ?? this.live?.source.graph() ?? null;
  }

  private publishSoon(): void {
    if (this.publishTimer) return;
    this.publishTimer = setTimeout(() => this.publishNow(), 300);
  }

  private publishNow(): void {
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.publishTimer = null;
    const graph = this.currentGraph();
    // Nothing loaded before and after (startup, signed out, no snapshot): the rules need not re-run.
    if (graph !== null || this.published !== null) this.deps.setIdentityGraph(graph);
    this.published = graph;
    this.syncContext();
  }

  /** Context keys the view's menus use. */
  private syncContext(): void {
    void vscode.commands.executeCommand('setContext', 'aksIam.azure.signedIn', this.liveState.status === 'signedIn');
    void vscode.commands.executeCommand('setContext', 'aksIam.azure.snapshotLoaded', this.snapshot.status === 'loaded');
  }

  private env(source: IdentitySource, marker: string): TreeEnv {
    return { source, marker, signal: () => this.ctl.signal, workspace: () => this.safeIndex(), shell: () => shellOf(vscode.env.shell) };
  }

  get log(): vscode.LogOutputChannel {
    return this.deps.log;
  }

  /** The workspace index, or null if the editor side cannot give one right now. */
  safeIndexForCommands() {
    return this.safeIndex();
  }

  private safeIndex() {
    try {
      return this.deps.getIndex();
    } catch {
      return null;
    }
  }

  /** Cancels every load in flight and re-reads the whole tree (sessions and settings included). */
  async refresh(): Promise<void> {
    this.ctl.abort();
    this.ctl = new AbortController();
    this.live = null;
    await this.connect(false);
    this.provider.refresh();
  }

  /** Builds the live side: test seam, else a silent (or, from the sign-in command, interactive) session. */
  connect(interactive: boolean): Promise<void> {
    const gen = ++this.generation;
    // A later connect (refresh, settings, session change) wins over one still waiting for a session.
    const stale = () => gen !== this.generation;
    const run = async () => {
      this.live = null;
      if (!this.trusted) {
        this.liveState = { status: 'signedOut' };
        this.publishNow();
        return;
      }
      const cloud = this.cloud();
      const tenantId = this.tenantId();
      // The seam exists for tests in a real VS Code; the published extension never reads it.
      const seam = this.deps.testHooks ? testSeam() : null;
      let account: string;
      let clients: AzureClients;
      if (seam) {
        account = 'test account';
        clients = createClients({ credential: seam.credential, endpoint: seam.endpoint, agent: seam.agent, retry: { maxRetries: 1, retryDelayInMs: 50, maxRetryDelayInMs: 200 } });
      } else {
        if (!interactive && this.context.globalState.get<boolean>(SIGNED_OUT_KEY)) {
          this.deps.log.info('Azure: not signed in (signed out of AKS IAM; Sign in to Azure… uses the Microsoft account again)');
          this.liveState = { status: 'signedOut' };
          this.publishNow();
          return;
        }
        let session: vscode.AuthenticationSession | null;
        try {
          session = await microsoftSession(cloud.authProvider, `${cloud.armEndpoint}/.default`, tenantId, interactive);
          if (stale()) return;
        } catch (err) {
          if (stale()) return;
          const why = redact((err as Error).message);
          this.deps.log.warn(`Azure sign-in did not complete: ${why}`);
          this.liveState = cloud.authProvider === 'microsoft-sovereign-cloud'
            ? { status: 'unavailable', reason: `${cloud.name}: set microsoft-sovereign-cloud.environment, then sign in (${why})` }
            : { status: 'unavailable', reason: why };
          this.publishNow();
          return;
        }
        if (!session) {
          this.deps.log.info('Azure: not signed in (no Microsoft account session)');
          this.liveState = { status: 'signedOut' };
          this.publishNow();
          return;
        }
        await this.context.globalState.update(SIGNED_OUT_KEY, false);
        if (stale()) return;
        account = session.account.label;
        clients = createClients({ credential: new VsCodeCredential(cloud.authProvider, tenantId), endpoint: cloud.armEndpoint });
      }
      const filter = this.config().get<string[]>('azure.subscriptions') ?? [];
      const source = new LiveSource(new AzureLoader(clients), Array.isArray(filter) ? filter.filter((s) => typeof s === 'string') : [], this.deps.log);
      source.onDidLoad(() => this.publishSoon());
      const env = this.env(source, '');
      this.live = { account, tenantId, cloud, clients, source, env };
      this.liveState = { status: 'signedIn', account, tenantId, cloud: cloud.name, env };
      this.syncContext();
      this.deps.log.info(`Azure: signed in as ${account}${tenantId ? ` (tenant ${tenantId})` : ''}, ${seam ? `test endpoint ${seam.endpoint}` : cloud.name}`);
      if (this.config().get<boolean>('azure.preload', true)) {
        const signal = this.ctl.signal;
        void source.warm(signal).then(() => this.publishNow());
      }
    };
    const guarded = async () => {
      try {
        await run();
      } catch (err) {
        // A broken test seam (unreadable CA file) or an unexpected failure: say so in the tree, never throw.
        if (stale()) return;
        const why = redact((err as Error).message);
        this.deps.log.error(`Azure connection failed: ${why}`);
        this.live = null;
        this.liveState = { status: 'unavailable', reason: why };
        this.publishNow();
      }
    };
    this.connecting = guarded().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  async signIn(): Promise<void> {
    if (!this.trusted) {
      void vscode.window.showWarningMessage('AKS IAM does not contact Azure in an untrusted workspace. Trust the workspace first.');
      return;
    }
    this.ctl.abort();
    this.ctl = new AbortController();
    await this.connect(true);
    this.provider.refresh();
  }

  async signOut(): Promise<void> {
    await this.context.globalState.update(SIGNED_OUT_KEY, true);
    this.ctl.abort();
    this.ctl = new AbortController();
    this.live = null;
    this.liveState = { status: 'signedOut' };
    this.publishNow();
    this.provider.refresh();
    void vscode.window.showInformationMessage('AKS IAM no longer uses your Microsoft account. VS Code itself stays signed in; remove the account from the Accounts menu to sign out everywhere.');
  }

  /**
   * The snapshots that setting `aksIam.identitySnapshot` names, one per workspace folder at most: a folder's own
   * value (or a user value) resolves against that folder; a value of the workspace file (multi-root) against the
   * workspace file's folder; an absolute path as it is. Several are loaded as one graph.
   */
  snapshotUris(): vscode.Uri[] {
    const out = new Map<string, vscode.Uri>();
    const add = (uri: vscode.Uri | null) => {
      if (uri) out.set(uri.toString(), uri);
    };
    const resolve = (given: unknown, base: vscode.Uri | null): vscode.Uri | null => {
      const p = typeof given === 'string' ? given.trim() : '';
      if (!p) return null;
      if (path.isAbsolute(p)) return vscode.Uri.file(p);
      return base ? vscode.Uri.joinPath(base, p) : null;
    };
    const folders = vscode.workspace.workspaceFolders ?? [];
    const workspaceFile = vscode.workspace.workspaceFile;
    const workspaceDir = workspaceFile && workspaceFile.scheme !== 'untitled' ? vscode.Uri.joinPath(workspaceFile, '..') : folders[0]?.uri ?? null;
    if (folders.length === 0) add(resolve(this.config().get('identitySnapshot'), null));
    for (const folder of folders) {
      const v = vscode.workspace.getConfiguration('aksIam', folder.uri).inspect<string>('identitySnapshot');
      if (v?.workspaceFolderValue !== undefined && (workspaceFile || v.workspaceFolderValue !== v.workspaceValue)) add(resolve(v.workspaceFolderValue, folder.uri));
      else if (v?.workspaceValue !== undefined) add(resolve(v.workspaceValue, workspaceFile ? workspaceDir : folder.uri));
      else add(resolve(v?.globalValue, folder.uri));
    }
    return [...out.values()];
  }

  shown(uri: vscode.Uri): string {
    return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
  }

  /** (Re)loads the configured snapshots and watches them; an untrusted workspace may only read inside itself. */
  async loadConfiguredSnapshot(): Promise<void> {
    for (const w of this.snapshotWatchers.splice(0)) w.dispose();
    const uris = this.snapshotUris();
    if (uris.length === 0) {
      this.setSnapshot({ status: 'none' }, null);
      return;
    }
    const outside = uris.find((u) => !vscode.workspace.getWorkspaceFolder(u));
    if (!this.trusted && outside) {
      this.setSnapshot({ status: 'failed', label: this.shown(outside), message: 'In an untrusted workspace only a snapshot inside the workspace is read.' }, null);
      return;
    }
    await this.loadSnapshotFrom(uris);
    for (const uri of uris) {
      // A directory: its *.json; a file: itself. Both non-recursive, which also works outside the workspace.
      const isDir = await vscode.workspace.fs.stat(uri).then((st) => (st.type & vscode.FileType.Directory) !== 0, () => false);
      const pattern = isDir ? new vscode.RelativePattern(uri, '*.json') : new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), path.posix.basename(uri.path));
      const watcher = vscode.workspace.createFileSystemWatcher(pattern);
      const reload = () => void this.loadSnapshotFrom(uris);
      watcher.onDidChange(reload);
      watcher.onDidCreate(reload);
      watcher.onDidDelete(reload);
      this.snapshotWatchers.push(watcher);
    }
  }

  async loadSnapshotFrom(uris: vscode.Uri | readonly vscode.Uri[]): Promise<void> {
    const list = Array.isArray(uris) ? uris : [uris as vscode.Uri];
    const label = list.map((u) => this.shown(u)).join(', ');
    try {
      const { graph, warnings } = await readSnapshots(list, (u) => this.shown(u));
      for (const w of warnings) this.deps.log.warn(`identity snapshot: ${w}`);
      this.deps.log.info(`identity snapshot ${label}: ${graph.subscriptions.length} subscription(s), ${graph.clusters.length} cluster(s), ${graph.identities.length} identities`);
      this.setSnapshot({ status: 'loaded', label, warnings, env: this.env(new GraphSource(graph), ' (snapshot)') }, graph);
    } catch (err) {
      this.deps.log.warn(`identity snapshot: ${(err as Error).message}`);
      this.setSnapshot({ status: 'failed', label, message: (err as Error).message }, null);
    }
  }

  private setSnapshot(state: SnapshotState, graph: IdentityGraph | null): void {
    this.snapshot = state;
    this.snapshotGraph = graph;
    this.publishNow();
    this.provider.refresh();
  }

  /** What the extension keeps in VS Code's global and workspace state, for tests that check no secret is there. */
  storedState(): { global: Record<string, unknown>; workspace: Record<string, unknown> } {
    const dump = (m: vscode.Memento) => Object.fromEntries(m.keys().map((k) => [k, m.get(k)]));
    return { global: dump(this.context.globalState), workspace: dump(this.context.workspaceState) };
  }

  /** Waits for a connect in progress (tests, commands right after a settings change). */
  async settled(): Promise<void> {
    if (this.connecting) await this.connecting;
  }

  track(d: vscode.Disposable): void {
    this.disposables.push(d);
  }

  dispose(): void {
    this.ctl.abort();
    if (this.publishTimer) clearTimeout(this.publishTimer);
    for (const w of this.snapshotWatchers.splice(0)) w.dispose();
    for (const d of this.disposables) d.dispose();
    this.provider.dispose();
  }
}
