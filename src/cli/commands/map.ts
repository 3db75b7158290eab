import { promises as fs } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Analyzer } from '../../core/analyze';
import { isConfigFileName } from '../../core/config/config';
import { ignoredBy } from '../../core/config/resolve';
import { buildIdentityMap, mapNamespaces, renderJson, renderMermaid, renderSvg, workloadsOf, type MapTarget } from '../../core/map/index';
import { last, parseArgs, UsageError } from '../args';
import { cloudHooks } from '../cloud-hooks';
import { applyConfigs } from '../configured-inputs';
import { InputError, loadFiles, readInputs } from '../files';
import type { Io } from '../io';

export const MAP_USAGE = `Usage: aks-iam map [paths…] [options]

Draws the identity map of the manifests (files, or directories searched for *.yaml/*.yml): each workload, the
ServiceAccount it runs as, that account's managed identity (client-id), federated credential, Azure role
assignments and their scopes, and the RoleBindings/ClusterRoleBindings and roles that grant it Kubernetes access.
Links that a finding breaks (missing federation, unknown client-id, a missing azure.workload.identity/use label, a
roleRef to no role) are drawn red with the finding's text.

Options:
  -n, --namespace <ns>        only this namespace (default: every namespace)
  --workload <kind>/<name>    only this workload (e.g. deployment/api); with -n when the name is in several namespaces
  --format mermaid|svg|json   output format (default: mermaid)
  --snapshot <file|dir>       identity data saved from the Azure CLI (az identity list, az identity
                              federated-credential list, az role assignment list …); default: the configuration's
  -o, --output <file>         write to this file instead of standard output
  --no-config                 ignore .aks-iam.yaml files

Exit codes: 0 the map was drawn, 2 usage or input error (nothing matches -n or --workload, unreadable files).
`;

const SHORT: Record<string, string> = { '-n': '--namespace', '-o': '--output' };

async function loadWorkspace(given: string[], io: Io, snapshotArg: string | undefined, noConfig: boolean) {
  const inputs = (await readInputs(given.length ? given : ['.'], io.cwd, 10 * 1048576)).filter((f) => !isConfigFileName(basename(f.path)));
  const configs = applyConfigs(inputs, io.cwd, noConfig);
  const { included, configOf } = configs;
  const snapshot = snapshotArg || configs.namedSnapshot();
  const graph = snapshot ? await cloudHooks.loadSnapshot(snapshot, io.cwd, (m) => io.err(`aks-iam: ${m}\n`)) : null;
  const analyzer = new Analyzer({
    cloud: graph,
    rulesFor: (p) => configOf.get(p)?.rules ?? {},
    namespaceFor: (p) => configs.namespaceFor(p),
    placeholdersFor: (p) => configs.placeholdersFor(p),
  });
  const display = loadFiles(included, (path, text) => analyzer.setFile(path, text), (line) => io.err(line));
  // A finding the configuration ignores is not a broken link either.
  const findings = analyzer.analyzeAll().filter((f) => {
    const c = configOf.get(f.file);
    return !c || ignoredBy(c, f.file, f.ruleId) === null;
  });
  return { analyzer, graph, findings, display };
}

function targetOf(analyzer: Analyzer, namespace: string | undefined, workload: string | undefined): MapTarget {
  const index = analyzer.index;
  if (workload) {
    const m = /^([^/]+)\/([^/]+)$/.exec(workload);
    if (!m) throw new UsageError(`--workload takes <kind>/<name> (e.g. deployment/api), not "${workload}"`);
    const matches = workloadsOf(index).filter((o) => o.kind?.toLowerCase() === m[1].toLowerCase() && o.name === m[2] && (!namespace || o.namespace === namespace));
    const spaces = [...new Set(matches.map((o) => o.namespace).filter((n): n is string => !!n))].sort();
    if (!spaces.length) {
      const known = workloadsOf(index).filter((o) => o.namespace && (!namespace || o.namespace === namespace)).map((o) => `${o.kind?.toLowerCase()}/${o.name}${namespace ? '' : ` (-n ${o.namespace})`}`);
      throw new InputError(`no workload ${workload}${namespace ? ` in namespace ${namespace}` : ''}${known.length ? `; there are: ${[...new Set(known)].slice(0, 12).join(', ')}` : ''}`);
    }
    if (spaces.length > 1) throw new InputError(`${workload} is in several namespaces (${spaces.join(', ')}): add -n <namespace>`);
    return { kind: 'workload', namespace: spaces[0], workloadKind: matches[0].kind!, name: m[2] };
  }
  if (namespace) {
    const known = mapNamespaces(index);
    if (!known.includes(namespace)) throw new InputError(`no workload or ServiceAccount in namespace ${namespace}${known.length ? `; namespaces: ${known.join(', ')}` : ''}`);
    return { kind: 'namespace', namespace };
  }
  return { kind: 'workspace' };
}

/** `aks-iam map`: the identity map of the manifests as Mermaid, SVG or JSON. */
export async function mapCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv.map((a) => SHORT[a] ?? a), { value: ['namespace', 'workload', 'format', 'snapshot', 'output'], boolean: ['help', 'no-config'] });
  if (args.flags.has('help')) {
    io.out(MAP_USAGE);
    return 0;
  }
  const format = last(args, 'format') ?? 'mermaid';
  if (!['mermaid', 'svg', 'json'].includes(format)) throw new UsageError(`--format must be mermaid, svg or json, not "${format}"`);
  const { analyzer, graph, findings, display } = await loadWorkspace(args.positionals, io, last(args, 'snapshot'), args.flags.has('no-config'));
  const target = targetOf(analyzer, last(args, 'namespace'), last(args, 'workload'));
  const map = buildIdentityMap({ index: analyzer.index, graph, findings, iac: analyzer.iacFacts() }, target);
  const text = format === 'svg' ? renderSvg(map, { standalone: true }) : format === 'json' ? renderJson(map, (f) => display.get(f) ?? f) : renderMermaid(map);
  const output = last(args, 'output');
  if (!output) {
    io.out(text);
    return 0;
  }
  try {
    await fs.writeFile(resolve(io.cwd, output), text, 'utf8');
  } catch (err) {
    throw new InputError(`cannot write ${output}: ${(err as Error).message}`);
  }
  const broken = map.edges.filter((e) => e.problems.length).length;
  io.err(`aks-iam: wrote the identity map of ${map.title} (${map.nodes.length} nodes, ${broken} broken link${broken === 1 ? '' : 's'}) to ${output}\n`);
  return 0;
}
