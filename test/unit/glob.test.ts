import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globToRegExp, matchesAnyGlob } from '../../src/core/text/glob';

test('exclude globs match as VS Code settings write them', () => {
  const m = (g: string, p: string) => globToRegExp(g).test(p);
  assert.equal(m('**/node_modules/**', 'node_modules/a/b.yaml'), true);
  assert.equal(m('**/node_modules/**', 'web/node_modules/x.yaml'), true);
  assert.equal(m('**/node_modules/**', 'web/node_modulesx/x.yaml'), false);
  assert.equal(m('charts/*/values.yaml', 'charts/api/values.yaml'), true);
  assert.equal(m('charts/*/values.yaml', 'charts/api/sub/values.yaml'), false);
  assert.equal(m('**/*.{yml,yaml}', 'a/b/c.yml'), true);
  assert.equal(m('**/*.{yml,yaml}', 'a/b/c.json'), false);
  assert.equal(m('values*.yaml', 'deep/dir/values-prod.yaml'), true, 'a pattern without a slash matches at any depth');
  assert.equal(m('secret?.yaml', 'secret1.yaml'), true);
  assert.equal(m('secret?.yaml', 'secret12.yaml'), false);
  assert.equal(m('test/fixtures', 'test/fixtures/rules/a.yaml'), true, 'a folder pattern covers its content');
  assert.equal(m('[ab].yaml', 'b.yaml'), true);
  assert.equal(m('[!ab].yaml', 'b.yaml'), false);
  assert.equal(m('a.b.yaml', 'aXb.yaml'), false, 'dots are literal');
});

test('matchesAnyGlob ignores blank patterns and normalises backslashes', () => {
  assert.equal(matchesAnyGlob('a\\b\\c.yaml', ['a/b/*.yaml']), true);
  assert.equal(matchesAnyGlob('a/b/c.yaml', ['', '  ']), false);
  assert.equal(matchesAnyGlob('a/b/c.yaml', []), false);
});
