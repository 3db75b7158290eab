// Typed view of data/cloud-credentials.json: the variables and files of the cloud SDKs' default credential chains.
import data from '../../../data/cloud-credentials.json';

export type CredentialCloud = 'azure' | 'aws' | 'gcp';

export interface CredentialVariable {
  name: string;
  cloud: CredentialCloud;
  /** static-secret: holds a credential; static-file: names a file that holds one; identity: set by a pod-identity webhook. */
  role: 'static-secret' | 'static-file' | 'identity' | 'config';
  chain: string;
  meaning: string;
  /** What to use instead, for static credentials. */
  instead: string | null;
}

export interface CredentialChain {
  cloud: CredentialCloud;
  name: string;
  order: string[];
  source: string;
}

export const credentialVariables: readonly CredentialVariable[] = data.variables as CredentialVariable[];
export const credentialChains: readonly CredentialChain[] = data.chains as CredentialChain[];
export const credentialSources: readonly { cloud: CredentialCloud; title: string; url: string; retrieved: string }[] = data._meta.sources as { cloud: CredentialCloud; title: string; url: string; retrieved: string }[];

const byName = new Map(credentialVariables.map((v) => [v.name, v]));

/** A variable of a cloud SDK's credential chain, by its exact (upper-case) name. */
export function findCredentialVariable(name: string): CredentialVariable | undefined {
  return byName.get(name.trim());
}

export function chainOf(cloud: CredentialCloud): CredentialChain | undefined {
  return credentialChains.find((c) => c.cloud === cloud);
}
