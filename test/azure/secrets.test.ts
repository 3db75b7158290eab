import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { createClients } from '../../src/azure/clients';
import { AzureLoader } from '../../src/azure/loader';
import { redact } from '../../src/azure/errors';
import { exportSnapshot } from '../../src/core/identity/snapshot';
import { GraphSource, LiveSource } from '../../src/vscode/azure/sources';
import { parseSnapshotTexts, SnapshotLoadError } from '../../src/vscode/azure/snapshot-parse';
import { rootNodes, type TreeEnv, type TreeNode } from '../../src/vscode/azure/tree-model';
import { FakeArm, makePki } from './fake-arm';
import { seed } from './world';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** Shaped like an Entra ID access token, with a random signature so no other text can contain it by chance. */
const TOKEN = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'fake-arm' })}.${b64({ aud: 'https://management.azure.com', oid: '0f0f0f0f-0000-4000-8000-000000000000', exp: 4102444800 })}.${randomBytes(64).toString('base64url')}`;
/** A value planted in a snapshot file: whatever the snapshot holds stays out of logs and messages. */
const SECRET = `planted-${randomBytes(18).toString('hex')}`;

const credential: TokenCredential = { getToken: async (): Promise<AccessToken> => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }) };
const arm = new FakeArm(makePki());
before(async () => {
  await arm.start();
  seed(arm);
});
after(() => arm.stop());

/** Every line the extension would write to its "AKS IAM" log in this session (the controller hands the source its log). */
const lines: string[] = [];
const log = { warn: (l: string) => void lines.push(`[warning] ${l}`), info: (l: string) => void lines.push(`[info] ${l}`) };
/** Everything the tree showed: labels, descriptions, tooltips. */
const shown: string[] = [];

async function walk(nodes: TreeNode[], depth = 9): Promise<number> {
  let count = 0;
  for (const n of nodes) {
    const v = n.view();
    shown.push(v.label, v.description ?? '', typeof v.tooltip === 'string' ? v.tooltip : '');
    count++;
    if (depth > 0 && v.collapsible !== 'none') count += await walk(await n.children(), depth - 1);
  }
  return count;
}

const env = (source: TreeEnv['source']): TreeEnv => ({ source, signal: () => new AbortController().signal, workspace: () => null });
const signedIn = (e: TreeEnv) => ({ status: 'signedIn' as const, accounts: ['dev@contoso.com'], cloud: 'AzureCloud', env: e });

/** The token, any 20 characters of it, bearer and Authorization headers, the planted value or any 12 characters of it. */
function leaks(text: string): string[] {
  const found = new Set<string>();
  for (let i = 0; i + 20 <= TOKEN.length; i++) if (text.includes(TOKEN.slice(i, i + 20))) found.add(`token part at ${i}`);
  for (let i = 0; i + 12 <= SECRET.length; i++) if (text.includes(SECRET.slice(i, i + 12))) found.add(`snapshot secret part at ${i}`);
  if (/\bbearer\s/i.test(text)) found.add('Bearer');
  if (/\bauthorization\b["']?\s*[:=]/i.test(text)) found.add('Authorization header');
  return [...found];
}

describe('secrets stay out of logs, messages and the tree', () => {
  test('a full fake-ARM session with echoing 401/403s, expiry, truncation and a snapshot round trip leaks nothing', async (t) => {
    const clients = createClients({ credential, endpoint: arm.endpoint, agent: arm.agent, retry: { maxRetries: 1, retryDelayInMs: 10, maxRetryDelayInMs: 20 } });
    const loader = new AzureLoader(clients, { maxItems: 100 });

    // Faulty first: servers that echo the token in bodies and headers, an expired token, a truncated body.
    arm.on(/managedclusters$/, { kind: 'echo-token', status: 401 });
    arm.on(/userassignedidentities$/, { kind: 'echo-token', status: 403 });
    arm.on(/roleassignments$/, { kind: 'unauthorized', code: 'InvalidAuthenticationTokenExpired' });
    arm.on(/roledefinitions$/, { kind: 'truncated', contentLength: 'matching' });
    const live = new LiveSource(loader, [], log);
    const faulty = await walk(rootNodes({ trusted: true, live: signedIn(env(live)), snapshot: { status: 'none' } }));
    const { failures } = await new LiveSource(loader, [], log).warm(new AbortController().signal);
    for (const f of failures) lines.push(`[warning] ${f.level}: ${f.error.message}`);
    // The faults really happened, and the token really was echoed back to the client.
    const echoed = arm.log.filter((l) => l.status === 401 || l.status === 403);
    assert.ok(echoed.length >= 6, `${echoed.length} refused requests`);
    assert.ok(arm.log.every((l) => l.authorization === `Bearer ${TOKEN}`), 'the clients sent the token');
    assert.ok(lines.length >= 4, lines.join('\n'));
    assert.ok(lines.some((l) => l.includes('[credential removed]')), 'the echoed token was in an error message, and was removed');
    assert.ok(shown.includes('Sign in to Azure again to list AKS clusters'));
    assert.ok(shown.includes('No permission to list managed identities'));

    // Then healed: every level loads, and the graph goes to a snapshot file and back.
    arm.reset();
    const healedSource = new LiveSource(new AzureLoader(clients, { maxItems: 100 }), [], log);
    await healedSource.warm(new AbortController().signal);
    const healed = await walk(rootNodes({ trusted: true, live: signedIn(env(healedSource)), snapshot: { status: 'none' } }));
    const graph = healedSource.graph();
    assert.equal(graph.identities.length, 3);

    const exported = exportSnapshot(graph) as unknown as { graph: { identities: Record<string, unknown>[] } };
    exported.graph.identities[0].tags = { 'db-password': SECRET };
    exported.graph.identities[1].notes = `connection string Password=${SECRET}`;
    const file = JSON.stringify(exported, null, 2);
    const loaded = parseSnapshotTexts([{ shown: '.aks-iam/identity-snapshot.json', text: file }]);
    for (const w of loaded.warnings) lines.push(`[warning] identity snapshot: ${w}`);
    lines.push(`[info] identity snapshot .aks-iam/identity-snapshot.json: ${loaded.graph.subscriptions.length} subscription(s), ${loaded.graph.identities.length} identities`);
    const snap = await walk(rootNodes({ trusted: true, live: { status: 'signedOut' }, snapshot: { status: 'loaded', label: '.aks-iam/identity-snapshot.json', warnings: loaded.warnings, env: env(new GraphSource(loaded.graph)) } }));

    // A snapshot cut off right after the secret, and one with a stray comma behind it: JSON.parse quotes the text nearby.
    for (const text of [file.slice(0, file.indexOf(SECRET) + SECRET.length + 2), file.replace(`"db-password": "${SECRET}"`, `"db-password": "${SECRET}",,`)]) {
      assert.throws(() => parseSnapshotTexts([{ shown: 'broken.json', text }]), (err: unknown) => {
        assert.ok(err instanceof SnapshotLoadError);
        lines.push(`[warning] identity snapshot: ${err.message}`);
        shown.push(...rootNodes({ trusted: true, live: { status: 'signedOut' }, snapshot: { status: 'failed', label: 'broken.json', message: err.message } }).map((n) => `${n.view().label} ${n.view().description ?? ''} ${n.view().tooltip ?? ''}`));
        return true;
      });
    }
    assert.ok(lines.some((l) => /broken\.json is not valid JSON \(line \d+, column \d+\)/.test(l)), lines.join('\n'));

    const all = [...lines, ...shown].join('\n');
    assert.deepEqual(leaks(all), []);
    // The check itself finds what it looks for.
    assert.equal(leaks(`x ${TOKEN.slice(7, 40)} y`).length, 14);
    assert.deepEqual(leaks(`tags ${SECRET.slice(3, 15)}`), ['snapshot secret part at 3']);
    t.diagnostic(`secrets: ${lines.length} log lines and ${shown.length} tree texts (${faulty + healed + snap} nodes; ${echoed.length} refused requests echoing the token, ${arm.log.length} healed requests) searched: no token material, no snapshot value`);
  });

  test('redact removes bearer tokens, Authorization headers and JWTs however a server echoes them', () => {
    const cases: [string, string][] = [
      [`Authorization: Bearer ${TOKEN}`, '[credential removed]'],
      [`{"authorization":"Bearer ${TOKEN}"}`, '{"[credential removed]"}'],
      [`token ${TOKEN} was rejected`, 'token [credential removed] was rejected'],
      [`WWW-Authenticate: Bearer error="invalid_token"`, '[credential removed]"invalid_token"'],
      ['access_token=abc123&x=1', 'access_token=[removed]&x=1'],
      [`The client 'dev@contoso.com' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/read' over scope '/subscriptions/x'.`,
        `The client 'dev@contoso.com' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/read' over scope '/subscriptions/x'.`],
    ];
    for (const [input, out] of cases) assert.equal(redact(input), out, input);
    assert.equal(redact('x'.repeat(2000)).length, 601);
  });
});
