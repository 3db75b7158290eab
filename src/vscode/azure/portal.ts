import type { Cloud } from './clouds';

/** Portal link of a resource, in the given tenant's directory when known. */
export function portalUrl(cloud: Cloud, resourceId: string, tenantId: string | null): string {
  const id = resourceId.startsWith('/') ? resourceId : `/${resourceId}`;
  return `${cloud.portal}/#${tenantId ? `@${tenantId}` : ''}/resource${id}`;
}
