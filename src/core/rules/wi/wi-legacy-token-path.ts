import type { YNode, YScalar } from '../../yaml/node';
import type { Container, KObject } from '../../model/objects';
import { isScalar } from '../../yaml/node';
import { replaceNode } from '../../yaml/edit';
import { describe } from '../helpers';
import { defineRule, type RuleContext } from '../types';

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
    howToFix: `Refer to the variable instead: \`${REPLACEMENT}\` in args and command (the kubelet expands it from the container's whole environment), or read AZURE_FEDERATED_TOKEN_FILE in the application (the Azure SDKs do). In an env value \`${REPLACEMENT}\` does not work: the webhook adds the variable after the container's own, and env values expand only the variables before them, so that case gets no fix.`,
    example: { bad: `args: ["--token-file", "${LEGACY}"]`, good: `args: ["--token-file", "${REPLACEMENT}"]` },
    severity: 'warning: the path works with webhooks before v1.6 and breaks silently after an upgrade; a real risk a reviewer acts on, not a failure today.',
    assumes: 'Looks for the literal path in env values, args and command; templated values are searched as written. Needs no namespace. The fix applies only to args and command, where the kubelet expands `$(AZURE_FEDERATED_TOKEN_FILE)`; in env values it would not expand, so there is no edit.',
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      for (const pod of o.podSpecs) {
        for (const c of pod.containers) {
          for (const e of c.env) if (mayHold(e.valueNode)) look(ctx, o, c, e.valueNode, `env ${e.name ?? ''}`.trim(), true);
          for (const node of c.args?.items ?? []) if (mayHold(node)) look(ctx, o, c, node, 'args');
          for (const node of c.command?.items ?? []) if (mayHold(node)) look(ctx, o, c, node, 'command');
        }
      }
    }
  },
});

/** Most values are far shorter than the path: they are skipped before any text is built for a message. */
function mayHold(node: YNode | null): node is YScalar {
  return isScalar(node) && node.end - node.start >= LEGACY.length;
}

function look(ctx: RuleContext, o: KObject, c: Container, node: YScalar, field: string, inEnv = false): void {
  // The path contains nothing a YAML quote style escapes, so it appears verbatim in the source.
  const at = ctx.file.text.slice(node.start, node.end).indexOf(LEGACY);
  if (at < 0) return;
  const start = node.start + at;
  const end = start + LEGACY.length;
  const where = `container ${c.name ?? '(unnamed)'} of ${describe(o)}`;
  if (inEnv) {
    // An env value cannot refer to AZURE_FEDERATED_TOKEN_FILE: the webhook appends that variable after the container's
    // own, and $(VAR) in an env value expands only variables defined before it. No edit does what the author meant.
    ctx.report({
      message: `Legacy workload identity token path in ${field}: ${where} hard-codes ${LEGACY}, which moved in webhook v1.6. Have the application read AZURE_FEDERATED_TOKEN_FILE instead (a ${REPLACEMENT} reference in env would not expand: the webhook adds that variable after the container's own).`,
      start, end,
    });
    return;
  }
  ctx.report({
    message: `Legacy workload identity token path in ${field}: ${where} hard-codes ${LEGACY}, which moved in webhook v1.6; use ${REPLACEMENT}.`,
    start, end,
    fixes: [{ title: `Replace with ${REPLACEMENT}`, edits: [replaceNode({ start, end }, REPLACEMENT)], isPreferred: true }],
  });
}
