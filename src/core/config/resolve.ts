/**
 * Which configuration applies to a file, the same way for the CLI and the editor: walk up from the file's folder to
 * the repository root (the folder holding `.git`) or the file system root; the first folder with `.aks-iam.yaml`
 * (or `.aks-iam.yml`; `.yaml` wins when both exist) gives the file's configuration. The file system is the caller's:
 * `readFile` and `isRoot` are callbacks, so this stays pure and testable.
 */
import { dirname, join, relative, sep } from 'node:path';
import { matchesAnyGlob } from '../text/glob';
import { CONFIG_FILE_NAMES, ConfigError, loadConfig, type IgnoreEntry, type ResolvedConfig } from './config';

export interface ConfigHost {
  /** A file's text, or null when there is none. */
  readFile(path: string): string | null;
  /** Whether the walk stops at this folder (a repository root). */
  isRoot(dir: string): boolean;
}

export interface ConfigLookup {
  /** Null: no configuration file applies (defaults and settings only). */
  config: ResolvedConfig | null;
  /** The nearest configuration file, also when it is invalid. */
  file: string | null;
  error: ConfigError | null;
}

export class ConfigResolver {
  private readonly nearest = new Map<string, string | null>();
  private readonly loaded = new Map<string, ConfigLookup>();
  private readonly texts = new Map<string, string | null>();

  constructor(private readonly host: ConfigHost) {}

  /** Forgets what was read (a configuration file changed). */
  clear(): void {
    this.nearest.clear();
    this.loaded.clear();
    this.texts.clear();
  }

  private read(path: string): string | null {
    if (!this.texts.has(path)) this.texts.set(path, this.host.readFile(path));
    return this.texts.get(path)!;
  }

  /** The nearest configuration file of the folder `dir`, or null. */
  nearestFileIn(dir: string): string | null {
    const known = this.nearest.get(dir);
    if (known !== undefined) return known;
    let found: string | null = null;
    for (const name of CONFIG_FILE_NAMES) {
      const p = join(dir, name);
      if (this.read(p) !== null) {
        found = p;
        break;
      }
    }
    if (found === null && !this.host.isRoot(dir)) {
      const parent = dirname(dir);
      if (parent !== dir) found = this.nearestFileIn(parent);
    }
    this.nearest.set(dir, found);
    return found;
  }

  /** The configuration of the file at `path`. */
  forFile(path: string): ConfigLookup {
    const file = this.nearestFileIn(dirname(path));
    if (file === null) return { config: null, file: null, error: null };
    let r = this.loaded.get(file);
    if (!r) {
      try {
        r = { config: loadConfig(file, (p) => this.read(p)), file, error: null };
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        r = { config: null, file, error: err };
      }
      this.loaded.set(file, r);
    }
    return r;
  }
}

/** The file's path relative to the configuration's folder, with forward slashes (what its globs match). */
export function relativeToConfig(config: ResolvedConfig, path: string): string {
  return relative(config.dir, path).split(sep).join('/');
}

/** Whether the configuration's `exclude` (or an `ignore` entry for every rule) takes the file out of the analysis. */
export function isExcludedByConfig(config: ResolvedConfig, path: string): boolean {
  const rel = relativeToConfig(config, path);
  if (rel.startsWith('../')) return false;
  return matchesAnyGlob(rel, config.exclude);
}

/** The `ignore` entry that hides a rule's findings in the file, or null. */
export function ignoredBy(config: ResolvedConfig, path: string, ruleId: string): IgnoreEntry | null {
  const rel = relativeToConfig(config, path);
  if (rel.startsWith('../')) return null;
  for (const e of config.ignore) if ((e.rule === null || e.rule === ruleId) && matchesAnyGlob(rel, [e.path])) return e;
  return null;
}
