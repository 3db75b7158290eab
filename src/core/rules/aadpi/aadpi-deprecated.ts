import type { WorkspaceIndex } from '../../index/workspace-index';
import { entry, type KObject, type PodSpec } from '../../model/objects';
import type { TextEdit } from '../../text/types';
import { appendDocument, columnOf, eolOf, formatScalar, indentUnit, insertMapEntry, removePair, renderDocument, setPairValue } from '../../yaml/edit';
import { get, isMap, isScalar, knownStr, str, type YMap, type YNode, type YPair } from '../../yaml/node';
import { WI, describe, objectSpan, pairSpan, setAnnotation, span } from '../helpers';
import { defineRule, type Fix } from '../types';

const GROUP = 'aadpodidentity.k8s.io';
const KINDS = new Set(['AzureIdentity', 'AzureIdentityBinding', 'AzurePodIdentityException']);
const LABEL = 'aadpodidbinding';
const TYPE_NAMES: Record<number, string> = { 0: 'user-assigned managed identity', 1: 'service principal', 2: 'service principal with a certificate' };

function isAadPodIdentity(o: KObject): boolean {
  return !!o.kind && KINDS.has(o.kind) && !!o.apiVersion && o.apiVersion.split('/')[0] === GROUP;
}

/** A spec field in either spelling: the JSON tags are lowercase, the upstream README uses PascalCase. */
function field(spec: YNode | null, camel: string): YNode | null {
  if (!isMap(spec)) return null;
  return get(spec, camel) ?? get(spec, camel[0].toUpperCase() + camel.slice(1));
}

function fieldEither(spec: YNode | null, lower: string, pascal: string): YNode | null {
  if (!isMap(spec)) return null;
  return get(spec, lower) ?? get(spec, pascal);
}

interface Migration {
  binding: KObject;
  identity: KObject | null;
  /** How many bindings share the selector (aad-pod-identity would assign all of them). */
  bindings: number;
}

/** Bindings whose selector equals the label; those in the pod's namespace first. */
function findMigration(index: WorkspaceIndex, pod: PodSpec, selector: string): Migration | null {
  const all = [...index.ofKind('AzureIdentityBinding')].filter((b) => isAadPodIdentity(b) && knownStr(field(get(b.root, 'spec'), 'selector')) === selector);
  if (all.length === 0) return null;
  const ns = pod.owner.namespace;
  const sorted = [...all.filter((b) => b.namespace === ns), ...all.filter((b) => b.namespace !== ns)];
  const binding = sorted[0];
  const idName = knownStr(fieldEither(get(binding.root, 'spec'), 'azureIdentity', 'AzureIdentity'));
  const identity = idName && binding.namespace !== null
    ? index.find('AzureIdentity', binding.namespace, idName).find(isAadPodIdentity) ?? null
    : null;
  return { binding, identity, bindings: all.length };
}

/** The identity type, 0 when absent (the Go zero value), null when unreadable. */
function identityType(identity: KObject): number | null {
  const t = fieldEither(get(identity.root, 'spec'), 'type', 'Type');
  if (!t) return 0;
  if (t.unknown || !isScalar(t)) return null;
  const n = Number(str(t));
  return Number.isInteger(n) ? n : null;
}

/** Inserts `key: value` as the first entry of a block map (so `serviceAccountName` leads the pod spec). */
function insertFirst(text: string, map: YMap, key: string, value: string): TextEdit {
  const first = map.pairs[0];
  const lineStart = first ? text.lastIndexOf('\n', first.start - 1) + 1 : 0;
  if (!first || map.flow || text.slice(lineStart, first.start).trim() !== '') return insertMapEntry(text, map, key, value);
  const pad = ' '.repeat(columnOf(text, first.start));
  return { start: first.start, end: first.start, newText: `${formatScalar(key)}: ${formatScalar(value)}${eolOf(text)}${pad}` };
}

/** What to do with each aad-pod-identity object when moving to workload identity. */
function kindAdvice(o: KObject): string {
  const spec = get(o.root, 'spec');
  if (o.kind === 'AzureIdentity') {
    const type = identityType(o);
    const clientId = knownStr(fieldEither(spec, 'clientID', 'ClientID'));
    if (type === 0 && clientId) return `annotate the pods' ServiceAccount with azure.workload.identity/client-id: ${clientId} instead.`;
    return 'use a managed identity or app registration with a federated credential and annotate the pods\' ServiceAccount with its client id instead.';
  }
  if (o.kind === 'AzureIdentityBinding') {
    const selector = knownStr(field(spec, 'selector'));
    const label = selector ? `aadpodidbinding: ${selector}` : 'aadpodidbinding';
    return `replace the label ${label} on its pods with azure.workload.identity/use: "true" and run them as a ServiceAccount annotated with the identity's client id.`;
  }
  return 'workload identity does not intercept IMDS traffic, so the exception can go when aad-pod-identity is removed.';
}

