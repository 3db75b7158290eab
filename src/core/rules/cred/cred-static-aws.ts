import { defineRule } from '../types';
import { AWS, checkStaticCredentials } from './static-creds';

export default defineRule({
  id: 'cred-static-aws',
  title: 'Pod uses static AWS credentials instead of its ServiceAccount\'s IAM role',
  defaultSeverity: 'warning',
  alsoReports: ['error'],
  category: 'credentials',
  fixable: false,
  suggests: true,
  docs: {
    why: 'Access keys in a pod (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, a shared credentials file named by AWS_SHARED_CREDENTIALS_FILE or mounted at ~/.aws) never expire on their own, leak with the manifest or the Secret, and are shared by every replica. The AWS SDKs take environment keys before the web identity token, so next to an IAM role for the ServiceAccount they silently win.',
    howToFix: 'Annotate the pod\'s ServiceAccount with `eks.amazonaws.com/role-arn` (IAM roles for service accounts) and remove the keys; rotate any key that was committed. Suggestion only (quick-fix menu): it adds the annotation with a placeholder role ARN selected for you and removes the variable, or, when the ServiceAccount already has a role, removes the redundant variable.',
    severity: 'error for a key of a documented shape written in the manifest (AKIA…/ASIA… key ids, 40-character secret keys, session tokens): the secret is in the repository. warning for keys read from a Secret or ConfigMap, a credentials file, or a literal of no known shape: a real risk a reviewer acts on, and the workload still runs.',
    assumes: 'Empty, templated and placeholder values (and the documented example keys ending in EXAMPLE) are unknown and never reported. The ServiceAccount is looked up in the pod\'s resolved namespace; when it is unknown, outside the workspace or in another file, the message says what to do and no edit is offered. Messages never contain the value: at most its first four characters.',
    example: {
      bad: 'env:\n  - name: AWS_ACCESS_KEY_ID\n    valueFrom:\n      secretKeyRef: { name: aws-keys, key: id }',
      good: 'kind: ServiceAccount\nmetadata:\n  name: app\n  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/app',
    },
  },
  check(ctx) {
    checkStaticCredentials(ctx, AWS);
  },
});
