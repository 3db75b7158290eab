import * as vscode from 'vscode';
import * as path from 'node:path';
import type { IdentityGraph } from '../../core/identity/graph';
import { shellOf } from '../../core/text/shell';
import { getConfiguredAuthProviderId } from '@microsoft/vscode-azext-azureauth/dist/esm/src/utils/configuredAzureEnv';
import { redact } from '../../azure/errors';
import type { AzureTreeDeps } from './types';
import type { Cloud } from './clouds';
import type { AccountInfo } from './credential';
import { unreachableReason } from './reach';
import { configuredCloud, VsCodeSessions } from './sessions';
import { signInOutcome } from './sign-in-model';
import { parseSubscriptionFilter, SELECTED_SUBSCRIPTIONS } from './subscription-filter';
import { configuredSnapshotUris, readSnapshots } from './snapshot-files';
import { accountsLive, seamLive, type Live } from './live';
import { GraphSource, type IdentitySource } from './sources';
import { testSeam } from './test-seam';
import { IdentitiesTreeProvider } from './tree-provider';
import { rootNodes, type LiveState, type SnapshotState, type TreeEnv, type TreeNode } from './tree-model';

const SIGNED_OUT_KEY = 'aksIam.azure.signedOut';

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

  /** The cloud of `microsoft-sovereign-cloud.environment`; null while a custom cloud is chosen but not configured. */
  cloud(): Cloud | null {
    try {
      return configuredCloud();
    } catch {
      return null;
    }
  }

  /** The authentication provider whose session changes matter: `microsoft`, or `microsoft-sovereign-cloud`. */
  authProviderId(): string {
    return getConfiguredAuthProviderId();
  }

  /** The shared subscription filter (`azureResourceGroups.selectedSubscriptions`). */
  subscriptionFilter() {
    return parseSubscriptionFilter(vscode.workspace.getConfiguration(SELECTED_SUBSCRIPTIONS.section).get(SELECTED_SUBSCRIPTIONS.key));
  }

  roots(): TreeNode[] {
    return rootNodes({ trusted: this.trusted, live: this.liveState, snapshot: this.snapshot, code: this.deps.getCode?.() ?? null });
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

  private env(source: IdentitySource): TreeEnv {
    return { source, signal: () => this.ctl.signal, workspace: () => this.safeIndex(), shell: () => shellOf(vscode.env.shell) };
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
    await this.connectAndRedraw();
  }

  /**
   * Connects silently, then redraws: everything when live data came or went, else only rows that now read differently.
   * Signed out before and after (VS Code announces session changes of every extension), the view stays as it is, and so
   * does a context menu open on it.
   */
  async connectAndRedraw(): Promise<void> {
    const wasLive = this.liveState.status === 'signedIn';
    await this.connect(false);
    if (wasLive || this.liveState.status === 'signedIn') this.provider.refresh();
    else await this.provider.refreshChanged();
  }

  /** Builds the live side: test seam, else a silent (or, from the sign-in command, interactive) session. */
  connect(interactive: boolean): Promise<void> {
    const gen = ++this.generation;
    // A later connect (refresh, settings, session change) wins over one still waiting for a session.
    const stale = () => gen !== this.generation;
    const run = async () => {
      this.live = null;
      if (!this.trusted) {
        this.setLiveState({ status: 'signedOut' });
        return;
      }
      const filter = this.subscriptionFilter();
      // The seam exists for tests in a real VS Code; the published extension never reads it.
      const seam = this.deps.testHooks ? testSeam() : null;
      if (seam) {
        this.goLive(seamLive(seam, filter, this.deps.log, (source) => this.env(source)), `test endpoint ${seam.endpoint}`);
        return;
      }
      let cloud: Cloud;
      try {
        cloud = configuredCloud();
      } catch (err) {
        const why = redact((err as Error).message);
        this.deps.log.warn(`Azure: ${why}`);
        this.setLiveState({ status: 'unavailable', reason: why });
        return;
      }
      if (!interactive && this.context.globalState.get<boolean>(SIGNED_OUT_KEY)) {
        this.deps.log.info('Azure: not signed in (signed out of AKS IAM; Sign in to Azure… uses the Microsoft account again)');
        this.setLiveState({ status: 'signedOut' });
        return;
      }
      const sessions = new VsCodeSessions(this.deps.log);
      const armScope = `${cloud.armEndpoint}/.default`;
      if (interactive) {
        try {
          const ok = await sessions.signIn();
          if (stale()) return;
          if (!ok) throw new Error('Canceled');
        } catch (err) {
          if (stale()) return;
          const outcome = await signInOutcome(err, cloud.loginHost, (host) => unreachableReason(host));
          if (stale()) return;
          this.deps.log.warn(`Azure sign-in did not complete (${outcome.status}): ${redact((err as Error).message ?? String(err))}`);
          this.setLiveState(outcome);
          return;
        }
        await this.context.globalState.update(SIGNED_OUT_KEY, false);
      }
      // Accounts VS Code knows for the cloud's provider; only those with a session (silently) are used.
      // A host without the provider (or one that fails to answer) has no accounts: signed out, not an error.
      const known = await sessions.accounts().catch((err: unknown) => {
        this.deps.log.info(`Azure: no Microsoft accounts (${redact((err as Error).message ?? String(err))})`);
        return [] as readonly AccountInfo[];
      });
      const accounts: AccountInfo[] = [];
      for (const a of known) if (await sessions.token(a, null, [armScope]).catch(() => null)) accounts.push(a);
      if (stale()) return;
      if (accounts.length === 0) {
        this.deps.log.info(`Azure: not signed in (no Microsoft account session for ${cloud.name})`);
        this.setLiveState({ status: 'signedOut' });
        return;
      }
      this.goLive(accountsLive(sessions, accounts, cloud, filter, this.deps.log, (source) => this.env(source), this.deps.armAgent), cloud.name);
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

  private setLiveState(state: LiveState): void {
    this.liveState = state;
    this.publishNow();
  }

  private goLive(live: Live, where: string): void {
    this.live = live;
    this.liveState = { status: 'signedIn', accounts: live.accounts, cloud: live.cloud?.name ?? 'AzureCloud', env: live.env };
    this.syncContext();
    this.deps.log.info(`Azure: signed in as ${live.accounts.join(', ')}, ${where}`);
    live.source.onDidLoad(() => this.publishSoon());
    if (this.config().get<boolean>('azure.preload', true)) {
      const signal = this.ctl.signal;
      // Badges (missing federated credentials) need the credentials read: show them once the preload is in.
      void live.source.warm(signal).then(() => {
        this.publishNow();
        if (!signal.aborted) this.provider.refresh();
      });
    }
  }

  /** Signs in to one more tenant of an account (a guest tenant, or one that asks for MFA), then reads everything again. */
  async signInToTenant(tenantId: string, account?: AccountInfo): Promise<void> {
    try {
      await new VsCodeSessions(this.deps.log).signIn(tenantId, account);
    } catch (err) {
      const cloud = this.cloud();
      const outcome = cloud ? await signInOutcome(err, cloud.loginHost, (host) => unreachableReason(host)) : null;
      const why = outcome?.status === 'unreachable' ? `cannot reach ${outcome.host} — offline or blocked by a proxy` : outcome?.status === 'cancelled' ? 'the sign-in was cancelled' : redact((err as Error).message);
      void vscode.window.showWarningMessage(`Signing in to tenant ${tenantId} did not complete: ${why}.`);
      return;
    }
    await this.refresh();
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

  /** The snapshots setting `aksIam.identitySnapshot` names, one per workspace folder at most. */
  snapshotUris(): vscode.Uri[] {
    return configuredSnapshotUris();
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
      this.setSnapshot({ status: 'loaded', label, warnings, env: this.env(new GraphSource(graph)) }, graph);
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
