// The CLI reads snapshots through a plain import, not a global that another module's import fills in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { checkClusterCommand } from '../../src/cli/commands/check-cluster';
import { cloudHooks } from '../../src/cli/cloud-hooks';
import type { Io } from '../../src/cli/io';

const FIXTURES = join(resolve(__dirname, '..', '..'), 'test', 'fixtures', 'permissions');

test('a command imported on its own reads --snapshot (no import elsewhere has to wire it first)', async () => {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), isTTY: false, cwd: FIXTURES };
  const code = await checkClusterCommand(['payments-aks', '--snapshot', 'fully-correct'], io);
  assert.equal(err, '');
  assert.equal(code, 0, out);
  assert.match(out, /^Cluster payments-aks /);
});

test('the snapshot reader cannot be replaced at run time', () => {
  assert.ok(Object.isFrozen(cloudHooks));
  assert.throws(() => {
    (cloudHooks as { loadSnapshot: unknown }).loadSnapshot = async () => null;
  }, TypeError);
});
