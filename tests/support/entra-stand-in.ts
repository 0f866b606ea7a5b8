import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWTPayload } from 'jose';

/**
 * A local stand-in for Entra ID's key discovery endpoint
 * (`{authority}/common/discovery/v2.0/keys`), serving the JWKS shape Entra serves,
 * plus a signer that mints access tokens with the claims a Teams SSO token carries.
 */
export interface EntraStandIn {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  /** requests the key endpoint has answered */
  keyRequests: number;
  sign(claims?: Partial<JWTPayload> & Record<string, unknown>, options?: { kid?: string; key?: CryptoKey; now?: Date }): Promise<string>;
  otherKey: CryptoKey;
  close(): Promise<void>;
}

export async function startEntraStandIn(): Promise<EntraStandIn> {
  const tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';
  const clientId = '11111111-2222-4333-8444-555555555555';
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'entra-key-1', use: 'sig', kty: 'RSA' };
  const state = { keyRequests: 0 };

  const server = http.createServer((req, res) => {
    if (req.url === '/common/discovery/v2.0/keys') {
      state.keyRequests += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const authorityHost = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    authorityHost,
    tenantId,
    clientId,
    get keyRequests() {
      return state.keyRequests;
    },
    otherKey: other.privateKey,
    async sign(claims = {}, options = {}) {
      const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
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
        .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'entra-key-1', typ: 'JWT' })
        .sign(options.key ?? privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
