import type { Rule } from '../types';
import wiUseLabelValue from './wi-use-label-value';
import wiClientIdFormat from './wi-client-id-format';
import wiFederationMissing from './wi-federation-missing';
import wiUnknownClientId from './wi-unknown-client-id';
import wiTenantIdFormat from './wi-tenant-id-format';
import wiTokenExpirationRange from './wi-token-expiration-range';
import wiLegacyTokenPath from './wi-legacy-token-path';
import wiSkipContainersUnknown from './wi-skip-containers-unknown';
import wiProxySidecarMisuse from './wi-proxy-sidecar-misuse';
import wiEnvOverride from './wi-env-override';
import wiAnnotationMisplaced from './wi-annotation-misplaced';
import wiUseLabelMissing from './wi-use-label-missing';
import wiUseLabelMisplaced from './wi-use-label-misplaced';
import wiClientIdMissing from './wi-client-id-missing';
import wiDefaultServiceAccount from './wi-default-service-account';

export const rules: Rule[] = [wiUseLabelValue, wiClientIdFormat, wiFederationMissing, wiUnknownClientId, wiTenantIdFormat, wiTokenExpirationRange, wiLegacyTokenPath, wiSkipContainersUnknown, wiProxySidecarMisuse, wiEnvOverride, wiAnnotationMisplaced, wiUseLabelMissing, wiUseLabelMisplaced, wiClientIdMissing, wiDefaultServiceAccount];
