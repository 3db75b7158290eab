/**
 * `.aks-iam.yaml`: one configuration for the editor and the CLI. Pure: given a file's text, and a `readFile`
 * callback for the files it `extends`, this parses, validates and merges; finding the file that applies to a
 * manifest (nearest wins) is `ConfigResolver` in ./resolve, with the file system passed in by the caller.
 *
 * Semantics (documented in README "Configuration file"):
 * - Only the nearest configuration applies to a file; it pulls in others with `extends:` (a path or a list, relative
 *   to the file that says it), later entries and then the file's own keys winning.
 * - `rules` merge per rule id; `namespace` and `snapshot` are replaced; `exclude`, `placeholders` and `ignore`
 *   accumulate.
 * - Globs of `exclude` and `ignore` are relative to the folder of the nearest configuration (the one that applies),
 *   also when they come from an extended base; `snapshot` is relative to the file that names it.
 * - Anything not understood (an unknown key, rule id or severity, a bad pattern, an ignore without a reason, an
 *   `extends` that cannot be read or loops) is an error with its place in the file: never silently ignored.
 */
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { ruleById } from '../rules/registry';
import type { SeveritySetting } from '../rules/types';
import { levenshteinWithin } from '../text/edit-distance';

export const CONFIG_FILE_NAMES = ['.aks-iam.yaml', '.aks-iam.yml'] as const;
export const CONFIG_KEYS = ['extends', 'rules', 'exclude', 'namespace', 'placeholders', 'snapshot', 'ignore'] as const;
const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];

export function isConfigFileName(name: string): boolean {
  return (CONFIG_FILE_NAMES as readonly string[]).includes(name);
}

