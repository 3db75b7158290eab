/**
 * Benchmarks of issue 7: full analysis against the `yaml` parse floor, keystroke re-analysis in an indexed
 * workspace, yaml-language-server's validation of the same large file, heap, cold start and bundle size.
 * Prints one table and writes bench/results.json. `--quick` runs smaller sizes in well under a minute.
 *
 * Usage: npm run bench [-- --quick] [-- --sizes 1000,10000] [-- --only floor,keystroke,yls,heap,cold,bundle] [-- --off rule-id,…]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { parseAllDocuments } from 'yaml';
import { PARSE_OPTIONS } from '../src/core/yaml/parse';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';
import { generateCorpus, largeFile, prng, type CorpusFile } from './corpus';
import { quantile, round, summary, timed, timedAsync, type Summary, type Timing } from './stats';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const SCRATCH = join(HERE, 'corpus');

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const only = new Set((opt('only') ?? 'floor,keystroke,yls,heap,cold,bundle').split(','));

const config = quick
  ? { sizes: [250, 500, 1000], runs: 3, workspaceFiles: 200, edits: 200, relints: 2, largeDocs: 200, ylsRuns: 3, heapSizes: [1000, 2000], coldRuns: 3 }
  : { sizes: [1000, 10000, 50000], runs: 5, workspaceFiles: 5000, edits: 200, relints: 3, largeDocs: 1000, ylsRuns: 5, heapSizes: [10000, 50000], coldRuns: 5 };
if (opt('sizes')) config.sizes = opt('sizes')!.split(',').map(Number);
// `--off rule-a,rule-b`: measure with these rules turned off (to see what one rule costs).
const RULES: Record<string, 'off'> = Object.fromEntries((opt('off') ?? '').split(',').filter(Boolean).map((id) => [id, 'off' as const]));

// The engine is measured as it ships: bundled by esbuild with the production options. Run from TypeScript
// sources through a loader, every function gets a naming wrapper that costs a few percent on its own.
mkdirSync(SCRATCH, { recursive: true });
const ENGINE_BUNDLE = join(SCRATCH, 'engine.cjs');
// BENCH_NO_MINIFY=1 keeps function names for a readable --cpu-prof.
esbuild.buildSync({ entryPoints: [join(HERE, 'engine.ts')], outfile: ENGINE_BUNDLE, bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: !process.env.BENCH_NO_MINIFY, legalComments: 'none', logLevel: 'error' });
const { Analyzer, crossFileSignature } = createRequire(import.meta.url)(ENGINE_BUNDLE) as typeof import('./engine');

// The floor parses with exactly the options the engine gives the parser.
const FLOOR_OPTIONS = PARSE_OPTIONS;

function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// Full analysis against the parse floor.

interface FloorResult {
  docs: number;
  files: number;
  bytes: number;
  findings: number;
  floor: { wall: Summary; cpu: Summary };
  full: { wall: Summary; cpu: Summary };
  /** Of the full analysis: building the index (parse + model) and running the rules. */
  index: { cpu: Summary };
  rules: { cpu: Summary };
  /** median(full) / median(floor), and the range of the per-pair ratios. */
  ratioCpu: number;
  ratioWall: number;
  pairRatiosCpu: { min: number; max: number };
  msPerThousandDocsCpu: number;
}

function parseFloor(corpus: CorpusFile[]): number {
  let n = 0;
  for (const f of corpus) n += parseAllDocuments(f.text, FLOOR_OPTIONS).length;
  return n;
}

function fullAnalysis(corpus: CorpusFile[]): { findings: number; index: Timing; rules: Timing } {
  const analyzer = new Analyzer({ rules: RULES });
  const index = timed(() => {
    for (const f of corpus) analyzer.setFile(f.path, f.text);
  }).t;
  const { value, t: rules } = timed(() => analyzer.analyzeAll());
  if (analyzer.internalErrors.length) throw new Error(`internal errors: ${JSON.stringify(analyzer.internalErrors[0])}`);
  return { findings: value.length, index, rules };
}

