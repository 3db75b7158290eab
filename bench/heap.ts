/**
 * Heap of an indexed corpus, measured in a fresh process (run with --expose-gc): prints one JSON line.
 * Usage: node --expose-gc --import tsx bench/heap.ts <documents>
 */
import { Analyzer } from '../src/core/analyze';
import { generateCorpus } from './corpus';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

function settle(): number {
  for (let i = 0; i < 3; i++) gc!();
  return process.memoryUsage().heapUsed;
}

const docs = Number(process.argv[2] ?? 10000);
const corpus = generateCorpus({ docs });
const bytes = corpus.reduce((s, f) => s + f.text.length, 0);
// Load the engine's modules (rules, knowledge data) before the baseline, so that only the index is counted.
new Analyzer().setFile('warm.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: x\n');
const before = settle();
const analyzer = new Analyzer();
for (const f of corpus) analyzer.setFile(f.path, f.text);
const indexed = settle();
const findings = analyzer.analyzeAll().length;
const analysed = settle();
console.log(JSON.stringify({
  docs, files: corpus.length, bytes, findings,
  heapBeforeMB: before / 2 ** 20, heapIndexedMB: indexed / 2 ** 20, heapAfterAnalysisMB: analysed / 2 ** 20,
  indexMB: (indexed - before) / 2 ** 20, rssMB: process.memoryUsage().rss / 2 ** 20,
}));
