// The Azure cloud the view signs in to: Resource Manager endpoint, portal, sign-in host and VS Code authentication provider.

/** The fields of an `@azure/ms-rest-azure-env` environment the view uses (the sign-in helper returns one). */
export interface EnvironmentLike {
  name: string;
  resourceManagerEndpointUrl: string;
  portalUrl: string;
  activeDirectoryEndpointUrl: string;
  isCustomCloud?: boolean;
}

export interface Cloud {
  /** `AzureCloud`, `AzureChinaCloud`, `AzureUSGovernment`, or a custom cloud's name. */
  name: string;
  /** Resource Manager endpoint without a trailing slash; its `/.default` is the token scope. */
  armEndpoint: string;
  portal: string;
  /** Host (and port, when not 443) of the Microsoft Entra sign-in endpoint: what the tree names when it cannot be reached. */
  loginHost: string;
  /** VS Code authentication provider id: `microsoft`, or `microsoft-sovereign-cloud` for every other cloud. */
  authProvider: string;
  custom: boolean;
}

const trim = (url: string) => url.replace(/\/+$/, '');

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The cloud of an environment, signing in through the given provider. */
export function cloudFromEnvironment(env: EnvironmentLike, authProvider: string): Cloud {
  return {
    name: env.name,
    armEndpoint: trim(env.resourceManagerEndpointUrl),
    portal: trim(env.portalUrl),
    loginHost: hostOf(env.activeDirectoryEndpointUrl),
    authProvider,
    custom: !!env.isCustomCloud,
  };
}

/** The three clouds `microsoft-sovereign-cloud.environment` names (empty: the public cloud), as the helper resolves them. */
export const CLOUDS = {
  AzureCloud: cloudFromEnvironment({ name: 'AzureCloud', resourceManagerEndpointUrl: 'https://management.azure.com/', portalUrl: 'https://portal.azure.com', activeDirectoryEndpointUrl: 'https://login.microsoftonline.com/' }, 'microsoft'),
  AzureChinaCloud: cloudFromEnvironment({ name: 'AzureChinaCloud', resourceManagerEndpointUrl: 'https://management.chinacloudapi.cn', portalUrl: 'https://portal.azure.cn', activeDirectoryEndpointUrl: 'https://login.chinacloudapi.cn/' }, 'microsoft-sovereign-cloud'),
  AzureUSGovernment: cloudFromEnvironment({ name: 'AzureUSGovernment', resourceManagerEndpointUrl: 'https://management.usgovcloudapi.net', portalUrl: 'https://portal.azure.us', activeDirectoryEndpointUrl: 'https://login.microsoftonline.us/' }, 'microsoft-sovereign-cloud'),
} as const satisfies Record<string, Cloud>;
