import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateRawSync } from 'node:zlib';

const DATA = resolve(__dirname, '..', '..', 'data');

// A validator for the subset of JSON Schema the data schemas use: type, enum, pattern, minLength,
// properties, required, additionalProperties, items, minItems, $ref to #/$defs/*.
type Schema = Record<string, unknown>;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function validate(schema: Schema, value: unknown, root: Schema, path = '$'): string[] {
  const errors: string[] = [];
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace(/^#\/\$defs\//, '');
    const target = (root.$defs as Record<string, Schema> | undefined)?.[name];
    if (!target) return [`${path}: unresolved $ref ${schema.$ref}`];
    return validate(target, value, root, path);
  }
  const t = typeOf(value);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    const ok = types.some((x) => x === t || (x === 'number' && t === 'integer'));
    if (!ok) return [`${path}: expected ${types.join('|')}, got ${t}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if (t === 'string') {
    const s = value as string;
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(s)) errors.push(`${path}: ${JSON.stringify(s)} does not match ${schema.pattern}`);
    if (typeof schema.minLength === 'number' && s.length < schema.minLength) errors.push(`${path}: shorter than ${schema.minLength}`);
  }
  if (t === 'array') {
    const a = value as unknown[];
    if (typeof schema.minItems === 'number' && a.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.items) a.forEach((x, i) => errors.push(...validate(schema.items as Schema, x, root, `${path}[${i}]`)));
  }
  if (t === 'object') {
    const o = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in o)) errors.push(`${path}: missing ${r}`);
    for (const [k, v] of Object.entries(o)) {
      if (props[k]) errors.push(...validate(props[k], v, root, `${path}.${k}`));
      else if (schema.additionalProperties === false) errors.push(`${path}: unexpected property ${k}`);
      else if (typeof schema.additionalProperties === 'object') errors.push(...validate(schema.additionalProperties as Schema, v, root, `${path}.${k}`));
    }
  }
  return errors;
}

const dataFiles = readdirSync(DATA).filter((f) => f.endsWith('.json'));
const load = (p: string): Schema => JSON.parse(readFileSync(p, 'utf8')) as Schema;

test('there is a data file for every schema and a schema for every data file', () => {
  const schemas = readdirSync(join(DATA, 'schema')).map((f) => f.replace('.schema.json', '.json'));
  assert.deepEqual([...dataFiles].sort(), [...schemas].sort());
  assert.deepEqual([...dataFiles].sort(), ['aks-identity-permissions.json', 'azure-roles.json', 'cloud-credentials.json', 'identity-keys.json', 'k8s-builtins.json', 'operations.json']);
});

for (const f of dataFiles) {
  test(`data/${f} validates against its schema and records its source`, () => {
    const schema = load(join(DATA, 'schema', f.replace('.json', '.schema.json')));
    const data = load(join(DATA, f));
    assert.deepEqual(validate(schema, data, schema), []);
    const meta = data._meta as { source: { repository: string; commit: string } };
    assert.match(meta.source.repository, /\//);
    assert.match(meta.source.commit, /^[0-9a-f]{40}$/);
  });
}

test('the validator reports wrong types, missing and unexpected properties, and pattern violations', () => {
  const schema = load(join(DATA, 'schema', 'azure-roles.schema.json'));
  const meta = {
    description: 'x', source: { repository: 'a/b', commit: '0'.repeat(40), date: '2026-01-01' }, input: 'x', roles: 1, operations: 1,
    categorySource: { repository: 'a/b', path: 'p', commit: '0'.repeat(40), date: 'd' },
  };
  const bad = {
    _meta: meta,
    roles: [
      { name: 'A', id: 'not-a-guid', description: 'd', permissions: [{ actions: ['*'] }], grants: [1, 0] },
      { name: 'B', id: '00000000-0000-0000-0000-000000000000', description: 1, permissions: [{ actions: [], extra: true }], grants: [1, 0] },
      { name: 'C', id: '00000000-0000-0000-0000-000000000000', permissions: [{}], grants: [1, 0] },
    ],
  };
  assert.deepEqual(validate(schema, bad, schema), [
    '$.roles[0].id: "not-a-guid" does not match ^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
    '$.roles[1].description: expected string, got integer',
    '$.roles[1].permissions[0].actions: fewer than 1 items',
    '$.roles[1].permissions[0]: unexpected property extra',
    '$.roles[2]: missing description',
  ]);
  assert.deepEqual(validate(schema, { _meta: meta, roles: [] }, schema), ['$.roles: fewer than 1 items']);
});

test('every operation of the catalogue has a known plane code', () => {
  const ops = load(join(DATA, 'operations.json')) as { providers: Record<string, string[][]> };
  const codes = new Set(Object.values(ops.providers).flatMap((l) => l.map((o) => o[1])));
  assert.deepEqual([...codes].sort(), ['c', 'cd', 'd']);
});

test('the shipped data stays small once compressed as in the VSIX (under 600 KB)', () => {
  // Every Azure role and operation is in data/*.json (about 3 MB of JSON); the VSIX stores it deflated.
  const total = dataFiles.reduce((n, f) => n + deflateRawSync(readFileSync(join(DATA, f))).length, 0);
  assert.ok(total < 600 * 1024, `data/*.json deflates to ${total} bytes`);
});
