import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Outcome } from './suites';

const DIR = join(__dirname, '..', '..', 'test-results', 'fuzz');

/** Property and rule id of a violation, to group them. */
export function category(v: { property: string; detail: string }): string {
  return `${v.property} | ${v.detail.split(/[ :]/)[0]}`;
}

/**
 * Writes one campaign's counts for the closing total of run.mjs, and the first inputs of each kind of violation
 * in full, to reproduce them (test-results/ is not committed).
 */
export function writeCounts(name: string, o: Outcome, extra: Record<string, unknown> = {}): void {
  mkdirSync(join(DIR, 'violations'), { recursive: true });
  const byCategory: Record<string, number> = {};
  for (const v of o.violations) {
    const c = category(v);
    byCategory[c] = (byCategory[c] ?? 0) + 1;
    if (byCategory[c] <= 3) {
      const file = join(DIR, 'violations', `${name}-${Object.keys(byCategory).indexOf(c)}-${byCategory[c]}.yaml`);
      writeFileSync(file, `# ${v.property}: ${v.detail.split('\n')[0]}\n# file: ${v.path}\n${v.text}`);
    }
  }
  writeFileSync(join(DIR, `${name}.json`), `${JSON.stringify({ name, ...o.counts, violations: o.violations.length, byCategory, known: Object.fromEntries(o.known), slow: o.slow, ...extra }, null, 2)}\n`);
}
