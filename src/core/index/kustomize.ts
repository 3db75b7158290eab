// Kustomize as the workspace index needs it: which files a kustomization includes (following bases from overlays),
// the namespace its build gives them, which files are patches (partial objects), and the name prefixes/suffixes.
// Paths are the index's keys: OS paths in the CLI, URI strings in the editor; both use `/` or `\` separators.
import type { ParsedFile } from '../yaml/parse';
import { get, isMap, isSeq, knownStr, type YNode } from '../yaml/node';

const FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export interface Kustomization {
  path: string;
  /** `namespace:` — undefined when unset; null when templated or not a string (unknown). */
  namespace: string | null | undefined;
  /** Resources, bases and components, resolved against the kustomization's folder (files or folders). */
  resources: string[];
  /** Files of `patches:`, `patchesStrategicMerge:` and `patchesJson6902:` (partial objects, never whole ones). */
  patches: string[];
  prefix: string;
  suffix: string;
}

/** How a kustomize build sees one file. */
export interface FileScope {
  /** The build's namespace: undefined when no build sets one; null when the builds disagree or it is unknown. */
  namespace: string | null | undefined;
  /** Every build that includes the file sets a namespace on it (which one may differ between builds, or be unknown). */
  namespaced: boolean;
  /** Listed as a patch by some kustomization: a partial object merged onto another. */
  patch: boolean;
  /** The top-level kustomizations whose builds include the file. */
  builds: string[];
  /** Name prefix and suffix the build adds (empty strings when none); null when builds disagree. */
  rename: { prefix: string; suffix: string } | null;
}

export function isKustomizationPath(path: string): boolean {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return FILE_NAMES.includes(base);
}

export function dirOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i < 0 ? '' : path.slice(0, i);
}

const URI = /^[a-z][a-z0-9+.-]*:\/\//i;
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/)|\?ref=|\/\/[^/]/i;

/** `dir` joined with a relative path, `.` and `..` folded; the separator of `dir` is kept. */
export function joinPath(dir: string, rel: string): string {
  const uri = URI.exec(dir);
  const sep = !uri && dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  const prefix = uri ? uri[0] : '';
  const head = dir.slice(prefix.length).split(/[\\/]/);
  const absolute = head[0] === '' && head.length > 1;
  const parts = head.filter((p, i) => p !== '' || i === 0);
  for (const seg of rel.split(/[\\/]/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length > (absolute ? 1 : 0) && parts[parts.length - 1] !== '..') parts.pop();
      else if (!absolute) parts.push('..');
    } else parts.push(uri ? encodeURIComponent(seg).replace(/%40/g, '@') : seg);
  }
  return prefix + parts.join(sep);
}

function strings(n: YNode | null): { values: string[]; unknown: boolean } {
  const out = { values: [] as string[], unknown: false };
  if (!n) return out;
  if (!isSeq(n)) {
    out.unknown = true;
    return out;
  }
  for (const item of n.items) {
    if (isMap(item)) {
      // `patches: - path: x.yaml` (inline `patch:` has no file); `resources` never holds maps.
      const p = knownStr(get(item, 'path'));
      if (p) out.values.push(p);
      continue;
    }
    const s = knownStr(item);
    if (s === null) out.unknown = true;
    // An inline strategic-merge patch is YAML text, not a path.
    else if (!s.includes('\n') && !/^\s*(?:apiVersion|kind)\s*:/.test(s)) out.values.push(s);
  }
  return out;
}

/** Reads a kustomization file; null when it is not a map (a broken or empty file). */
export function readKustomization(path: string, parsed: ParsedFile): Kustomization | null {
  const root = parsed.docs[0]?.root ?? null;
  if (!isMap(root)) return null;
  const dir = dirOf(path);
  const local = (xs: string[]) => xs.filter((x) => !REMOTE.test(x)).map((x) => joinPath(dir, x));
  const nsNode = get(root, 'namespace');
  let namespace: string | null | undefined;
  if (nsNode) namespace = nsNode.unknown ? null : knownStr(nsNode) || undefined;
  const resources = ['resources', 'bases', 'components', 'crds'].flatMap((k) => local(strings(get(root, k)).values));
  const patches = ['patches', 'patchesStrategicMerge', 'patchesJson6902'].flatMap((k) => local(strings(get(root, k)).values));
  const affix = (k: string) => {
    const n = get(root, k);
    return n ? (n.unknown ? '\u0000' : knownStr(n) ?? '') : '';
  };
  return { path, namespace, resources, patches, prefix: affix('namePrefix'), suffix: affix('nameSuffix') };
}

