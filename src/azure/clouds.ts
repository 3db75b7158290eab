export type CloudName = 'AzureCloud' | 'AzureChinaCloud' | 'AzureUSGovernment';

export interface CloudEndpoints {
  name: CloudName;
  /** Resource Manager; the token scope is `<arm>/.default`. */
  arm: string;
  /** Microsoft Entra ID of that cloud. */
  authorityHost: string;
}

/**
 * The Azure CLI's cloud names (`az cloud list`), so `--cloud` takes what `az cloud set` does. The hosts are
 * @azure/identity's AzureAuthorityHosts, written out so that reading options does not load the SDK.
 */
export const CLOUDS: Record<CloudName, CloudEndpoints> = {
  AzureCloud: { name: 'AzureCloud', arm: 'https://management.azure.com', authorityHost: 'https://login.microsoftonline.com' },
  AzureChinaCloud: { name: 'AzureChinaCloud', arm: 'https://management.chinacloudapi.cn', authorityHost: 'https://login.chinacloudapi.cn' },
  AzureUSGovernment: { name: 'AzureUSGovernment', arm: 'https://management.usgovcloudapi.net', authorityHost: 'https://login.microsoftonline.us' },
};

export function cloudByName(name: string): CloudEndpoints | null {
  const hit = Object.values(CLOUDS).find((c) => c.name.toLowerCase() === name.toLowerCase());
  return hit ?? null;
}

export interface ResolvedCloud {
  name: CloudName;
  arm: string;
  authorityHost: string;
  /**
   * Whether the authority host is one Microsoft's sign-in library knows. A host it does not know (Azure Stack
   * Hub, AD FS, a private authority) is taken as given: validating it would ask login.microsoftonline.com, which
   * such a host's users often cannot reach.
   */
  knownAuthority: boolean;
}

/** The hosts MSAL knows without instance discovery (AzureAuthorityHosts, Germany included). */
const KNOWN_AUTHORITIES = new Set([...Object.values(CLOUDS).map((c) => c.authorityHost), 'https://login.microsoftonline.de']);

/**
 * Endpoints of one run. `AZURE_AUTHORITY_HOST` overrides the cloud's sign-in host, as it does for every credential
 * of `@azure/identity`; `armEndpoint` (a custom cloud) overrides Resource Manager.
 */
export function resolveCloud(cloud: CloudEndpoints, env: Record<string, string | undefined>, armEndpoint?: string): ResolvedCloud {
  const authorityHost = (env.AZURE_AUTHORITY_HOST?.trim() || cloud.authorityHost).replace(/\/+$/, '');
  return {
    name: cloud.name,
    arm: (armEndpoint ?? cloud.arm).replace(/\/+$/, ''),
    authorityHost,
    knownAuthority: KNOWN_AUTHORITIES.has(authorityHost.toLowerCase()),
  };
}
