/**
 * Top self-time functions of a V8 .cpuprofile (from `node --cpu-prof`), grouped by function and file.
 * Usage: node --import tsx bench/cpu-top.ts <file.cpuprofile> [count]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const [file, countArg] = process.argv.slice(2);
if (!file) throw new Error('usage: cpu-top.ts <file.cpuprofile> [count]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const n = byId.get(id)!;
  const dt = profile.timeDeltas[i] ?? 0;
  const url = n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|bench|test)\//, '$1/');
  const key = `${n.callFrame.functionName || '(anonymous)'}  ${url}:${n.callFrame.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + dt);
  total += dt;
});
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(countArg ?? 25));
for (const [k, us] of rows) console.log(`${(100 * us / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
// By package/area: where the time goes overall.
const areas = new Map<string, number>();
for (const [k, us] of self) {
  const loc = k.split('  ')[1] ?? '';
  const area = loc.startsWith('yaml/') ? 'yaml (parser)' : loc.startsWith('src/') ? loc.split('/').slice(0, 3).join('/') : loc === ':0' ? '(gc, program, idle)' : loc.split('/')[0];
  areas.set(area, (areas.get(area) ?? 0) + us);
}
console.log('\nby area:');
for (const [a, us] of [...areas.entries()].sort((x, y) => y[1] - x[1]).slice(0, 15)) console.log(`${(100 * us / total).toFixed(1).padStart(5)}%  ${a}`);
