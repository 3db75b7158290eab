// A workspace of 50,000 small manifests with aksIam.maxWorkspaceFiles = 5,000: the scan stops at the limit and
// says so, files beyond it are analysed once opened, a wider scan shows its progress, the editor answers while
// it runs, and Cancel stops the reading. Times and heap are printed for docs/reliability.md, never asserted.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, note, ourDiagnostics, until, workspaceUri } from '../suite/helpers';
import { FILES, FOLDERS, LIMIT, WILDCARD_MESSAGE, filePath } from './workspace-shape';

interface ScanStatus {
  state: 'idle' | 'running' | 'finished' | 'cancelled';
  limit: number;
  found: number;
  indexed: number;
  truncated: boolean;
  total: number | null;
  cancelled: boolean;
  ms: number;
  progress: string | null;
  notice: string | null;
}

interface ScaleApi {
  whenIdle(): Promise<void>;
  /** Folder of the extension's log files. */
  logUri: vscode.Uri;
  scanStatus(): ScanStatus;
  cancelScan(): void;
}

/** The extension reads at most this many files at once; a cancelled scan may finish those. */
const READ_CONCURRENCY = 8;

const heapMiB = () => `${Math.round(process.memoryUsage().heapUsed / 1048576)} MiB heap`;

/** Workspace files that show our diagnostics, by generated file number. */
function filesWithFindings(): Set<number> {
  const out = new Set<number>();
  for (const [uri, diags] of vscode.languages.getDiagnostics()) {
    const m = /\/role-(\d{5})\.yaml$/.exec(uri.path);
    if (m && diags.some((d) => d.source === 'aks-iam')) out.add(Number(m[1]));
  }
  return out;
}

function firstWithout(indexed: Set<number>): number {
  for (let i = FILES - 1; i >= 0; i--) if (!indexed.has(i)) return i;
  throw new Error('every generated file has findings');
}

async function idle(api: ScaleApi): Promise<void> {
  await until('the extension becoming idle', async () => ((await Promise.race([api.whenIdle().then(() => true), new Promise((r) => setTimeout(() => r(undefined), 1000))])) ? true : undefined), 120_000);
}

/** The AKS IAM log (Output › AKS IAM) once it holds a line matching `line`; VS Code writes the file asynchronously. */
async function logWith(api: ScaleApi, line: RegExp): Promise<string> {
  const file = join(api.logUri.fsPath, 'AKS IAM.log');
  return until(`a log line matching ${line}`, () => {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    return line.test(text) ? text : undefined;
  });
}

async function openAndExpectFinding(i: number): Promise<number> {
  const began = Date.now();
  const doc = await vscode.workspace.openTextDocument(workspaceUri(filePath(i)));
  await vscode.window.showTextDocument(doc, { preview: false });
  const diags = await until(`the finding of ${filePath(i)}`, () => {
    const d = ourDiagnostics(doc.uri);
    return d.length ? d : undefined;
  }, 20_000);
  assert.deepEqual(diags, [{ code: 'rbac-wildcard', severity: 'Warning', range: [7, 16, 7, 19], message: WILDCARD_MESSAGE(i) }]);
  return Date.now() - began;
}

