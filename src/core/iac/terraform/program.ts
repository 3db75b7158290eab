import type { Attribute, Block, HclFile } from './hcl';

/**
 * A Terraform configuration as folders: each folder with `.tf` files is one module; folders no local `module`
 * block calls are root modules, and only root modules read `*.tfvars`.
 */
export interface ModuleSource {
  dir: string;
  files: HclFile[];
  variables: Map<string, Block>;
  locals: Map<string, Attribute>;
  /** `type.name` → block. */
  resources: Map<string, Block>;
  modules: Map<string, Block>;
  outputs: Map<string, Block>;
  /** Provider configurations by the name resources use: `kubernetes`, or `kubernetes.<alias>`. */
  providers: Map<string, Block>;
  /** `type.name` → `data` block. */
  dataSources: Map<string, Block>;
}

export interface TfvarsFile {
  file: HclFile;
  /** terraform.tfvars and *.auto.tfvars are always loaded; other .tfvars files only when named on the command line. */
  auto: boolean;
}

export interface Program {
  modules: Map<string, ModuleSource>;
  roots: ModuleSource[];
  tfvars: Map<string, TfvarsFile[]>;
}

export function normDir(path: string): string {
  const p = path.replace(/\\/g, '/');
  const i = p.lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i);
}

export function joinDir(dir: string, rel: string): string {
  const abs = rel.startsWith('/');
  const parts = (abs ? rel : `${dir}/${rel}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(p);
  }
  const lead = (abs ? rel : dir).startsWith('/') ? '/' : '';
  return lead + out.join('/') || '.';
}

function baseName(path: string): string {
  const p = path.replace(/\\/g, '/');
  return p.slice(p.lastIndexOf('/') + 1);
}

/** The literal `source` of a module block when it is a local path (`./x`, `../x`), else null (registry, git…). */
export function localSource(block: Block): string | null {
  const src = block.body.attributes.get('source')?.expr;
  if (src?.t !== 'lit' || typeof src.value !== 'string') return null;
  return /^\.\.?(\/|$)/.test(src.value) ? src.value : null;
}

/** `kubernetes`, or `kubernetes.<alias>` when the block sets a literal alias. */
function providerKey(b: Block): string {
  const alias = b.body.attributes.get('alias')?.expr;
  return alias?.t === 'lit' && typeof alias.value === 'string' ? `${b.labels[0]}.${alias.value}` : b.labels[0];
}

export function buildProgram(files: readonly HclFile[]): Program {
  const modules = new Map<string, ModuleSource>();
  const tfvarsFiles: HclFile[] = [];
  for (const f of files) {
    if (/\.tfvars$/i.test(f.path)) {
      tfvarsFiles.push(f);
      continue;
    }
    const dir = normDir(f.path);
    let m = modules.get(dir);
    if (!m) {
      m = { dir, files: [], variables: new Map(), locals: new Map(), resources: new Map(), modules: new Map(), outputs: new Map(), providers: new Map(), dataSources: new Map() };
      modules.set(dir, m);
    }
    m.files.push(f);
    for (const b of f.body.blocks) {
      if (b.type === 'variable' && b.labels[0]) m.variables.set(b.labels[0], b);
      else if (b.type === 'locals') {
        for (const [k, a] of b.body.attributes) if (!m.locals.has(k)) m.locals.set(k, a);
      } else if (b.type === 'resource' && b.labels.length >= 2) m.resources.set(`${b.labels[0]}.${b.labels[1]}`, b);
      else if (b.type === 'module' && b.labels[0]) m.modules.set(b.labels[0], b);
      else if (b.type === 'output' && b.labels[0]) m.outputs.set(b.labels[0], b);
      else if (b.type === 'provider' && b.labels[0]) m.providers.set(providerKey(b), b);
      else if (b.type === 'data' && b.labels.length >= 2) m.dataSources.set(`${b.labels[0]}.${b.labels[1]}`, b);
    }
  }
  const called = new Set<string>();
  for (const m of modules.values()) {
    for (const b of m.modules.values()) {
      const src = localSource(b);
      if (src) {
        const target = joinDir(m.dir, src);
        if (target !== m.dir) called.add(target);
      }
    }
  }
  const roots = [...modules.values()].filter((m) => !called.has(m.dir)).sort((a, b) => (a.dir < b.dir ? -1 : 1));
  const rootDirs = new Set(roots.map((r) => r.dir));
  const tfvars = new Map<string, TfvarsFile[]>();
  for (const f of tfvarsFiles.sort((a, b) => (a.path < b.path ? -1 : 1))) {
    // A tfvars file belongs to the nearest folder above it that holds .tf files (environments/prod.tfvars → the root).
    let dir = normDir(f.path);
    for (let i = 0; i < 32 && !modules.has(dir); i++) {
      const up = joinDir(dir, '..');
      if (up === dir) break;
      dir = up;
    }
    if (!rootDirs.has(dir)) continue;
    const name = baseName(f.path);
    const auto = name === 'terraform.tfvars' || /\.auto\.tfvars$/i.test(name);
    const list = tfvars.get(dir) ?? [];
    list.push({ file: f, auto: auto && normDir(f.path) === dir });
    tfvars.set(dir, list);
  }
  for (const list of tfvars.values()) {
    // Terraform loads terraform.tfvars first, then *.auto.tfvars in lexical order: a later one wins.
    list.sort((a, b) => (baseName(a.file.path) === 'terraform.tfvars' ? -1 : baseName(b.file.path) === 'terraform.tfvars' ? 1 : a.file.path < b.file.path ? -1 : 1));
  }
  return { modules, roots, tfvars };
}
