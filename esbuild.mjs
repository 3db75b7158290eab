// Two bundles: the extension (vscode provided by the host) and the CLI with no externals at all, so
// that a `vscode` import reaching the engine fails this build.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  define: { AKS_IAM_VERSION: JSON.stringify(pkg.version) },
};

// The Azure role definitions and operations catalogue are large and loaded on first use: the extension requires
// them at run time from the data folder its VSIX ships next to dist/, instead of carrying a second copy inside
// extension.js. The CLI inlines them (behind a lazy module wrapper) so dist/cli.js works on its own.
const AZURE_DATA = /[\\/]data[\\/](azure-roles|operations)\.json$/;
const shippedData = {
  name: 'shipped-azure-data',
  setup(build) {
    build.onResolve({ filter: AZURE_DATA }, (args) => ({ path: `../data/${args.path.split(/[\\/]/).pop()}`, external: true }));
  },
};

// The CLI carries them compressed (base64), unpacked and parsed on first use: every CLI start scans the bundle, and
// 3 MB of JSON text in it cost about 0.1 s of CPU per run, even for commands that never use it. The published build
// uses Brotli (a quarter smaller than gzip, so the npm package stays within its size bound); Brotli's best level
// takes seconds, so development builds use gzip.
const brotli = (bytes) => brotliCompressSync(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
const inlinedAzureData = {
  name: 'inlined-azure-data',
  setup(build) {
    build.onLoad({ filter: AZURE_DATA }, (args) => {
      const raw = readFileSync(args.path);
      const [packed, unpack] = production ? [brotli(raw), 'brotliDecompressSync'] : [gzipSync(raw, { level: 9 }), 'gunzipSync'];
      return { contents: `module.exports = JSON.parse(require('node:zlib').${unpack}(Buffer.from(${JSON.stringify(packed.toString('base64'))}, 'base64')).toString('utf8'));`, loader: 'js' };
    });
  },
};

// The infrastructure-code parsers (web-tree-sitter and its grammars as WebAssembly) are a bundle of their own, loaded
// by the extension and the CLI only when the workspace has such files: activation and start-up do not read them.
const IAC_WASM = {
  'web-tree-sitter.wasm': 'node_modules/web-tree-sitter/web-tree-sitter.wasm',
  'tree-sitter-terraform.wasm': 'node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
  'tree-sitter-bicep.wasm': 'node_modules/tree-sitter-bicep/tree-sitter-bicep.wasm',
};
// They ship Brotli-compressed (`.wasm.br`, a quarter of their size; the loader unpacks them), recompressed only when
// the input changed.
mkdirSync('dist', { recursive: true });
for (const [name, from] of Object.entries(IAC_WASM)) {
  const to = `dist/${name}.br`;
  rmSync(`dist/${name}`, { force: true });
  if (existsSync(to) && statSync(to).mtimeMs >= statSync(from).mtimeMs) continue;
  writeFileSync(to, brotli(readFileSync(from)));
}

const builds = [
  // web-tree-sitter's ES module asks import.meta.url for a require(); in this CommonJS bundle that is the bundle's URL.
  { ...common, entryPoints: ['src/core/iac/readers.ts'], outfile: 'dist/iac-readers.js', external: [], define: { ...common.define, 'import.meta.url': '__iacBundleUrl' }, banner: { js: 'var __iacBundleUrl = require("node:url").pathToFileURL(__filename).href;' } },
  { ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: [shippedData] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', external: [], plugins: [inlinedAzureData], banner: { js: '#!/usr/bin/env node' } },
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
