// Child processes of the harness: each in its own process group so that stopping it also stops
// everything it spawned (code-server's extension host, Chromium's renderers). Every process started
// here is stopped on exit, Ctrl+C, or an uncaught failure.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';

const live = new Set<ChildProcess>();

export interface Started {
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr interleaved), for failure reports. */
  log: () => string;
  exited: Promise<number | null>;
}

export function start(cmd: string, args: string[], opts: SpawnOptions & { echo?: boolean } = {}): Started {
  const child = spawn(cmd, args, { ...opts, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let out = '';
  const collect = (chunk: Buffer): void => {
    const s = chunk.toString();
    out += s;
    if (out.length > 1_000_000) out = out.slice(-500_000);
    if (opts.echo) process.stdout.write(s);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      live.delete(child);
      resolve(code);
    });
    child.on('error', (e) => {
      out += `\n${e.message}\n`;
      live.delete(child);
      resolve(null);
    });
  });
  return { child, log: () => out, exited };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Stops one process group: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export async function stop(p: Started, graceMs = 3000): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) {
    killGroup(p.child, 'SIGKILL'); // the leader is gone, its children may not be
    return;
  }
  killGroup(p.child, 'SIGTERM');
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
  if ((await Promise.race([p.exited, timer])) === 'timeout') killGroup(p.child, 'SIGKILL');
  killGroup(p.child, 'SIGKILL');
}

export function stopAllNow(): void {
  for (const child of live) killGroup(child, 'SIGKILL');
  live.clear();
}

let hooked = false;
/** Makes sure nothing outlives the harness, whatever way it ends. */
export function stopAllOnExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', stopAllNow);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      stopAllNow();
      process.exit(130);
    });
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a value, or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function tail(text: string, lines = 40): string {
  return text.split('\n').slice(-lines).join('\n');
}
