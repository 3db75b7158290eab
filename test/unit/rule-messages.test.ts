// The style of every rule message, checked on what the rules report for their fixtures: the Problems panel cuts a
// row at its width, so what is wrong must come first, before the objects and the explanation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../src/core/analyze';
import { allRules } from '../../src/core/rules/registry';
import { describe as describeObject } from '../../src/core/rules/helpers';
import { listCases, runCase } from '../support/fixtures';
import { headOf, visibleChars } from '../support/message-style';

// suppression-unused reports on suppression comments, which the rule fixtures do not hold: one file with both kinds.
const SUPPRESSIONS = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  namespace: shop\n  annotations:\n'
  + '    # aks-iam-disable-next-line wi-client-id-fromat\n    # aks-iam-disable-next-line yaml-syntax\n    azure.workload.identity/client-id: nope\n';

interface Reported { ruleId: string; where: string; message: string; objects: string[]; file: string; range: string }

/** Every message each rule reports for its fixtures, with how the objects of those fixtures are described. */
async function reported(): Promise<Reported[]> {
  const out: Reported[] = [];
  for (const rule of allRules) {
    for (const c of listCases(rule.id)) {
      const objects: string[] = [];
      for (const f of c.files) {
        if (!/\.ya?ml$/.test(f.name)) continue;
        for (const o of new Analyzer(c.options).setFile(f.name, f.text).objects) {
          objects.push(describeObject(o));
          if (o.name) objects.push(`${o.kind} ${o.name}`);
        }
      }
      const { findings } = await runCase(c);
      for (const f of findings) {
        if (f.ruleId !== rule.id) continue;
        const r = f.range;
        out.push({ ruleId: rule.id, where: `${rule.id}/${c.name}`, message: f.message, objects, file: f.file, range: `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}` });
      }
    }
  }
  const a = new Analyzer({});
  const entry = a.setFile('suppressions.yaml', SUPPRESSIONS);
  const objects = entry.objects.map((o) => describeObject(o));
  for (const f of a.analyzeAll().filter((x) => x.ruleId === 'suppression-unused')) {
    out.push({ ruleId: f.ruleId, where: `${f.ruleId}/inline`, message: f.message, objects, file: f.file, range: `${f.range.start.line}:${f.range.start.character}` });
  }
  return out;
}

/** Sentences, split after `.`, `?` or `!` and a space; abbreviations such as "e.g." do not end one. */
function sentencesOf(message: string): string[] {
  return message.split(/(?<!\b(?:e\.g|i\.e|etc)\.)(?<=[.?!])\s+(?=\S)/);
}

/** Why a message does not lead with the problem, or null when it does. */
function objectFirst(message: string, objects: string[]): string | null {
  const own = objects.find((d) => message.startsWith(`${d} `) || message.startsWith(`${d}:`) || message.startsWith(`${d},`));
  if (own) return `starts with the object "${own}"`;
  if (/^(The |A |An )?default ServiceAccount\b/.test(message)) return 'starts with the default ServiceAccount';
  if (/^(Container|container) \S+ of /.test(message)) return 'starts with a container';
  if (/^The [^:;]{1,80}? (of|on) /.test(message)) return 'starts with "The … of …"';
  return null;
}

test('the style checks catch what they are for', () => {
  const objects = ['Deployment orders (namespace shop)', 'Deployment orders', 'ServiceAccount orders'];
  assert.equal(objectFirst('Deployment orders (namespace shop) runs as ServiceAccount orders, which has …', objects), 'starts with the object "Deployment orders (namespace shop)"');
  assert.equal(objectFirst('The default ServiceAccount (namespace shop) carries a client-id.', objects), 'starts with the default ServiceAccount');
  assert.equal(objectFirst('Container app of Deployment orders (namespace shop) sets AZURE_CLIENT_ID.', objects), 'starts with a container');
  assert.equal(objectFirst('The azure.workload.identity/use label of Deployment api is the YAML boolean true.', objects), 'starts with "The … of …"');
  assert.equal(objectFirst('Missing label azure.workload.identity/use: "true" on the pod template: Deployment orders (namespace shop) …', objects), null);
  assert.equal(objectFirst('No ServiceAccount orders in namespace shop: Deployment orders (namespace shop) runs as it.', objects), null);
  assert.deepEqual(sentencesOf('Names must be lower case (e.g. "orders"). Use v1.6 instead. Third one?'), ['Names must be lower case (e.g. "orders").', 'Use v1.6 instead.', 'Third one?']);
  assert.equal(headOf('Missing label azure.workload.identity/use: "true" on the pod template: x'), 'Missing label azure.workload.identity/use');
  assert.equal(headOf('Wrong value; see https://example.com/a:b'), 'Wrong value');
});

test('every rule reports at least one message in its fixtures, so the checks below see every rule', async () => {
  const seen = new Set((await reported()).map((r) => r.ruleId));
  assert.deepEqual(allRules.map((r) => r.id).filter((id) => !seen.has(id)), []);
});

test('every message starts with what is wrong, not with the object it is about', async () => {
  const bad = (await reported()).map((r) => [r.where, objectFirst(r.message, r.objects), r.message]).filter(([, why]) => why);
  assert.deepEqual(bad, []);
});

test('every message is at most two sentences: the problem with its objects, and one of advice', async () => {
  const bad = (await reported()).filter((r) => sentencesOf(r.message).length > 2).map((r) => [r.where, r.message]);
  assert.deepEqual(bad, []);
});

test('the problem (before the first ": " or "; ") fits in what the Problems panel shows of the row at 1,400 px', async () => {
  const bad = (await reported()).filter((r) => headOf(r.message).length > visibleChars(r.ruleId))
    .map((r) => [r.where, `${headOf(r.message).length} > ${visibleChars(r.ruleId)}`, headOf(r.message)]);
  assert.deepEqual(bad, []);
});

test('findings of one rule in one file can be told apart by their messages', async () => {
  const byFile = new Map<string, Reported[]>();
  for (const r of await reported()) {
    const key = `${r.where}\u0000${r.file}`;
    byFile.set(key, [...(byFile.get(key) ?? []), r]);
  }
  const same: string[] = [];
  for (const list of byFile.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        if (list[i].message === list[j].message && list[i].range !== list[j].range) same.push(`${list[i].where} ${list[i].range} and ${list[j].range}: ${list[i].message}`);
      }
    }
  }
  assert.deepEqual(same, []);
});
