import { entry } from '../../model/objects';
import { isScalar } from '../../yaml/node';
import { annotationMaps, describe, pairSpan } from '../helpers';
import { defineRule } from '../types';
import { GKE } from './identity-keys';

/** NAME@PROJECT.iam.gserviceaccount.com; a domain-scoped project id appears as project.domain. */
const GSA = /^[a-z][a-z0-9-]*[a-z0-9]@[a-z][a-z0-9.-]*[a-z0-9]\.iam\.gserviceaccount\.com$/;
/** Google-managed service accounts (Compute Engine default, App Engine default) are real IAM service accounts too. */
const MANAGED = /^[a-z0-9-]+@(developer|appspot)\.gserviceaccount\.com$/;

function diagnose(v: string): string {
  if (v.trim() === '') return 'is empty';
  if (v !== v.trim()) return 'has surrounding spaces';
  if (v.startsWith('serviceAccount:')) return 'has the IAM member prefix serviceAccount:, which belongs in IAM bindings only';
  if (v.startsWith('principal')) return 'is a Workload Identity Federation principal, which is granted roles directly and needs no annotation';
  if (!v.includes('@')) return 'is not an email address';
  if (v !== v.toLowerCase()) return 'has upper-case letters, but service account emails are lower case';
  if (!v.endsWith('.iam.gserviceaccount.com')) return 'does not end in .iam.gserviceaccount.com';
  return 'has a name or project id with characters Google Cloud does not allow';
}

export default defineRule({
  id: 'gke-gsa-format',
  title: 'GKE gcp-service-account is not a service account email',
  defaultSeverity: 'error',
  category: 'other-clouds',
  fixable: false,
  docs: {
    why: 'With GKE Workload Identity the metadata server impersonates the IAM service account named by `iam.gke.io/gcp-service-account`. Anything but its email fails every token request, and the pod has no Google credentials.',
    howToFix: 'Use the service account email `NAME@PROJECT_ID.iam.gserviceaccount.com` (`gcloud iam service-accounts list`), and grant `roles/iam.workloadIdentityUser` to `serviceAccount:PROJECT_ID.svc.id.goog[NAMESPACE/KSA_NAME]` on it.',
    example: { bad: 'iam.gke.io/gcp-service-account: my-gsa', good: 'iam.gke.io/gcp-service-account: my-gsa@my-project.iam.gserviceaccount.com' },
    severity: 'error: anything but a service account email makes every Google token request of the pod fail while the manifest applies cleanly: it silently does not do what it says.',
    assumes: 'Needs the value to be known: placeholders (`GSA_NAME@PROJECT_ID.iam.gserviceaccount.com`, `${GSA}`, `<gsa-email>`) are unknown and get only `placeholder-unreplaced`, if any. Needs no namespace.',
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      for (const { map } of annotationMaps(o)) {
        const p = entry(map, GKE.gsa);
        if (!p) continue;
        const v = p.value;
        if (v && v.unknown) continue;
        const raw = isScalar(v) && v.value !== null ? String(v.value) : '';
        if (GSA.test(raw) || MANAGED.test(raw)) continue;
        const at = v && v.end > v.start ? { start: v.start, end: v.end } : pairSpan(p);
        ctx.report({ message: `Invalid ${GKE.gsa}: the value on ${describe(o)} ${v && !isScalar(v) ? 'is not a string' : diagnose(raw)}; the annotation takes only an IAM service account email, NAME@PROJECT_ID.iam.gserviceaccount.com.`, ...at });
      }
    }
  },
});
