import { createHash } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { EntraConfig } from '../config/config';
import { AppError } from '../errors/app-error';

/** What Tandem knows about a caller once their token checks out. */
export interface VerifiedIdentity {
  objectId: string;
  tenantId: string;
  email: string;
  displayName: string;
  department?: string;
  roles: string[];
  /** when the token stops being valid (epoch ms) */
  expiresAtMs: number;
}

export interface TokenVerifier {
  verify(token: string): Promise<VerifiedIdentity>;
}

export const REQUIRED_SCOPE = 'access_as_user';
export const ADMIN_APP_ROLE = 'ProgramAdmin';
// Entra access tokens are 1–3 KB; past this we don't even parse.
const MAX_TOKEN_LENGTH = 8_192;

const claimsSchema = z.object({
  oid: z.string().uuid(),
  tid: z.string().uuid(),
  iss: z.string(),
  exp: z.number(),
  scp: z.string().optional(),
  roles: z.array(z.string()).optional(),
  name: z.string().optional(),
  preferred_username: z.string().optional(),
  email: z.string().optional(),
  upn: z.string().optional(),
  unique_name: z.string().optional(),
  department: z.string().optional(),
});

export interface TokenRules {
  keys: JWTVerifyGetKey;
  audiences: string[];
  allowedTenants: string[];
  /** issuers a token from this tenant may carry */
  issuersFor(tenantId: string): string[];
}

/**
 * One verification path for Entra ID and dev-mode tokens; only the key set and the
 * issuers differ. Entra's multi-tenant key set means the issuer can only be checked
 * after reading `tid`, so we verify the signature first, then the tenant and issuer.
 */
export function createTokenVerifier(rules: TokenRules, clock: Clock, cacheOptions: VerifiedTokenCacheOptions = {}): TokenVerifier {
  const cache = new VerifiedTokenCache(cacheOptions);
  return {
    async verify(token) {
      if (token.length > MAX_TOKEN_LENGTH) throw unauthenticated('The access token is too large.');
      const nowMs = clock.now().getTime();
      const key = createHash('sha256').update(token).digest('base64url');
      const cached = cache.get(key, nowMs);
      if (cached) return cached;
      const identity = await verifyUncached(rules, clock, token);
      cache.set(key, identity, nowMs);
      return identity;
    },
  };
}

export interface VerifiedTokenCacheOptions {
  /** how many verified tokens are remembered; the least recently used go first */
  maxEntries?: number;
  /** how long a verification is trusted at most (bounds a key revoked after the check) */
  maxAgeMs?: number;
}

interface CachedIdentity {
  identity: VerifiedIdentity;
  verifiedAtMs: number;
  validUntilMs: number;
}

/**
 * Checking an RS256 signature on every request costs more CPU than the rest of a typical
 * read. A token that verified is trusted again, by its hash, until it expires or for at most
 * five minutes, so a signing key Microsoft revokes stops working within that bound.
 * Failures are never remembered: they are cheap to repeat and must not stick.
 */
class VerifiedTokenCache {
  private readonly entries = new Map<string, CachedIdentity>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;

  constructor(options: VerifiedTokenCacheOptions) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.maxAgeMs = options.maxAgeMs ?? 5 * 60 * 1000;
  }

  get(key: string, nowMs: number): VerifiedIdentity | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // A clock that moved back before the check also misses, so nbf/iat are judged afresh.
    if (nowMs >= entry.validUntilMs || nowMs < entry.verifiedAtMs) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-inserting keeps the Map in least-recently-used order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.identity;
  }

  set(key: string, identity: VerifiedIdentity, nowMs: number): void {
    const validUntilMs = Math.min(identity.expiresAtMs, nowMs + this.maxAgeMs);
    if (validUntilMs <= nowMs || this.maxEntries <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { identity, verifiedAtMs: nowMs, validUntilMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

async function verifyUncached(rules: TokenRules, clock: Clock, token: string): Promise<VerifiedIdentity> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, rules.keys, {
      audience: rules.audiences,
      algorithms: ['RS256'],
      requiredClaims: ['exp', 'iat', 'tid', 'oid'],
      clockTolerance: 60,
      currentDate: clock.now(),
    }));
  } catch (error) {
    throw unauthenticated(describeJoseError(error));
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw unauthenticated('The access token lacks the user claims Tandem needs (oid, tid).');
  const c = claims.data;
  const tenantId = c.tid.toLowerCase();
  if (!rules.allowedTenants.includes(tenantId)) throw unauthenticated('Your organisation is not allowed to use this Tandem installation.');
  if (!rules.issuersFor(tenantId).includes(c.iss)) throw unauthenticated('The access token was issued by an unexpected authority.');
  const scopes = (c.scp ?? '').split(' ');
  if (!scopes.includes(REQUIRED_SCOPE)) throw unauthenticated(`The access token lacks the ${REQUIRED_SCOPE} scope.`);
  const email = (c.preferred_username ?? c.email ?? c.upn ?? c.unique_name ?? '').toLowerCase();
  if (!email) throw unauthenticated('The access token carries no user name.');
  return {
    objectId: c.oid.toLowerCase(),
    tenantId,
    email,
    displayName: c.name ?? email,
    ...(c.department ? { department: c.department } : {}),
    roles: c.roles ?? [],
    expiresAtMs: c.exp * 1000,
  };
}

function unauthenticated(detail: string): AppError {
  return new AppError('unauthenticated', detail);
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The access token has expired. Sign in again.';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'The access token was issued for a different application.';
    if (error.claim === 'nbf') return 'The access token is not valid yet.';
    return `The access token's ${error.claim} claim is not acceptable.`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'The access token signature is invalid.';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'The access token was signed with an unknown key.';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'The access token uses a signing algorithm Tandem does not accept.';
  return 'The access token is malformed or could not be verified.';
}

/** Entra ID v2.0 access tokens for the Tandem API (Teams SSO). */
export function entraTokenRules(entra: EntraConfig): TokenRules {
  const publicCloud = entra.authorityHost === 'https://login.microsoftonline.com';
  return {
    keys: createRemoteJWKSet(new URL(`${entra.authorityHost}/common/discovery/v2.0/keys`), {
      cooldownDuration: 30_000,
      cacheMaxAge: 12 * 60 * 60 * 1000,
      timeoutDuration: 5_000,
    }),
    audiences: entra.audiences,
    allowedTenants: entra.allowedTenants,
    issuersFor: (tid) => [`${entra.authorityHost}/${tid}/v2.0`, ...(publicCloud ? [`https://sts.windows.net/${tid}/`] : [])],
  };
}
