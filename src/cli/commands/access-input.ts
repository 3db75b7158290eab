import { basename } from 'node:path';
import { AccessEngine, type QuerySubject } from '../../core/access/index';
import { parseSubjectArgument, type Locator } from '../../core/access/describe';
import { isConfigFileName } from '../../core/config/config';
import type { IdentityGraph } from '../../core/identity/graph';
import { WorkspaceIndex } from '../../core/index/workspace-index';
import { last, UsageError, type ParsedArgs } from '../args';
import { cloudHooks } from '../cloud-hooks';
import { applyConfigs } from '../configured-inputs';
import { loadFiles, readInputs } from '../files';
import type { Io } from '../io';

/** `-n shop` as `--namespace shop`: the short form kubectl users type. */
export function expandShortFlags(argv: string[]): string[] {
  return argv.map((a) => (a === '-n' ? '--namespace' : a));
}

export interface AccessInput {
  engine: AccessEngine;
  locator: Locator;
  graph: IdentityGraph | null;
}

/**
 * Reads the manifests (default: the current folder) and the snapshot into an engine, with each file's `.aks-iam.yaml`
 * as lint applies it (exclude, namespace, placeholders, snapshot) unless `--no-config`; `--default-namespace` and
 * `--snapshot` override it.
 */
export async function loadAccessInput(paths: string[], args: ParsedArgs, io: Io): Promise<AccessInput> {
  const given = paths.length ? paths : ['.'];
  const inputs = (await readInputs(given, io.cwd, 10 * 1048576)).filter((f) => !isConfigFileName(basename(f.path)));
  const configs = applyConfigs(inputs, io.cwd, args.flags.has('no-config'));
  const namespace = last(args, 'default-namespace');
  const index = new WorkspaceIndex({
    defaultNamespace: namespace ?? 'default', maxFileSize: 10 * 1048576,
    namespaceFor: (p) => configs.namespaceFor(p, namespace), placeholdersFor: (p) => configs.placeholdersFor(p),
  });
  const shown = loadFiles(configs.included, (path, text) => index.setFile(path, text), (line) => io.err(line));
  const snapshot = last(args, 'snapshot') || configs.namedSnapshot();
  const graph = snapshot ? await cloudHooks.loadSnapshot(snapshot, io.cwd, (m) => io.err(`aks-iam: ${m}\n`)) : null;
  const engine = new AccessEngine(index, { graph, builtin: args.flags.has('builtin') });
  return { engine, locator: { index, display: (f) => shown.get(f) ?? f }, graph };
}

/** A subject as `aks-iam access` takes it; a usage error says the accepted forms. */
export function parseSubject(text: string, graph: IdentityGraph | null): QuerySubject {
  const s = parseSubjectArgument(text, graph);
  if (!s) throw new UsageError(`cannot read the subject "${text.trim()}": write system:serviceaccount:<namespace>:<name>, user:<name>, group:<name> or an Entra object id`);
  return s;
}
