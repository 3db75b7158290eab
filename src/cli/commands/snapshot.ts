import { promises as fs } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { exportSnapshot } from '../../core/identity/snapshot';
import { last, parseArgs, UsageError } from '../args';
import { LIVE_BOOLEAN_FLAGS, liveOptionsUsage, LIVE_VALUE_FLAGS, liveSettings } from '../azure-options';
import { EXIT_CODES_LIVE } from '../azure-messages';
import { displayPath } from '../config';
import { InputError } from '../files';
import type { Io } from '../io';

export const SNAPSHOT_USAGE = `Usage: aks-iam snapshot export [--subscription <id>…] [-o <file>] [options]

Reads AKS clusters with their subnets, managed identities with their federated credentials, role
assignments, the custom roles they use and the container registries of the clusters' subscriptions from
Azure, and writes them as an identity snapshot: the file the editor's Load identity snapshot,
aks-iam lint --snapshot and aks-iam check-cluster --snapshot read. Signs in with DefaultAzureCredential
(az login, environment variables, workload identity, managed identity).

Options:
  --subscription <id>     a subscription to read (repeatable; default: every one the credential sees)
  -o, --output <file>     where to write the snapshot (default: standard output)
${liveOptionsUsage(22)}

Exit codes: 0 written, 2 usage or output error,
${EXIT_CODES_LIVE}.
`;

/** `-o` as the short form of `--output`; parseArgs knows long options only. */
function expandShort(argv: string[]): string[] {
  return argv.map((a) => (a === '-o' ? '--output' : a.startsWith('-o') && !a.startsWith('--') ? `--output=${a.slice(2)}` : a));
}

/** Beside the target and renamed over it: a failed run never leaves half a snapshot where the old one was. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.aks-iam-${process.pid}-${Date.now()}.tmp`);
  try {
    await fs.writeFile(tmp, text, 'utf8');
    await fs.rename(tmp, path);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

/** `aks-iam snapshot export`: the live identity graph as a snapshot file. */
export async function snapshotCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(expandShort(argv), { value: ['output', ...LIVE_VALUE_FLAGS], boolean: ['help', ...LIVE_BOOLEAN_FLAGS] });
  if (args.flags.has('help')) {
    io.out(SNAPSHOT_USAGE);
    return 0;
  }
  const [sub, ...extra] = args.positionals;
  if (sub !== 'export') throw new UsageError(sub ? `unknown subcommand "${sub}" (aks-iam snapshot export writes a snapshot)` : 'missing subcommand: aks-iam snapshot export');
  if (extra.length) throw new UsageError(`unexpected argument ${extra[0]}`);
  const live = liveSettings(args);
  const output = last(args, 'output');
  const target = output && output !== '-' ? resolve(io.cwd, output) : null;
  // Fail on an unwritable place before signing in and reading everything.
  if (target && !(await fs.stat(dirname(target)).catch(() => null))?.isDirectory()) throw new InputError(`cannot write ${output}: no such folder ${displayPath(io.cwd, dirname(target))}`);
  const { readAzure, readSurroundings } = await import('../azure-live');
  const graph = await readAzure(live, io, { federatedCredentials: true, more: (g, loader, warn) => readSurroundings(g, g.clusters, loader, warn) });
  const text = `${JSON.stringify(exportSnapshot(graph), null, 2)}\n`;
  if (!target) {
    io.out(text);
    return 0;
  }
  try {
    await writeAtomically(target, text);
  } catch (err) {
    throw new InputError(`cannot write ${output}: ${(err as Error).message}`);
  }
  io.err(`aks-iam: wrote the snapshot to ${displayPath(io.cwd, target)}\n`);
  return 0;
}
