import type { KObject } from '../../model/objects';
import { bindingsIn } from '../../model/rbac';
import { isScalar, type YNode } from '../../yaml/node';
import { placeholderKind } from '../../yaml/placeholder';
import { annotationMaps, describe, labelMaps } from '../helpers';
import { cloudOfKey } from '../other/identity-keys';
import { defineRule } from '../types';

/** Identity labels and annotations besides the three clouds' webhook keys (see identity-keys.ts). */
const AAD_POD_IDENTITY = new Set(['aadpodidbinding', 'aadpodidentity.k8s.io/Behavior']);

function isIdentityKey(key: string): boolean {
  return cloudOfKey(key) !== null || AAD_POD_IDENTITY.has(key);
}

/**
 * The text of a value the parser left unknown because it is a docs or kustomize-base placeholder; null for anything
 * else. Templates, variables and `<angle>` placeholders are replaced by a renderer or a substitution step by design:
 * no finding for them.
 */
function placeholderOf(n: YNode | null | undefined): string | null {
  if (!isScalar(n) || !n.unknown || typeof n.value !== 'string') return null;
  return placeholderKind(n.value) === 'convention' ? n.value : null;
}

export default defineRule({
  id: 'placeholder-unreplaced',
  title: 'Placeholder left in an identity field',
  defaultSeverity: 'info',
  category: 'general',
  fixable: false,
  docs: {
    why:
      'Docs, snippets and kustomize bases put placeholders where an identity goes: `YOUR_TENANT_ID`, `KSA_NAME`, `PATCHED_BY_OVERLAY`, `sa@PROJECT_ID.iam.gserviceaccount.com`, `arn:aws:iam::ACCOUNT_ID:role/x`, `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, the all-zero GUID. ' +
      'No rule judges such a value (it is unknown), so a forgotten one would ship silently; this rule says, once per value, that it is still there. ' +
      'Recognised as placeholders, and so unknown to every rule: templates (`{{ }}`, `{% %}`), variables (`${VAR}`, `${VAR:-default}`, `$VAR`, `$(VAR)`), angle brackets (`<name>`), ALL_CAPS tokens with an underscore (alone or inside a value; not environment variable names, Secret keys, envFrom prefixes or capabilities, which are ALL_CAPS by nature), the words REPLACEME, CHANGEME, PLACEHOLDER, TODO, FIXME and TBD, GUIDs masked with `x`, other ids masked with eight or more `x` (`arn:aws:iam::xxxxxxxxxxxx:role/…`), a whole value that only names the id it stands for (`client-id`, `your-tenant-id`, `clientId`), and `00000000-0000-0000-0000-000000000000`. ' +
      'Templates, variables and angle brackets get no finding: a renderer or a substitution step (helm, envsubst) replaces them by design.',
    howToFix: 'Put in the real value, or make sure the pipeline substitutes it (envsubst, a kustomize overlay) before `kubectl apply`. To make CI fail on a forgotten placeholder, run with `--fail-on info`.',
    example: {
      bad: 'kind: ServiceAccount\nmetadata:\n  name: orders\n  annotations:\n    azure.workload.identity/client-id: 00000000-0000-0000-0000-000000000000',
      good: 'kind: ServiceAccount\nmetadata:\n  name: orders\n  annotations:\n    azure.workload.identity/client-id: 5f1c2d3e-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
    },
    severity:
      'info: a placeholder is often intended (a kustomize base patched by its overlays, a guide to copy from), so it is worth knowing, not an alarm. Every other rule treats the value as unknown and stays quiet, so this is the only finding a placeholder ever gets.',
    assumes:
      'Looks only at identity-relevant fields: the identity annotations and labels of Azure Workload Identity, EKS IRSA, GKE Workload Identity and aad-pod-identity, a pod\'s `serviceAccountName`, a ServiceAccount\'s own name and namespace, a binding\'s subject names and namespaces and its `roleRef.name`. Never fires in a Helm template (`{{ }}` there is the chart\'s business) or in a Jinja/Liquid file. Needs no namespace.',
  },
  check(ctx) {
    if (ctx.file.parsed.isTemplate) return;
    const seen = new Set<number>();
    const report = (n: YNode | null | undefined, field: string, o: KObject) => {
      const value = placeholderOf(n);
      if (value === null || !n || seen.has(n.start)) return;
      seen.add(n.start);
      ctx.report({
        message: `Unreplaced placeholder "${value}": the ${field} of ${describe(o)} goes to the cluster as written unless it is replaced (by hand or by an overlay).`,
        start: n.start, end: n.end,
      });
    };
    for (const o of ctx.file.objects) checkObject(o, report);
    for (const b of bindingsIn(ctx.file.objects)) {
      b.subjects.forEach((s, i) => {
        report(s.name.node, `name of subject ${i + 1}`, b.object);
        report(s.namespace.node, `namespace of subject ${i + 1}`, b.object);
      });
      if (b.roleRef) report(b.roleRef.name.node, 'roleRef.name', b.object);
    }
  },
});

type Reporter = (n: YNode | null | undefined, field: string, o: KObject) => void;

function checkObject(o: KObject, report: Reporter): void {
  for (const { map } of annotationMaps(o)) {
    for (const p of map.pairs) if (p.key !== null && isIdentityKey(p.key)) report(p.value, `annotation ${p.key}`, o);
  }
  for (const { map } of labelMaps(o)) {
    for (const p of map.pairs) if (p.key !== null && isIdentityKey(p.key)) report(p.value, `label ${p.key}`, o);
  }
  if (o.kind === 'ServiceAccount') {
    report(o.nameNode, 'name', o);
    report(o.namespaceNode, 'namespace', o);
  }
  for (const pod of o.podSpecs) {
    const pair = pod.serviceAccountPair;
    if (pair) report(pair.value, pair.key ?? 'serviceAccountName', o);
  }
}
