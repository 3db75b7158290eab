import { promises as fs } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { Analyzer } from '../../core/analyze';
import { isConfigFileName } from '../../core/config/config';
import { diagnose, gatherSources, renderMarkdown, renderText, type Location } from '../../core/diagnose/index';
import { last, parseArgs, UsageError } from '../args';
import { cloudHooks } from '../cloud-hooks';
import { applyConfigs } from '../configured-inputs';
import { InputError, readInputs } from '../files';
import type { Io } from '../io';

export const DIAGNOSE_USAGE = `Usage: aks-iam diagnose ["<error text>"] [options]

Explains a failed workload identity sign-in from the error a pod logged (AADSTS70021, AADSTS700213, AADSTS7002138,
AADSTS700016, AADSTS700024, AADSTS90061…, the azure-identity SDKs' wrapping of them, IMDS and network failures):
which field of which federated credential differs from what the pod presented, and where to fix it.

The error text comes from the arguments, from --file, or from standard input (also with "-").

Options:
  --file <log>             read the error text from a file (a whole pod log is fine)
  --dir <folder>           the repository to compare with: its manifests, Terraform, Bicep and ARM templates
                           (default: the current folder)
  --snapshot <file|dir>    identity data saved from the Azure CLI (identities, federated credentials, clusters);
                           default: the one the folder's .aks-iam.yaml names
  --no-config              ignore .aks-iam.yaml files (their exclude, namespace, placeholders and snapshot)
  --format text|markdown|json

Exit codes: 0 an error was recognised and explained, 1 the text holds no sign-in error it knows, 2 usage or I/O error.
`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function diagnoseCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { value: ['file', 'dir', 'snapshot', 'format'], boolean: ['help', 'no-config'] });
  if (args.flags.has('help')) {
    io.out(DIAGNOSE_USAGE);
    return 0;
  }
  const format = last(args, 'format') ?? 'text';
  if (!['text', 'markdown', 'json'].includes(format)) throw new UsageError(`--format must be text, markdown or json, not "${format}"`);
  const file = last(args, 'file');
  const positional = args.positionals.join(' ');
  if (file && positional) throw new UsageError('give the error text either as arguments or with --file, not both');
  let text: string;
  if (file) {
    try {
      text = await fs.readFile(resolve(io.cwd, file), 'utf8');
    } catch (err) {
      throw new InputError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  } else if (positional && positional !== '-') text = positional;
  else if (positional === '-' || !process.stdin.isTTY) text = await readStdin();
  else throw new UsageError('missing the error text (as an argument, with --file, or on standard input)');
  if (!text.trim()) throw new UsageError('the error text is empty');

  const dir = resolve(io.cwd, last(args, 'dir') ?? '.');
  const inputs = (await readInputs([dir], io.cwd, 10 * 1048576)).filter((f) => !isConfigFileName(basename(f.path)));
  // The folder's .aks-iam.yaml places and leaves out manifests as it does for lint, so both see the same objects.
  const configs = applyConfigs(inputs, io.cwd, args.flags.has('no-config'));
  const analyzer = new Analyzer({ namespaceFor: (p) => configs.namespaceFor(p), placeholdersFor: (p) => configs.placeholdersFor(p) });
  const texts = new Map<string, string>();
  for (const f of configs.included) {
    if (f.text === null || f.skipped) continue;
    analyzer.setFile(f.path, f.text);
    texts.set(f.path, f.text);
  }
  // Analysing reads the infrastructure code (Terraform, Bicep) into identity facts.
  if (analyzer.iacPaths().length) analyzer.analyzeAll();
  const snapshot = last(args, 'snapshot') || configs.namedSnapshot();
  const graph = snapshot ? await cloudHooks.loadSnapshot(snapshot, io.cwd, (m) => io.err(`aks-iam: ${m}\n`)) : null;

  const sources = gatherSources({ index: analyzer.index, graph, iac: analyzer.iacFacts(), textOf: (p) => texts.get(p) });
  const d = diagnose(text, sources);
  const display = (l: Location) => `${relative(io.cwd, l.file) || l.file}:${l.line + 1}:${l.character + 1}`;
  if (format === 'json') {
    io.out(JSON.stringify({ kind: d.kind, code: d.code, headline: d.headline, error: d.parsed, items: d.items.map((i) => ({ ...i, at: i.at ? { ...i.at, file: relative(io.cwd, i.at.file) } : undefined })), consulted: d.consulted, docs: d.docs }, null, 2) + '\n');
  } else if (format === 'markdown') {
    io.out(renderMarkdown(d, display, (l) => `${relative(io.cwd, l.file)}#L${l.line + 1}`));
  } else io.out(renderText(d, display));
  return d.kind === 'unrecognized' ? 1 : 0;
}