function benchFloor(docs: number): FloorResult {
  const corpus = generateCorpus({ docs });
  const bytes = corpus.reduce((s, f) => s + f.text.length, 0);
  const runs = docs >= 50000 ? Math.min(config.runs, 3) : config.runs;
  // One untimed round of each so both paths are compiled before anything counts.
  const warm = corpus.slice(0, Math.min(corpus.length, 20));
  parseFloor(warm);
  fullAnalysis(warm);
  const floor: Timing[] = [];
  const full: Timing[] = [];
  const index: number[] = [];
  const rules: number[] = [];
  let findings = 0;
  for (let r = 0; r < runs; r++) {
    // Interleaved, alternating which goes first, so drift on a shared machine hits both alike.
    const first = r % 2 === 0;
    const doFloor = () => floor.push(timed(() => parseFloor(corpus)).t);
    const doFull = () => {
      const { value, t } = timed(() => fullAnalysis(corpus));
      full.push(t);
      index.push(value.index.cpu);
      rules.push(value.rules.cpu);
      findings = value.findings;
    };
    if (first) { doFloor(); doFull(); } else { doFull(); doFloor(); }
    log(`  ${docs} docs run ${r + 1}/${runs}: floor ${Math.round(floor[r].cpu)} ms cpu, full ${Math.round(full[r].cpu)} ms cpu`);
  }
  const s = (xs: Timing[], k: keyof Timing) => summary(xs.map((x) => x[k]));
  const pair = floor.map((f, i) => full[i].cpu / f.cpu);
  const fullCpu = s(full, 'cpu');
  const floorCpu = s(floor, 'cpu');
  return {
    docs, files: corpus.length, bytes, findings,
    floor: { wall: s(floor, 'wall'), cpu: floorCpu },
    full: { wall: s(full, 'wall'), cpu: fullCpu },
    index: { cpu: summary(index) },
    rules: { cpu: summary(rules) },
    ratioCpu: round(fullCpu.median / floorCpu.median),
    ratioWall: round(s(full, 'wall').median / s(floor, 'wall').median),
    pairRatiosCpu: { min: round(Math.min(...pair)), max: round(Math.max(...pair)) },
    msPerThousandDocsCpu: round(fullCpu.median / (docs / 1000)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Keystroke re-analysis in an indexed workspace.

interface KeystrokeResult {
  files: number;
  docs: number;
  indexSeconds: number;
  edits: number;
  /** setFile + crossFileSignature + analyzeFile of the edited file: what the user waits for (wall and CPU). */
  editedFileMs: { p50: number; p95: number; p99: number; max: number };
  editedFileCpuMs: { p50: number; p95: number; p99: number; max: number };
  /** The same, split by the edited file's size: most files are small, a few hold up to 200 documents. */
  bySize: { files: string; edits: number; cpuMs: { p50: number; p95: number; p99: number; max: number } }[];
  /** `yaml.parseAllDocuments` of the edited file's new text alone: the floor without an incremental parser. */
  parseFloorCpuMs: { p50: number; p95: number; p99: number; max: number };
  /** Edits whose cross-file signature changed; the editor then re-analyses every other file in background slices. */
  signatureChanged: number;
  /** Re-analysis of every other file after such an edit (measured on a few of them), total work in ms. */
  othersMs: Summary | null;
}

function benchKeystroke(): KeystrokeResult {
  const corpus = generateCorpus({ files: config.workspaceFiles, seed: 5 });
  const analyzer = new Analyzer({ rules: RULES });
  const signatures = new Map<string, string>();
  const indexing = timed(() => {
    for (const f of corpus) signatures.set(f.path, crossFileSignature(analyzer.setFile(f.path, f.text)));
  }).t;
  const rnd = prng(99);
  const texts = new Map(corpus.map((f) => [f.path, f.text]));
  const editMs: number[] = [];
  const editCpu: number[] = [];
  const floorCpu: number[] = [];
  const docsOf: number[] = [];
  const othersMs: number[] = [];
  let changed = 0;
  for (let i = 0; i < config.edits; i++) {
    const f = corpus[Math.floor(rnd() * corpus.length)];
    const text = texts.get(f.path)!;
    // Typing one character at the end of a random line that has a value.
    const lines = text.split('\n');
    let li = Math.floor(rnd() * lines.length);
    for (let k = 0; k < lines.length && !/: \S/.test(lines[li]); k++) li = (li + 1) % lines.length;
    const at = lines.slice(0, li + 1).join('\n').length;
    const next = text.slice(0, at) + 'abcdefghij'[i % 10] + text.slice(at);
    texts.set(f.path, next);
    const { value: sig, t } = timed(() => {
      const entry = analyzer.setFile(f.path, next);
      const s = crossFileSignature(entry);
      analyzer.analyzeFile(f.path);
      return s;
    });
    editMs.push(t.wall);
    editCpu.push(t.cpu);
    docsOf.push(f.docs);
    floorCpu.push(timed(() => parseAllDocuments(next, FLOOR_OPTIONS)).t.cpu);
    if (sig !== signatures.get(f.path)) {
      changed++;
      signatures.set(f.path, sig);
      if (othersMs.length < config.relints) {
        const t1 = performance.now();
        for (const o of analyzer.index.files()) if (o.path !== f.path) analyzer.analyzeFile(o.path);
        othersMs.push(performance.now() - t1);
      }
    }
  }
  const qs = (xs: number[]) => ({ p50: round(quantile(xs, 0.5)), p95: round(quantile(xs, 0.95)), p99: round(quantile(xs, 0.99)), max: round(Math.max(...xs)) });
  return {
    files: corpus.length, docs: corpus.reduce((s, f) => s + f.docs, 0), indexSeconds: round(indexing.wall / 1000),
    edits: editMs.length,
    editedFileMs: qs(editMs),
    editedFileCpuMs: qs(editCpu),
    bySize: [[1, 4], [5, 30], [31, 200]].map(([lo, hi]) => {
      const xs = editCpu.filter((_, i) => docsOf[i] >= lo && docsOf[i] <= hi);
      return { files: `${lo}–${hi} documents`, edits: xs.length, cpuMs: xs.length ? qs(xs) : qs([0]) };
    }),
    parseFloorCpuMs: qs(floorCpu),
    signatureChanged: changed,
    othersMs: othersMs.length ? summary(othersMs) : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// yaml-language-server's validation of the same large file.

interface YlsResult {
  docs: number;
  bytes: number;
  oursMs: Summary;
  theirsMs: Summary;
  ratio: number;
  ourFindings: number;
  theirDiagnostics: number;
  note: string;
}

async function benchYls(): Promise<YlsResult> {
  const { getLanguageService } = await import('yaml-language-server');
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  const ls = getLanguageService({
    schemaRequestService: async () => '{}',
    workspaceContext: { resolveRelativePath: (rel: string) => rel },
  });
  // No schema is associated (the schema store is off): the cheapest validation it does, syntax and structure only.
  ls.configure({ validate: true, hover: false, completion: false, format: false, customTags: [], yamlVersion: '1.2', schemas: [] });
  const big = largeFile(config.largeDocs);
  let version = 0;
  const ours = () => {
    const a = new Analyzer({ rules: RULES });
    a.setFile(big.path, big.text);
    return a.analyzeFile(big.path).length;
  };
  // A new document version each time: the server caches parsed documents per version.
  const theirs = async () => (await ls.doValidation(TextDocument.create('file:///bench/large.yaml', 'yaml', ++version, big.text), false)).length;
  ours();
  await theirs();
  const o: number[] = [];
  const t: number[] = [];
  let ourFindings = 0;
  let theirDiagnostics = 0;
  for (let r = 0; r < config.ylsRuns; r++) {
    const a = timed(ours);
    const b = await timedAsync(theirs);
    o.push(a.t.wall);
    t.push(b.t.wall);
    ourFindings = a.value;
    theirDiagnostics = b.value;
  }
  const os = summary(o);
  const ts = summary(t);
  return {
    docs: big.docs, bytes: big.text.length, oursMs: os, theirsMs: ts, ratio: round(os.median / ts.median),
    ourFindings, theirDiagnostics,
    note: 'yaml-language-server getLanguageService().doValidation, no schema associated; ours: setFile + analyzeFile on a fresh Analyzer',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Heap (fresh process each), cold start, bundle size.

interface HeapResult {
  docs: number;
  files: number;
  bytes: number;
  heapIndexedMB: number;
  indexMB: number;
  heapAfterAnalysisMB: number;
}

function benchHeap(docs: number): HeapResult {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(HERE, 'heap.ts'), String(docs)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`heap.ts failed: ${r.stderr}`);
  const j = JSON.parse(r.stdout.trim().split('\n').pop()!);
  return { docs, files: j.files, bytes: j.bytes, heapIndexedMB: round(j.heapIndexedMB, 1), indexMB: round(j.indexMB, 1), heapAfterAnalysisMB: round(j.heapAfterAnalysisMB, 1) };
}

interface ColdResult {
  /** From require() of a bundle of the engine to the first findings of one file, in a fresh node process. */
  requireToFindingsMs: Summary;
  /** Of that: the require alone. */
  requireMs: Summary;
  /** `node dist/cli.js lint <file>` as a whole process, minus an empty `node -e ""`. */
  cliProcessMs: Summary | null;
  bundle: string;
}

async function benchCold(): Promise<ColdResult> {
  // The engine as the extension bundles it (production options), without the vscode adapters it cannot load here.
  const bundle = ENGINE_BUNDLE;
  const file = join(SCRATCH, 'cold.yaml');
  writeFileSync(file, generateCorpus({ docs: 8 })[0].text);
  const script = `const t0=performance.now();const {Analyzer}=require(${JSON.stringify(bundle)});const t1=performance.now();` +
    `const a=new Analyzer({rules:${JSON.stringify(RULES)}});const p=${JSON.stringify(file)};a.setFile(p,require('fs').readFileSync(p,'utf8'));const f=a.analyzeFile(p);` +
    'console.log(JSON.stringify({req:t1-t0,total:performance.now()-t0,findings:f.length}))';
  const req: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < config.coldRuns; i++) {
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const j = JSON.parse(r.stdout);
    req.push(j.req);
    total.push(j.total);
  }
  let cliProcessMs: Summary | null = null;
  const cli = join(ROOT, 'dist/cli.js');
  if (existsSync(cli)) {
    const d: number[] = [];
    for (let i = 0; i < config.coldRuns; i++) {
      const e = timed(() => spawnSync(process.execPath, ['-e', ''])).t.wall;
      const c = timed(() => spawnSync(process.execPath, [cli, 'lint', file, '--fail-on', 'none'], { encoding: 'utf8' })).t.wall;
      d.push(c - e);
    }
    cliProcessMs = summary(d);
  }
  return { requireToFindingsMs: summary(total), requireMs: summary(req), cliProcessMs, bundle: 'the engine (bench/engine.ts) bundled and minified by esbuild' };
}

interface BundleResult {
  extensionJsBytes: number | null;
  /** The same entry built as `npm run package` builds it (minified, no source map), and its deflated size. */
  productionExtensionJsBytes: number;
  productionExtensionJsDeflatedBytes: number;
  vsix: { path: string; bytes: number; modified: string } | 'not packaged';
}

async function benchBundle(): Promise<BundleResult> {
  const ext = join(ROOT, 'dist/extension.js');
  const out = join(SCRATCH, 'extension.prod.js');
  // As esbuild.mjs builds it: the Azure role and operation data stay in data/ (read on first use), not in the bundle.
  const shippedData: esbuild.Plugin = {
    name: 'shipped-azure-data',
    setup(build) {
      build.onResolve({ filter: /[\\/]data[\\/](azure-roles|operations)\.json$/ }, (args) => ({ path: `../data/${args.path.split(/[\\/]/).pop()}`, external: true }));
    },
  };
  await esbuild.build({ entryPoints: [join(ROOT, 'src/vscode/extension.ts')], outfile: out, external: ['vscode'], plugins: [shippedData], bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, legalComments: 'none', logLevel: 'error', define: { AKS_IAM_VERSION: '"0.0.0"' } });
  const prod = readFileSync(out);
  let vsix: BundleResult['vsix'] = 'not packaged';
  for (const dir of [ROOT, join(ROOT, '.vscode-test'), join(ROOT, '.vscode-test/run')]) {
    if (!existsSync(dir)) continue;
    const hit = readdirSync(dir).find((n) => n.endsWith('.vsix'));
    if (hit) {
      const st = statSync(join(dir, hit));
      vsix = { path: join(dir, hit).slice(ROOT.length + 1), bytes: st.size, modified: st.mtime.toISOString() };
      break;
    }
  }
  return {
    extensionJsBytes: existsSync(ext) ? statSync(ext).size : null,
    productionExtensionJsBytes: prod.length,
    productionExtensionJsDeflatedBytes: deflateRawSync(prod, { level: 9 }).length,
    vsix,
  };
}

// ---------------------------------------------------------------------------------------------------------------

function machine(): Record<string, string | number> {
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform} ${process.arch}`, loadAverage: load };
}

function pad(s: string | number, n: number): string {
  return String(s).padEnd(n);
}

function table(results: Record<string, unknown>): string {
  const rows: [string, string, string][] = [];
  const floor = results.floor as FloorResult[] | undefined;
  for (const f of floor ?? []) {
    rows.push([`full vs parse floor, ${f.docs} docs (${f.files} files, ${(f.bytes / 1e6).toFixed(1)} MB)`,
      `${f.ratioCpu}x cpu (pairs ${f.pairRatiosCpu.min}–${f.pairRatiosCpu.max}), ${f.ratioWall}x wall`,
      `full ${f.full.cpu.median} ms cpu (index ${f.index.cpu.median}, rules ${f.rules.cpu.median}) vs floor ${f.floor.cpu.median} ms; ${f.msPerThousandDocsCpu} ms/1k docs`]);
  }
  const k = results.keystroke as KeystrokeResult | undefined;
  if (k) {
    rows.push([`keystroke, ${k.files}-file workspace (${k.docs} docs), ${k.edits} edits`,
      `p50 ${k.editedFileCpuMs.p50} / p95 ${k.editedFileCpuMs.p95} / p99 ${k.editedFileCpuMs.p99} ms cpu`,
      `${k.bySize.map((b) => `${b.files}: p95 ${b.cpuMs.p95} ms (${b.edits} edits)`).join(', ')}; parsing the file alone p50 ${k.parseFloorCpuMs.p50} / p95 ${k.parseFloorCpuMs.p95} ms; wall p50 ${k.editedFileMs.p50} / p95 ${k.editedFileMs.p95} / p99 ${k.editedFileMs.p99}, max ${k.editedFileMs.max} ms; ${k.signatureChanged} edits changed the cross-file signature${k.othersMs ? `: re-analysing the other files took ${k.othersMs.median} ms (median of ${k.othersMs.runs}, background)` : ''}`]);
  }
  const y = results.yls as YlsResult | undefined;
  if (y) {
    rows.push([`vs yaml-language-server, one file of ${y.docs} docs (${(y.bytes / 1e3).toFixed(0)} kB)`,
      `${y.ratio}x (ours/theirs)`, `ours ${y.oursMs.median} ms (${y.ourFindings} findings), theirs ${y.theirsMs.median} ms (${y.theirDiagnostics} diagnostics), wall`]);
  }
  for (const h of (results.heap as HeapResult[] | undefined) ?? []) {
    rows.push([`heap after indexing ${h.docs} docs`, `${h.heapIndexedMB} MB`, `index alone ${h.indexMB} MB; after analysing all ${h.heapAfterAnalysisMB} MB`]);
  }
  const c = results.cold as ColdResult | undefined;
  if (c) {
    rows.push(['cold start: require → first findings', `${c.requireToFindingsMs.median} ms`, `require ${c.requireMs.median} ms; whole CLI process ${c.cliProcessMs ? `${c.cliProcessMs.median} ms over bare node` : 'n/a'}`]);
  }
  const b = results.bundle as BundleResult | undefined;
  if (b) {
    const kb = (n: number | null) => (n === null ? 'missing' : `${(n / 1024).toFixed(0)} KiB`);
    rows.push(['bundle dist/extension.js', kb(b.extensionJsBytes), `production build ${kb(b.productionExtensionJsBytes)}, deflated ${kb(b.productionExtensionJsDeflatedBytes)}`]);
    rows.push(['VSIX', typeof b.vsix === 'string' ? b.vsix : kb(b.vsix.bytes), typeof b.vsix === 'string' ? '' : `${b.vsix.path}, built ${b.vsix.modified}`]);
  }
  const w = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length))];
  return [`${pad('measure', w[0])}  ${pad('result', w[1])}  detail`, ...rows.map((r) => `${pad(r[0], w[0])}  ${pad(r[1], w[1])}  ${r[2]}`)].join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  const results: Record<string, unknown> = { date: new Date().toISOString(), mode: quick ? 'quick' : 'full', rulesOff: Object.keys(RULES), machine: machine() };
  if (only.has('floor')) {
    results.floor = config.sizes.map((n) => {
      log(`full analysis vs parse floor: ${n} documents`);
      return benchFloor(n);
    });
  }
  if (only.has('keystroke')) {
    log(`keystroke re-analysis: ${config.workspaceFiles}-file workspace`);
    results.keystroke = benchKeystroke();
  }
  if (only.has('yls')) {
    log(`yaml-language-server: one file of ${config.largeDocs} documents`);
    results.yls = await benchYls();
  }
  if (only.has('heap')) {
    results.heap = config.heapSizes.map((n) => {
      log(`heap: ${n} documents`);
      return benchHeap(n);
    });
  }
  if (only.has('cold')) {
    log('cold start');
    results.cold = await benchCold();
  }
  if (only.has('bundle')) results.bundle = await benchBundle();
  results.seconds = round((Date.now() - started) / 1000, 1);
  (results.machine as Record<string, unknown>).loadAverageAfter = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  writeFileSync(join(HERE, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const m = results.machine as Record<string, unknown>;
  console.log(`aks-iam benchmarks (${results.mode}${Object.keys(RULES).length ? `, rules off: ${Object.keys(RULES).join(', ')}` : ''}), ${m.cpus} × ${m.cpuModel}, node ${m.node}, load ${m.loadAverage} → ${m.loadAverageAfter}, ${results.seconds} s`);
  console.log(table(results));
  console.log('written: bench/results.json');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
