import type { Io } from '../io';
import { checkClusterCommand } from './check-cluster';
import { diagnoseCommand } from './diagnose';
import { explainCommand } from './explain';
import { initCommand } from './init';
import { lintCommand } from './lint';
import { rulesCommand } from './rules';
import { whoGrantsCommand } from './who-grants';

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
  'check-cluster': { summary: 'check the required permissions of an AKS cluster\'s identities', run: checkClusterCommand },
  diagnose: { summary: 'explain a workload identity sign-in error (AADSTS70021…) against the repository', run: diagnoseCommand },
};
