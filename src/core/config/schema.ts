import { allRules } from '../rules/registry';

export const SCHEMA_PATH = 'schemas/aks-iam.schema.json';
export const SCHEMA_URL = 'https://raw.githubusercontent.com/aks-iam/aks-iam/main/schemas/aks-iam.schema.json';

/**
 * The JSON Schema of `.aks-iam.yaml` (draft-07, what the YAML extension reads), with every rule id. The committed
 * copy at SCHEMA_PATH is written by `npm run docs`; a test fails when it differs from this.
 */
export function configSchema(): object {
  const severity = { type: 'string', enum: ['error', 'warning', 'info', 'off'] };
  const glob = { type: 'string', minLength: 1 };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_URL,
    title: 'aks-iam configuration (.aks-iam.yaml)',
    description: 'Configuration of aks-iam for the files in this folder and below: the nearest .aks-iam.yaml of a file applies, and pulls in others with extends.',
    type: 'object',
    additionalProperties: false,
    properties: {
      extends: {
        description: 'Configuration files this one builds on (relative to this file); later ones and this file\'s own keys win.',
        oneOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 } }],
      },
      rules: {
        description: 'Severity per rule id: error, warning, info or off.',
        type: ['object', 'null'],
        additionalProperties: false,
        properties: Object.fromEntries(allRules.map((r) => [r.id, { ...severity, description: `${r.title} (default: ${r.defaultSeverity})` }])),
      },
      exclude: { description: 'Globs (relative to this file\'s folder) of YAML files not to analyse.', type: 'array', items: glob },
      namespace: {
        description: 'Namespace of objects that name none (what kubectl apply would use).',
        type: 'string',
        pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
        maxLength: 63,
      },
      placeholders: {
        description: 'Extra regular expressions (JavaScript syntax) of placeholder values: a value they match is unknown, never judged by a rule.',
        type: 'array',
        items: { type: 'string', minLength: 1 },
      },
      snapshot: { description: 'Identity data saved from the Azure CLI (a JSON file or folder, relative to this file), for the cloud rules.', type: 'string', minLength: 1 },
      ignore: {
        description: 'Findings not to report, each with the reason why.',
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['path', 'reason'],
          properties: {
            path: { description: 'A glob relative to this file\'s folder, or <rule-id>@<glob>.', type: 'string', minLength: 1 },
            rule: { description: 'Only this rule\'s findings (default: every rule).', type: 'string', enum: allRules.map((r) => r.id) },
            reason: { description: 'Why these findings are ignored (required).', type: 'string', minLength: 1 },
          },
        },
      },
    },
  };
}

/** The commented starter file `aks-iam init` writes. */
export function starterConfig(): string {
  return `# yaml-language-server: $schema=${SCHEMA_URL}
# aks-iam configuration. The nearest .aks-iam.yaml of a file applies (looked up from the file's folder to the
# repository root), in the editor and in \`aks-iam lint\` alike. Every key is optional.

# Build on a shared base (paths relative to this file); this file's keys win.
# extends: ../.aks-iam.yaml

# Severity per rule id: error, warning, info or off. \`aks-iam rules\` lists the ids.
rules:
  # rbac-wildcard: error
  # wi-default-service-account: off

# YAML files not to analyse (globs relative to this folder).
exclude:
  - "**/node_modules/**"
  # - charts/*/templates/tests/**

# Namespace of objects that do not state one.
# namespace: default

# Extra placeholder patterns (regular expressions): matching values are unknown, never judged.
# placeholders:
#   - "^__[A-Z_]+__$"

# Identity data saved from the Azure CLI, for the cloud rules (relative to this file).
# snapshot: identity-snapshot.json

# Findings not to report; every entry needs a reason.
# ignore:
#   - path: legacy/**
#     reason: replaced by charts/ in Q3
#   - path: rbac-wildcard@platform/operators/**
#     reason: operators need wildcards on their own CRDs
`;
}
