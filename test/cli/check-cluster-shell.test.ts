// check-cluster's fix commands with resource names from snapshot data: legal but shell-hostile names come out
// as one argument in bash, zsh and PowerShell; names that are not valid ids give no command.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main';
import type { Io } from '../../src/cli/io';
import { argvInPosixShell, POSIX_SHELLS, powershellWords } from '../support/shells';

const FIXTURE = join(resolve(__dirname, '..', '..'), 'test', 'fixtures', 'permissions', 'custom-vnet-missing');
const SUB = '/subscriptions/6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

/** The fixture snapshot with its network resource group renamed. */
function snapshotWithNetworkGroup(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'aks-iam-cc-shell-'));
  cpSync(FIXTURE, dir, { recursive: true });
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    writeFileSync(p, readFileSync(p, 'utf8').split('network-rg').join(JSON.stringify(name).slice(1, -1)));
  }
  return dir;
}

async function checkCluster(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), isTTY: false, cwd: tmpdir() };
  const code = await main(['check-cluster', 'payments-aks', ...args], io);
  return { code, out, err };
}

const fixLine = (out: string) => out.split('\n').find((l) => l.includes('fix (Network Contributor)'))?.replace(/^\s*fix \(Network Contributor\): /, '');

describe('check-cluster fix commands with hostile names', () => {
  test('resource group rg(legacy): bash, dash, zsh and PowerShell each get the scope as one argument', async () => {
    const dir = snapshotWithNetworkGroup('rg(legacy)');
    try {
      const scope = `${SUB}/resourceGroups/rg(legacy)/providers/Microsoft.Network/virtualNetworks/payments-vnet/subnets/aks-nodes`;
      const bash = await checkCluster('--snapshot', dir, '--shell', 'bash');
      assert.equal(bash.code, 1, bash.err);
      const line = fixLine(bash.out);
      assert.ok(line, bash.out);
      for (const shell of POSIX_SHELLS) {
        const got = argvInPosixShell(shell, line);
        assert.equal(got.stderr, '', `${shell}: ${line}`);
        assert.deepEqual(got.argv.slice(-2), ['--scope', scope], shell);
        assert.deepEqual(got.argv.slice(8, 10), ['--role', 'Network Contributor'], shell);
      }
      const ps = fixLine((await checkCluster('--snapshot', dir, '--shell', 'powershell')).out);
      assert.ok(ps);
      assert.deepEqual(powershellWords(ps).slice(-2), ['--scope', scope]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a command substitution in snapshot data is not a valid resource group: no command is printed', async () => {
    const dir = snapshotWithNetworkGroup('$(touch PWNED)');
    try {
      const r = await checkCluster('--snapshot', dir);
      assert.equal(r.code, 1, r.err);
      assert.match(fixLine(r.out) ?? '', /^no command, the scope is not a valid Azure resource id: ".*\$\(touch PWNED\)/);
      assert.ok(!r.out.includes('az role assignment create'), r.out);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--shell takes bash, zsh, sh, powershell or pwsh', async () => {
    const r = await checkCluster('--snapshot', FIXTURE, '--shell', 'cmd');
    assert.equal(r.code, 2);
    assert.match(r.err, /--shell must be bash or powershell, not "cmd"/);
  });
});
