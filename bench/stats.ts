/** Small statistics and timing helpers shared by the benchmarks. */

export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export const median = (xs: readonly number[]): number => quantile(xs, 0.5);

export interface Summary {
  median: number;
  min: number;
  max: number;
  /** (max - min) / median: how far apart the runs were. */
  spread: number;
  runs: number;
}

export function summary(xs: readonly number[]): Summary {
  const m = median(xs);
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  return { median: round(m), min: round(min), max: round(max), spread: round(m ? (max - min) / m : 0, 3), runs: xs.length };
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Process CPU time in ms: on a busy machine it is far steadier than wall time. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export interface Timing {
  wall: number;
  cpu: number;
}

export function timed<T>(fn: () => T): { value: T; t: Timing } {
  const w = performance.now();
  const c = cpuMs();
  const value = fn();
  return { value, t: { wall: performance.now() - w, cpu: cpuMs() - c } };
}

export async function timedAsync<T>(fn: () => Promise<T>): Promise<{ value: T; t: Timing }> {
  const w = performance.now();
  const c = cpuMs();
  const value = await fn();
  return { value, t: { wall: performance.now() - w, cpu: cpuMs() - c } };
}
