import { CLOUDS, cloudByName, resolveCloud, type ResolvedCloud } from '../azure/clouds';
import { last, UsageError, type ParsedArgs } from './args';

/** Options every command that reads Azure takes (added to its parseArgs spec). */
export const LIVE_VALUE_FLAGS = ['subscription', 'cloud', 'arm-endpoint'];
export const LIVE_BOOLEAN_FLAGS = ['verbose'];

const LIVE_OPTIONS: [string, string[]][] = [
  ['--cloud <name>', ["AzureCloud (default), AzureChinaCloud or AzureUSGovernment: that cloud's Resource", 'Manager, sign-in host and token scope (AZURE_AUTHORITY_HOST overrides the host)']],
  ['--arm-endpoint <url>', ['Resource Manager of a custom cloud (Azure Stack Hub); token scope <url>/.default']],
  ['--verbose', ['print each Azure request (method, path, status, time) and who signed in, no token']],
];

/** The options above for a command's usage text, with descriptions starting at column `width + 4`. */
export function liveOptionsUsage(width: number): string {
  return LIVE_OPTIONS.map(([flag, lines]) => lines.map((l, i) => `  ${(i ? '' : flag).padEnd(width)}  ${l}`).join('\n')).join('\n');
}

export interface LiveSettings {
  subscriptions: string[];
  cloud: ResolvedCloud;
  verbose: boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads and checks --subscription, --cloud, --arm-endpoint and --verbose. */
export function liveSettings(args: ParsedArgs, env: Record<string, string | undefined> = process.env): LiveSettings {
  const subscriptions = [...new Set((args.flags.get('subscription') ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean))];
  for (const s of subscriptions) if (!GUID.test(s)) throw new UsageError(`--subscription takes a subscription id (a GUID, as az account list shows), not "${s}"`);
  const name = last(args, 'cloud') ?? 'AzureCloud';
  const cloud = cloudByName(name);
  if (!cloud) throw new UsageError(`--cloud must be ${Object.keys(CLOUDS).join(', ').replace(/, (?=[^,]*$)/, ' or ')}, not "${name}"`);
  const arm = last(args, 'arm-endpoint');
  if (arm !== undefined && !/^https:\/\/[^/\s]+(\/[^\s]*)?$/i.test(arm)) throw new UsageError(`--arm-endpoint takes an https:// URL, not "${arm}"`);
  return { subscriptions, cloud: resolveCloud(cloud, env, arm), verbose: args.flags.has('verbose') };
}
