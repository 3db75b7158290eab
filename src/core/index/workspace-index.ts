import { LineIndex } from '../text/line-index';
import { parseYaml, type ParsedFile } from '../yaml/parse';
import { reparse } from '../yaml/incremental';
import { readObjects, type KObject, type ReadContext } from '../model/objects';
import { dirOf, isKustomizationPath, readKustomization, resolveScopes, scopeKey, type FileScope, type Kustomization } from './kustomize';

export interface FileEntry {
  path: string;
  text: string;
  parsed: ParsedFile;
  objects: KObject[];
  /** The file holds at least one Kubernetes-looking document (apiVersion or kind at the top). */
  kube: boolean;
  /** Why the file was not analysed (binary, too large), when it was not. */
  skipped: string | null;
  /** The file is a kustomization (read for the builds it describes, not analysed itself). */
  kustomization?: Kustomization;
  lines: LineIndex;
}

/** Paths whose entry changed (set, possibly new) or disappeared since a version; 'too-old' when the log no longer reaches it. */
export type IndexChanges = { changed: string[]; removed: string[] } | 'too-old';

// Enough for any burst of keystrokes between two analyses; a bulk re-read (a new default namespace, a first index)
// overflows it and callers rebuild from scratch, which they would have to do anyway.
const MAX_LOG = 4096;

export interface IndexOptions {
  defaultNamespace: string;
  /** Default namespace of one file (a workspace folder's setting); `defaultNamespace` when absent. */
  namespaceFor?: (path: string) => string;
  maxFileSize: number;
  /** Paths treated as templates even without `{{` (Helm chart templates/). */
  isTemplatePath?: (path: string) => boolean;
  /** Extra placeholder patterns of one file (its configuration's `placeholders`). */
  placeholdersFor?: (path: string) => readonly RegExp[];
}

