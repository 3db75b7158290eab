/**
 * Which workspace files are infrastructure code. Terraform and Bicep are known by name alone (cheap: decides what
 * to read before any parser loads). ARM templates are `.json` like every package.json, tsconfig and lockfile, so
 * a `.json` name only makes a file a candidate; its first characters decide, before anything parses it.
 */
const IAC_PATH = /\.(tf|tfvars|bicep|bicepparam)$/i;

export function isIacPath(path: string): boolean {
  return IAC_PATH.test(path);
}

/** Glob of the files known by name, for file watchers and workspace searches. */
export const IAC_GLOB = '**/*.{tf,tfvars,bicep,bicepparam}';

const JSON_PATH = /\.json$/i;

/** A `.json` file: an ARM template or not, which only its text can tell (`isArmTemplateText`). */
export function isArmCandidatePath(path: string): boolean {
  return JSON_PATH.test(path);
}

/** Glob of the candidates, for a watcher or a search whose hits are then sniffed. */
export const ARM_CANDIDATE_GLOB = '**/*.json';

/**
 * How much of a file's start the test reads. Templates begin with `$schema` (the one Bicep writes too); a
 * lockfile of megabytes costs a regular expression over this many characters.
 */
export const ARM_SNIFF_CHARS = 4096;

/**
 * A `$schema` naming a deployment template at any scope (resource group, subscription, management group, tenant:
 * `deploymentTemplate.json#`, `subscriptionDeploymentTemplate.json#`, …). Parameter files
 * (`deploymentParameters.json#`) are not templates and do not match.
 */
const ARM_SCHEMA = /"\$schema"\s*:\s*"https?:\/\/schema\.management\.azure\.com\/schemas\/[^"]*deploymentTemplate\.json#?"/i;

/** The text of an ARM template (tested on its first `ARM_SNIFF_CHARS` characters only). */
export function isArmTemplateText(text: string): boolean {
  return ARM_SCHEMA.test(text.length > ARM_SNIFF_CHARS ? text.slice(0, ARM_SNIFF_CHARS) : text);
}

/** Infrastructure code the readers take: Terraform and Bicep by name, ARM templates by name and text. */
export function isIacFile(path: string, text: string): boolean {
  return isIacPath(path) || (isArmCandidatePath(path) && isArmTemplateText(text));
}
