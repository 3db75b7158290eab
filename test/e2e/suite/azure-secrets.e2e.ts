// Secrets hygiene inside a real VS Code: a fake Resource Manager session (started here, in the
// extension host) whose refusals echo the bearer token, plus an identity snapshot with a planted
// value, and then a search of what the extension wrote: its "AKS IAM" log file, every text of the
// identities view, and the profile's settings and storage.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { FakeArm, makePki } from '../../azure/fake-arm';
import { SUB, seed } from '../../azure/world';
import { EXTENSION_ID, leaveFakeArm, note, until, useFakeArm, workspaceUri } from './helpers';

interface Api { logUri: vscode.Uri }

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const TOKEN = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'fake-arm-e2e' })}.${b64({ aud: 'https://management.azure.com', exp: 4102444800 })}.${randomBytes(64).toString('base64url')}`;
const SECRET = `planted-${randomBytes(18).toString('hex')}`;

function leaks(text: string): string[] {
  const found = new Set<string>();
  for (let i = 0; i + 20 <= TOKEN.length; i++) if (text.includes(TOKEN.slice(i, i + 20))) found.add(`token part at ${i}`);
  for (let i = 0; i + 12 <= SECRET.length; i++) if (text.includes(SECRET.slice(i, i + 12))) found.add(`snapshot value part at ${i}`);
  if (/\bbearer\s/i.test(text)) found.add('Bearer');
  if (/\bauthorization\b["']?\s*[:=]/i.test(text)) found.add('Authorization header');
  return [...found];
}

/** Every file below `dir` (skipping the given names), as latin1 text so that binary stores are searched too. */
function filesBelow(dir: string, skip: string[], out: { path: string; text: string }[] = []): { path: string; text: string }[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (skip.includes(name)) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) filesBelow(p, skip, out);
    else if (st.isFile() && st.size < 50_000_000) out.push({ path: p, text: readFileSync(p).toString('latin1') });
  }
  return out;
}

describe('Azure secrets hygiene', () => {
  const pki = makePki();
  const arm = new FakeArm(pki);
  const dir = mkdtempSync(join(tmpdir(), 'aks-iam-e2e-secrets-'));
  let api: Api;

  before(async function () {
    this.timeout(60_000);
    const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
    api = await ext.activate();
    assert.ok(api.logUri, 'the API names the log folder');
    await arm.start();
    seed(arm);
    useFakeArm(arm.endpoint, pki.ca, dir, TOKEN);
  });

  after(() => leaveFakeArm(arm, dir));

  it('no token, Authorization header or snapshot value in the log file, the view or the profile', async function () {
    this.timeout(120_000);
    const texts: string[] = [];
    // Refusals that echo the token in their bodies and headers, an expired token, a truncated body.
    arm.on(/managedclusters$/, { kind: 'echo-token', status: 401 });
    arm.on(/userassignedidentities$/, { kind: 'echo-token', status: 403 });
    arm.on(/roleassignments$/, { kind: 'unauthorized', code: 'ExpiredAuthenticationToken' });
    arm.on(/federatedidentitycredentials$/, { kind: 'truncated', contentLength: 'matching' });
    await vscode.commands.executeCommand('aksIam.azure.refresh');
    texts.push(...(await vscode.commands.executeCommand<string[]>('aksIam.azure.testTreeTexts', 7)) ?? []);
    assert.ok(texts.includes('Sign in to Azure again to list AKS clusters'), JSON.stringify(texts.slice(0, 40)));
    assert.ok(texts.includes('No permission to list managed identities'));
    const refused = arm.log.filter((l) => l.status === 401 || l.status === 403).length;
    assert.ok(refused >= 4, `${refused} refused requests`);
    assert.ok(arm.log.every((l) => l.authorization === `Bearer ${TOKEN}`), 'the extension sent the seam token');

    // Healed: everything loads.
    arm.reset();
    await vscode.commands.executeCommand('aksIam.azure.refresh');
    texts.push(...(await vscode.commands.executeCommand<string[]>('aksIam.azure.testTreeTexts', 7)) ?? []);
    assert.ok(texts.includes('id-api') && texts.includes('shop-aks'));

    // A snapshot holding a planted value, and a broken one cut off right after it.
    const snap = workspaceUri('.aks-iam-e2e-secrets').fsPath;
    rmSync(snap, { recursive: true, force: true });
    mkdirSync(snap);
    const identity = {
      id: `/subscriptions/${SUB}/resourcegroups/shop-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-shop-api`,
      name: 'id-shop-api', type: 'Microsoft.ManagedIdentity/userAssignedIdentities', location: 'westeurope', resourceGroup: 'shop-rg',
      clientId: '00000000-0000-0000-0000-000000000001', principalId: '5a5a5a5a-0000-4000-8000-000000000009', tenantId: '72f988bf-0000-4000-8000-000000000001',
      tags: { 'db-password': SECRET },
    };
    const good = JSON.stringify([identity], null, 2);
    writeFileSync(join(snap, 'identities.json'), good);
    const config = vscode.workspace.getConfiguration('aksIam');
    try {
      await config.update('identitySnapshot', '.aks-iam-e2e-secrets', vscode.ConfigurationTarget.Global);
      await until('the snapshot in the view', async () => {
        const t = (await vscode.commands.executeCommand<string[]>('aksIam.azure.testTreeTexts', 7)) ?? [];
        return t.includes('id-shop-api') ? texts.push(...t) : undefined;
      });
      writeFileSync(join(snap, 'identities.json'), good.slice(0, good.indexOf(SECRET) + SECRET.length + 2));
      await until('the broken snapshot in the view', async () => {
        const t = (await vscode.commands.executeCommand<string[]>('aksIam.azure.testTreeTexts', 2)) ?? [];
        return t.some((x) => x.includes('is not valid JSON')) ? texts.push(...t) : undefined;
      });
    } finally {
      await config.update('identitySnapshot', undefined, vscode.ConfigurationTarget.Global);
      rmSync(snap, { recursive: true, force: true });
    }

    // The log file as VS Code wrote it (written asynchronously: wait for this session's last line).
    const logFile = join(api.logUri.fsPath, 'AKS IAM.log');
    const logText = await until('the log file to hold the session', () => {
      if (!existsSync(logFile)) return undefined;
      const t = readFileSync(logFile, 'utf8');
      return /is not valid JSON/.test(t) && /listing AKS clusters in subscription \S+ failed \(unauthenticated\)/.test(t) ? t : undefined;
    }, 20_000);
    assert.match(logText, /\[credential removed\]/, 'a refusal echoed the token into an error message, which was redacted');

    // The profile: settings, global and workspace storage (logs excepted: searched above).
    const userData = vscode.Uri.joinPath(api.logUri, '..', '..', '..', '..').fsPath;
    const stored = filesBelow(userData, ['logs', 'CachedExtensionVSIXs', 'CachedProfilesData']);
    const workspaceSettings = filesBelow(workspaceUri('.vscode').fsPath, []);
    assert.ok(stored.some((f) => f.path.endsWith('settings.json')), `searched ${stored.map((f) => f.path).join(', ')}`);

    // Global and workspace state as the extension itself sees them (the web workbench keeps them in the browser).
    const state = await vscode.commands.executeCommand<{ global: Record<string, unknown>; workspace: Record<string, unknown> }>('aksIam.azure.testStoredState');
    assert.ok(state && typeof state.global === 'object' && typeof state.workspace === 'object');

    const found: string[] = [];
    for (const l of leaks(JSON.stringify(state))) found.push(`extension state: ${l}`);
    for (const [what, text] of [['log file', logText], ['view', texts.join('\n')], ...[...stored, ...workspaceSettings].map((f) => [f.path, f.text])] as [string, string][]) {
      for (const l of leaks(text)) found.push(`${what}: ${l}`);
    }
    assert.deepEqual(found, []);
    await note(`secrets: ${logText.split('\n').length} log lines, ${texts.length} view texts, ${stored.length + workspaceSettings.length} profile files searched after ${refused} refused requests echoing the token: no token material, no snapshot value`);
    await note(`profile files: ${stored.map((f) => f.path.slice(userData.length + 1)).join(', ')}; extension state keys: ${JSON.stringify([...Object.keys(state.global), ...Object.keys(state.workspace)])}`);
  });
});
