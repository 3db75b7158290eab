import { connect } from 'node:net';

/**
 * Whether a TCP connection to `host[:port]` (443 by default) opens within `timeoutMs`: null when it does, else why not
 * (`ENOTFOUND`, `ECONNREFUSED`, `timed out`, …). Used only after a sign-in failed, to tell "offline or blocked" from
 * "cancelled"; nothing is sent over the connection.
 */
export function unreachableReason(hostPort: string, timeoutMs = 4000): Promise<string | null> {
  const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(hostPort);
  const host = m?.[1] ?? hostPort;
  const port = m?.[2] ? Number(m[2]) : 443;
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (why: string | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(why);
    };
    const timer = setTimeout(() => done('timed out'), timeoutMs);
    socket.once('connect', () => done(null));
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
  });
}
