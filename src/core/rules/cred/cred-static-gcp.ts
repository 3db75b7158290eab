import { defineRule } from '../types';
import { GCP, checkStaticCredentials } from './static-creds';

export default defineRule({
  id: 'cred-static-gcp',
  title: 'Pod reads a Google service-account key instead of using Workload Identity',
  defaultSeverity: 'warning',
  category: 'credentials',
  fixable: false,
  suggests: true,
  docs: {
    why: 'GOOGLE_APPLICATION_CREDENTIALS pointing into a volume backed by a Secret means the pod signs in with a downloaded service-account key: a long-lived private key that leaks with the Secret and must be rotated by hand. Application Default Credentials read the variable before the metadata server, so next to GKE Workload Identity the key silently wins.',
    howToFix: 'Annotate the pod\'s ServiceAccount with `iam.gke.io/gcp-service-account` (or grant the Kubernetes ServiceAccount directly with Workload Identity Federation for GKE), remove the variable and the key volume, and delete the key. Suggestion only (quick-fix menu): it adds the annotation with a placeholder selected and removes the variable, or removes a variable made redundant by the annotation the ServiceAccount already has.',
    severity: 'warning: the key is read from a Secret, not written in the manifest (a key in a Secret manifest is `cred-secret-keys`, an error); a real risk a reviewer acts on.',
    assumes: 'Only a literal path inside a mount of a `secret` (or `projected` with a secret source) volume is reported: a ConfigMap there usually holds an external-account configuration of workload identity federation, which is no key. Templated and placeholder paths are unknown.',
    example: {
      bad: 'env:\n  - name: GOOGLE_APPLICATION_CREDENTIALS\n    value: /var/secrets/google/key.json\nvolumeMounts:\n  - name: key\n    mountPath: /var/secrets/google',
      good: 'kind: ServiceAccount\nmetadata:\n  name: app\n  annotations:\n    iam.gke.io/gcp-service-account: app@my-project.iam.gserviceaccount.com',
    },
  },
  check(ctx) {
    checkStaticCredentials(ctx, GCP);
  },
});