type Plan = { edits: TextEdit[]; sa: string } | { reason: string };

/** The edits that move one pod spec from its aadpodidbinding label to workload identity. */
function plan(ctx: { file: { text: string; objects: KObject[] }; index: WorkspaceIndex }, pod: PodSpec, labels: YMap, labelPair: YPair, clientId: string): Plan {
  const text = ctx.file.text;
  const owner = pod.owner;
  const ns = owner.namespace;
  if (ns === null) return { reason: 'the namespace is unknown' };
  const edits: TextEdit[] = [];

  // The ServiceAccount: the pod's own when the file defines it, else a new one named after the workload.
  let saName: string;
  const current = pod.serviceAccountName;
  if (current === null) return { reason: 'the pod\'s ServiceAccount name is unknown' };
  const inFile = (name: string): KObject | undefined =>
    ctx.file.objects.find((o) => o.kind === 'ServiceAccount' && o.name === name && o.namespace === ns);
  const annotate = (sa: KObject): string | null => {
    const have = entry(sa.annotations, WI.clientId);
    if (have) {
      const v = knownStr(have.value);
      if (v === clientId) return null;
      return `${describe(sa)} already has client-id ${v ?? '(unknown)'}`;
    }
    const e = setAnnotation(text, sa, WI.clientId, clientId);
    if (!e) return `${describe(sa)} has metadata that cannot be edited`;
    edits.push(e);
    return null;
  };
  if (current !== 'default') {
    const sa = inFile(current);
    if (!sa) return { reason: `it runs as ServiceAccount ${current}, which is not defined in this file` };
    const problem = annotate(sa);
    if (problem) return { reason: problem };
    saName = current;
  } else {
    if (!owner.name) return { reason: 'the workload has no name to give its ServiceAccount' };
    saName = owner.name;
    const existing = inFile(saName);
    if (existing) {
      const problem = annotate(existing);
      if (problem) return { reason: problem };
    } else if (ctx.index.find('ServiceAccount', ns, saName).length) {
      return { reason: `ServiceAccount ${saName} (namespace ${ns}) already exists in another file` };
    } else {
      const metadata: Record<string, string | Record<string, string>> = { name: saName };
      // Only an explicit namespace is repeated; a defaulted one stays whatever the apply targets.
      if (owner.namespaceNode) metadata.namespace = ns;
      metadata.annotations = { [WI.clientId]: clientId };
      edits.push(appendDocument(text, renderDocument({ apiVersion: 'v1', kind: 'ServiceAccount', metadata }, indentUnit(text), eolOf(text))));
    }
    const p = pod.serviceAccountPair;
    const e = p ? setPairValue(text, p, formatScalar(saName)) : insertFirst(text, pod.spec, 'serviceAccountName', saName);
    if (!e) return { reason: 'its serviceAccountName cannot be edited' };
    edits.push(e);
  }

  // The label: aadpodidbinding becomes azure.workload.identity/use: "true".
  const use = entry(labels, WI.use);
  if (!use) {
    edits.push({ start: labelPair.start, end: labelPair.end, newText: `${WI.use}: "true"` });
  } else {
    edits.push(removePair(text, labels, labelPair));
    if (!(isScalar(use.value) && use.value.value === 'true')) {
      const e = setPairValue(text, use, '"true"');
      if (e) edits.push(e);
    }
  }
  return { edits, sa: saName };
}

