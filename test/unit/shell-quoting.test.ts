import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandLine, quotePosix, quotePowerShell, shellOf } from '../../src/core/text/shell';
import { fixCommand, fixCommandArgs } from '../../src/core/permissions/check';
import { createCommand } from '../../src/core/rules/wi/wi-federation-missing';
import type { ManagedIdentity } from '../../src/core/identity/graph';
import { isArmResourceId, isKubernetesName, isKubernetesNamespace, isResourceGroupName } from '../../src/core/identity/names';
import { argvInPosixShell, argvInPwsh, POSIX_SHELLS, powershellWords, whichPwsh } from '../support/shells';

/** Words that are legal somewhere (a resource group, a manifest's name, a custom role) or plainly hostile. */
export const HOSTILE = [
  'rg(legacy)', '$(touch PWNED)', '`touch PWNED`', '$HOME', '${IFS}', 'a;touch PWNED', 'a|touch PWNED', 'a&&touch PWNED', 'a b', '  two  spaces ',
  "team's rg", "it\u2019s", '\u2018quoted\u2018', '\u201Alow\u201B', '"double"', "''", "'", 'a\'\'b', '*', '?', '[ab]', '{a,b}', '=ls', '~', '~root', '#comment', '!!', '!$',
  '--%', '1kb', '0x10', '@splat', 'a,b', '$env:PATH', '$(1+1)', '`n', 'back\\slash', 'tab\there', 'new\nline', '', '-', '--', 'ü-rg', '%PATH%', '^&', '<in', '>out',
];

const SAFE_AS_IS = ['az', '--scope', 'ServicePrincipal', '/subscriptions/6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b/resourceGroups/net-rg', 'system:serviceaccount:shop:api'];

