import type { AzureError } from '../../azure/errors';
import type { SourceKey } from './types';

/** What each level lists, as error labels name it. */
export const LEVEL_NOUN: Record<SourceKey['level'], string> = {
  subscriptions: 'subscriptions',
  clusters: 'AKS clusters',
  identities: 'managed identities',
  federatedCredentials: 'federated credentials',
  roleAssignments: 'role assignments',
};

export interface ErrorView {
  label: string;
  description: string;
  tooltip: string;
  icon: { id: string; color: string };
  /** What a click does: sign in, or ask again. */
  action: { command: 'aksIam.azure.signIn' | 'aksIam.azure.retry'; title: string };
  /** `error <kind>`: menus add "Select tenant…" on forbidden/unauthenticated, "Retry" everywhere. */
  contextValue: string;
}

/**
 * An AzureError as a tree node: never a modal. Each kind says what happened in the label and what to do
 * in the description; the node's click runs that action.
 */
export function errorView(error: AzureError, level: SourceKey['level']): ErrorView {
  const what = LEVEL_NOUN[level];
  const retry = { command: 'aksIam.azure.retry', title: 'Retry' } as const;
  const base = { tooltip: error.message, contextValue: `error ${error.kind}` };
  switch (error.kind) {
    case 'unauthenticated':
      if (error.rejected) {
        return {
          ...base,
          label: 'Sign in to Azure again to list ' + what,
          description: 'Azure rejected the session (expired or revoked)',
          tooltip: `Azure Resource Manager no longer accepts the session's token, also after asking for a new one. Sign in again.\n\n${error.message}`,
          icon: { id: 'account', color: 'list.warningForeground' },
          action: { command: 'aksIam.azure.signIn', title: 'Sign in to Azure' },
        };
      }
      return { ...base, label: 'Sign in to Azure to list ' + what, description: 'session missing or expired', icon: { id: 'account', color: 'list.warningForeground' }, action: { command: 'aksIam.azure.signIn', title: 'Sign in to Azure' } };
    case 'forbidden': {
      const scope = error.scope ? ` over ${error.scope}` : '';
      return {
        ...base,
        label: `No permission to list ${what}`,
        description: error.permission ? `needs ${error.permission}` : 'access denied — retry after access is granted, or select another tenant',
        tooltip: `${error.permission ? `Missing permission ${error.permission}${scope}.` : 'Access denied.'} Retry after access is granted, or select another tenant.\n\n${error.message}`,
        icon: { id: 'lock', color: 'list.errorForeground' },
        action: retry,
      };
    }
    case 'notFound':
      return { ...base, label: `No ${what} found`, description: 'not found — retry', icon: { id: 'question', color: 'list.warningForeground' }, action: retry };
    case 'throttled':
      return {
        ...base,
        label: `Azure is throttling requests for ${what}`,
        description: error.retryAfterSeconds !== null ? `retry after ${error.retryAfterSeconds} s` : 'retry later',
        icon: { id: 'watch', color: 'list.warningForeground' },
        action: retry,
      };
    case 'offline':
      if (error.reason === 'timeout') {
        return { ...base, label: `Azure Resource Manager did not answer in time for ${what}`, description: 'timed out — retry', icon: { id: 'debug-disconnect', color: 'list.errorForeground' }, action: retry };
      }
      if (error.reason === 'interrupted') {
        return { ...base, label: `The connection broke off while listing ${what}`, description: 'connection reset — retry', icon: { id: 'debug-disconnect', color: 'list.errorForeground' }, action: retry };
      }
      return { ...base, tooltip: `Cannot reach Azure Resource Manager (${error.message}). Check the network connection or proxy, then retry.`, label: `Cannot reach Azure Resource Manager to list ${what}`, description: 'offline — retry', icon: { id: 'debug-disconnect', color: 'list.errorForeground' }, action: retry };
    case 'cancelled':
      return { ...base, label: `Loading ${what} was cancelled`, description: 'retry', icon: { id: 'circle-slash', color: 'descriptionForeground' }, action: retry };
    case 'other':
      if (error.reason === 'incomplete') {
        return { ...base, label: `Azure returned an incomplete response for ${what}`, description: 'retry', icon: { id: 'error', color: 'list.errorForeground' }, action: retry };
      }
      return {
        ...base,
        label: `Could not list ${what}`,
        description: error.status !== null ? `HTTP ${error.status} — retry${error.retryAfterSeconds !== undefined ? ` after ${error.retryAfterSeconds} s` : ''}` : 'retry',
        ...(error.status !== null && error.status >= 500 ? { tooltip: `Azure Resource Manager had a server-side problem (HTTP ${error.status}). Retry later.\n\n${error.message}` } : {}),
        icon: { id: 'error', color: 'list.errorForeground' },
        action: retry,
      };
  }
}
