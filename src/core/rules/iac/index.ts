import type { Rule } from '../types';
import iacFicSubjectFormat from './iac-fic-subject-format';
import iacFicSubjectNotFound from './iac-fic-subject-not-found';
import iacFicAudience from './iac-fic-audience';
import iacFicIssuer from './iac-fic-issuer';
import iacFicIssuerOtherCluster from './iac-fic-issuer-other-cluster';
import iacFicClusterDisabled from './iac-fic-cluster-disabled';
import iacFicLimit from './iac-fic-limit';
import iacSaFederationMissing from './iac-sa-federation-missing';
import iacClientIdNotClientId from './iac-client-id-not-client-id';
import iacRoleUnknown from './iac-role-unknown';
import iacRoleScope from './iac-role-scope';
import iacRolePrivileged from './iac-role-privileged';

export const rules: Rule[] = [
  iacFicSubjectFormat, iacFicSubjectNotFound, iacFicAudience, iacFicIssuer, iacFicIssuerOtherCluster, iacFicClusterDisabled, iacFicLimit,
  iacSaFederationMissing, iacClientIdNotClientId, iacRoleUnknown, iacRoleScope, iacRolePrivileged,
];
