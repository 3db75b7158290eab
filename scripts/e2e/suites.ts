// Extension-host suites with a workspace of their own: every test/e2e/suite-<name>/ folder holds an index.ts
// (the mocha entry), its *.e2e.ts files and a setup.ts that runs in the harness process. They run after the
// main suite (test/e2e/suite/ on a copy of test/e2e/workspace/), each on a folder its setup fills at run time.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findFiles } from './hooks';
import { ROOT } from './paths';

/** What a suite folder's setup.ts exports as default. */
export interface SuiteSetup {
  /** Fills the suite's workspace folder (created empty inside the run's own folder). */
  workspace(dir: string): void | Promise<void>;
  /**
   * Runs the suite in a code-server of its own with workspace trust enabled and its folder not trusted
   * (Restricted Mode); otherwise it shares the main suite's code-server, where trust is disabled.
   */
  untrusted?: boolean;
  /**
   * Runs the suite against the packaged VSIX installed as users install it (extension mode Production), in a
   * code-server of its own; the development extension of that window is `host-extension/` in the suite's folder, a
   * stand-in with no code, so that the extension under test is the installed one.
   */
  packaged?: boolean;
  /** A `.code-workspace` file inside the suite's folder (relative to it) to open instead of the folder: a multi-root workspace. */
  workspaceFile?: string;
}

export interface ApiSuite {
  /** The folder name without `suite-`. */
  name: string;
  dir: string;
  setup: SuiteSetup;
}

export async function findApiSuites(): Promise<ApiSuite[]> {
  const base = join(ROOT, 'test', 'e2e');
  const out: ApiSuite[] = [];
  for (const entry of readdirSync(base, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || !entry.name.startsWith('suite-')) continue;
    const dir = join(base, entry.name);
    for (const needed of ['index.ts', 'setup.ts']) {
      if (!existsSync(join(dir, needed))) throw new Error(`test/e2e/${entry.name}/ needs an ${needed}`);
    }
    const mod = (await import(pathToFileURL(join(dir, 'setup.ts')).href)) as { default?: SuiteSetup | { default?: SuiteSetup } };
    const setup = (mod.default && 'workspace' in mod.default ? mod.default : (mod.default as { default?: SuiteSetup } | undefined)?.default);
    if (typeof setup?.workspace !== 'function') throw new Error(`test/e2e/${entry.name}/setup.ts must export a default { workspace(dir) }`);
    out.push({ name: entry.name.slice('suite-'.length), dir, setup });
  }
  return out;
}

/** With --grep, only suites with a test file containing the text run (mocha fails a run that selects no test). */
export function suiteMatches(dir: string, grep: string | undefined): boolean {
  if (!grep) return true;
  return findFiles(dir, '.e2e.ts').some((f) => readFileSync(f, 'utf8').includes(grep));
}