interface Acc {
  namespaces: Set<string | null | undefined>;
  patch: boolean;
  builds: Set<string>;
  renames: Set<string>;
}

/**
 * How every file included by some kustomization is built. A kustomization included by another is not a build of
 * its own: its files take the including (outer) build's namespace, which overrides theirs, as kustomize applies
 * the outer namespace transformer last. A file reached through builds that disagree gets an unknown namespace.
 */
export function resolveScopes(kustomizations: ReadonlyMap<string, Kustomization>): Map<string, FileScope> {
  const byDir = new Map<string, Kustomization>();
  for (const k of kustomizations.values()) byDir.set(dirOf(k.path), k);
  const childOf = (p: string): Kustomization | undefined => byDir.get(p) ?? kustomizations.get(p);
  const included = new Set<string>();
  for (const k of kustomizations.values()) {
    for (const r of k.resources) {
      const c = childOf(r);
      if (c && c !== k) included.add(c.path);
    }
  }
  let roots = [...kustomizations.values()].filter((k) => !included.has(k.path));
  // Only cycles: every kustomization is somebody's child; read each as a build of its own.
  if (!roots.length) roots = [...kustomizations.values()];
  const acc = new Map<string, Acc>();
  const record = (path: string, ns: string | null | undefined, patch: boolean, build: string, rename: string) => {
    let a = acc.get(path);
    if (!a) acc.set(path, (a = { namespaces: new Set(), patch: false, builds: new Set(), renames: new Set() }));
    a.namespaces.add(ns);
    a.patch ||= patch;
    a.builds.add(build);
    a.renames.add(rename);
  };
  const walk = (k: Kustomization, outerNs: string | null | undefined, prefix: string, suffix: string, build: string, seen: Set<string>) => {
    if (seen.has(k.path)) return;
    seen.add(k.path);
    const ns = outerNs !== undefined ? outerNs : k.namespace;
    // kustomize applies the inner prefix first, so the outer one ends up in front.
    const pre = prefix + k.prefix;
    const suf = k.suffix + suffix;
    const rename = `${pre}\u0001${suf}`;
    for (const r of k.resources) {
      const c = childOf(r);
      if (c) walk(c, ns, pre, suf, build, seen);
      else record(r, ns, false, build, rename);
    }
    for (const p of k.patches) record(p, ns, true, build, rename);
    seen.delete(k.path);
  };
  for (const r of roots) walk(r, undefined, '', '', r.path, new Set());
  const out = new Map<string, FileScope>();
  for (const [path, a] of acc) {
    const nss = [...a.namespaces];
    const renames = [...a.renames];
    const [prefix, suffix] = renames.length === 1 ? renames[0].split('\u0001') : ['', ''];
    out.set(path, {
      namespace: nss.length === 1 ? nss[0] : null,
      namespaced: !a.namespaces.has(undefined),
      patch: a.patch,
      builds: [...a.builds].sort(),
      rename: renames.length === 1 && !prefix.includes('\u0000') && !suffix.includes('\u0000') ? { prefix, suffix } : null,
    });
  }
  return out;
}

/** A stable text of a scope, to tell whether a file must be read again. */
export function scopeKey(s: FileScope | undefined): string {
  if (!s) return '';
  return `${s.namespace === undefined ? '\u0002' : s.namespace === null ? '\u0003' : s.namespace}|${s.namespaced}|${s.patch}|${s.builds.join(',')}|${s.rename ? `${s.rename.prefix}\u0001${s.rename.suffix}` : '?'}`;
}
