// Per-suite environment hooks: any test/e2e/**/*.env.ts may export a default `setup()` that runs in
// the harness process before code-server starts (e.g. to start a fake server) and returns environment
// variables for code-server — and so for the extension under test — plus an optional dispose().
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './paths';

export interface EnvHookResult {
  env: Record<string, string>;
  dispose?: () => Promise<void> | void;
}
export type EnvHook = () => Promise<EnvHookResult> | EnvHookResult;

export function findFiles(dir: string, suffix: string, out: string[] = []): string[] {
  let names: string[] = [];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    const p = join(dir, name);
    if (name === 'workspace' || name === 'node_modules') continue;
    if (statSync(p).isDirectory()) findFiles(p, suffix, out);
    else if (name.endsWith(suffix)) out.push(p);
  }
  return out;
}

export interface ActiveHooks {
  env: Record<string, string>;
  names: string[];
  dispose(): Promise<void>;
}

export async function runEnvHooks(): Promise<ActiveHooks> {
  const files = findFiles(join(ROOT, 'test', 'e2e'), '.env.ts');
  const env: Record<string, string> = {};
  const disposers: (() => Promise<void> | void)[] = [];
  const names: string[] = [];
  const dispose = async (): Promise<void> => {
    for (const d of disposers.reverse()) await Promise.resolve(d()).catch((e) => console.error(`# env hook dispose failed: ${(e as Error).message}`));
  };
  try {
    for (const file of files) {
      const mod = (await import(pathToFileURL(file).href)) as { default?: EnvHook };
      const setup = mod.default ?? (mod as unknown as { default?: { default?: EnvHook } }).default?.default;
      if (typeof setup !== 'function') throw new Error(`${relative(ROOT, file)} must export a default setup() function`);
      const result = await setup();
      if (result.dispose) disposers.push(result.dispose);
      Object.assign(env, result.env);
      names.push(relative(ROOT, file));
    }
  } catch (e) {
    await dispose();
    throw e;
  }
  return { env, names, dispose };
}
