import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig, parseConfigText } from '../../src/core/config/config';
import { ConfigResolver, ignoredBy, isExcludedByConfig } from '../../src/core/config/resolve';
import { configSchema, SCHEMA_PATH, starterConfig } from '../../src/core/config/schema';
import { Analyzer } from '../../src/core/analyze';
import { allRules } from '../../src/core/rules/registry';

const ROOT = resolve(__dirname, '..', '..');
const R = resolve('/repo');
const p = (...parts: string[]) => join(R, ...parts);

/** An in-memory file system: paths relative to /repo. */
function host(files: Record<string, string>, roots: string[] = ['']) {
  const abs = new Map(Object.entries(files).map(([k, v]) => [p(k), v]));
  return { readFile: (f: string) => abs.get(f) ?? null, isRoot: (d: string) => roots.some((r) => p(r) === d) };
}

describe('parsing and validation', () => {
  test('every key is read', () => {
    const { config, problems } = parseConfigText(`rules:\n  rbac-wildcard: error\n  wi-client-id-format: off\nexclude: ["gen/**"]\nnamespace: shop\nplaceholders: ["^__.*__$"]\nsnapshot: snap.json\nignore:\n  - path: legacy/**\n    reason: old\n  - path: rbac-wildcard@ops/**\n    reason: operators\n  - rule: wi-client-id-format\n    path: x.yaml\n    reason: r\n`, p('.aks-iam.yaml'));
    assert.deepEqual(problems, []);
    assert.deepEqual(config.rules, { 'rbac-wildcard': 'error', 'wi-client-id-format': 'off' });
    assert.deepEqual(config.exclude, ['gen/**']);
    assert.equal(config.namespace, 'shop');
    assert.deepEqual(config.placeholders, ['^__.*__$']);
    assert.equal(config.snapshot, p('snap.json'));
    assert.deepEqual(config.ignore.map((e) => [e.rule, e.path, e.reason]), [[null, 'legacy/**', 'old'], ['rbac-wildcard', 'ops/**', 'operators'], ['wi-client-id-format', 'x.yaml', 'r']]);
  });

  test('an empty file or one of comments is an empty configuration', () => {
    assert.deepEqual(parseConfigText('', 'f').problems, []);
    assert.deepEqual(parseConfigText('# nothing yet\n', 'f').problems, []);
  });

  test('nothing is silently ignored: each mistake is a problem at its place', () => {
    const text = 'rules:\n  rbac-wildcrd: error\n  rbac-wildcard: loud\nnamespce: x\nnamespace: Shop\nplaceholders: ["("]\nexclude: gen/**\nignore:\n  - path: legacy/**\n  - path: nosuch-rule@x\n    rule: nosuch\n    reason: r\n';
    const { problems } = parseConfigText(text, 'f');
    const at = (frag: string) => problems.find((x) => x.message.includes(frag));
    assert.match(at('unknown rule id "rbac-wildcrd"')!.message, /did you mean "rbac-wildcard"/);
    assert.deepEqual([at('rbac-wildcrd')!.line, at('rbac-wildcrd')!.character], [1, 2]);
    assert.ok(at('must be error, warning, info or off, not "loud"'));
    assert.match(at('unknown key "namespce"')!.message, /did you mean "namespace"/);
    assert.equal(at('unknown key "namespce"')!.line, 3);
    assert.ok(at('namespace must be a Kubernetes namespace name'));
    assert.ok(at('placeholders: not a regular expression'));
    assert.ok(at('exclude must be a list of strings'));
    assert.equal(at('needs a reason')!.line, 8);
    assert.ok(at('unknown rule id "nosuch"'));
    assert.equal(problems.length, 8);
  });

  test('YAML syntax errors and a top level that is not a map are problems', () => {
    assert.equal(parseConfigText('rules: [\n', 'f').problems.length > 0, true);
    assert.match(parseConfigText('- a\n', 'f').problems[0].message, /must be a map/);
    assert.match(parseConfigText('rules: {}\nrules: {}\n', 'f').problems[0].message, /unique/i);
  });
});

describe('extends', () => {
  test('bases merge in order, the file itself wins; lists accumulate; snapshot resolves against the file naming it', () => {
    const h = host({
      'base/a.yaml': 'rules:\n  rbac-wildcard: error\n  wi-client-id-format: info\nexclude: ["gen/**"]\nnamespace: a\nsnapshot: snap.json\n',
      'base/b.yaml': 'extends: a.yaml\nrules:\n  wi-client-id-format: warning\nnamespace: b\n',
      'app/.aks-iam.yaml': 'extends: [../base/b.yaml]\nrules:\n  rbac-wildcard: off\nexclude: ["tmp/**"]\n',
    });
    const c = loadConfig(p('app/.aks-iam.yaml'), h.readFile);
    assert.deepEqual(c.rules, { 'rbac-wildcard': 'off', 'wi-client-id-format': 'warning' });
    assert.deepEqual(c.exclude, ['gen/**', 'tmp/**']);
    assert.equal(c.namespace, 'b');
    assert.equal(c.snapshot, p('base/snap.json'));
    assert.equal(c.dir, p('app'));
    assert.deepEqual(c.files, [p('app/.aks-iam.yaml'), p('base/b.yaml'), p('base/a.yaml')]);
  });

  test('a missing base, a loop and a base\'s own mistakes are errors naming the file and place', () => {
    const h = host({
      'a.yaml': 'extends: b.yaml\n',
      'b.yaml': 'extends: a.yaml\nrulez: {}\n',
      'c.yaml': 'rules: {}\nextends:\n  - nowhere.yaml\n',
    });
    assert.throws(() => loadConfig(p('c.yaml'), h.readFile), (e: ConfigError) => e.problems[0].line === 2 && /cannot read nowhere.yaml/.test(e.problems[0].message));
    assert.throws(() => loadConfig(p('a.yaml'), h.readFile), (e: ConfigError) =>
      e.problems.some((x) => x.file === p('b.yaml') && /a loop/.test(x.message)) && e.problems.some((x) => x.file === p('b.yaml') && /unknown key "rulez"/.test(x.message)));
  });
});

