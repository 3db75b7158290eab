import { describe, isGuid, objectSpan, span } from '../helpers';
import { defineRule } from '../types';
import { get, isMap } from '../../yaml/node';
import type { KObject } from '../../model/objects';
import { azureProviderClass, tenantParam } from './pod-refs';

function paramsKey(o: KObject): { start: number; end: number } {
  const spec = get(o.root, 'spec');
  const pair = isMap(spec) ? spec.pairs.find((p) => p.key === 'parameters') : undefined;
  return pair?.keyNode ? span(pair.keyNode) : objectSpan(o);
}

/** An Azure Key Vault name: 3–24 characters, letters, digits and hyphens, a letter first, no hyphen last, no `--`. */
export function keyVaultNameProblem(name: string): string | null {
  if (name.length < 3 || name.length > 24) return `is ${name.length} characters long (a Key Vault name has 3 to 24)`;
  if (!/^[A-Za-z0-9-]+$/.test(name)) return 'has characters other than letters, digits and hyphens';
  if (!/^[A-Za-z]/.test(name)) return 'does not start with a letter';
  if (!/[A-Za-z0-9]$/.test(name)) return 'does not end with a letter or digit';
  if (name.includes('--')) return 'has consecutive hyphens';
  return null;
}

export default defineRule({
  id: 'csi-param-format',
  title: 'SecretProviderClass (Azure) with a malformed or missing keyvaultName, tenantId or clientID',
  defaultSeverity: 'error',
  category: 'credentials',
  fixable: false,
  docs: {
    why: 'The Azure Key Vault provider of the secrets-store CSI driver refuses a class without `keyvaultName` or `tenantId`, and a vault name that is not a valid Key Vault name or a tenant or client id that is not a GUID never signs in: every pod that mounts the class stays in ContainerCreating with a mount error in its events.',
    howToFix: 'Set `keyvaultName` to the vault\'s name (3–24 letters, digits and hyphens, starting with a letter, ending with a letter or digit, no consecutive hyphens), `tenantId` to the vault\'s Microsoft Entra tenant id, and `clientID` to the client id of the workload identity.',
    severity: 'error: the driver rejects the class or cannot sign in, so the pods do not start.',
    assumes: 'Only classes of `secrets-store.csi.x-k8s.io` with `provider: azure`. Templated and placeholder values are unknown and never reported; a kustomize patch may leave parameters to its target, so missing ones are not reported there. The provider reads `tenantId`; `tenantID` (as its docs write it) is accepted too.',
    example: { bad: 'parameters:\n  keyvaultName: my_vault\n  tenantId: contoso', good: 'parameters:\n  keyvaultName: my-vault\n  tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47"' },
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      const pc = azureProviderClass(o);
      if (!pc) continue;
      const missing: string[] = [];
      const kv = pc.param('keyvaultName');
      const kvValue = pc.value('keyvaultName');
      if (!kv) missing.push('keyvaultName');
      else if (kvValue !== null && kvValue !== undefined) {
        const problem = kvValue.trim() === '' ? 'is empty' : keyVaultNameProblem(kvValue.trim());
        if (problem) ctx.report({ message: `Invalid keyvaultName "${kvValue}": ${describe(o)} names a vault whose name ${problem}, so the provider cannot reach it and pods mounting the class do not start.`, ...span(kv.value ?? kv.keyNode ?? kv) });
      }
      const tenant = tenantParam(pc);
      if (!tenant) missing.push('tenantId');
      else {
        const v = pc.value(tenant.key!);
        if (v !== null && v !== undefined && !isGuid(v.trim())) {
          ctx.report({ message: `Invalid ${tenant.key}${v.trim() === '' ? '' : ` "${v}"`}: ${describe(o)} ${v.trim() === '' ? 'leaves it empty' : 'gives a value that is not a GUID'}; the provider needs the vault's tenant id and pods mounting the class do not start.`, ...span(tenant.value ?? tenant.keyNode ?? tenant) });
        }
      }
      const client = pc.param('clientID');
      const cv = pc.value('clientID');
      if (client && cv && cv.trim() !== '' && !isGuid(cv.trim())) {
        ctx.report({ message: `Invalid clientID "${cv}": ${describe(o)} gives a value that is not a GUID, so workload identity cannot sign in as it.`, ...span(client.value ?? client.keyNode ?? client) });
      }
      if (missing.length && !o.partial && pc.parameters && !pc.parameters.unknown) {
        ctx.report({ message: `Missing ${missing.join(' and ')} ${missing.length > 1 ? 'parameters' : 'parameter'}: ${describe(o)} does not set ${missing.length > 1 ? 'them' : 'it'}, so the provider rejects the class and pods mounting it do not start.`, ...paramsKey(o) });
      }
    }
  },
});
