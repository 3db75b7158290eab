import { entry, type Container, type EnvVar, type KObject, type PodSpec } from '../../model/objects';
import type { TextEdit } from '../../text/types';
import { removeSeqItem } from '../../yaml/edit';
import { get, getPath, isMap, knownStr, type YNode } from '../../yaml/node';
import { describe, serviceAccountOf, setAnnotation, setPodLabel, span, WI } from '../helpers';
import { GKE, IRSA } from '../other/identity-keys';
import type { Fix, Report, RuleContext, Severity } from '../types';
import { mountOf, podVolumes, volumeMounts } from './pod-refs';
import { isExample, masked, shapeOf, SHAPE_NAMES } from './shapes';

export type CloudId = 'aws' | 'azure' | 'gcp';

const CLOUD_NAMES: Record<CloudId, string> = { aws: 'AWS', azure: 'Azure', gcp: 'GCP' };

export interface CloudWiring {
  cloud: CloudId;
  /** What the cloud calls its pod identity. */
  identityName: string;
  /** The ServiceAccount annotation that carries the identity. */
  annotation: string;
  placeholder: string;
  /** A pod template label the identity also needs (Azure's `use` label). */
  podLabel?: { key: string; value: string };
  guide: string;
  /** Why a static credential overrides the identity: which comes first in the SDK's chain. */
  overrides: string;
  /** Variables that hold a credential (their value is the secret). */
  secretVars: string[];
  /** Variables that name a file holding a credential. */
  pathVars: string[];
}

export const AWS: CloudWiring = {
  cloud: 'aws',
  identityName: 'IAM roles for service accounts (IRSA)',
  annotation: IRSA.roleArn,
  placeholder: '<role-arn>',
  guide: 'https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts.html',
  overrides: 'the AWS SDKs read environment keys before the web identity token',
  secretVars: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'],
  pathVars: ['AWS_SHARED_CREDENTIALS_FILE'],
};

export const AZURE: CloudWiring = {
  cloud: 'azure',
  identityName: 'Azure Workload Identity',
  annotation: WI.clientId,
  placeholder: '<client-id>',
  podLabel: { key: WI.use, value: 'true' },
  guide: 'https://learn.microsoft.com/azure/aks/workload-identity-overview',
  overrides: 'DefaultAzureCredential tries EnvironmentCredential before WorkloadIdentityCredential',
  secretVars: ['AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PASSWORD', 'AZURE_USERNAME', 'AZURE_PASSWORD'],
  pathVars: ['AZURE_CLIENT_CERTIFICATE_PATH'],
};

export const GCP: CloudWiring = {
  cloud: 'gcp',
  identityName: 'GKE Workload Identity',
  annotation: GKE.gsa,
  placeholder: '<gsa-name>@<project-id>.iam.gserviceaccount.com',
  guide: 'https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity',
  overrides: 'Application Default Credentials read GOOGLE_APPLICATION_CREDENTIALS before the metadata server',
  secretVars: [],
  pathVars: ['GOOGLE_APPLICATION_CREDENTIALS'],
};

/** Where the selection lands after the edits are applied: `at` is an offset inside `edit.newText`. */
function selectionAfter(edits: TextEdit[], edit: TextEdit, at: number, length: number): { start: number; end: number } {
  let shift = 0;
  for (const e of edits) if (e !== edit && e.start <= edit.start) shift += e.newText.length - (e.end - e.start);
  const start = edit.start + shift + at;
  return { start, end: start + length };
}

/** The identity state of a pod for one cloud: its ServiceAccount, and whether that carries the cloud's identity. */
interface IdentityState {
  sa: KObject | null;
  hasIdentity: boolean;
}

function identityOf(ctx: RuleContext, pod: PodSpec, w: CloudWiring): IdentityState {
  const sa = serviceAccountOf(ctx.index, pod);
  return { sa, hasIdentity: !!sa && !!entry(sa.annotations, w.annotation) };
}

