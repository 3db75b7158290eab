import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAMES } from '../../core/config/config';
import { starterConfig } from '../../core/config/schema';
import { parseArgs, UsageError } from '../args';
import { displayPath } from '../config';
import { InputError } from '../files';
import type { Io } from '../io';

export const INIT_USAGE = `Usage: aks-iam init [folder] [--force]

Writes a commented starter .aks-iam.yaml into the folder (default: the current one). It applies to the files in that
folder and below, in the editor and in aks-iam lint. --force replaces an existing one.
`;

export async function initCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { value: [], boolean: ['help', 'force'] });
  if (args.flags.has('help')) {
    io.out(INIT_USAGE);
    return 0;
  }
  if (args.positionals.length > 1) throw new UsageError(`one folder at most, not ${args.positionals.length}`);
  const dir = path.resolve(io.cwd, args.positionals[0] ?? '.');
  const st = await fs.stat(dir).catch(() => null);
  if (!st?.isDirectory()) throw new InputError(`${args.positionals[0]} is not a folder`);
  const target = path.join(dir, CONFIG_FILE_NAMES[0]);
  if (!args.flags.has('force')) {
    for (const name of CONFIG_FILE_NAMES) {
      const p = path.join(dir, name);
      if (await fs.stat(p).catch(() => null)) throw new InputError(`${displayPath(io.cwd, p)} exists already (--force replaces it)`);
    }
  }
  await fs.writeFile(target, starterConfig());
  io.out(`Wrote ${displayPath(io.cwd, target)}; aks-iam lint and the editor read it for the files below it.\n`);
  return 0;
}
