import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Every relative import and re-export of every source file, type-only ones included: a cycle of types is still a knot. */
function importGraph(): Map<string, string[]> {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) files.push(resolve(p));
    }
  };
  walk(join(ROOT, 'src'));
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const out: string[] = [];
    for (const m of readFileSync(f, 'utf8').matchAll(/^(?:import|export)\s[^'";]*?from\s+'(\.[^']+)'/gm)) {
      const p = resolve(dirname(f), m[1]);
      const target = [`${p}.ts`, join(p, 'index.ts')].find((c) => existsSync(c));
      if (target) out.push(target);
    }
    graph.set(f, out);
  }
  return graph;
}

/** The strongly connected components of more than one file (Tarjan), as paths relative to the repository. */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(relative(ROOT, w));
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const f of graph.keys()) if (!index.has(f)) visit(f);
  return out;
}

test('no import cycles in src (type-only imports included): shared types go through a types module', () => {
  assert.deepEqual(cycles(importGraph()), []);
});

test('the cycle finder finds a knot of two files', () => {
  const g = new Map([[join(ROOT, 'a.ts'), [join(ROOT, 'b.ts')]], [join(ROOT, 'b.ts'), [join(ROOT, 'a.ts')]], [join(ROOT, 'c.ts'), [join(ROOT, 'a.ts')]]]);
  assert.deepEqual(cycles(g), [['a.ts', 'b.ts']]);
});
