import { entry } from '../../model/objects';
import { isScalar } from '../../yaml/node';
import { annotationMaps, describe, pairSpan } from '../helpers';
import { defineRule } from '../types';
import { IRSA } from './identity-keys';

/** Partition, 12-digit account, `role/`, optional path segments, role name (the webhook's character set). */
const ARN = /^arn:aws(?:-cn|-us-gov)?:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

/** Names the first part of the value that is wrong, for a message that says what to change. */
function diagnose(v: string): string {
  if (v.trim() === '') return 'is empty';
  if (v !== v.trim()) return 'has surrounding spaces';
  if (!v.startsWith('arn:')) return 'is not an ARN (a bare role name works only when the webhook runs with --compose-role-arn)';
  const parts = v.split(':');
  if (parts.length !== 6) return `has ${parts.length} colon-separated parts instead of 6`;
  const [, partition, service, region, account, resource] = parts;
  if (!/^aws(-cn|-us-gov)?$/.test(partition)) return `has partition "${partition}" instead of aws, aws-cn or aws-us-gov`;
  if (service !== 'iam') return `names service "${service}" instead of iam`;
  if (region !== '') return 'has a region, but IAM ARNs have none (iam::<account>)';
  if (!/^\d{12}$/.test(account)) return `has account id "${account}", which is not 12 digits`;
  if (!resource.startsWith('role/')) return `names "${resource.split('/')[0]}" instead of an IAM role (role/<name>)`;
  return 'has a role path or name with characters IAM does not allow';
}

export default defineRule({
  id: 'irsa-role-arn-format',
  title: 'IRSA role-arn is not an IAM role ARN',
  defaultSeverity: 'error',
  alsoReports: ['warning'],
  category: 'other-clouds',
  fixable: false,
  docs: {
    why: 'The EKS pod identity webhook injects `eks.amazonaws.com/role-arn` as AWS_ROLE_ARN; a malformed value is only logged by the webhook and then fails at AssumeRoleWithWebIdentity, so the pod silently falls back to the node role or has no credentials.',
    howToFix: 'Use the full role ARN `arn:aws:iam::<12-digit account>:role/[path/]<name>` (`arn:aws-cn` or `arn:aws-us-gov` in those partitions): `aws iam get-role --role-name <name> --query Role.Arn`.',
    example: { bad: 'eks.amazonaws.com/role-arn: arn:aws:iam::1234:user/s3-reader', good: 'eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/s3-reader' },
    severity: 'error: a malformed ARN is only logged by the webhook and then fails at AssumeRoleWithWebIdentity, so the pod silently runs without the role; warning for a bare role name, valid when the webhook runs with --compose-role-arn.',
    assumes: 'Needs the value to be known: placeholders (`arn:aws:iam::ACCOUNT_ID:role/x`, `${ROLE_ARN}`, `<role-arn>`) are unknown and get only `placeholder-unreplaced`, if any; an ALL_CAPS token in a real role name makes the value unknown too (a lost finding, never a false one). Needs no namespace.',
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      for (const { map } of annotationMaps(o)) {
        const p = entry(map, IRSA.roleArn);
        if (!p) continue;
        const v = p.value;
        if (v && v.unknown) continue;
        const raw = isScalar(v) && v.value !== null ? String(v.value) : '';
        if (ARN.test(raw)) continue;
        const bare = raw.trim() !== '' && !raw.startsWith('arn:');
        const at = v && v.end > v.start ? { start: v.start, end: v.end } : pairSpan(p);
        ctx.report({
          message: `Invalid ${IRSA.roleArn}: the value on ${describe(o)} ${v && !isScalar(v) ? 'is not a string' : diagnose(raw)}; it must be arn:aws:iam::<12-digit account>:role/<name>.`,
          ...at,
          // A bare role name is valid with the webhook's --compose-role-arn flag, so it is only a warning.
          ...(bare ? { severity: 'warning' as const } : {}),
        });
      }
    }
  },
});
