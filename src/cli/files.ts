import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ARM_SNIFF_CHARS, isArmCandidatePath, isArmTemplateText, isIacFile, isIacPath } from '../core/iac/paths';
import { loadIacReaders } from './iac';

export interface InputFile {
  path: string;
  /** Path as shown to the user (relative to cwd when inside it, with forward slashes). */
  display: string;
  text: string | null;
  skipped: string | null;
  /** The file started with a UTF-8 BOM (kept when fixes are written back). */
  bom?: boolean;
  /** The bytes were valid UTF-8, so writing the text back cannot change bytes outside an edit. */
  lossless?: boolean;
}

export class InputError extends Error {}

const SKIP_DIRS = new Set(['.git', 'node_modules']);
/** JSON files of a directory whose start is read at once to tell ARM templates from the rest. */
const SNIFF_BATCH = 16;

function display(cwd: string, p: string): string {
  const rel = path.relative(cwd, p);
  const outside = rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
  const shown = rel && !outside ? rel : p;
  return shown.split(path.sep).join('/');
}

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (err as Error).message;
}

/**
 * Whether a `.json` file found in a directory is an ARM template, from its first characters only: a directory's
 * package.json, tsconfig and lockfiles cost one short read each and are never parsed. Three bytes per UTF-16 unit
 * cover the characters the test looks at, so the answer is the one the whole text would give.
 */
async function isArmTemplateFile(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await fs.open(file, 'r');
    const buf = Buffer.alloc(ARM_SNIFF_CHARS * 3);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return isArmTemplateText(buf.toString('utf8', 0, bytesRead));
  } catch {
    // Unreadable: not ours to report, like any other file the walk leaves out.
    return false;
  } finally {
    await handle?.close();
  }
}

async function walk(dir: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new InputError(`cannot read ${dir}: ${reason(err)}`);
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    // Manifests, and infrastructure code (Terraform, Bicep, ARM templates) for the identity facts it declares.
    const yaml = /\.ya?ml$/i.test(e.name) || isIacPath(e.name) || isArmCandidatePath(e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) await walk(p, out);
    } else if (e.isFile() && yaml) {
      out.push(p);
    } else if (e.isSymbolicLink() && yaml) {
      // Linked manifests are linted; linked directories are not followed (loops). A dangling link is
      // kept so that reading it fails loudly instead of the file silently vanishing from the lint.
      const target = await fs.stat(p).catch(() => null);
      if (!target || target.isFile()) out.push(p);
    }
  }
}

/** Decodes file bytes as the editor would: UTF-8, without a BOM; NUL bytes mark a binary file. */
export function decode(bytes: Buffer): { text: string | null; skipped: string | null; bom?: boolean; lossless?: boolean } {
  if (bytes.includes(0)) return { text: null, skipped: 'binary file (NUL bytes)' };
  let text = bytes.toString('utf8');
  const lossless = Buffer.from(text, 'utf8').equals(bytes);
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  return { text, skipped: null, bom, lossless };
}

/** Expands the given files and directories into YAML and infrastructure-code files, in a stable order. */
export async function readInputs(paths: string[], cwd: string, maxSize: number): Promise<InputFile[]> {
  const files: string[] = [];
  const given = new Set<string>();
  for (const name of paths) {
    const abs = path.resolve(cwd, name);
    let st;
    try {
      st = await fs.stat(abs);
    } catch (err) {
      throw new InputError(`cannot read ${name}: ${reason(err)}`);
    }
    if (st.isDirectory()) await walk(abs, files);
    else {
      files.push(abs);
      given.add(abs);
    }
  }
  // A named file is read whatever it is; a .json file found in a directory only when it is an ARM template.
  const walked = [...new Set(files.filter((f) => isArmCandidatePath(f) && !given.has(f)))];
  const notArm = new Set<string>();
  // A few reads at a time: a repository of a thousand JSON files is sniffed in about a tenth of a second.
  for (let i = 0; i < walked.length; i += SNIFF_BATCH) {
    const batch = walked.slice(i, i + SNIFF_BATCH);
    const arm = await Promise.all(batch.map(isArmTemplateFile));
    batch.forEach((f, j) => { if (!arm[j]) notArm.add(f); });
  }
  const unique = [...new Set(files)].filter((f) => !notArm.has(f));
  const out: InputFile[] = [];
  for (const f of unique) {
    const shown = display(cwd, f);
    let bytes: Buffer;
    try {
      const st = await fs.stat(f);
      if (st.size > maxSize) {
        out.push({ path: f, display: shown, text: null, skipped: `larger than ${Math.round(maxSize / 1048576)} MiB` });
        continue;
      }
      bytes = await fs.readFile(f);
    } catch (err) {
      throw new InputError(`cannot read ${shown}: ${reason(err)}`);
    }
    out.push({ path: f, display: shown, ...decode(bytes) });
  }
  // The parsers of infrastructure code load only when there is some (WebAssembly, about 50 ms).
  if (out.some((f) => f.text !== null && isIacFile(f.path, f.text))) {
    const failed = await loadIacReaders();
    if (failed) for (const f of out) if (f.text !== null && isIacFile(f.path, f.text)) Object.assign(f, { text: null, skipped: `infrastructure-code parsers not loaded: ${failed}` });
  }
  return out;
}

/**
 * Hands every readable input to `setFile` (an analyzer or an index), says on stderr which were skipped and why, and
 * returns each read file's path as the user wrote it.
 */
export function loadFiles(files: InputFile[], setFile: (path: string, text: string) => void, err: (line: string) => void): Map<string, string> {
  const shown = new Map<string, string>();
  for (const f of files) {
    if (f.skipped || f.text === null) {
      err(`aks-iam: skipped ${f.display}: ${f.skipped}\n`);
      continue;
    }
    setFile(f.path, f.text);
    shown.set(f.path, f.display);
  }
  return shown;
}
