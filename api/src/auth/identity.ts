import type { Clock } from '../clock';
import type { Config } from '../config/config';
import { createDevIssuer, type DevIssuer } from './dev-issuer';
import { createTokenVerifier, entraTokenRules, type TokenVerifier } from './token-verifier';

export interface Identity {
  verifier: TokenVerifier;
  devIssuer?: DevIssuer;
}

/** Entra ID in production; a local signing key in dev mode, checked by the same verifier. */
export async function createIdentity(config: Config, clock: Clock): Promise<Identity> {
  if (config.auth.mode === 'entra') {
    return { verifier: createTokenVerifier(entraTokenRules(config.auth.entra), clock) };
  }
  const devIssuer = await createDevIssuer();
  return { verifier: createTokenVerifier(devIssuer.rules, clock), devIssuer };
}
