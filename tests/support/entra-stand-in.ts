import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, compactVerify, decodeProtectedHeader, exportJWK, generateKeyPair, type CryptoKey, type JWTPayload } from 'jose';

/**
 * A local stand-in for Entra ID (login.microsoftonline.com) speaking its wire format:
 * - key discovery (`/common/discovery/v2.0/keys`, `/{tenant}/discovery/v2.0/keys`) in the JWKS shape Entra serves;
 * - instance discovery and the tenant's OpenID configuration, pointing at https://login.microsoftonline.com
 *   (msal refuses non-https authorities; tests route that host here with `standInNetworkClient`);
 * - the v2.0 token endpoint's On-Behalf-Of grant, with Entra's error bodies;
 * plus a signer that mints access tokens with the claims a Teams SSO token carries.
 */
export interface EntraStandIn {
  /** http://127.0.0.1:<port> */
  authorityHost: string;
  tenantId: string;
  clientId: string;
  /** the app registration's client secret (the only one the token endpoint accepts) */
  clientSecret: string;
  /** requests the key endpoint has answered */
  keyRequests: number;
  /** On-Behalf-Of calls the token endpoint has received (successful or not) */
  tokenRequests: number;
  /** every request received, in arrival order (path without query) */
  requests: Array<{ method: string; path: string; query: Record<string, string>; status: number }>;
  /** the stand-in's clock: token expiry and assertion lifetimes are judged by it */
  now(): Date;
  sign(claims?: Partial<JWTPayload> & Record<string, unknown>, options?: { kid?: string; key?: CryptoKey; now?: Date }): Promise<string>;
  otherKey: CryptoKey;
  /** verifies tokens this stand-in signed (kid entra-key-1) */
  publicKey: CryptoKey;
  /** the issuer of the Graph access tokens the token endpoint mints (v1.0 tokens, as Graph's are) */
  graphTokenIssuer: string;
  /** the user (object id) has not consented: OBO for them answers AADSTS65001 / consent_required */
  requireConsent(oid: string): void;
  grantConsent(oid: string): void;
  /**
   * Admin consent of the app's application permissions in the tenant, as the client-credentials
   * grant sees it: `granted` (tokens carry `roles: User.Read.All`), `no-service-principal` (never
   * consented: AADSTS7000229), `no-role` (installed, but the permission not granted: the token
   * comes without roles and Graph answers 403).
   */
  setAdminConsent(state: 'granted' | 'no-service-principal' | 'no-role'): void;
  /** client-credentials (app-only) token requests received, successful or not */
  appTokenRequests: number;
  /** object id of the app's service principal in the tenant (the `oid` of app-only tokens) */
  servicePrincipalId: string;
  /** the next `times` token requests get this Entra error instead (e.g. 503 temporarily_unavailable) */
  failTokenRequests(fault: { status: number; error?: string; code?: number; description?: string }, times?: number): void;
  close(): Promise<void>;
}

export interface EntraStandInOptions {
  /** the clock the token endpoint judges assertions by and stamps tokens with (default: the real time) */
  now?: () => Date;
  clientSecret?: string;
}

export const PUBLIC_AUTHORITY = 'https://login.microsoftonline.com';
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

interface EntraErrorSpec {
  status: number;
  error: string;
  code: number;
  description: string;
  suberror?: string;
}

