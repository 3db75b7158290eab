import type { Rule } from '../types';
import irsaRoleArnFormat from './irsa-role-arn-format';
import irsaTokenExpiration from './irsa-token-expiration';
import irsaEnvOverride from './irsa-env-override';
import gkeGsaFormat from './gke-gsa-format';
import identityAnnotationMisplaced from './identity-annotation-misplaced';
import identityAnnotationTypo from './identity-annotation-typo';
import identityMultiCloud from './identity-multi-cloud';

export const rules: Rule[] = [
  irsaRoleArnFormat,
  irsaTokenExpiration,
  irsaEnvOverride,
  gkeGsaFormat,
  identityAnnotationMisplaced,
  identityAnnotationTypo,
  identityMultiCloud,
];
