import { redact } from '../../azure/errors';
import type { LiveState } from './tree-model';

/** What a failed or abandoned interactive sign-in leaves in the tree (never a bare "Canceled"). */
export type SignInOutcome = Extract<LiveState, { status: 'cancelled' | 'unreachable' | 'unavailable' }>;

const CANCELLED = /cancel|did not consent|user closed|aborted by the user/i;

/**
 * Why the sign-in did not complete. The provider reports an unreachable sign-in page much like a cancel, so the
 * sign-in host is tried first: when it cannot be reached, that is what the tree says, with the real host of the cloud.
 */
export async function signInOutcome(err: unknown, loginHost: string, probe: (host: string) => Promise<string | null>): Promise<SignInOutcome> {
  const message = redact(err instanceof Error ? err.message : String(err));
  const unreachable = await probe(loginHost).catch(() => null);
  if (unreachable) return { status: 'unreachable', host: loginHost, detail: `${unreachable}; the sign-in said: ${message}` };
  if (CANCELLED.test(message)) return { status: 'cancelled' };
  return { status: 'unavailable', reason: message };
}