describe(`workspace of ${FILES.toLocaleString('en-US')} YAML files`, () => {
  let api: ScaleApi;

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('aksIam').update('maxWorkspaceFiles', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('indexes exactly aksIam.maxWorkspaceFiles files and says how many it left out', async function () {
    this.timeout(180_000);
    const ext = vscode.extensions.getExtension<ScaleApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
    api = await ext.activate();
    const status = await until('the first scan to end', () => {
      const s = api.scanStatus();
      return s.state === 'finished' || s.state === 'cancelled' ? s : undefined;
    }, 150_000);
    await idle(api);
    assert.equal(status.state, 'finished');
    assert.equal(status.limit, LIMIT);
    assert.equal(status.found, LIMIT);
    assert.equal(status.indexed, LIMIT);
    assert.equal(status.truncated, true);
    assert.equal(status.total, FILES);
    assert.equal(status.notice, 'AKS IAM indexed the first 5,000 of 50,000 YAML files (aksIam.maxWorkspaceFiles). Open files are always analysed.');
    await logWith(api, /\[warning\] AKS IAM indexed the first 5,000 of 50,000 YAML files \(aksIam\.maxWorkspaceFiles\)\. Open files are always analysed\. Raise the limit or narrow the scan with aksIam\.exclude\./);
    // Every file read is analysed (one finding each), and nothing beyond the limit.
    assert.equal(filesWithFindings().size, LIMIT);
    await note(`first scan: ${status.indexed} of ${status.total} files in ${status.ms} ms; ${heapMiB()} after analysis`);
  });

  it('analyses an open file that the limit left out', async function () {
    this.timeout(60_000);
    const i = firstWithout(filesWithFindings());
    const ms = await openAndExpectFinding(i);
    await note(`${filePath(i)} analysed ${ms} ms after opening it`);
  });

  it('shows progress on a wider scan, answers while it runs, and Cancel stops the reading', async function () {
    this.timeout(180_000);
    const before = filesWithFindings();
    await vscode.workspace.getConfiguration('aksIam').update('maxWorkspaceFiles', 100_000, vscode.ConfigurationTarget.Workspace);
    const running = await until('a scan of every file to run', () => {
      const s = api.scanStatus();
      return s.state === 'running' && s.found === FILES ? s : undefined;
    }, 60_000);
    assert.equal(running.limit, 100_000);
    // Shown after 1.5 s, first as "0 of … files" while the file search runs.
    const progress = await until('the progress notification to count the files', () => {
      const p = api.scanStatus().progress;
      return p && !p.includes('…') ? p : undefined;
    }, 30_000);
    assert.match(progress, /^[\d,]+ of 50,000 files$/);

    // The editor answers while the scan reads: an opened file gets its diagnostics before the scan is over.
    const ms = await openAndExpectFinding(firstWithout(new Set([...before, ...filesWithFindings()])));
    assert.equal(api.scanStatus().state, 'running', 'the scan ended before the opened file was analysed; nothing was shown to run concurrently');
    await note(`a file opened during the scan was analysed in ${ms} ms`);

    const atCancel = api.scanStatus().indexed;
    api.cancelScan();
    const ended = await until('the cancelled scan to end', () => {
      const s = api.scanStatus();
      return s.state !== 'running' ? s : undefined;
    }, 30_000);
    await idle(api);
    assert.equal(ended.state, 'cancelled');
    assert.equal(ended.cancelled, true);
    // Only reads already under way finish after Cancel.
    assert.ok(ended.indexed <= atCancel + READ_CONCURRENCY, `read ${ended.indexed} files after Cancel at ${atCancel}`);
    assert.ok(ended.indexed < FILES, 'the scan read every file despite Cancel');
    // What was read stays indexed and analysed.
    const analysed = filesWithFindings();
    assert.ok(analysed.size >= ended.indexed, `${analysed.size} files with findings, ${ended.indexed} read`);
    assert.ok(analysed.size < FILES);
    await logWith(api, new RegExp(`\\[info\\] workspace scan cancelled after ${ended.indexed} of 50000 YAML files in \\d+ ms; the files read so far stay indexed and analysed`));
    await note(`cancelled after ${ended.indexed} of ${ended.found} files (${ended.ms} ms); ${analysed.size} files analysed; ${heapMiB()}`);
  });

  // About a minute on 2 busy cores; CI has the time, and a scan that only works up to the limit proves little.
  it(`indexes all ${FILES.toLocaleString('en-US')} files when the limit allows`, async function () {
    this.timeout(300_000);
    const began = Date.now();
    await vscode.commands.executeCommand('aksIam.rescanWorkspace');
    const status = api.scanStatus();
    await idle(api);
    assert.equal(status.state, 'finished');
    assert.equal(status.indexed, FILES);
    assert.equal(filesWithFindings().size, FILES);
    await note(`full scan: ${status.indexed} files read in ${status.ms} ms, analysed and published after ${Date.now() - began} ms; ${heapMiB()}`);
  });

  // Each file of a deleted folder leaves the index on its own; re-queuing the workspace for each one was
  // quadratic (minutes for a few thousand files).
  it(`forgets a deleted folder of ${(FILES / FOLDERS).toLocaleString('en-US')} files and keeps the others`, async function () {
    this.timeout(300_000);
    const before = filesWithFindings();
    const inFolder = (i: number) => i % FOLDERS === 0;
    assert.equal([...before].filter(inFolder).length, FILES / FOLDERS, 'the folder is fully indexed first');
    const began = Date.now();
    await vscode.workspace.fs.delete(workspaceUri('team-000'), { recursive: true, useTrash: false });
    // Polls one file (reading every file's diagnostics 20 times a second would compete with the extension).
    const last = workspaceUri(filePath(FILES - FOLDERS));
    await until('the deleted folder losing its findings', () => (ourDiagnostics(last).length ? undefined : true), 120_000);
    await idle(api);
    const after = filesWithFindings();
    assert.equal([...after].filter(inFolder).length, 0);
    assert.equal(after.size, before.size - FILES / FOLDERS);
    await note(`deleted folder forgotten after ${Date.now() - began} ms; ${after.size} files keep their findings`);
  });

  it('follows a folder renamed outside the editor: its files keep their findings under the new name', async function () {
    this.timeout(300_000);
    const moved = (uri: vscode.Uri) => uri.path.includes('/team-001-renamed/');
    const inFolder = (i: number) => i % FOLDERS === 1;
    const before = filesWithFindings();
    const began = Date.now();
    await vscode.workspace.fs.rename(workspaceUri('team-001'), workspaceUri('team-001-renamed'));
    const count = () => vscode.languages.getDiagnostics().filter(([uri, d]) => moved(uri) && d.some((x) => x.source === 'aks-iam')).length;
    const last = workspaceUri(filePath(FILES - FOLDERS + 1).replace('team-001/', 'team-001-renamed/'));
    await until('the renamed folder\'s files showing their findings', () => (ourDiagnostics(last).length ? true : undefined), 120_000);
    await idle(api);
    assert.equal(count(), FILES / FOLDERS);
    const stale = vscode.languages.getDiagnostics().filter(([uri, d]) => uri.path.includes('/team-001/') && d.length);
    assert.deepEqual(stale.map(([uri]) => uri.path), []);
    assert.equal(filesWithFindings().size, before.size, 'the same files, under their new paths');
    assert.ok([...before].some(inFolder));
    await note(`renamed folder followed after ${Date.now() - began} ms`);
  });
});