/** The sentence that says what to do for this pod, and the suggestion that does it. */
function advice(ctx: RuleContext, o: KObject, pod: PodSpec, c: Container, e: EnvVar | null, w: CloudWiring, id: IdentityState): { text: string; suggestions: Fix[] } {
  const remove = e && c.envSeq ? removeSeqItem(ctx.file.text, c.envSeq, e.node) : null;
  if (id.sa && id.hasIdentity) {
    return {
      text: `Its ServiceAccount ${id.sa.name} already has ${w.annotation}, so this static credential is redundant and overrides that identity (${w.overrides}).`,
      suggestions: remove ? [{ title: `Remove ${e!.name} and use the ServiceAccount's identity`, edits: [remove], isPreferred: true }] : [],
    };
  }
  const saName = pod.serviceAccountName;
  const move = `Use ${w.identityName} instead: annotate the pod's ServiceAccount with ${w.annotation}${w.podLabel ? `, label the pod template ${w.podLabel.key}: "${w.podLabel.value}"` : ''} and drop the static credential (${w.guide}).`;
  if (!saName || saName === 'default') {
    return { text: `Use ${w.identityName} instead: run the pod as its own ServiceAccount annotated with ${w.annotation} and drop the static credential (${w.guide}).`, suggestions: [] };
  }
  const sa = id.sa;
  if (!sa || !ctx.file.objects.includes(sa) || !remove) return { text: move, suggestions: [] };
  const annotate = setAnnotation(ctx.file.text, sa, w.annotation, w.placeholder);
  if (!annotate) return { text: move, suggestions: [] };
  const edits: TextEdit[] = [annotate];
  if (w.podLabel && !entry(pod.labels, w.podLabel.key)) {
    const label = setPodLabel(ctx.file.text, pod, w.podLabel.key, w.podLabel.value);
    if (label) edits.push(label);
  }
  edits.push(remove);
  // Edits of one suggestion must not overlap (a label and an annotation inserted at one offset would).
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end || sorted[i].start === sorted[i - 1].start) return { text: move, suggestions: [] };
  const at = annotate.newText.indexOf(w.placeholder);
  return {
    text: move,
    suggestions: [{
      title: `Use ${w.identityName}: annotate ServiceAccount ${sa.name} with ${w.annotation} and remove ${e!.name}`,
      edits,
      isPreferred: true,
      ...(at >= 0 ? { selection: selectionAfter(edits, annotate, at, w.placeholder.length) } : {}),
    }],
  };
}

/** Is a volume mount backed by a Secret (a `secret` volume, or a `projected` one with a secret source)? */
function secretBacked(pod: PodSpec, volume: string | null): string | null {
  if (!volume) return null;
  const v = podVolumes(pod).find((x) => x.name === volume);
  if (!v || v.secrets.length === 0) return null;
  return v.secrets.find((s) => s !== null) ?? '(unknown)';
}

function report(ctx: RuleContext, r: Report): void {
  ctx.report(r);
}

