import type { Rule } from '../types';
import credStaticAws from './cred-static-aws';
import credStaticAzure from './cred-static-azure';
import credStaticGcp from './cred-static-gcp';
import credSecretKeys from './cred-secret-keys';
import csiClientIdMismatch from './csi-client-id-mismatch';
import csiPodIdentity from './csi-pod-identity';
import csiVmIdentity from './csi-vm-identity';
import csiParamFormat from './csi-param-format';
import csiPodNotWired from './csi-pod-not-wired';
import csiClassUnused from './csi-class-unused';

export const rules: Rule[] = [
  credStaticAws,
  credStaticAzure,
  credStaticGcp,
  credSecretKeys,
  csiClientIdMismatch,
  csiPodIdentity,
  csiVmIdentity,
  csiParamFormat,
  csiPodNotWired,
  csiClassUnused,
];
