import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Agent, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeLogin } from './fake-login';

/**
 * A stand-in for Azure Resource Manager on 127.0.0.1 over real HTTPS. The CA and server certificate
 * are made with openssl for each run; clients trust the CA only through the agent we hand them.
 */

export interface Pki {
  ca: string;
  key: string;
  cert: string;
}

export function makePki(): Pki {
  const dir = mkdtempSync(join(tmpdir(), 'fake-arm-pki-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  try {
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    run('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=fake-arm test CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
    run('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
    writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n');
    run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '1', '-extfile', 'ext.cnf');
    const read = (f: string) => readFileSync(join(dir, f), 'utf8');
    return { ca: read('ca.crt'), key: read('server.key'), cert: read('server.crt') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Logged {
  method: string;
  path: string;
  apiVersion: string | null;
  authorization: string | null;
  /** Status the fake answered (0 while pending or dropped). */
  status: number;
}

/** What a test can make one route do instead of answering normally. */
export type Behaviour =
  | { kind: 'status'; status: number; code: string; message: string; headers?: Record<string, string>; times?: number }
  | { kind: 'drop'; times?: number }
  | { kind: 'hang' }
  | { kind: 'endless-paging' }
  /** 200 whose JSON body stops halfway: Content-Length of what is sent ('matching') or of the whole body ('full', then the socket closes). */
  | { kind: 'truncated'; contentLength: 'matching' | 'full'; times?: number }
  /** Status line and headers of a 200, then the connection is reset before any body. */
  | { kind: 'reset-after-headers'; times?: number }
  /** 401 as ARM sends it for a token it no longer accepts: a WWW-Authenticate challenge and an error code. */
  | { kind: 'unauthorized'; code: 'ExpiredAuthenticationToken' | 'InvalidAuthenticationTokenExpired' | 'InvalidAuthenticationToken'; times?: number }
  /** A misbehaving server that echoes the request's Authorization header in its error body and headers. */
  | { kind: 'echo-token'; status: 401 | 403; times?: number };

/** ARM's challenge on a rejected token (RFC 6750 form, with Entra ID's authorization_uri). */
export const WWW_AUTHENTICATE = 'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The access token has expired or is not yet valid."';

const UNAUTHORIZED_MESSAGE: Record<Extract<Behaviour, { kind: 'unauthorized' }>['code'], string> = {
  ExpiredAuthenticationToken: 'The access token expiry UTC time is earlier than current UTC time.',
  InvalidAuthenticationTokenExpired: 'The provided authentication token has expired.',
  InvalidAuthenticationToken: 'The access token is invalid.',
};

type Json = Record<string, unknown>;

interface Collection {
  /** Lower-case path of the listing. */
  path: string;
  apiVersion: string;
  items: Json[];
}

export class FakeArm {
  readonly log: Logged[] = [];
  /** Items per page of every listing; small so that paging is exercised. */
  pageSize = 2;
  private readonly collections = new Map<string, Collection>();
  /** Listings that answer differently per bearer token: what one account in one tenant sees (GET /tenants, /subscriptions). */
  private readonly tokenCollections = new Map<string, Collection>();
  private readonly singles = new Map<string, { apiVersion: string; body: Json }>();
  private readonly behaviours: { match: RegExp; b: Behaviour; used: number }[] = [];
  private readonly hanging = new Set<ServerResponse>();
  private readonly waiters: ((l: Logged) => void)[] = [];
  /** Tokens the fake stops accepting after a number of further requests (an expiry mid-load). */
  private readonly expiring = new Map<string, number>();
  private server!: Server;
  endpoint = '';
  agent!: Agent;
  /** Entra ID's token endpoint on the same server, for credentials whose authority host is this server. */
  login: FakeLogin | null = null;

  constructor(private readonly pki: Pki) {}

  async start(): Promise<void> {
    this.server = createServer({ key: this.pki.key, cert: this.pki.cert }, (req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.endpoint = `https://127.0.0.1:${port}`;
    this.agent = new Agent({ ca: this.pki.ca, keepAlive: false });
  }

  async stop(): Promise<void> {
    for (const r of this.hanging) r.destroy();
    this.agent.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  list(path: string, apiVersion: string, items: Json[]): void {
    this.collections.set(path.toLowerCase(), { path: path.toLowerCase(), apiVersion, items });
  }

  /** A listing as the holder of `token` sees it; other tokens get the one set with list(), or 404. */
  listFor(token: string, path: string, apiVersion: string, items: Json[]): void {
    this.tokenCollections.set(`${token}\n${path.toLowerCase()}`, { path: path.toLowerCase(), apiVersion, items });
  }

  single(path: string, apiVersion: string, body: Json): void {
    this.singles.set(path.toLowerCase(), { apiVersion, body });
  }

  on(match: RegExp, b: Behaviour): void {
    this.behaviours.push({ match, b, used: 0 });
  }

  reset(): void {
    this.behaviours.length = 0;
    this.log.length = 0;
    this.expiring.clear();
  }

  /** Accepts `token` for `requests` more requests, then answers 401 ExpiredAuthenticationToken for it. */
  expireToken(token: string, requests: number): void {
    this.expiring.set(token, requests);
  }

  /** Resolves at the next request whose path matches (for tests that act while a request is open). */
  nextRequest(match: RegExp): Promise<Logged> {
    return new Promise((resolve) => {
      const w = (l: Logged) => {
        if (!match.test(l.path)) return;
        this.waiters.splice(this.waiters.indexOf(w), 1);
        resolve(l);
      };
      this.waiters.push(w);
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    if (this.login?.handle(req, res, this.endpoint)) return;
    const url = new URL(req.url ?? '/', this.endpoint);
    const path = decodeURIComponent(url.pathname).replace(/\/+$/, '').toLowerCase() || '/';
    const entry: Logged = { method: req.method ?? '', path, apiVersion: url.searchParams.get('api-version'), authorization: req.headers.authorization ?? null, status: 0 };
    this.log.push(entry);
    for (const w of [...this.waiters]) w(entry);
    req.resume();

    let cut: 'matching' | 'full' | null = null;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      const text = JSON.stringify(body);
      const head = { 'content-type': 'application/json; charset=utf-8', 'x-ms-request-id': `req-${this.log.length}`, ...headers };
      if (!cut) {
        res.writeHead(status, head);
        return void res.end(text);
      }
      const half = Buffer.from(text).subarray(0, Math.floor(Buffer.byteLength(text) / 2));
      res.writeHead(status, { ...head, 'content-length': String(cut === 'matching' ? half.length : Buffer.byteLength(text)) });
      if (cut === 'matching') return void res.end(half);
      res.write(half, () => setTimeout(() => req.socket.destroy(), 20));
    };
    const armError = (status: number, code: string, message: string, headers?: Record<string, string>) => send(status, { error: { code, message } }, headers);

    if (!entry.authorization?.startsWith('Bearer ')) return armError(401, 'AuthenticationFailed', 'Authentication failed. The Authorization header is missing.');
    const unauthorized = (code: Extract<Behaviour, { kind: 'unauthorized' }>['code']) =>
      armError(401, code, UNAUTHORIZED_MESSAGE[code], { 'www-authenticate': WWW_AUTHENTICATE });
    const token = entry.authorization.slice('Bearer '.length);
    const left = this.expiring.get(token);
    if (left !== undefined) {
      if (left <= 0) return unauthorized('ExpiredAuthenticationToken');
      this.expiring.set(token, left - 1);
    }
    const b = this.behaviours.find((x) => x.match.test(path) && (!('times' in x.b) || x.b.times === undefined || x.used < x.b.times));
    if (b) {
      b.used++;
      if (b.b.kind === 'status') return armError(b.b.status, b.b.code, b.b.message, b.b.headers);
      if (b.b.kind === 'unauthorized') return unauthorized(b.b.code);
      if (b.b.kind === 'echo-token') {
        const auth = entry.authorization;
        return armError(b.b.status, 'EchoedCredential', `Rejected request with Authorization: ${auth} (token ${token})`, { 'www-authenticate': `${WWW_AUTHENTICATE}, token="${token}"`, 'x-echo-authorization': auth });
      }
      if (b.b.kind === 'reset-after-headers') {
        entry.status = 200;
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': '4096' });
        res.flushHeaders();
        setTimeout(() => req.socket.destroy(), 20);
        return;
      }
      if (b.b.kind === 'truncated') cut = b.b.contentLength;
      if (b.b.kind === 'drop') return void req.socket.destroy();
      if (b.b.kind === 'hang') {
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
        return;
      }
    }
    const endless = b?.b.kind === 'endless-paging';

    const coll = this.tokenCollections.get(`${token}\n${path}`) ?? this.collections.get(path);
    const single = this.singles.get(path);
    const expected = coll?.apiVersion ?? single?.apiVersion;
    if (!coll && !single) {
      return armError(404, 'ResourceNotFound', `The resource '${url.pathname}' was not found (fake ARM serves no such path).`);
    }
    if (req.method !== 'GET') return armError(405, 'MethodNotAllowed', `${req.method} is not supported here.`);
    if (entry.apiVersion !== expected) {
      return armError(400, 'InvalidApiVersionParameter', `The api-version '${entry.apiVersion}' is invalid for ${url.pathname}; this fake serves '${expected}'.`);
    }
    if (single) return send(200, single.body);
    const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
    const page = coll!.items.slice(skip, skip + this.pageSize);
    const more = endless || skip + this.pageSize < coll!.items.length;
    // Like ARM, the next page is on the host the client asked (a sovereign cloud's name mapped to this server).
    const next = new URL(url.pathname, req.headers.host ? `https://${req.headers.host}` : this.endpoint);
    next.searchParams.set('api-version', expected!);
    next.searchParams.set('$skiptoken', String(endless ? skip : skip + this.pageSize));
    send(200, { value: endless && page.length === 0 ? coll!.items.slice(0, 1) : page, ...(more ? { nextLink: next.toString() } : {}) });
  }
}