export default defineRule({
  id: 'aadpi-deprecated',
  title: 'aad-pod-identity is deprecated; migrate to workload identity',
  defaultSeverity: 'warning',
  category: 'aad-pod-identity',
  fixable: false,
  suggests: true,
  docs: {
    why: 'aad-pod-identity (AzureIdentity, AzureIdentityBinding, AzurePodIdentityException and the `aadpodidbinding` pod label) is deprecated and no longer maintained; Azure Workload Identity replaces it. Its NMI component intercepts IMDS traffic on every node, and pods keep working only while that add-on is installed.',
    howToFix: 'For each user-assigned identity (AzureIdentity type 0): annotate a ServiceAccount with its client id, run the pods as that ServiceAccount with the label `azure.workload.identity/use: "true"`, and add a federated identity credential for `system:serviceaccount:<namespace>:<name>` on the identity. The quick fix on the pod label does the manifest part when the AzureIdentity and its binding are in the workspace. Apps that call IMDS directly need a current Azure SDK (DefaultAzureCredential) or the `azure.workload.identity/inject-proxy-sidecar` annotation. Service principal identities (type 1 and 2) need an app registration with a federated credential instead. Suggestion only (quick-fix menu): the migration creates objects and rewires pods.',
    severity: 'warning: aad-pod-identity is retired and unsupported on current AKS versions; it still works where installed, so it is not an error.',
    assumes: 'Kinds and labels are matched by name; the migration is offered only for a type-0 AzureIdentity with a known client id whose binding selector and pods are in the same file, in a known namespace. Placeholder client ids are unknown.',
    example: {
      bad: 'kind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    metadata:\n      labels:\n        aadpodidbinding: api-binding',
      good: 'kind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    metadata:\n      labels:\n        azure.workload.identity/use: "true"\n    spec:\n      serviceAccountName: api\n---\nkind: ServiceAccount\nmetadata:\n  name: api\n  annotations:\n    azure.workload.identity/client-id: 00000000-0000-0000-0000-000000000000',
    },
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      if (isAadPodIdentity(o)) {
        ctx.report({
          message: `Deprecated aad-pod-identity ${o.kind}: ${describe(o)} works only while aad-pod-identity is installed; ${kindAdvice(o)}`,
          ...(o.kindNode ? span(o.kindNode) : objectSpan(o)),
        });
        continue;
      }
      for (const pod of o.podSpecs) {
        const labels = pod.labels;
        const labelPair = entry(labels, LABEL);
        if (!labels || !labelPair) continue;
        const at = labelPair.keyNode ? span(labelPair.keyNode) : pairSpan(labelPair);
        const head = `Deprecated aad-pod-identity label ${LABEL}: ${describe(o)} carries it`;
        const selector = knownStr(labelPair.value);
        if (selector === null || selector === '') {
          const why = labelPair.value?.unknown ? 'its selector is not a literal' : 'its value is empty';
          ctx.report({ message: `${head}, but ${why}, so no migration is offered.`, ...at });
          continue;
        }
        const m = findMigration(ctx.index, pod, selector);
        if (!m) {
          ctx.report({ message: `${head} (selector ${selector}), but no AzureIdentityBinding with that selector is in the workspace, so no migration is offered.`, ...at });
          continue;
        }
        const bindingName = m.binding.name ?? '(unnamed)';
        const more = m.bindings > 1 ? ` ${m.bindings} bindings share this selector and workload identity allows one client id per ServiceAccount, so only the first is migrated.` : '';
        const id = m.identity;
        if (!id) {
          ctx.report({ message: `${head} (selector ${selector}, AzureIdentityBinding ${bindingName}), but the AzureIdentity it names is not in the workspace, so no migration is offered.`, ...at });
          continue;
        }
        const idLabel = `AzureIdentity ${id.name ?? '(unnamed)'}`;
        const type = identityType(id);
        const base = `${head} (selector ${selector}, AzureIdentityBinding ${bindingName}, ${idLabel})`;
        if (type !== 0) {
          const what = type === null ? 'has a type that cannot be read' : `is a ${TYPE_NAMES[type] ?? `type ${type} identity`}`;
          ctx.report({ message: `${base}; the identity ${what}, so it cannot be migrated automatically: create an app registration or managed identity with a federated credential.`, ...at });
          continue;
        }
        const clientId = knownStr(fieldEither(get(id.root, 'spec'), 'clientID', 'ClientID'));
        if (!clientId) {
          ctx.report({ message: `${base}; the identity has no literal clientID, so no migration is offered.`, ...at });
          continue;
        }
        const p = plan(ctx, pod, labels, labelPair, clientId);
        if ('reason' in p) {
          ctx.report({ message: `${base}; no migration is offered because ${p.reason}.${more}`, ...at });
          continue;
        }
        const fix: Fix = { title: `Migrate to workload identity (ServiceAccount ${p.sa}, client id ${clientId})`, edits: p.edits, isPreferred: true };
        ctx.report({ message: `${base}; migrate it to workload identity with client id ${clientId}.${more}`, ...at, suggestions: [fix] });
      }
    }
  },
});
