/**
 * Which workspace files are infrastructure code, by name alone (cheap: decides what to read before any parser
 * loads). Readers register their languages here.
 */
const IAC_PATH = /\.(tf|tfvars|bicep|bicepparam)$/i;

export function isIacPath(path: string): boolean {
  return IAC_PATH.test(path);
}

/** Glob of those files, for file watchers and workspace searches. */
export const IAC_GLOB = '**/*.{tf,tfvars,bicep,bicepparam}';
