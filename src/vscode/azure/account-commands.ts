import * as vscode from 'vscode';
import type { Result } from '../../azure/errors';
import type { TenantEntry } from './accounts';
import type { AzureController } from './controller';
import { errorView } from './error-model';
import { filterEntries, isSelected, SELECTED_SUBSCRIPTIONS } from './subscription-filter';

// The account commands: sign in to another tenant, choose the subscriptions the Azure extensions show.

/** Runs a listing behind a cancellable progress notification; a cancel resolves to null. */
async function listing<T>(title: string, run: (signal: AbortSignal) => Promise<Result<T>>): Promise<Result<T> | null> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_p, token) => {
    const ctl = new AbortController();
    token.onCancellationRequested(() => ctl.abort());
    const r = await run(ctl.signal);
    return token.isCancellationRequested || (!r.ok && r.error.kind === 'cancelled') ? null : r;
  });
}

/** A tenant row's argument: sign in to that tenant with that account. */
function tenantTarget(arg: unknown): { tenantId: string; accountId: string | null } | null {
  const t = arg as { tenantId?: unknown; accountId?: unknown } | null;
  return t && typeof t === 'object' && typeof t.tenantId === 'string' ? { tenantId: t.tenantId, accountId: typeof t.accountId === 'string' ? t.accountId : null } : null;
}

/**
 * Signs in to another tenant of a signed-in account (a guest tenant, or one asking for MFA), as the Azure Resources
 * extension does: from a tenant row directly, else from a list of every account's tenants (with progress, cancellable).
 */
export async function selectTenant(c: AzureController, arg: unknown): Promise<void> {
  const live = c.liveClients();
  const direct = tenantTarget(arg);
  if (direct) {
    const account = (await vscode.authentication.getAccounts(c.authProviderId())).find((a) => a.id === direct.accountId);
    await c.signInToTenant(direct.tenantId, account);
    return;
  }
  type Item = vscode.QuickPickItem & { tenant: TenantEntry | null };
  const items: Item[] = [];
  if (live) {
    const r = await listing('Listing the tenants of your Azure accounts', (signal) => live.listTenants(signal));
    if (!r) return;
    if (!r.ok) c.log.warn(`listing tenants failed: ${r.error.message}`);
    else {
      const twice = new Set(r.value.filter((t, i) => r.value.findIndex((u) => u.tenantId === t.tenantId) !== i).map((t) => t.tenantId));
      for (const t of [...r.value].sort((a, b) => a.name.localeCompare(b.name))) {
        items.push({
          label: t.name,
          description: `${t.tenantId}${twice.has(t.tenantId) ? ` (${t.account.label})` : ''}`,
          detail: `${t.signedIn ? 'signed in' : 'not signed in yet: select to sign in'}${t.domain ? ` · ${t.domain}` : ''}`,
          tenant: t,
        });
      }
    }
  }
  items.push({ label: 'Enter a tenant id…', tenant: null });
  const pick = await vscode.window.showQuickPick(items, { title: 'Microsoft Entra tenant to sign in to', matchOnDescription: true });
  if (!pick) return;
  if (pick.tenant) {
    await c.signInToTenant(pick.tenant.tenantId, pick.tenant.account);
    return;
  }
  const tenantId = (await vscode.window.showInputBox({ title: 'Tenant id', prompt: 'Directory (tenant) id or domain', validateInput: (v) => (/^[\w.-]+$/.test(v.trim()) ? null : 'a GUID or a domain such as contoso.onmicrosoft.com') }))?.trim();
  if (tenantId) await c.signInToTenant(tenantId);
}

/**
 * Chooses the subscriptions every Azure extension shows: writes `azureResourceGroups.selectedSubscriptions` (user
 * settings, `tenant/subscription` entries) as the Azure Resources extension does; all or none chosen removes the filter.
 */
export async function selectSubscriptions(c: AzureController): Promise<void> {
  const live = c.liveClients();
  if (!live) {
    void vscode.window.showInformationMessage('Sign in to Azure first to choose subscriptions.');
    return;
  }
  const r = await listing('Listing the subscriptions of your Azure accounts', (signal) => live.listAll(signal));
  if (!r) return;
  if (!r.ok) {
    void vscode.window.showWarningMessage(`Cannot list subscriptions: ${errorView(r.error, 'subscriptions').label} (${r.error.message})`);
    return;
  }
  const filter = c.subscriptionFilter();
  const picked = await vscode.window.showQuickPick(
    r.value.map((s) => ({ label: s.name, description: s.id, detail: s.tenantId ?? undefined, picked: isSelected(filter, s.id), s })),
    { canPickMany: true, title: 'Subscriptions to show (shared with the Azure extensions; none or all: every subscription)', matchOnDescription: true },
  );
  if (!picked) return;
  const entries = filterEntries(picked.map((p) => ({ tenantId: p.s.tenantId ?? '', id: p.s.id })), r.value.length);
  await vscode.workspace.getConfiguration(SELECTED_SUBSCRIPTIONS.section).update(SELECTED_SUBSCRIPTIONS.key, entries, vscode.ConfigurationTarget.Global);
}