/** Checks every container of every pod spec of the file for one cloud's static credentials. */
export function checkStaticCredentials(ctx: RuleContext, w: CloudWiring): void {
  for (const o of ctx.file.objects) {
    for (const pod of o.podSpecs) {
      let id: IdentityState | null = null;
      const state = () => (id ??= identityOf(ctx, pod, w));
      for (const c of pod.containers) {
        const who = `container ${c.name ?? '(unnamed)'} of ${describe(o)}`;
        const head = `Static ${CLOUD_NAMES[w.cloud]} credential`;
        const hasSharedFileVar = c.env.some((e) => e.name === 'AWS_SHARED_CREDENTIALS_FILE');
        for (const e of c.env) {
          if (!e.name) continue;
          const nameNode = get(e.node, 'name');
          const at = nameNode ? span(nameNode) : span(e.node);
          if (w.secretVars.includes(e.name)) {
            let severity: Severity = 'warning';
            let what: string;
            let range = at;
            if (e.fromRef) {
              const ref = get(e.node, 'valueFrom');
              const secret = knownStr(getPath(ref, ['secretKeyRef', 'name']));
              const cm = knownStr(getPath(ref, ['configMapKeyRef', 'name']));
              if (!secret && !cm) continue;
              what = secret ? `reads it from Secret ${secret}` : `reads it from ConfigMap ${cm}`;
            } else {
              // Empty, templated or placeholder values say nothing about a credential.
              if (!e.valueNode || e.valueNode.unknown || e.value === null || e.value.trim() === '' || isExample(e.value)) continue;
              const shape = shapeOf(e.value);
              const shown = masked(e.value, shape);
              if (shape) {
                severity = 'error';
                what = `sets it to a literal ${SHAPE_NAMES[shape].replace(/^an? /, '')}${shown ? ` (${shown})` : ''} written in the manifest`;
              } else {
                what = 'sets it to a literal value written in the manifest';
              }
              range = span(e.valueNode);
            }
            const a = advice(ctx, o, pod, c, e, w, state());
            report(ctx, { message: `${head} in ${e.name}: ${who} ${what}. ${a.text}`, ...range, severity, suggestions: a.suggestions });
          } else if (w.pathVars.includes(e.name)) {
            if (e.fromRef || !e.valueNode || e.valueNode.unknown || !e.value || !e.value.trim()) continue;
            const path = e.value.trim();
            const mount = mountOf(c, path);
            const secret = mount ? secretBacked(pod, mount.volume) : null;
            // GOOGLE_APPLICATION_CREDENTIALS may name an external-account (workload identity federation) config from
            // a ConfigMap: only a file from a Secret is a service-account key.
            if (w.cloud === 'gcp' && !secret) continue;
            const from = secret ? ` from Secret ${secret}` : '';
            const a = advice(ctx, o, pod, c, e, w, state());
            const kind = w.cloud === 'gcp' ? 'a service-account key file' : e.name === 'AZURE_CLIENT_CERTIFICATE_PATH' ? 'a client certificate' : 'a credentials file';
            report(ctx, { message: `${head} file in ${e.name}: ${who} points it at ${kind}${from}. ${a.text}`, ...at, suggestions: a.suggestions });
          }
        }
        // A Secret mounted where the AWS SDKs look for their shared credentials file (~/.aws/credentials).
        if (w.cloud === 'aws' && !hasSharedFileVar) {
          for (const m of volumeMounts(c)) {
            if (!m.mountPath || !m.mountPathNode) continue;
            const p = m.mountPath.replace(/\/+$/, '');
            if (!(/\/\.aws$/.test(p) || /\/\.aws\/credentials$/.test(p))) continue;
            const secret = secretBacked(pod, m.volume);
            if (!secret) continue;
            const a = advice(ctx, o, pod, c, null, w, state());
            report(ctx, { message: `${head} file mounted at ${m.mountPath}: ${who} mounts Secret ${secret} where the AWS SDKs read their shared credentials file. ${a.text}`, ...span(m.mountPathNode), suggestions: a.suggestions });
          }
        }
      }
    }
    // aad-pod-identity: an AzureIdentity of type 1 (service principal) signs in with a client secret.
    if (w.cloud === 'azure' && o.kind === 'AzureIdentity' && (o.apiVersion ?? '').startsWith('aadpodidentity.k8s.io/')) {
      const spec = get(o.root, 'spec');
      const type = get(spec, 'type');
      const pw = isMap(spec) ? spec.pairs.find((p) => p.key === 'clientPassword' || p.key === 'ClientPassword') : undefined;
      if (!pw || !type || type.unknown || String((type as { value?: unknown }).value) !== '1') continue;
      const secret = knownStr(get(pw.value, 'name'));
      const keyNode: YNode | null = pw.keyNode;
      report(ctx, {
        message: `Static Azure credential in an AzureIdentity: ${describe(o)} is a service principal (type 1) whose client secret comes from ${secret ? `Secret ${secret}` : 'a Secret'}. Give the workload a user-assigned managed identity with Azure Workload Identity instead (${AZURE.guide}).`,
        ...(keyNode ? span(keyNode) : span(pw)),
      });
    }
  }
}
