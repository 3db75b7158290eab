import { defineRule } from '../types';
import { AZURE, checkStaticCredentials } from './static-creds';

export default defineRule({
  id: 'cred-static-azure',
  title: 'Pod uses a service principal secret or password instead of workload identity',
  defaultSeverity: 'warning',
  alsoReports: ['error'],
  category: 'credentials',
  fixable: false,
  suggests: true,
  docs: {
    why: 'A client secret (AZURE_CLIENT_SECRET), a client certificate (AZURE_CLIENT_CERTIFICATE_PATH and _PASSWORD), a user name and password (AZURE_USERNAME, AZURE_PASSWORD) or an aad-pod-identity `AzureIdentity` of type 1 with a `clientPassword` are long-lived secrets that leak with the manifest or the Secret and must be rotated by hand. DefaultAzureCredential tries EnvironmentCredential before WorkloadIdentityCredential, so next to a workload identity they silently win.',
    howToFix: 'Give the workload a user-assigned managed identity: annotate its ServiceAccount with `azure.workload.identity/client-id`, label the pod template `azure.workload.identity/use: "true"`, federate the identity with the ServiceAccount, and remove the secret variables; rotate a committed secret. Suggestion only (quick-fix menu): it adds the annotation (placeholder client id selected) and the label and removes the variable, or removes a variable made redundant by an identity the ServiceAccount already has.',
    severity: 'error for a client secret of the documented shape (…Q~…) written in the manifest: the secret is in the repository. warning for secrets read from a Secret or ConfigMap, a certificate file, an AzureIdentity clientPassword, or a literal of no known shape: a real risk a reviewer acts on.',
    assumes: 'Empty, templated and placeholder values are unknown and never reported. The ServiceAccount is looked up in the pod\'s resolved namespace; when it is unknown, outside the workspace or in another file, the message says what to do and no edit is offered. Messages never contain the value: at most its first four characters.',
    example: {
      bad: 'env:\n  - name: AZURE_CLIENT_SECRET\n    valueFrom:\n      secretKeyRef: { name: sp, key: secret }',
      good: 'metadata:\n  labels:\n    azure.workload.identity/use: "true"\nspec:\n  serviceAccountName: app  # annotated with azure.workload.identity/client-id',
    },
  },
  check(ctx) {
    checkStaticCredentials(ctx, AZURE);
  },
});
