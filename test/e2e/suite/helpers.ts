// Shared helpers of the extension-host suites: the extension under test, its idle signal, the
// fixture workspace.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'aks-iam.aks-iam';

/** The environment through which the extension under test talks to a fake Resource Manager instead of Azure. */
export const ARM_SEAMS = ['AKS_IAM_TEST_ARM_ENDPOINT', 'AKS_IAM_TEST_CA_FILE', 'AKS_IAM_TEST_TOKEN'] as const;

/** Points the extension at a started fake Resource Manager: its endpoint, its CA (written into `dir`), a token. */
export function useFakeArm(endpoint: string, ca: string, dir: string, token: string): void {
  const caFile = join(dir, 'ca.pem');
  // The CA is the test's own; the extension trusts it only in the agent it builds for the fake.
  writeFileSync(caFile, ca);
  process.env.AKS_IAM_TEST_ARM_ENDPOINT = endpoint;
  process.env.AKS_IAM_TEST_CA_FILE = caFile;
  process.env.AKS_IAM_TEST_TOKEN = token;
}

export function dropFakeArm(): void {
  for (const k of ARM_SEAMS) delete process.env[k];
}

/** After a suite on the fake: no seam, no snapshot setting, a refreshed view, the fake stopped, its folder gone. */
export async function leaveFakeArm(arm: { endpoint: string; stop(): Promise<void> }, dir: string): Promise<void> {
  dropFakeArm();
  await vscode.workspace.getConfiguration('aksIam').update('identitySnapshot', undefined, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('aksIam.azure.refresh');
  if (arm.endpoint) await arm.stop();
  rmSync(dir, { recursive: true, force: true });
}

export interface AksIamApi {
  whenIdle(): Promise<void>;
  /** How long activate() itself took, in milliseconds. */
  activationMs: number;
}

/** Prints a line with the suite's own output (mocha's reporter channel, which the harness shows). */
export async function note(line: string): Promise<void> {
  const { default: Mocha } = await import('mocha');
  Mocha.reporters.Base.consoleLog(`      ${line}`);
}

export async function activate(): Promise<AksIamApi> {
  const ext = vscode.extensions.getExtension<AksIamApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  const api = await ext.activate();
  assert.equal(typeof api?.whenIdle, 'function', 'activate() must return an API with whenIdle()');
  await settled(api);
  return api;
}

/** Fails with a message that says what did not happen, rather than mocha's generic timeout. */
async function within<T>(what: string, work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs the fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

export async function openFixture(relativePath: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Our diagnostics of a document, in a stable order, as plain data that assert.deepEqual can show. */
export function ourDiagnostics(uri: vscode.Uri): { code: string; severity: string; range: [number, number, number, number]; message: string }[] {
  return vscode.languages.getDiagnostics(uri)
    .filter((d) => d.source === 'aks-iam')
    .map((d) => ({
      code: typeof d.code === 'object' ? String(d.code.value) : String(d.code),
      severity: vscode.DiagnosticSeverity[d.severity],
      range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character] as [number, number, number, number],
      message: d.message,
    }))
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1] || a.code.localeCompare(b.code));
}

/** A committed expected text from test/e2e/expected/ (copied next to the bundled suite). */
export function expectedText(name: string): string {
  return readFileSync(join(__dirname, 'expected', name), 'utf8');
}

/** Waits for the extension to settle after an edit or a settings change: its idle signal, never a sleep. */
export async function settled(api: AksIamApi): Promise<void> {
  await within('the extension becoming idle (whenIdle() resolving)', api.whenIdle(), 15_000);
}

export const DOCS = 'https://github.com/aks-iam/aks-iam/blob/main/docs/rules.md';

/** Polls a condition the extension reaches asynchronously (e.g. after a settings change); never a fixed sleep. */
export async function until<T>(what: string, get: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const v = await get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last === undefined ? '' : ` (last: ${JSON.stringify(last)})`}`);
    await new Promise((r) => setTimeout(r, 50));
    last = v;
  }
}
