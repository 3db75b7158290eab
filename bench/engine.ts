// What the benchmarks load from a bundle built like the shipped one (see run.ts), not from TypeScript sources.
export { Analyzer } from '../src/core/analyze';
export { crossFileSignature } from '../src/core/index/signature';