// At a line start (after a BOM): `kind:`, `"kind":`, or a flow map `{apiVersion: …`.
const KUBE_HINT = /^\ufeff?(?:\{[ \t]*)?(["']?)(?:apiVersion|kind)\1[ \t]*:/m;

function key(kind: string, namespace: string | null, name: string): string {
  return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
}

/**
 * Every analysed file's objects, with lookups by kind and by kind/namespace/name. Replacing a file
 * removes only its own contribution, so a keystroke costs one file's parse.
 */
export class WorkspaceIndex {
  private readonly entries = new Map<string, FileEntry>();
  private readonly byKey = new Map<string, KObject[]>();
  private readonly byKind = new Map<string, Set<KObject>>();
  /** Objects by kind and effective namespace ('' for none): rules that look for near misses stay in one namespace. */
  private readonly byKindNs = new Map<string, Set<KObject>>();
  /** Roles and ClusterRoles by name in every namespace: "has that name" hints for unresolved roleRefs. */
  private readonly rolesByName = new Map<string, Set<KObject>>();
  private revision = 0;
  /** Paths touched by versions logStart+1 … revision, in order (bounded). */
  private log: string[] = [];
  private logStart = 0;
  /** The read context each entry's objects were read with: reusing them needs the same one. */
  private readonly contextOf = new WeakMap<FileEntry, string>();
  /** The extra placeholder patterns each entry was parsed with. */
  private readonly placeholderKeyOf = new WeakMap<FileEntry, string>();
  private readonly kustomizations = new Map<string, Kustomization>();
  /** How kustomize builds see each file they include. */
  private scopes = new Map<string, FileScope>();
  /** Name prefix/suffix pairs of the workspace's builds, for references to renamed objects. */
  private renames: { prefix: string; suffix: string }[] = [];

  constructor(public options: IndexOptions) {}

  get version(): number {
    return this.revision;
  }

  setFile(path: string, text: string): FileEntry {
    const old = this.entries.get(path);
    this.removeContribution(path);
    const entry = this.build(path, text, old);
    this.entries.set(path, entry);
    for (const o of entry.objects) this.add(o);
    this.bump(path);
    if (old?.kustomization || entry.kustomization) this.setKustomization(path, entry.kustomization);
    return entry;
  }

  removeFile(path: string): boolean {
    const old = this.entries.get(path);
    const had = this.removeContribution(path);
    this.entries.delete(path);
    if (had) this.bump(path);
    if (old?.kustomization) this.setKustomization(path, undefined);
    return had;
  }

  /** How kustomize builds see a file; undefined when no kustomization includes it. */
  scopeOf(path: string): FileScope | undefined {
    return this.scopes.get(path);
  }

  /**
   * For a file that the kustomization beside it does not list (a resource left out, often commented out): how that
   * kustomization's builds see the files it lists, as they would see this one once it is listed again.
   */
  scopeBeside(path: string): FileScope | undefined {
    const dir = dirOf(path);
    for (const k of this.kustomizations.values()) {
      if (dirOf(k.path) !== dir) continue;
      for (const r of k.resources) {
        const s = this.scopes.get(r);
        if (s) return s;
      }
    }
    return undefined;
  }

  /**
   * Objects whose name after a kustomize build is `name`: kustomize renames objects with namePrefix/nameSuffix and
   * rewrites the references inside the build, so a reference from elsewhere uses the new name.
   */
  findRenamed(kind: string, namespace: string | null, name: string): KObject[] {
    const out: KObject[] = [];
    for (const r of this.renames) {
      if (name.length <= r.prefix.length + r.suffix.length || !name.startsWith(r.prefix) || !name.endsWith(r.suffix)) continue;
      const base = name.slice(r.prefix.length, name.length - r.suffix.length);
      for (const o of this.find(kind, namespace, base)) {
        const s = this.scopes.get(o.file)?.rename;
        if (s && s.prefix === r.prefix && s.suffix === r.suffix) out.push(o);
      }
    }
    return out;
  }

  /** A kustomization changed: files whose build scope changed are read again (their text is not parsed again). */
  private setKustomization(path: string, k: Kustomization | undefined): void {
    if (k) this.kustomizations.set(path, k);
    else this.kustomizations.delete(path);
    const before = this.scopes;
    this.scopes = resolveScopes(this.kustomizations);
    const seen = new Set<string>();
    this.renames = [];
    for (const s of this.scopes.values()) {
      if (!s.rename || (!s.rename.prefix && !s.rename.suffix)) continue;
      const key = `${s.rename.prefix}\u0001${s.rename.suffix}`;
      if (!seen.has(key)) this.renames.push(s.rename);
      seen.add(key);
    }
    // Only files some build included before or includes now can have another scope: a scan that meets a kustomization
    // walks its builds' files, not the whole workspace.
    for (const p of new Set([...before.keys(), ...this.scopes.keys()])) {
      const entry = this.entries.get(p);
      if (!entry || entry.skipped || entry.kustomization || !entry.parsed.docs.length) continue;
      if (scopeKey(before.get(p)) === scopeKey(this.scopes.get(p)) && this.contextOf.get(entry) === this.contextKey(p)) continue;
      this.removeContribution(entry.path);
      const again = this.build(entry.path, entry.text, entry);
      this.entries.set(entry.path, again);
      for (const o of again.objects) this.add(o);
      this.bump(entry.path);
    }
  }

  private readContext(path: string, template: boolean): ReadContext {
    const scope = this.scopes.get(path);
    const plain = this.options.namespaceFor?.(path) ?? this.options.defaultNamespace;
    // A Helm template without a namespace is installed into the release namespace, which only `helm install -n` knows.
    return { defaultNamespace: template ? null : plain, buildNamespace: scope?.namespace, partial: scope?.patch ?? false };
  }

  private contextKey(path: string): string {
    return `${this.options.namespaceFor?.(path) ?? this.options.defaultNamespace}\u0000${scopeKey(this.scopes.get(path))}\u0000${this.placeholderKey(path)}`;
  }

  private placeholderKey(path: string): string {
    return (this.options.placeholdersFor?.(path) ?? []).map((r) => r.source).join('\u0000');
  }

  /**
   * What changed since `version`: every path set or removed after it, each listed once by its current state.
   * Lets cross-file caches replace one file's share instead of walking the whole workspace.
   */
  changesSince(version: number): IndexChanges {
    if (version > this.revision || version < this.logStart) return 'too-old';
    const touched = new Set<string>();
    for (let i = version - this.logStart; i < this.log.length; i++) touched.add(this.log[i]);
    const changed: string[] = [];
    const removed: string[] = [];
    for (const p of touched) (this.entries.has(p) ? changed : removed).push(p);
    return { changed, removed };
  }

  private bump(path: string): void {
    this.revision++;
    this.log.push(path);
    if (this.log.length > MAX_LOG) {
      const drop = this.log.length - MAX_LOG / 2;
      this.log = this.log.slice(drop);
      this.logStart += drop;
    }
  }

  getFile(path: string): FileEntry | undefined {
    return this.entries.get(path);
  }

  files(): IterableIterator<FileEntry> {
    return this.entries.values();
  }

  get fileCount(): number {
    return this.entries.size;
  }

  ofKind(kind: string): Iterable<KObject> {
    return this.byKind.get(kind) ?? [];
  }

  find(kind: string, namespace: string | null, name: string): KObject[] {
    return this.byKey.get(key(kind, namespace, name)) ?? [];
  }

  /** Whether the workspace defines any object of this kind in this namespace (null: cluster-scoped). */
  hasKindIn(kind: string, namespace: string | null): boolean {
    return (this.byKindNs.get(`${kind}\u0000${namespace ?? ''}`)?.size ?? 0) > 0;
  }

  /**
   * Objects of this kind whose effective namespace is this one, in the order `ofKind` gives them; null: objects
   * without one (cluster-scoped kinds, or a namespaced kind whose namespace is unknown).
   */
  ofKindIn(kind: string, namespace: string | null): Iterable<KObject> {
    return this.byKindNs.get(`${kind}\u0000${namespace ?? ''}`) ?? [];
  }

  /** Roles or ClusterRoles (`kind`) of this name in any namespace, in the order `ofKind` gives them. */
  rolesNamed(kind: 'Role' | 'ClusterRole', name: string): Iterable<KObject> {
    return this.rolesByName.get(`${kind}\u0000${name}`) ?? [];
  }

  hasKind(kind: string): boolean {
    return (this.byKind.get(kind)?.size ?? 0) > 0;
  }

  private build(path: string, text: string, old?: FileEntry): FileEntry {
    const base = { path, text, objects: [] as KObject[], lines: new LineIndex(text) };
    const empty: ParsedFile = { text, isTemplate: false, docs: [], errors: [] };
    if (text.includes('\u0000')) return { ...base, parsed: empty, kube: false, skipped: 'binary content (NUL bytes)' };
    if (text.length > this.options.maxFileSize) {
      return { ...base, parsed: empty, kube: false, skipped: `larger than the ${Math.round(this.options.maxFileSize / 1024)} KiB limit` };
    }
    if (isKustomizationPath(path)) {
      const parsed = parseYaml(text);
      const k = readKustomization(path, parsed);
      return { ...base, parsed: empty, kube: false, skipped: null, ...(k ? { kustomization: k } : {}) };
    }
    if (!KUBE_HINT.test(text)) return { ...base, parsed: empty, kube: false, skipped: null };
    const forceTemplate = this.options.isTemplatePath?.(path) ?? false;
    const ctxKey = this.contextKey(path);
    // Same text, new build scope: read the objects again from the parsed documents.
    // Unknown values depend on the placeholder patterns: other patterns need a new parse.
    const placeholders = this.options.placeholdersFor?.(path);
    const samePatterns = !!old && this.placeholderKeyOf.get(old) === this.placeholderKey(path);
    const sameText = old && !old.skipped && old.text === text && old.parsed.docs.length > 0 && samePatterns;
    // An edit inside one document re-parses that document; the objects of the documents before it are kept.
    const again = !sameText && old && !old.skipped && this.contextOf.get(old) === ctxKey ? reparse(old.parsed, text, { forceTemplate, placeholders }) : null;
    const parsed = sameText ? old.parsed : again?.parsed ?? parseYaml(text, { forceTemplate, placeholders });
    const context = this.readContext(path, parsed.isTemplate);
    const objects: KObject[] = [];
    // Template or not decides the default namespace of every document, so a flip reads them all again.
    if (again && old && again.parsed.isTemplate === old.parsed.isTemplate) {
      for (const o of old.objects) {
        if (o.doc.index >= again.kept) break;
        objects.push(o);
      }
    }
    for (let i = again?.kept ?? 0; i < parsed.docs.length; i++) objects.push(...readObjects(path, parsed.docs[i], context));
    const entry = { ...base, parsed, objects, kube: objects.length > 0 || parsed.errors.length > 0, skipped: null };
    this.contextOf.set(entry, ctxKey);
    this.placeholderKeyOf.set(entry, this.placeholderKey(path));
    return entry;
  }

  private add(o: KObject): void {
    if (!o.kind) return;
    let set = this.byKind.get(o.kind);
    if (!set) this.byKind.set(o.kind, (set = new Set()));
    set.add(o);
    const nsKey = `${o.kind}\u0000${o.namespace ?? ''}`;
    let inNs = this.byKindNs.get(nsKey);
    if (!inNs) this.byKindNs.set(nsKey, (inNs = new Set()));
    inNs.add(o);
    if (o.name === null) return;
    if (o.kind === 'Role' || o.kind === 'ClusterRole') {
      const rk = `${o.kind}\u0000${o.name}`;
      let named = this.rolesByName.get(rk);
      if (!named) this.rolesByName.set(rk, (named = new Set()));
      named.add(o);
    }
    const k = key(o.kind, o.namespace, o.name);
    const list = this.byKey.get(k);
    if (list) list.push(o);
    else this.byKey.set(k, [o]);
  }

  private removeContribution(path: string): boolean {
    const old = this.entries.get(path);
    if (!old) return false;
    for (const o of old.objects) {
      if (!o.kind) continue;
      this.byKind.get(o.kind)?.delete(o);
      const nsKey = `${o.kind}\u0000${o.namespace ?? ''}`;
      const inNs = this.byKindNs.get(nsKey);
      inNs?.delete(o);
      if (inNs && !inNs.size) this.byKindNs.delete(nsKey);
      if (o.name === null) continue;
      if (o.kind === 'Role' || o.kind === 'ClusterRole') {
        const rk = `${o.kind}\u0000${o.name}`;
        const named = this.rolesByName.get(rk);
        named?.delete(o);
        if (named && !named.size) this.rolesByName.delete(rk);
      }
      const k = key(o.kind, o.namespace, o.name);
      const list = this.byKey.get(k)?.filter((x) => x !== o);
      if (list && list.length) this.byKey.set(k, list);
      else this.byKey.delete(k);
    }
    return true;
  }
}