describe('which configuration applies', () => {
  const files = {
    '.aks-iam.yaml': 'namespace: top\nexclude: ["gen/**"]\nignore:\n  - path: legacy/**\n    reason: old\n',
    'svc/.aks-iam.yml': 'extends: ../.aks-iam.yaml\nnamespace: svc\n',
    'svc/deep/.aks-iam.yaml': 'rules:\n  rbac-wildcard: off\n',
    'svc/deep/.aks-iam.yml': 'namespace: ignored-yml\n',
  };
  test('the nearest wins; .yaml before .yml; the walk stops at the repository root', () => {
    const r = new ConfigResolver(host({ ...files, '../outside/.aks-iam.yaml': 'namespace: out\n' }));
    assert.equal(r.forFile(p('a.yaml')).config?.namespace, 'top');
    assert.equal(r.forFile(p('svc/x/y.yaml')).config?.namespace, 'svc');
    assert.equal(r.forFile(p('svc/deep/z.yaml')).file, p('svc/deep/.aks-iam.yaml'));
    assert.equal(r.forFile(p('svc/deep/z.yaml')).config?.namespace, undefined, 'nearest wins: no cascading without extends');
    const nested = new ConfigResolver(host({ 'sub/x.yaml': '' }, ['sub']));
    assert.equal(nested.forFile(p('sub/x.yaml')).config, null);
  });

  test('globs are relative to the applying configuration\'s folder, also those inherited', () => {
    const r = new ConfigResolver(host(files));
    const top = r.forFile(p('gen/a.yaml')).config!;
    assert.equal(isExcludedByConfig(top, p('gen/a.yaml')), true);
    assert.equal(isExcludedByConfig(top, p('src/a.yaml')), false);
    const svc = r.forFile(p('svc/gen/a.yaml')).config!;
    assert.equal(isExcludedByConfig(svc, p('svc/gen/a.yaml')), true);
    assert.equal(ignoredBy(svc, p('svc/legacy/x.yaml'), 'rbac-wildcard')?.reason, 'old');
    assert.equal(ignoredBy(svc, p('svc/new/x.yaml'), 'rbac-wildcard'), null);
  });

  test('an invalid configuration is reported with its file, and the lookup does not throw', () => {
    const r = new ConfigResolver(host({ '.aks-iam.yaml': 'rules:\n  nope: off\n' }));
    const l = r.forFile(p('a.yaml'));
    assert.equal(l.config, null);
    assert.equal(l.file, p('.aks-iam.yaml'));
    assert.match(l.error!.message, /\.aks-iam\.yaml:2:3: unknown rule id "nope"/);
  });
});

describe('placeholders', () => {
  test('a configuration\'s patterns make matching values unknown, per file, and changing them re-reads', () => {
    const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  annotations:\n    azure.workload.identity/client-id: "@@CLIENT@@"\n';
    let patterns: RegExp[] = [/^@@\w+@@$/];
    const a = new Analyzer({ placeholdersFor: (f) => (f === 'a.yaml' ? patterns : []) });
    a.setFile('a.yaml', sa);
    a.setFile('b.yaml', sa.replace('name: api', 'name: web'));
    assert.deepEqual(a.analyzeFile('a.yaml').map((f) => f.ruleId).filter((id) => id === 'wi-client-id-format'), []);
    assert.deepEqual(a.analyzeFile('b.yaml').map((f) => f.ruleId).filter((id) => id === 'wi-client-id-format'), ['wi-client-id-format']);
    patterns = [];
    a.configure({ placeholdersFor: (f) => (f === 'a.yaml' ? patterns : []) });
    assert.deepEqual(a.analyzeFile('a.yaml').map((f) => f.ruleId).filter((id) => id === 'wi-client-id-format'), ['wi-client-id-format']);
  });
});

describe('schema', () => {
  test('the committed schema is the generated one (npm run docs writes it)', () => {
    assert.deepEqual(JSON.parse(readFileSync(join(ROOT, SCHEMA_PATH), 'utf8')), configSchema());
  });

  test('it names every rule and every key the reader knows', () => {
    const s = configSchema() as { properties: Record<string, { properties?: Record<string, unknown> }> };
    assert.deepEqual(Object.keys(s.properties.rules.properties!), allRules.map((r) => r.id));
    assert.deepEqual(Object.keys(s.properties).sort(), ['exclude', 'extends', 'ignore', 'namespace', 'placeholders', 'rules', 'snapshot']);
  });

  test('the starter file is valid and changes nothing but the default exclude', () => {
    const { config, problems } = parseConfigText(starterConfig(), 'f');
    assert.deepEqual(problems, []);
    assert.deepEqual(config.rules, {});
    assert.deepEqual(config.exclude, ['**/node_modules/**']);
  });
});
