import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Outcome } from './suites';

/** Writes one campaign's counts for the closing total of run.mjs (test-results/ is not committed). */
export function writeCounts(name: string, o: Outcome, extra: Record<string, unknown> = {}): void {
  const dir = join(__dirname, '..', '..', 'test-results', 'fuzz');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify({ name, ...o.counts, violations: o.violations.length, known: Object.fromEntries(o.known), slow: o.slow, ...extra }, null, 2)}\n`);
}
