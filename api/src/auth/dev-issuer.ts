import { createHash } from 'node:crypto';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { REQUIRED_SCOPE, type TokenRules } from './token-verifier';

/** The tenant every dev-mode user belongs to. */
export const DEV_TENANT_ID = '00000000-0000-4000-8000-00000000d0e0';
export const DEV_AUDIENCE = 'api://localhost/tandem-dev';
const DEV_ISSUER = `urn:tandem:dev/${DEV_TENANT_ID}/v2.0`;
const DEV_TOKEN_LIFETIME_SECONDS = 8 * 60 * 60;

/** Stable Entra-style object id for a dev user, so seeded people and dev tokens line up. */
export function devObjectId(email: string): string {
  const hex = createHash('sha256').update(`tandem-dev:${email.trim().toLowerCase()}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface DevTokenRequest {
  email: string;
  displayName?: string;
  department?: string;
}

export interface DevIssuer {
  rules: TokenRules;
  issue(request: DevTokenRequest, now: Date): Promise<string>;
}

/**
 * A signing key made at start-up stands in for Entra ID on a laptop. Tokens carry the
 * same claims Entra puts in a Teams SSO token and go through the same verifier.
 */
export async function createDevIssuer(): Promise<DevIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'tandem-dev-1', alg: 'RS256', use: 'sig' };
  return {
    rules: {
      keys: createLocalJWKSet({ keys: [jwk] }),
      audiences: [DEV_AUDIENCE],
      allowedTenants: [DEV_TENANT_ID],
      issuersFor: (tid) => (tid === DEV_TENANT_ID ? [DEV_ISSUER] : []),
    },
    issue: (request, now) => sign(privateKey, request, now),
  };
}

async function sign(key: CryptoKey, request: DevTokenRequest, now: Date): Promise<string> {
  const email = request.email.trim().toLowerCase();
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({
    oid: devObjectId(email),
    tid: DEV_TENANT_ID,
    scp: REQUIRED_SCOPE,
    name: request.displayName ?? email,
    preferred_username: email,
    ...(request.department ? { department: request.department } : {}),
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'tandem-dev-1', typ: 'JWT' })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(devObjectId(email))
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + DEV_TOKEN_LIFETIME_SECONDS)
    .sign(key);
}