export async function startEntraStandIn(options: EntraStandInOptions = {}): Promise<EntraStandIn> {
  const tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';
  const clientId = '11111111-2222-4333-8444-555555555555';
  const clientSecret = options.clientSecret ?? 'tandem-test-secret~0123456789abcdefghijklmnop';
  const clock = options.now ?? (() => new Date());
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'entra-key-1', use: 'sig', kty: 'RSA' };
  const graphTokenIssuer = `https://sts.windows.net/${tenantId}/`;
  const state = { keyRequests: 0, tokenRequests: 0, appTokenRequests: 0, adminConsent: 'granted' as 'granted' | 'no-service-principal' | 'no-role' };
  const servicePrincipalId = 'c0ffee00-5e1f-4a1b-9c2d-0123456789ab';
  const requests: EntraStandIn['requests'] = [];
  const notConsented = new Set<string>();
  const faults: Array<{ fault: Parameters<EntraStandIn['failTokenRequests']>[0]; remaining: number }> = [];

  const openIdConfiguration = (tenant: string) => {
    const base = `${PUBLIC_AUTHORITY}/${tenant}`;
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      // Entra answers the tenant-independent endpoints with a {tenantid} placeholder issuer.
      issuer: `${PUBLIC_AUTHORITY}/${/^[0-9a-f-]{36}$/i.test(tenant) ? tenant : '{tenantid}'}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: 'NA',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    };
  };

  const instanceDiscovery = (authorizationEndpoint: string | undefined) => {
    const tenant = /^https:\/\/[^/]+\/([^/]+)\//.exec(authorizationEndpoint ?? '')?.[1] ?? 'common';
    return {
      tenant_discovery_endpoint: `${PUBLIC_AUTHORITY}/${tenant}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [
        { preferred_network: 'login.microsoftonline.com', preferred_cache: 'login.windows.net', aliases: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'] },
        { preferred_network: 'login.partner.microsoftonline.cn', preferred_cache: 'login.partner.microsoftonline.cn', aliases: ['login.partner.microsoftonline.cn', 'login.chinacloudapi.cn'] },
        { preferred_network: 'login.microsoftonline.us', preferred_cache: 'login.microsoftonline.us', aliases: ['login.microsoftonline.us', 'login.usgovcloudapi.net'] },
      ],
    };
  };

  /** Entra's error body: the description repeats trace/correlation/timestamp, as the real one does. */
  function entraError(res: http.ServerResponse, spec: EntraErrorSpec, correlationId: string): number {
    const traceId = randomUUID();
    const timestamp = clock().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
    const body: Record<string, unknown> = {
      error: spec.error,
      error_description: `AADSTS${spec.code}: ${spec.description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [spec.code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `${PUBLIC_AUTHORITY}/error?code=${spec.code}`,
    };
    if (spec.suberror) body.suberror = spec.suberror;
    sendJson(res, spec.status, body, { 'x-ms-request-id': traceId, 'cache-control': 'no-store, no-cache', pragma: 'no-cache' });
    return spec.status;
  }

  async function tokenEndpoint(tenant: string, form: URLSearchParams, query: URLSearchParams, res: http.ServerResponse): Promise<number> {
    // msal puts its correlation id in the query string; Entra echoes it back.
    const correlationId = query.get('client-request-id') ?? form.get('client-request-id') ?? randomUUID();
    const fail = (spec: EntraErrorSpec) => entraError(res, spec, correlationId);
    const fault = faults[0];
    if (fault) {
      if (--fault.remaining <= 0) faults.shift();
      const f = fault.fault;
      return fail({
        status: f.status,
        error: f.error ?? (f.status >= 500 ? 'temporarily_unavailable' : 'invalid_request'),
        code: f.code ?? (f.status >= 500 ? 90033 : 90014),
        description: f.description ?? (f.status >= 500 ? 'A transient error has occurred. Please try again.' : 'The request is not valid.'),
      });
    }
    if (tenant !== tenantId && tenant !== 'organizations' && tenant !== 'common') {
      return fail({ status: 400, error: 'invalid_request', code: 90002, description: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.` });
    }
    const grantType = form.get('grant_type');
    if (grantType === 'client_credentials') return clientCredentials(tenant, form, res, fail);
    if (grantType !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      return fail({ status: 400, error: 'unsupported_grant_type', code: 70003, description: `The app requested an unsupported grant type '${grantType ?? ''}'.` });
    }
    for (const name of ['client_id', 'requested_token_use', 'assertion', 'scope']) {
      if (!form.get(name)) return fail({ status: 400, error: 'invalid_request', code: 900144, description: `The request body must contain the following parameter: '${name}'.` });
    }
    if (form.get('requested_token_use') !== 'on_behalf_of') {
      return fail({ status: 400, error: 'invalid_request', code: 90018, description: "The value of 'requested_token_use' must be 'on_behalf_of' for this grant." });
    }
    if (form.get('client_id') !== clientId) {
      return fail({ status: 400, error: 'unauthorized_client', code: 700016, description: `Application with identifier '${form.get('client_id')}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.` });
    }
    const secret = form.get('client_secret');
    if (!secret && !form.get('client_assertion')) {
      return fail({ status: 401, error: 'invalid_client', code: 7000218, description: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'." });
    }
    if (secret !== clientSecret) {
      return fail({ status: 401, error: 'invalid_client', code: 7000215, description: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.` });
    }

    const assertion = form.get('assertion')!;
    let claims: Record<string, unknown>;
    try {
      const header = decodeProtectedHeader(assertion);
      if (header.kid !== jwk.kid) {
        return fail({ status: 400, error: 'invalid_grant', code: 50013, description: `Assertion failed signature validation. [Reason - The key was not found., Thumbprint of key used by client: '${header.kid ?? ''}']` });
      }
      const verified = await compactVerify(assertion, publicKey, { algorithms: ['RS256'] });
      claims = JSON.parse(new TextDecoder().decode(verified.payload)) as Record<string, unknown>;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') {
        return fail({ status: 400, error: 'invalid_grant', code: 50013, description: 'Assertion failed signature validation. [Reason - The provided signature value did not match the expected signature value.]' });
      }
      return fail({ status: 400, error: 'invalid_grant', code: 50027, description: 'JWT token is invalid or malformed.' });
    }
    if (claims.aud !== clientId) {
      return fail({ status: 400, error: 'invalid_grant', code: 50013, description: `Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '${String(claims.aud)}' and the expected audience is '${clientId}' or one of the Application Uris of this application with App ID '${clientId}'.` });
    }
    const nowSeconds = Math.floor(clock().getTime() / 1000);
    const exp = typeof claims.exp === 'number' ? claims.exp : 0;
    if (exp <= nowSeconds) {
      // Entra reports an expired user assertion as AADSTS500133 (the successor of 50013 for this case).
      return fail({ status: 400, error: 'invalid_grant', code: 500133, description: `Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token. Current time: ${new Date(nowSeconds * 1000).toISOString()}, expiry time of assertion ${new Date(exp * 1000).toISOString()}.` });
    }

    const requested = form.get('scope')!.split(/\s+/).filter(Boolean);
    const resourceScopes = requested.filter((s) => !OIDC_SCOPES.has(s));
    const graphScopes = resourceScopes.filter((s) => s.startsWith(`${GRAPH_RESOURCE}/`) || s.startsWith(`${GRAPH_APP_ID}/`));
    if (graphScopes.length === 0 || graphScopes.length !== resourceScopes.length) {
      return fail({ status: 400, error: 'invalid_scope', code: 70011, description: `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${resourceScopes.join(' ') || '(none)'} is not valid.` });
    }
    const oid = String(claims.oid ?? '');
    if (notConsented.has(oid)) {
      return fail({ status: 400, error: 'invalid_grant', code: 65001, suberror: 'consent_required', description: `The user or administrator has not consented to use the application with ID '${clientId}' named 'Tandem'. Send an interactive authorization request for this user and resource.` });
    }

    const permissions = graphScopes.map((s) => s.slice(s.lastIndexOf('/') + 1)).map((p) => (p === '.default' ? 'Calendars.ReadWrite' : p));
    const accessToken = await new SignJWT({
      aud: GRAPH_RESOURCE,
      iss: graphTokenIssuer,
      iat: nowSeconds,
      nbf: nowSeconds,
      exp: nowSeconds + 3599,
      appid: clientId,
      appidacr: '1',
      idtyp: 'user',
      name: claims.name,
      oid,
      tid: claims.tid ?? tenantId,
      upn: claims.preferred_username,
      unique_name: claims.preferred_username,
      preferred_username: claims.preferred_username,
      scp: permissions.join(' '),
      sub: randomBytes(24).toString('base64url'),
      ver: '1.0',
    })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: 'JWT' })
      .sign(privateKey);

    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      scope: graphScopes.join(' '),
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: accessToken,
    };
    // What Entra adds when msal asks for the OIDC scopes and client_info (it always does).
    if (requested.includes('offline_access')) body.refresh_token = `1.A${randomBytes(48).toString('base64url')}`;
    if (requested.includes('openid')) {
      body.id_token = await new SignJWT({
        aud: clientId,
        iss: `${PUBLIC_AUTHORITY}/${tenantId}/v2.0`,
        iat: nowSeconds,
        nbf: nowSeconds,
        exp: nowSeconds + 3600,
        name: claims.name,
        oid,
        preferred_username: claims.preferred_username,
        sub: randomBytes(24).toString('base64url'),
        tid: claims.tid ?? tenantId,
        ver: '2.0',
      })
        .setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: 'JWT' })
        .sign(privateKey);
    }
    if (form.get('client_info') === '1') body.client_info = Buffer.from(JSON.stringify({ uid: oid, utid: claims.tid ?? tenantId })).toString('base64url');
    sendJson(res, 200, body, { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' });
    return 200;
  }

  /** The client-credentials grant: Tandem's own (app-only) Graph token, with the roles the tenant's admin granted. */
  async function clientCredentials(tenant: string, form: URLSearchParams, res: http.ServerResponse, fail: (spec: EntraErrorSpec) => number): Promise<number> {
    state.appTokenRequests += 1;
    for (const name of ['client_id', 'scope']) {
      if (!form.get(name)) return fail({ status: 400, error: 'invalid_request', code: 900144, description: `The request body must contain the following parameter: '${name}'.` });
    }
    // App-only tokens name the tenant whose data they open; 'common' and 'organizations' have none.
    if (tenant !== tenantId) {
      return fail({ status: 400, error: 'invalid_request', code: 1002012, description: `The tenant '${tenant}' can't be used with the client credentials flow: use the tenant ID or a verified domain of the directory.` });
    }
    if (form.get('client_id') !== clientId) {
      return fail({ status: 400, error: 'unauthorized_client', code: 700016, description: `Application with identifier '${form.get('client_id')}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.` });
    }
    const secret = form.get('client_secret');
    if (!secret && !form.get('client_assertion')) {
      return fail({ status: 401, error: 'invalid_client', code: 7000218, description: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'." });
    }
    if (secret !== clientSecret) {
      return fail({ status: 401, error: 'invalid_client', code: 7000215, description: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.` });
    }
    const scopes = form.get('scope')!.split(/\s+/).filter(Boolean);
    if (scopes.length !== 1 || !(scopes[0] === `${GRAPH_RESOURCE}/.default` || scopes[0] === `${GRAPH_APP_ID}/.default`)) {
      return fail({ status: 400, error: 'invalid_scope', code: 1002012, description: `The provided value for scope ${scopes.join(' ')} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).` });
    }
    if (state.adminConsent === 'no-service-principal') {
      return fail({ status: 400, error: 'invalid_client', code: 7000229, description: `The client application ${clientId} is missing service principal in the tenant ${tenantId}. See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119` });
    }
    const nowSeconds = Math.floor(clock().getTime() / 1000);
    const claims: Record<string, unknown> = {
      aud: GRAPH_RESOURCE,
      iss: graphTokenIssuer,
      iat: nowSeconds,
      nbf: nowSeconds,
      exp: nowSeconds + 3599,
      app_displayname: 'Tandem',
      appid: clientId,
      appidacr: '1',
      idp: graphTokenIssuer,
      idtyp: 'app',
      oid: servicePrincipalId,
      sub: servicePrincipalId,
      tid: tenantId,
      ver: '1.0',
    };
    // Without admin consent to an application permission, Entra still issues a token: with no roles.
    if (state.adminConsent === 'granted') claims.roles = ['User.Read.All'];
    const accessToken = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: 'JWT' }).sign(privateKey);
    sendJson(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken }, { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' });
    return 200;
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const entry = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), status: 0 };
    requests.push(entry);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const segments = url.pathname.split('/').filter(Boolean);
        if (req.method === 'GET' && (url.pathname === '/common/discovery/v2.0/keys' || (segments.length === 4 && segments.slice(1).join('/') === 'discovery/v2.0/keys'))) {
          state.keyRequests += 1;
          entry.status = sendJson(res, 200, { keys: [jwk] });
        } else if (req.method === 'GET' && url.pathname === '/common/discovery/instance') {
          entry.status = sendJson(res, 200, instanceDiscovery(url.searchParams.get('authorization_endpoint') ?? undefined));
        } else if (req.method === 'GET' && segments.length === 4 && segments.slice(1).join('/') === 'v2.0/.well-known/openid-configuration') {
          entry.status = sendJson(res, 200, openIdConfiguration(segments[0]!));
        } else if (req.method === 'POST' && segments.length === 4 && segments.slice(1).join('/') === 'oauth2/v2.0/token') {
          state.tokenRequests += 1;
          entry.status = await tokenEndpoint(segments[0]!, new URLSearchParams(Buffer.concat(chunks).toString('utf8')), url.searchParams, res);
        } else {
          entry.status = 404;
          res.writeHead(404).end();
        }
      })().catch((err: unknown) => {
        entry.status = 500;
        if (!res.headersSent) sendJson(res, 500, { error: 'server_error', error_description: String(err) });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const authorityHost = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    authorityHost,
    tenantId,
    clientId,
    clientSecret,
    get keyRequests() {
      return state.keyRequests;
    },
    get tokenRequests() {
      return state.tokenRequests;
    },
    get appTokenRequests() {
      return state.appTokenRequests;
    },
    servicePrincipalId,
    setAdminConsent: (consent) => {
      state.adminConsent = consent;
    },
    requests,
    now: () => clock(),
    otherKey: other.privateKey,
    publicKey,
    graphTokenIssuer,
    requireConsent: (oid) => void notConsented.add(oid),
    grantConsent: (oid) => void notConsented.delete(oid),
    failTokenRequests: (fault, times = 1) => void faults.push({ fault, remaining: times }),
    async sign(claims = {}, signOptions = {}) {
      const now = Math.floor((signOptions.now ?? clock()).getTime() / 1000);
      const payload = {
        aud: clientId,
        iss: `${authorityHost}/${tenantId}/v2.0`,
        iat: now,
        nbf: now,
        exp: now + 3600,
        tid: tenantId,
        oid: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
        scp: 'access_as_user',
        name: 'Avery Quinn',
        preferred_username: 'avery.quinn@contoso.com',
        ver: '2.0',
        ...claims,
      };
      return new SignJWT(payload)
        .setProtectedHeader({ alg: 'RS256', kid: signOptions.kid ?? 'entra-key-1', typ: 'JWT' })
        .sign(signOptions.key ?? privateKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // fetch keeps sockets alive; without this close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): number {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
  return status;
}
