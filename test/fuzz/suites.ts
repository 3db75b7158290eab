/**
 * The fuzz campaigns, shared by `npm run test:fuzz` (large counts) and the sample in `npm test` (small counts).
 */
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Analyzer, type AnalyzerOptions } from '../../src/core/analyze';
import { allRules } from '../../src/core/rules/registry';
import { listCases } from '../support/fixtures';
import { addCounts, checkWorkspace, newCounts, type Counts, type Violation } from './check';
import { hostileCases, mutateRandomly, workspace } from './generators';
import { KNOWN } from './known-issues';
import { prng } from '../../bench/corpus';

const ROOT = join(__dirname, '..', '..');

export interface Outcome {
  counts: Counts;
  violations: Violation[];
  /** Violations matching a known issue (a rule owned elsewhere): counted and reported, not failed. */
  known: Map<string, number>;
  /** The slowest inputs, to find what makes analysis slow. */
  slow: { name: string; ms: number; bytes: number }[];
}

export function newOutcome(): Outcome {
  return { counts: newCounts(), violations: [], known: new Map(), slow: [] };
}

function record(out: Outcome, r: { counts: Counts; violations: Violation[] }): void {
  addCounts(out.counts, r.counts);
  for (const v of r.violations) {
    const k = KNOWN.find((x) => x.property === v.property && x.match.test(v.detail));
    if (k) out.known.set(k.id, (out.known.get(k.id) ?? 0) + 1);
    else out.violations.push(v);
  }
}

export function seedFromEnv(fallback: number): number {
  const s = Number(process.env.FUZZ_SEED);
  return Number.isFinite(s) && process.env.FUZZ_SEED ? s : fallback;
}

/** fast-check over generated workspaces of manifests; fix-all is checked on every `fixAllEvery`-th. */
export function runGenerated(runs: number, seed: number, fixAllEvery = 1): Outcome {
  const out = newOutcome();
  let i = 0;
  fc.assert(fc.property(workspace, (files) => {
    const result = checkWorkspace(files, { fixBudget: 12, fixAll: i++ % fixAllEvery === 0 });
    record(out, result);
    noteSlow(out, `generated ${files.map((f) => f.path).join(', ')}`, result.counts.maxMs, files.reduce((n, f) => n + f.text.length, 0));
    return true;
  }), { numRuns: runs, seed });
  return out;
}

export interface SeedGroup {
  name: string;
  files: { path: string; text: string }[];
  options: AnalyzerOptions;
}

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

/** Every example and fixture file: rule cases with their options (cloud data), the rest grouped by folder. */
export function seedGroups(): SeedGroup[] {
  const groups: SeedGroup[] = [];
  for (const rule of allRules) {
    for (const c of listCases(rule.id)) {
      groups.push({ name: `rules/${rule.id}/${c.name}`, files: c.files.map((f) => ({ path: f.name, text: f.text })), options: c.options });
    }
  }
  const byDir = new Map<string, SeedGroup>();
  const rulesDir = join(ROOT, 'test', 'fixtures', 'rules');
  for (const p of [...yamlFiles(join(ROOT, 'examples')), ...yamlFiles(join(ROOT, 'test', 'fixtures'))]) {
    const rel = relative(ROOT, p).split('\\').join('/');
    if (p.startsWith(rulesDir) && !/\.fixed\.ya?ml$/.test(p)) continue;
    const dir = dirname(rel);
    let g = byDir.get(dir);
    if (!g) byDir.set(dir, (g = { name: dir, files: [], options: {} }));
    g.files.push({ path: rel, text: readFileSync(p, 'utf8') });
  }
  return [...groups, ...byDir.values()];
}

/** mulberry32, the benchmarks' seeded generator, for the byte-level mutations. */
export { prng };

function noteSlow(out: Outcome, name: string, ms: number, bytes: number): void {
  if (out.slow.length >= 5 && ms <= out.slow[out.slow.length - 1].ms) return;
  out.slow.push({ name, ms: Math.round(ms), bytes });
  out.slow.sort((a, b) => b.ms - a.ms);
  out.slow.length = Math.min(out.slow.length, 5);
}

/**
 * The unmutated seeds (every fixable finding's fixes on every fixture), then `perGroup` mutations of each; fixes
 * are verified on every `fixEvery`-th mutated input (all of them are analysed).
 */
export function runMutations(perGroup: number, seed: number, groups = seedGroups(), fixEvery = 1): Outcome {
  const out = newOutcome();
  const r = prng(seed);
  for (const g of groups) {
    record(out, checkWorkspace(g.files, { analyzer: g.options }));
    for (let i = 0; i < perGroup; i++) {
      const target = g.files[Math.floor(r() * g.files.length)];
      const { text, applied } = mutateRandomly(target.text, r);
      const files = g.files.map((f) => (f === target ? { path: f.path, text } : f));
      // Fixes are checked on every mutated input except the huge ones, which check only that analysis survives.
      const result = checkWorkspace(files, { analyzer: g.options, focus: [target.path], fixes: i % fixEvery === 0 && text.length < 20_000, fixBudget: 12 });
      record(out, result);
      noteSlow(out, `${target.path} after ${applied.join(', ')}`, result.counts.maxMs, text.length);
    }
  }
  return out;
}

export interface HostileOutcome extends Outcome {
  cases: { name: string; ms: number; findings: string[]; expected?: string; bytes: number }[];
}

/** Hostile inputs: each must finish, within a bound the caller asserts, and report what it expects. */
export function runHostile(): HostileOutcome {
  const out: HostileOutcome = { ...newOutcome(), cases: [] };
  for (const c of hostileCases()) {
    const t0 = performance.now();
    const r = checkWorkspace([{ path: 'hostile.yaml', text: c.text }], { fixes: c.text.length < 200_000 });
    const ms = performance.now() - t0;
    record(out, r);
    const a = new Analyzer();
    a.setFile('hostile.yaml', c.text);
    out.cases.push({ name: c.name, ms, findings: [...new Set(a.analyzeFile('hostile.yaml').map((f) => f.ruleId))], expected: c.expect, bytes: c.text.length });
  }
  return out;
}

export function describeOutcome(label: string, o: Outcome): string {
  const c = o.counts;
  const known = [...o.known.entries()].map(([k, n]) => `${k} ×${n}`).join(', ');
  return `${label}: ${c.inputs} inputs, ${c.files} files analysed, ${c.findings} findings, ${c.fixesVerified} fixes verified, ${c.fixAllVerified} fix-all runs verified, ${c.fixesOnBrokenYaml} fixes applied to YAML with syntax errors (finding stayed after ${c.stillReportedOnBrokenYaml}), slowest input ${Math.round(c.maxMs)} ms, ${o.violations.length} violations${known ? `; known issues: ${known}` : ''}`;
}

export function describeViolations(vs: Violation[], max = 5): string {
  return vs.slice(0, max).map((v) => `- ${v.property}: ${v.detail}\n  in ${v.path}:\n${v.text.split('\n').slice(0, 40).map((l) => `    | ${l}`).join('\n')}`).join('\n');
}