describe('quoting per shell', () => {
  test('bash, dash and zsh (when installed) pass every hostile word through as one argument, and run nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aks-iam-quote-'));
    try {
      for (const shell of POSIX_SHELLS) {
        const argv = ['az', ...HOSTILE, ...SAFE_AS_IS];
        const got = argvInPosixShell(shell, commandLine(argv, 'posix'), dir);
        assert.equal(got.stderr, '', shell);
        assert.deepEqual(got.argv, argv, shell);
        // One word at a time too, so a word cannot only pass thanks to its neighbours.
        for (const w of HOSTILE) assert.deepEqual(argvInPosixShell(shell, `az ${quotePosix(w)}`, dir).argv, ['az', w], `${shell}: ${JSON.stringify(w)}`);
      }
      assert.deepEqual(readdirSync(dir), [], 'a command substitution ran');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('PowerShell: every hostile word reads back as itself, and nothing outside quotes is PowerShell syntax', () => {
    const argv = ['az', ...HOSTILE, ...SAFE_AS_IS];
    assert.deepEqual(powershellWords(commandLine(argv, 'powershell')), argv);
    for (const w of HOSTILE) assert.deepEqual(powershellWords(`az ${quotePowerShell(w)}`), ['az', w], JSON.stringify(w));
  });

  test('PowerShell doubles quotes instead of the POSIX close-escape-reopen, which it would read as the end of the string', () => {
    assert.equal(quotePowerShell("team's rg"), "'team''s rg'");
    assert.equal(quotePowerShell('it\u2019s'), "'it\u2019\u2019s'");
    assert.equal(quotePosix("team's rg"), `'team'\\''s rg'`);
    // The POSIX form, read by PowerShell, ends the string after `team` and leaves `\` and a new string behind.
    assert.throws(() => powershellWords(`az ${quotePosix("team's; rm x")}`));
    assert.equal(quotePowerShell('1kb'), "'1kb'");
    assert.equal(quotePowerShell('--%'), "'--%'");
    assert.equal(quotePosix('=ls'), "'=ls'");
    assert.equal(quotePosix(''), "''");
    assert.equal(quotePowerShell(''), "''");
  });

  test('real PowerShell, when pwsh is installed', (t) => {
    const pwsh = whichPwsh();
    if (!pwsh) {
      t.skip('pwsh is not installed');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'aks-iam-quote-'));
    try {
      const argv = ['az', ...HOSTILE.filter((w) => w !== ''), ...SAFE_AS_IS];
      assert.deepEqual(argvInPwsh(pwsh, commandLine(argv, 'powershell'), dir).argv, argv);
      assert.deepEqual(readdirSync(dir), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the shell family of a terminal shell path', () => {
    for (const s of ['/bin/bash', '/usr/bin/zsh', 'sh', '/opt/homebrew/bin/fish', undefined, '']) assert.equal(shellOf(s), 'posix', String(s));
    for (const s of ['C:\\Program Files\\PowerShell\\7\\pwsh.exe', 'C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', '/usr/local/bin/pwsh', 'C:\\Windows\\System32\\cmd.exe']) {
      assert.equal(shellOf(s), 'powershell', s);
    }
  });
});

describe('az role assignment create (check-cluster and the tree)', () => {
  const SUB = '/subscriptions/6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
  const PRINCIPAL = '3c6a9e12-7b4d-4f8e-a1c2-5d6e7f8a9b01';
  const LEGACY = `${SUB}/resourceGroups/rg(legacy)/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aks`;

  test('a resource group named rg(legacy) gives a command bash, zsh and PowerShell read as one --scope', () => {
    const want = ['az', 'role', 'assignment', 'create', '--assignee-object-id', PRINCIPAL, '--assignee-principal-type', 'ServicePrincipal', '--role', 'Network Contributor', '--scope', LEGACY];
    assert.deepEqual(fixCommandArgs(PRINCIPAL, 'Network Contributor', LEGACY), want);
    for (const shell of POSIX_SHELLS) {
      const got = argvInPosixShell(shell, fixCommand(PRINCIPAL, 'Network Contributor', LEGACY)!);
      assert.equal(got.stderr, '', shell);
      assert.deepEqual(got.argv, want, shell);
    }
    assert.deepEqual(powershellWords(fixCommand(PRINCIPAL, 'Network Contributor', LEGACY, 'powershell')!), want);
  });

  test('a scope, role or principal that is not a valid id or name gives no command at all', () => {
    assert.equal(fixCommandArgs(PRINCIPAL, 'Network Contributor', `${SUB}/resourceGroups/$(touch PWNED)`), null);
    assert.equal(fixCommandArgs(PRINCIPAL, 'Network Contributor', `${SUB}/resourceGroups/rg;reboot`), null);
    assert.equal(fixCommandArgs(PRINCIPAL, 'Network Contributor', `${SUB}/resourceGroups/rg\nreboot`), null);
    assert.equal(fixCommandArgs(PRINCIPAL, "Reader'; reboot; '", `${SUB}/resourceGroups/rg`), null);
    assert.equal(fixCommandArgs('$(reboot)', 'Reader', `${SUB}/resourceGroups/rg`), null);
    assert.equal(fixCommand(PRINCIPAL, 'Network Contributor', `${SUB}/resourceGroups/$(touch PWNED)`), undefined);
  });

  test('ARM ids and Kubernetes names are validated as Azure and Kubernetes do', () => {
    for (const ok of [`${SUB}`, `${SUB}/resourceGroups/rg(legacy)`, `${SUB}/resourceGroups/ü.rg_1/providers/Microsoft.ContainerRegistry/registries/acr1`,
      `${SUB}/resourceGroups/r/providers/Microsoft.Network/privateDnsZones/privatelink.westeurope.azmk8s.io`, '/providers/Microsoft.Management/managementGroups/mg-1']) {
      assert.ok(isArmResourceId(ok), ok);
    }
    for (const bad of ['', '/', 'subscriptions/x', `${SUB}/resourceGroups/`, `${SUB}/resourceGroups/a b`, `${SUB}/resourceGroups/rg/providers/Microsoft.Network`, `${SUB}/resourceGroups/rg/providers/Microsoft.Network/x/$(id)`,
      '/subscriptions/not-a-guid', `${SUB}/resourceGroups/rg.`, `${SUB}//resourceGroups/rg`]) {
      assert.ok(!isArmResourceId(bad), bad);
    }
    assert.ok(isResourceGroupName('rg(legacy)') && !isResourceGroupName('rg.') && !isResourceGroupName("team's"));
    assert.ok(isKubernetesName('api.v1') && !isKubernetesName("api'; reboot") && !isKubernetesName('API') && !isKubernetesName(''));
    assert.ok(isKubernetesNamespace('shop') && !isKubernetesNamespace('shop.eu') && !isKubernetesNamespace('x'.repeat(64)));
  });
});

test('the shell runners themselves see a failing command (so a green test means the shells parsed the lines)', () => {
  assert.ok(POSIX_SHELLS.length >= 2, `bash and dash are expected, found ${POSIX_SHELLS.join(', ')}`);
  const r = argvInPosixShell(POSIX_SHELLS[0], "az 'unterminated");
  assert.notEqual(r.status, 0);
  assert.ok(!existsSync('PWNED'));
});

test('wi-federation-missing\'s command: a placeholder issuer, rg(legacy) and a quote in a manifest name stay single arguments', () => {
  const identity = { name: 'id-api', resourceGroup: 'rg(legacy)' } as ManagedIdentity;
  const subject = "system:serviceaccount:shop:api'$(touch PWNED)";
  const line = createCommand(identity, 'shop-api', '<cluster-oidc-issuer-url>', subject);
  const want = ['az', 'identity', 'federated-credential', 'create', '--name', 'shop-api', '--identity-name', 'id-api', '--resource-group', 'rg(legacy)',
    '--issuer', '<cluster-oidc-issuer-url>', '--subject', subject, '--audience', 'api://AzureADTokenExchange'];
  const dir = mkdtempSync(join(tmpdir(), 'aks-iam-quote-'));
  try {
    for (const shell of POSIX_SHELLS) {
      const got = argvInPosixShell(shell, line, dir);
      assert.equal(got.stderr, '', shell);
      assert.deepEqual(got.argv, want, shell);
    }
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
