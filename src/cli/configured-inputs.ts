import { placeholderPatterns, type ResolvedConfig } from '../core/config/config';
import { isExcludedByConfig } from '../core/config/resolve';
import { fsConfigResolver, formatConfigProblem } from './config';
import { InputError, type InputFile } from './files';

/**
 * What the `.aks-iam.yaml` files say about the files a command read: which of them are excluded, each one's namespace
 * and placeholders, and the snapshot they name. Commands that read a folder (map, who-can, access) apply it the same
 * way lint does, so a folder gives the same objects to each of them.
 */
export interface ConfiguredInputs {
  /** The files no configuration excludes. */
  included: InputFile[];
  /** Each file's nearest configuration (null: none); empty with `--no-config`. */
  configOf: Map<string, ResolvedConfig | null>;
  /**
   * The snapshot the configurations of the included files name (absolute), when they name one; asked only when the
   * command line names none (configurations naming two different ones are an error then).
   */
  namedSnapshot(): string | undefined;
  /** Default namespace of a file: `override` (a command-line flag) first, then its configuration's, then `default`. */
  namespaceFor(path: string, override?: string): string;
  placeholdersFor(path: string): readonly RegExp[];
}

/** Reads each file's configuration; an invalid one stops the command (exit 2) with all its problems. */
export function applyConfigs(inputs: readonly InputFile[], cwd: string, noConfig: boolean): ConfiguredInputs {
  const configOf = new Map<string, ResolvedConfig | null>();
  if (!noConfig) {
    const resolver = fsConfigResolver();
    const problems = new Set<string>();
    for (const f of inputs) {
      const r = resolver.forFile(f.path);
      for (const p of r.error?.problems ?? []) problems.add(formatConfigProblem(p, cwd));
      configOf.set(f.path, r.config);
    }
    if (problems.size) throw new InputError(`invalid configuration:\n${[...problems].map((m) => `  ${m}`).join('\n')}`);
  }
  const included = inputs.filter((f) => {
    const c = configOf.get(f.path);
    return !c || !isExcludedByConfig(c, f.path);
  });
  return {
    included,
    configOf,
    namedSnapshot() {
      const named = [...new Set(included.map((f) => configOf.get(f.path)?.snapshot).filter((x): x is string => !!x))];
      if (named.length > 1) throw new InputError(`the configurations name different snapshots (${named.join(', ')}); one run reads one: pass --snapshot`);
      return named[0];
    },
    namespaceFor: (path, override) => override || configOf.get(path)?.namespace || 'default',
    placeholdersFor: (path) => placeholderPatterns(configOf.get(path)),
  };
}
