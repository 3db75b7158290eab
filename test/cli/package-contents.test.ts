import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { tempWorkspace } from '../support/temp-workspace';
import { assertBuilt } from './built';

const ROOT = resolve(__dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

before(assertBuilt);

// What npm publishes is the production build (prepack). It is built here into a copy of the sources, so that
// dist/ under the other tests is left alone, and packed there with scripts skipped.
function publishedPackage(): { files: { path: string; size: number }[]; size: number; unpackedSize: number } {
  const copy = mkdtempSync(join(tmpdir(), 'aks-iam-npm-'));
  const tracked = spawnSync('git', ['ls-files', '-z', '--', 'package.json', '.npmignore', 'esbuild.mjs', 'tsconfig.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'schemas', 'src', 'data'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
  for (const f of tracked) {
    mkdirSync(dirname(join(copy, f)), { recursive: true });
    copyFileSync(join(ROOT, f), join(copy, f));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const built = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: copy, encoding: 'utf8', timeout: 300_000 });
  assert.equal(built.status, 0, built.stderr);
  const r = spawnSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: copy, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as { files: { path: string; size: number }[]; size: number; unpackedSize: number }[])[0];
}

describe('npm package (the CLI)', () => {
  test('ships only what npx aks-iam needs (.npmignore), within a size bound', () => {
    const info = publishedPackage();
    assert.deepEqual(info.files.map((f) => f.path).sort(), ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'dist/iac-readers.js', 'dist/tree-sitter-bicep.wasm.br', 'dist/tree-sitter-terraform.wasm.br', 'dist/web-tree-sitter.wasm.br', 'package.json', 'schemas/aks-iam.schema.json']);
    assert.ok(info.size < 1_000_000, `tarball ${info.size} bytes`);
    assert.ok(info.unpackedSize < 2_500_000, `unpacked ${info.unpackedSize} bytes`);
    assert.equal(pkg.dependencies, undefined, 'everything the CLI uses is bundled: installing it downloads nothing else');
  });

  test('the bin works after npm install -g of the packed tarball', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'aks-iam-pack-'));
    const packed = spawnSync(npm, ['pack', '--ignore-scripts', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    assert.equal(packed.status, 0, packed.stderr);
    const tarball = join(tmp, packed.stdout.trim().split('\n').pop()!);
    const prefix = join(tmp, 'global');
    const inst = spawnSync(npm, ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], { cwd: tmp, encoding: 'utf8', timeout: 120_000 });
    assert.equal(inst.status, 0, inst.stderr);
    const bin = process.platform === 'win32' ? join(prefix, 'aks-iam.cmd') : join(prefix, 'bin', 'aks-iam');
    const v = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    assert.equal(v.stdout.trim(), pkg.version);
    const ws = tempWorkspace({ 'sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  annotations:\n    azure.workload.identity/client-id: nope\n' });
    mkdirSync(join(ws, '.git'));
    const lint = spawnSync(bin, ['lint'], { cwd: ws, encoding: 'utf8' });
    assert.equal(lint.status, 1);
    assert.match(lint.stdout, /sa\.yaml:6:40 error wi-client-id-format/);
  });
});

describe('VSIX contents (vsce ls)', () => {
  const vsce = join(ROOT, '.vscode-test', 'tools', 'node_modules', '@vscode', 'vsce', 'vsce');
  // npm test installs the tools before the unit stage and sets AKS_IAM_FULL_TEST: there a missing vsce is a failure.
  const skip = existsSync(vsce) || process.env.AKS_IAM_FULL_TEST ? false : 'vsce comes with the test tools (npm test, or npm run test:e2e, installs them)';
  test('the extension, its data and docs; no tests, fixtures, bench, scripts or sources', { skip }, () => {
    assert.ok(existsSync(vsce), `vsce is missing at ${vsce}: the test tools did not install`);
    // On a copy of what a clean clone holds (the tracked files) plus the built extension: vsce walks the whole folder
    // before applying .vscodeignore, and this one also holds 600 MB of node_modules and test tools.
    const copy = mkdtempSync(join(tmpdir(), 'aks-iam-vsix-'));
    const tracked = spawnSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
    const parsers = ['dist/iac-readers.js', 'dist/web-tree-sitter.wasm.br', 'dist/tree-sitter-terraform.wasm.br', 'dist/tree-sitter-bicep.wasm.br'];
    for (const f of [...tracked, 'dist/extension.js', ...parsers]) {
      if (!existsSync(join(ROOT, f))) continue;
      mkdirSync(dirname(join(copy, f)), { recursive: true });
      copyFileSync(join(ROOT, f), join(copy, f));
    }
    const r = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: copy, encoding: 'utf8', timeout: 180_000 });
    assert.equal(r.status, 0, r.stderr);
    const files = r.stdout.trim().split('\n').map((l) => l.trim()).filter(Boolean);
    for (const must of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/extension.js', 'media/icon.png', 'schemas/aks-iam.schema.json', 'docs/rules.md', 'data/azure-roles.json', 'snippets/kubernetes-identity.code-snippets', ...parsers]) {
      assert.ok(files.includes(must), `${must} is in the VSIX`);
    }
    const bad = files.filter((f) => /^(src|test|bench|scripts|examples|action|\.vscode-test|node_modules)\//.test(f) || /\.(ts|map|mjs|vsix)$/.test(f) || f === 'dist/cli.js');
    assert.deepEqual(bad, []);
  });

  test('marketplace fields: icon 128×128 PNG, banner, repository, bugs, homepage, keywords', () => {
    const png = readFileSync(join(ROOT, pkg.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    assert.match(pkg.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.match(pkg.repository.url, /^https:\/\/github\.com\//);
    assert.ok(pkg.bugs.url && pkg.homepage);
    assert.ok(pkg.keywords.length >= 5 && pkg.keywords.length <= 30);
    assert.match(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8'), /^# Changelog\n[\s\S]*keepachangelog\.com[\s\S]*## \[Unreleased\]/);
    assert.deepEqual(pkg.contributes.yamlValidation, [{ fileMatch: ['.aks-iam.yaml', '.aks-iam.yml'], url: './schemas/aks-iam.schema.json' }]);
  });
});
