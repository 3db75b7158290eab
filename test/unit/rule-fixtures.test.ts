import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allRules } from '../../src/core/rules/registry';
import { Analyzer } from '../../src/core/analyze';
import { analyzeFiles, applyAllFixes, applyAllSuggestions, isIacCase, listCases, readOrSeed, runCase, stringifyExpected, toExpected } from '../support/fixtures';

for (const rule of allRules) {
  for (const c of listCases(rule.id)) {
    test(`${rule.id} / ${c.name}`, async () => {
      const { findings } = await runCase(c);
      const actual = toExpected(findings, c.files.length > 1);
      const expectedText = readOrSeed(c.expectedPath, stringifyExpected(actual));
      assert.ok(expectedText !== null, `missing ${c.expectedPath}`);
      assert.deepEqual(actual, JSON.parse(expectedText));

      if (c.suggestedPath) {
        // A suggestion is applied one at a time from the menu: its text is exact, and it repairs what it claims to.
        assert.equal(c.files.length, 1, 'suggested fixtures are single-file cases');
        const suggested = applyAllSuggestions(c.files[0].text, findings);
        assert.equal(suggested, readOrSeed(c.suggestedPath, suggested));
        const after = await analyzeFiles([{ name: c.files[0].name, text: suggested }], c.options);
        assert.deepEqual(after.analyzeAll().filter((f) => f.ruleId === rule.id).map((f) => f.message), [], 'the rule still fires after its suggestions');
      }
      // Seed a fixed fixture only for cases where every finding offers a fix; others are unfixable cases.
      const seedFixed = rule.fixable && actual.length > 0 && c.files.length === 1 && findings.every((f) => f.fixes.length > 0) && process.env.UPDATE_FIXTURES === '1';
      if (!c.fixedPath && !seedFixed) return;
      assert.equal(c.files.length, 1, 'fixed fixtures are single-file cases');
      const fixedText = applyAllFixes(c.files[0].text, findings);
      const expectedFixed = readOrSeed(c.fixedPath ?? c.files[0].path.replace(/\.(ya?ml|tf)$/, (m) => `.fixed${m === '.tf' ? '.tf' : '.yaml'}`), fixedText);
      assert.equal(fixedText, expectedFixed);
      if (isIacCase(c)) {
        const after = await analyzeFiles([{ name: c.files[0].name, text: fixedText }], c.options);
        assert.deepEqual(after.analyzeAll().filter((f) => f.ruleId === rule.id).map((f) => f.message), [], 'the rule still fires after its fixes');
        return;
      }
      // The fix repairs what it claims to: the rule is quiet afterwards and the YAML still parses.
      const again = new Analyzer(c.options);
      const entry = again.setFile(c.files[0].name, fixedText);
      const before = new Analyzer(c.options).setFile(c.files[0].name, c.files[0].text);
      assert.equal(entry.parsed.errors.length, before.parsed.errors.length, 'the fix introduced a YAML error');
      const left = again.analyzeAll().filter((f) => f.ruleId === rule.id);
      assert.deepEqual(left.map((f) => f.message), [], 'the rule still fires after its fixes');
    });
  }
}