/** A mistake in a configuration file, with its place (0-based line and character, UTF-16 offsets). */
export interface ConfigProblem {
  file: string;
  message: string;
  start: number;
  end: number;
  line: number;
  character: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line + 1}:${p.character + 1}: ${p.message}`).join('\n'));
  }
}

export interface IgnoreEntry {
  /** Null: every rule. */
  rule: string | null;
  /** Glob relative to the applying configuration's folder. */
  path: string;
  reason: string;
  /** The configuration file that says it. */
  source: string;
}

/** The settings a configuration holds, in one file or merged along `extends`. */
export interface ConfigSettings {
  rules: Record<string, SeveritySetting>;
  exclude: string[];
  namespace?: string;
  placeholders: string[];
  /** Absolute (resolved against the folder of the file that says it). */
  snapshot?: string;
  ignore: IgnoreEntry[];
}

/** What one configuration file says, validated, before `extends` is followed. */
export interface ConfigFile extends ConfigSettings {
  file: string;
  extends: string[];
  /** Where each `extends` entry is in the file (offsets), for problems about it. */
  extendsAt: [number, number][];
}

/** The configuration that applies to files under `dir`: the nearest file with its `extends` merged in. */
export interface ResolvedConfig extends ConfigSettings {
  /** The nearest configuration file (the one found for the files). */
  file: string;
  /** Its folder: globs are relative to it. */
  dir: string;
  /** Every file read, the nearest first. */
  files: string[];
}

const PATTERNS = new WeakMap<ResolvedConfig, RegExp[]>();

/** A configuration's `placeholders` as regular expressions (validated when it was read), compiled once. */
export function placeholderPatterns(config: ResolvedConfig | null | undefined): readonly RegExp[] {
  if (!config || config.placeholders.length === 0) return [];
  let r = PATTERNS.get(config);
  if (!r) PATTERNS.set(config, (r = config.placeholders.map((p) => new RegExp(p))));
  return r;
}

/** Parses and validates one configuration file's text. Returns the problems instead of throwing. */
export function parseConfigText(text: string, file: string): { config: ConfigFile; problems: ConfigProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problems: ConfigProblem[] = [];
  const at = (start: number, end: number, message: string) => {
    const pos = lines.linePos(start);
    problems.push({ file, message, start, end: Math.max(end, start), line: pos.line - 1, character: pos.col - 1 });
  };
  const range = (n: YamlNode | null | undefined): [number, number] => (n?.range ? [n.range[0], n.range[1]] : [0, 0]);
  const config: ConfigFile = { file, extends: [], extendsAt: [], rules: {}, exclude: [], placeholders: [], ignore: [] };
  for (const e of doc.errors) at(e.pos[0], e.pos[1], e.message.split('\n')[0]);
  if (problems.length) return { config, problems };
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { config, problems };
  if (!isMap(root)) {
    at(...range(root), 'the configuration must be a map of keys (rules, exclude, namespace, …)');
    return { config, problems };
  }
  const stringList = (n: YamlNode | null, key: string, allowOne: boolean): { value: string; node: YamlNode }[] => {
    if (allowOne && isScalar(n) && typeof n.value === 'string') return [{ value: n.value, node: n }];
    if (!isSeq(n)) {
      at(...range(n), `${key} must be a list of strings${allowOne ? ' (or one string)' : ''}`);
      return [];
    }
    const out: { value: string; node: YamlNode }[] = [];
    for (const item of n.items as YamlNode[]) {
      if (isScalar(item) && typeof item.value === 'string' && item.value.trim() !== '') out.push({ value: item.value, node: item });
      else at(...range(item), `each entry of ${key} must be a non-empty string`);
    }
    return out;
  };
  for (const pair of root.items) {
    const keyNode = pair.key as YamlNode | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const value = pair.value as YamlNode | null;
    switch (key) {
      case 'extends':
        for (const e of stringList(value, 'extends', true)) {
          config.extends.push(e.value);
          config.extendsAt.push(range(e.node));
        }
        break;
      case 'rules':
        if (value === null || (isScalar(value) && value.value === null)) break;
        if (!isMap(value)) {
          at(...range(value), 'rules must be a map of rule id to error, warning, info or off');
          break;
        }
        for (const rp of value.items) {
          const idNode = rp.key as YamlNode | null;
          const id = isScalar(idNode) ? String(idNode.value) : '';
          const sevNode = rp.value as YamlNode | null;
          // `off` is a YAML 1.1 boolean to some readers; the yaml library (1.2) keeps it a string, but accept false.
          const raw = isScalar(sevNode) ? (sevNode.value === false ? 'off' : sevNode.value) : undefined;
          if (!ruleById.has(id)) {
            const near = nearest(id, [...ruleById.keys()]);
            at(...range(idNode), `unknown rule id "${id}"${near ? ` (did you mean "${near}"?)` : ''}; aks-iam rules lists them`);
          } else if (typeof raw !== 'string' || !SEVERITIES.includes(raw as SeveritySetting)) {
            at(...range(sevNode ?? idNode), `the severity of ${id} must be error, warning, info or off, not ${JSON.stringify(raw ?? null)}`);
          } else config.rules[id] = raw as SeveritySetting;
        }
        break;
      case 'exclude':
        config.exclude = stringList(value, 'exclude', false).map((e) => e.value);
        break;
      case 'namespace':
        if (isScalar(value) && typeof value.value === 'string' && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value.value) && value.value.length <= 63) config.namespace = value.value;
        else at(...range(value ?? keyNode), `namespace must be a Kubernetes namespace name (lower-case letters, digits and -), not ${JSON.stringify(isScalar(value) ? value.value : null)}`);
        break;
      case 'placeholders':
        for (const p of stringList(value, 'placeholders', false)) {
          try {
            new RegExp(p.value);
            config.placeholders.push(p.value);
          } catch (err) {
            at(...range(p.node), `placeholders: not a regular expression: ${(err as Error).message}`);
          }
        }
        break;
      case 'snapshot':
        if (isScalar(value) && typeof value.value === 'string' && value.value.trim() !== '') config.snapshot = isAbsolute(value.value) ? value.value : resolve(dirname(file), value.value);
        else at(...range(value ?? keyNode), 'snapshot must be the path of a JSON file or folder of identity data');
        break;
      case 'ignore':
        if (!isSeq(value)) {
          at(...range(value ?? keyNode), 'ignore must be a list of { path, reason } entries');
          break;
        }
        for (const item of value.items as YamlNode[]) {
          const entry = ignoreEntry(item, file, at, range);
          if (entry) config.ignore.push(entry);
        }
        break;
      default: {
        const near = nearest(key, CONFIG_KEYS);
        at(...range(keyNode), `unknown key "${key}"${near ? ` (did you mean "${near}"?)` : ''}; the keys are ${CONFIG_KEYS.join(', ')}`);
      }
    }
  }
  return { config, problems };
}

function ignoreEntry(item: YamlNode, file: string, at: (s: number, e: number, m: string) => void, range: (n: YamlNode | null | undefined) => [number, number]): IgnoreEntry | null {
  if (!isMap(item)) {
    at(...range(item), 'each ignore entry is a map: { path: <glob> or <rule-id>@<glob>, reason: <why> }');
    return null;
  }
  let path: string | null = null;
  let rule: string | null = null;
  let reason: string | null = null;
  let ok = true;
  for (const p of item.items) {
    const k = isScalar(p.key) ? String(p.key.value) : '';
    const v = p.value as YamlNode | null;
    const s = isScalar(v) && typeof v.value === 'string' && v.value.trim() !== '' ? v.value.trim() : null;
    if (k === 'path' || k === 'reason' || k === 'rule') {
      if (s === null) {
        at(...range(v ?? (p.key as YamlNode)), `ignore: ${k} must be a non-empty string`);
        ok = false;
      } else if (k === 'path') path = s;
      else if (k === 'reason') reason = s;
      else rule = s;
    } else {
      at(...range(p.key as YamlNode), `ignore: unknown key "${k}"; an entry has path, reason and optionally rule`);
      ok = false;
    }
  }
  if (path !== null && rule === null) {
    const m = /^([a-z0-9-]+)@(.+)$/.exec(path);
    if (m && ruleById.has(m[1])) {
      rule = m[1];
      path = m[2];
    }
  }
  if (rule !== null && !ruleById.has(rule)) {
    at(...range(item), `ignore: unknown rule id "${rule}"`);
    ok = false;
  }
  if (path === null && ok) {
    at(...range(item), 'ignore: each entry needs a path (a glob, or <rule-id>@<glob>)');
    ok = false;
  }
  if (reason === null && ok) {
    at(...range(item), `ignore: the entry for ${rule ? `${rule}@` : ''}${path} needs a reason (why is it ignored?)`);
    ok = false;
  }
  return ok && path !== null && reason !== null ? { rule, path, reason, source: file } : null;
}

/**
 * Reads the configuration at `file` with everything it extends. `readFile` returns a file's text, or null when
 * it does not exist. Throws ConfigError (every problem of every file read) when something is wrong.
 */
export function loadConfig(file: string, readFile: (path: string) => string | null): ResolvedConfig {
  const problems: ConfigProblem[] = [];
  const files: string[] = [];
  const merged = read(file, readFile, problems, files, []);
  if (problems.length || !merged) throw new ConfigError(problems);
  return { file, dir: dirname(file), files, rules: merged.rules, exclude: merged.exclude, namespace: merged.namespace, placeholders: merged.placeholders, snapshot: merged.snapshot, ignore: merged.ignore };
}

type Merged = Omit<ConfigFile, 'file' | 'extends' | 'extendsAt'>;

function lineOf(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}

function read(file: string, readFile: (path: string) => string | null, problems: ConfigProblem[], files: string[], chain: string[]): Merged | null {
  const text = readFile(file);
  if (text === null) return null;
  files.push(file);
  const { config, problems: own } = parseConfigText(text, file);
  problems.push(...own);
  const out: Merged = { rules: {}, exclude: [], placeholders: [], ignore: [] };
  config.extends.forEach((ext, i) => {
    const target = isAbsolute(ext) ? ext : join(dirname(file), ext);
    const [start, end] = config.extendsAt[i];
    const problem = (message: string) => problems.push({ file, message, start, end, ...lineOf(text, start) });
    if (target === file || chain.includes(target)) {
      problem(`extends: ${ext} extends this file again (a loop: ${[...chain, file, target].join(' → ')})`);
      return;
    }
    const base = read(target, readFile, problems, files, [...chain, file]);
    if (!base) {
      problem(`extends: cannot read ${ext}`);
      return;
    }
    mergeInto(out, base);
  });
  mergeInto(out, config);
  return out;
}

function mergeInto(into: Merged, from: Merged): void {
  Object.assign(into.rules, from.rules);
  into.exclude.push(...from.exclude);
  into.placeholders.push(...from.placeholders);
  into.ignore.push(...from.ignore);
  if (from.namespace !== undefined) into.namespace = from.namespace;
  if (from.snapshot !== undefined) into.snapshot = from.snapshot;
}

/** A close candidate for a misspelt name (edit distance ≤ 2), or null. */
function nearest(word: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestD = 3;
  for (const c of candidates) {
    const d = levenshteinWithin(word, c, 2);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}
