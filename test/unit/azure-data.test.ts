// The generated Azure data against its vendored inputs: every role and every operation, read here
// independently of the generator, and a regeneration that must reproduce the committed files byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { azureDataInfo, builtInRoles, findOperation, findRole, operations } from '../../src/core/knowledge/index';

const ROOT = resolve(__dirname, '..', '..');
const SOURCES = join(ROOT, 'data', 'sources', 'azure-builtin-roles');
const vendored = (name: string): Record<string, string> => JSON.parse(gunzipSync(readFileSync(join(SOURCES, name))).toString('utf8'));

interface RoleFile {
  roleName: string;
  name: string;
  description: string;
  roleType: string;
  permissions: { actions: string[]; notActions: string[]; dataActions: string[]; notDataActions: string[]; condition: string | null; conditionVersion: string | null }[];
}

test('every built-in role of the dump is in the data, with its GUID, description, lists and conditions', () => {
  const files = Object.values(vendored('azure-roles.json.gz')).map((t) => JSON.parse(t) as RoleFile);
  assert.equal(files.length, 928);
  assert.equal(builtInRoles().length, files.length);
  let conditions = 0;
  for (const f of files) {
    const r = findRole(f.name);
    assert.ok(r, `${f.roleName} (${f.name})`);
    assert.equal(r.name, f.roleName);
    assert.equal(r.description, f.description.trim());
    assert.equal(r.permissions.length, f.permissions.length, f.roleName);
    f.permissions.forEach((p, i) => {
      const b = r.permissions[i];
      for (const k of ['actions', 'notActions', 'dataActions', 'notDataActions'] as const) assert.deepEqual(b[k] ?? [], p[k], `${f.roleName} ${k}`);
      assert.equal(b.condition ?? null, p.condition, `${f.roleName} condition`);
      if (p.condition) {
        conditions++;
        assert.equal(b.conditionVersion, p.conditionVersion);
      }
    });
    assert.equal(r.conditional, f.permissions.some((p) => !!p.condition));
  }
  assert.equal(conditions, 31);
});

test('every operation of the dump is in the catalogue with the planes its isDataAction entries give', () => {
  const planes = new Map<string, { name: string; control: boolean; data: boolean }>();
  const walk = (node: { operations?: { name: string; isDataAction: boolean }[] | null; resourceTypes?: unknown[] | null }): void => {
    for (const o of node.operations ?? []) {
      const e = planes.get(o.name.toLowerCase()) ?? { name: o.name, control: false, data: false };
      if (o.isDataAction) e.data = true;
      else e.control = true;
      planes.set(o.name.toLowerCase(), e);
    }
    for (const rt of (node.resourceTypes ?? []) as (typeof node)[]) walk(rt);
  };
  for (const text of Object.values(vendored('azure-provider-operations.json.gz'))) walk(JSON.parse(text));
  assert.equal(planes.size, 22_497);
  assert.equal(operations().length, planes.size);
  assert.equal(azureDataInfo().operations, planes.size);
  for (const [lower, e] of planes) {
    const op = findOperation(lower);
    assert.ok(op, e.name);
    assert.deepEqual(op.planes, [...(e.control ? ['control'] : []), ...(e.data ? ['data'] : [])], e.name);
  }
  assert.equal([...planes.values()].filter((e) => e.control && e.data).length, 23);
});

test('npm run data reproduces the committed files byte for byte from the vendored inputs', () => {
  const out = mkdtempSync(join(tmpdir(), 'aks-iam-data-'));
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'gen-data.ts'), '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    assert.equal(r.status, 0, r.stderr);
    for (const f of ['azure-roles.json', 'operations.json', 'aks-identity-permissions.json', 'identity-keys.json']) {
      assert.ok(readFileSync(join(out, f)).equals(readFileSync(join(ROOT, 'data', f))), `data/${f} differs from a regeneration`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('the data says where it comes from', () => {
  assert.deepEqual(azureDataInfo().source, { repository: 'easimon/azure-builtin-roles', commit: 'db0b2258505032bd004bc356dd3eec87250d5b99', date: '2026-08-22' });
  const src = JSON.parse(readFileSync(join(SOURCES, 'source.json'), 'utf8'));
  assert.equal(src.commit, azureDataInfo().source.commit);
});
