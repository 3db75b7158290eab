import type { Io } from '../io';
import { checkClusterCommand } from './check-cluster';
import { diagnoseCommand } from './diagnose';
import { explainCommand } from './explain';
import { initCommand } from './init';
import { lintCommand } from './lint';
import { mapCommand } from './map';
import { rulesCommand } from './rules';
import { snapshotCommand } from './snapshot';
import { whoGrantsCommand } from './who-grants';
import { whoCanCommand } from './who-can';
import { accessCommand } from './access';

export interface Command {
  summary: string;
  run(argv: string[], io: Io): Promise<number>;
}

/** Subcommands of `aks-iam`; each lives in its own file. */
export const commands: Record<string, Command> = {
  lint: { summary: 'check manifests for identity and RBAC mistakes', run: lintCommand },
  rules: { summary: 'list every rule with its default severity (text, json or markdown)', run: rulesCommand },
  init: { summary: 'write a commented starter .aks-iam.yaml', run: initCommand },
  explain: { summary: 'explain a role, permission, ClusterRole, RBAC verb or identity key', run: explainCommand },
  'who-grants': { summary: 'list built-in Azure roles that grant a permission', run: whoGrantsCommand },
  'who-can': { summary: 'list who may do a verb on a resource (Kubernetes RBAC and Azure RBAC), with the path that grants it', run: whoCanCommand },
  access: { summary: 'show what a ServiceAccount, user, group or Entra principal may do, as a table per namespace', run: accessCommand },
  'check-cluster': { summary: 'check the required permissions of an AKS cluster\'s identities', run: checkClusterCommand },
  snapshot: { summary: 'export the identities, federated credentials and role assignments of Azure subscriptions to a file', run: snapshotCommand },
  map: { summary: 'draw the identity map (workload → ServiceAccount → identity → roles) as Mermaid, SVG or JSON', run: mapCommand },
  diagnose: { summary: 'explain a workload identity sign-in error (AADSTS70021…) against the repository', run: diagnoseCommand },
};
