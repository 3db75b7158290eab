import type { IdentityGraph } from '../core/identity/graph';
import { UsageError } from './args';

/**
 * Where the CLI gets cloud identity data. Replaced by the snapshot reader once it exists, so the lint
 * command does not depend on the Azure code directly.
 */
export const cloudHooks: { loadSnapshot: (path: string, cwd: string, warn: (msg: string) => void) => Promise<IdentityGraph> } = {
  loadSnapshot: async () => {
    throw new UsageError('--snapshot is not supported by this build');
  },
};
