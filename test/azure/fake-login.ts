import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A stand-in for Microsoft Entra ID's token endpoint, served by the fake Resource Manager's HTTPS server, for
 * credentials of `@azure/identity` whose authority host points at it (`AZURE_AUTHORITY_HOST`). It answers what
 * MSAL asks of a custom authority: the OpenID configuration of a tenant and client-credentials token requests,
 * with a client secret or a client assertion (workload identity federation).
 */

export interface TokenRequest {
  tenant: string;
  clientId: string;
  scope: string;
  /** 'secret' or 'assertion': how the client proved itself (values are never kept). */
  proof: 'secret' | 'assertion' | 'none';
  /** Whether the proof matched what the fake expects. */
  accepted: boolean;
}

export interface LoginSettings {
  tenant: string;
  clientId: string;
  /** The client secret the fake accepts. */
  secret: string;
  /** The federated token (client assertion) the fake accepts, as a workload identity token file holds it. */
  assertion: string;
  /** Object id of the signed-in application, put into the token. */
  objectId: string;
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

export class FakeLogin {
  readonly requests: TokenRequest[] = [];
  /** Every access token issued, so tests can look for them in the output. */
  readonly issued: string[] = [];
  /** When set, token requests are answered with this Entra ID error instead. */
  failWith: { status: number; error: string; description: string } | null = null;

  constructor(readonly settings: LoginSettings) {}

  /** Handles the request when it is for the login endpoints; false otherwise. */
  handle(req: IncomingMessage, res: ServerResponse, base: string): boolean {
    const path = new URL(req.url ?? '/', base).pathname;
    const openid = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path);
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
    if (!openid && !token) return false;
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (openid) {
      const t = openid[1];
      send(200, {
        issuer: `${base}/${t}/v2.0`,
        authorization_endpoint: `${base}/${t}/oauth2/v2.0/authorize`,
        token_endpoint: `${base}/${t}/oauth2/v2.0/token`,
        device_authorization_endpoint: `${base}/${t}/oauth2/v2.0/devicecode`,
        end_session_endpoint: `${base}/${t}/oauth2/v2.0/logout`,
        jwks_uri: `${base}/${t}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        tenant_region_scope: null,
        cloud_instance_name: 'fake.login',
      });
      return true;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const s = this.settings;
      const tenant = token![1];
      const clientId = form.get('client_id') ?? '';
      const secret = form.get('client_secret');
      const assertion = form.get('client_assertion');
      const proof = secret !== null ? 'secret' : assertion !== null ? 'assertion' : 'none';
      const accepted = clientId === s.clientId && tenant === s.tenant && (proof === 'secret' ? secret === s.secret : proof === 'assertion' && assertion === s.assertion);
      this.requests.push({ tenant, clientId, scope: form.get('scope') ?? '', proof, accepted });
      if (this.failWith) return send(this.failWith.status, { error: this.failWith.error, error_description: this.failWith.description, error_codes: [7000215], timestamp: '2026-12-06 12:00:00Z', trace_id: 'fake', correlation_id: 'fake' });
      if (!accepted) {
        return send(401, { error: 'invalid_client', error_description: `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value. Trace ID: fake Correlation ID: fake Timestamp: 2026-12-06 12:00:00Z`, error_codes: [7000215] });
      }
      const scope = form.get('scope') ?? '';
      const aud = scope.split(' ').find((x) => x.endsWith('/.default'))?.slice(0, -'/.default'.length) ?? '';
      const accessToken = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'fake-login' })}.${b64({ aud, tid: tenant, oid: s.objectId, appid: clientId, exp: Math.floor(Date.now() / 1000) + 3600 })}.${randomBytes(48).toString('base64url')}`;
      this.issued.push(accessToken);
      send(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken });
    });
    return true;
  }
}
