import type { YNode } from '../../yaml/node';
import { isScalar } from '../../yaml/node';
import { replaceNode } from '../../yaml/edit';
import { describe } from '../helpers';
import { defineRule } from '../types';

const LEGACY = '/var/run/secrets/azure/tokens/azure-identity-token';
const REPLACEMENT = '$(AZURE_FEDERATED_TOKEN_FILE)';

export default defineRule({
  id: 'wi-legacy-token-path',
  title: 'Hard-coded workload identity token path',
  defaultSeverity: 'warning',
  category: 'workload-identity',
  fixable: true,
  docs: {
    why: `The projected token's location is an implementation detail of the webhook: \`${LEGACY}\` moved in webhook v1.6, so a container that hard-codes it finds no token after an upgrade. The webhook always sets AZURE_FEDERATED_TOKEN_FILE to the current path.`,
    howToFix: `Refer to the variable instead: \`${REPLACEMENT}\` in env values, args and command, or read AZURE_FEDERATED_TOKEN_FILE in the application (the Azure SDKs do).`,
    example: { bad: `args: ["--token-file", "${LEGACY}"]`, good: `args: ["--token-file", "${REPLACEMENT}"]` },
  },
  check(ctx) {
    const text = ctx.file.text;
    for (const o of ctx.file.objects) {
      for (const pod of o.podSpecs) {
        for (const c of pod.containers) {
          const where = `container ${c.name ?? '(unnamed)'} of ${describe(o)}`;
          const nodes: { node: YNode | null; field: string }[] = [
            ...c.env.map((e) => ({ node: e.valueNode, field: `env ${e.name ?? ''}`.trim() })),
            ...(c.args?.items ?? []).map((node) => ({ node, field: 'args' })),
            ...(c.command?.items ?? []).map((node) => ({ node, field: 'command' })),
          ];
          for (const { node, field } of nodes) {
            if (!isScalar(node)) continue;
            // The path contains nothing a YAML quote style escapes, so it appears verbatim in the source.
            const at = text.slice(node.start, node.end).indexOf(LEGACY);
            if (at < 0) continue;
            const start = node.start + at;
            const end = start + LEGACY.length;
            ctx.report({
              message: `The ${field} of ${where} hard-codes the workload identity token path ${LEGACY}, which moved in webhook v1.6; use ${REPLACEMENT}.`,
              start, end,
              fixes: [{ title: `Replace with ${REPLACEMENT}`, edits: [replaceNode({ start, end }, REPLACEMENT)], isPreferred: true }],
            });
          }
        }
      }
    }
  },
});
