// The Azure clouds the view signs in to: Resource Manager endpoint, portal and VS Code authentication provider.

/** The clouds of setting `aksIam.azure.cloud`. */
export type CloudName = 'AzureCloud' | 'AzureChinaCloud' | 'AzureUSGovernment';

export interface Cloud {
  name: CloudName;
  /** Resource Manager endpoint; its `/.default` is the token scope. */
  armEndpoint: string;
  portal: string;
  /** VS Code authentication provider id. */
  authProvider: 'microsoft' | 'microsoft-sovereign-cloud';
}

export const CLOUDS: Record<CloudName, Cloud> = {
  AzureCloud: { name: 'AzureCloud', armEndpoint: 'https://management.azure.com', portal: 'https://portal.azure.com', authProvider: 'microsoft' },
  AzureChinaCloud: { name: 'AzureChinaCloud', armEndpoint: 'https://management.chinacloudapi.cn', portal: 'https://portal.azure.cn', authProvider: 'microsoft-sovereign-cloud' },
  AzureUSGovernment: { name: 'AzureUSGovernment', armEndpoint: 'https://management.usgovcloudapi.net', portal: 'https://portal.azure.us', authProvider: 'microsoft-sovereign-cloud' },
};

/** An unknown setting value falls back to the public cloud rather than failing. */
export function cloudOf(setting: unknown): Cloud {
  return typeof setting === 'string' && setting in CLOUDS ? CLOUDS[setting as CloudName] : CLOUDS.AzureCloud;
}
