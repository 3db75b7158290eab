import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../core/analyze';
import { InputError } from './files';

/**
 * A finding's fingerprint: what it is about, not where. A hash of the rule id, the text the finding marks and its
 * whole line (whitespace collapsed), and which occurrence of that same triple in the file it is (the first, the
 * second…). Lines moving up or down, re-indentation and edits elsewhere in the file keep it; changing the marked line
 * makes a new finding, as it should. The file is not part of it: baselines and code scanning match on rule and file
 * besides.
 */
export function fingerprints(findings: readonly Finding[], textOf: (file: string) => string | undefined): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const text = textOf(f.file) ?? '';
    const lineStart = text.lastIndexOf('\n', f.start - 1) + 1;
    let lineEnd = text.indexOf('\n', f.start);
    if (lineEnd < 0) lineEnd = text.length;
    const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
    const key = `${f.ruleId}\u0000${norm(text.slice(f.start, f.end))}\u0000${norm(text.slice(lineStart, lineEnd))}`;
    const n = (seen.get(`${f.file}\u0000${key}`) ?? 0) + 1;
    seen.set(`${f.file}\u0000${key}`, n);
    return createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 16);
  });
}

export interface BaselineEntry {
  ruleId: string;
  /** Relative to the baseline file's folder, with forward slashes. */
  file: string;
  fingerprint: string;
  /** For people reading the file; not matched. */
  message: string;
}

export interface Baseline {
  version: 1;
  findings: BaselineEntry[];
}

const rel = (baselineFile: string, file: string) => path.relative(path.dirname(baselineFile), file).split(path.sep).join('/');
const keyOf = (e: { ruleId: string; file: string; fingerprint: string }) => `${e.ruleId}\u0000${e.file}\u0000${e.fingerprint}`;

export async function readBaseline(file: string): Promise<Baseline> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read the baseline ${file}: ${(err as Error).message} (write one with --write-baseline)`);
  }
  let doc: Baseline;
  try {
    doc = JSON.parse(text) as Baseline;
  } catch (err) {
    throw new InputError(`the baseline ${file} is not JSON: ${(err as Error).message}`);
  }
  const ok = doc && doc.version === 1 && Array.isArray(doc.findings) &&
    doc.findings.every((e) => e && typeof e.ruleId === 'string' && typeof e.file === 'string' && typeof e.fingerprint === 'string');
  if (!ok) throw new InputError(`the baseline ${file} is not an aks-iam baseline (version 1 with findings of ruleId, file and fingerprint)`);
  return doc;
}

export function makeBaseline(baselineFile: string, findings: readonly (Finding & { fingerprint: string })[]): Baseline {
  const entries = findings.map((f) => ({ ruleId: f.ruleId, file: rel(baselineFile, f.file), fingerprint: f.fingerprint, message: f.message }));
  entries.sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint));
  return { version: 1, findings: entries };
}

export async function writeBaseline(baselineFile: string, baseline: Baseline): Promise<void> {
  await fs.mkdir(path.dirname(baselineFile), { recursive: true });
  await fs.writeFile(baselineFile, JSON.stringify(baseline, null, 2) + '\n');
}

/**
 * Splits findings into new ones and those the baseline holds (each entry absorbs one finding of the same rule, file
 * and fingerprint); `fixed` counts entries no finding matched any more.
 */
export function applyBaseline<T extends Finding & { fingerprint: string }>(baselineFile: string, baseline: Baseline, findings: readonly T[]): { fresh: T[]; known: number; fixed: number } {
  const left = new Map<string, number>();
  for (const e of baseline.findings) left.set(keyOf(e), (left.get(keyOf(e)) ?? 0) + 1);
  const fresh: T[] = [];
  let known = 0;
  for (const f of findings) {
    const k = keyOf({ ruleId: f.ruleId, file: rel(baselineFile, f.file), fingerprint: f.fingerprint });
    const n = left.get(k) ?? 0;
    if (n > 0) {
      left.set(k, n - 1);
      known++;
    } else fresh.push(f);
  }
  let fixed = 0;
  for (const n of left.values()) fixed += n;
  return { fresh, known, fixed };
}
