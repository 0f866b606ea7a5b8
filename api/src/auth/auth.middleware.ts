import type { RequestHandler } from 'express';
import { AppError } from '../errors/app-error';
import type { AuthMiddleware } from '../http/route';
import { resolveCurrentUser, type UsersDeps } from '../users/users.service';
import type { CurrentUser } from '../users/users.service';
import type { TokenVerifier, VerifiedIdentity } from './token-verifier';

/** Told about each signed-in request with its token: Outlook sync keeps it to act On-Behalf-Of the person. */
export type SignedInListener = (user: CurrentUser, token: string, identity: VerifiedIdentity) => void;

export function createAuthMiddleware(verifier: TokenVerifier, users: UsersDeps, onSignedIn?: SignedInListener): AuthMiddleware {
  const requireUser: RequestHandler = async (req, _res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new AppError('unauthenticated', 'Send an access token in the Authorization header (Bearer).');
    const identity = await verifier.verify(match[1]);
    req.user = await resolveCurrentUser(users, identity);
    onSignedIn?.(req.user, match[1], identity);
    req.log?.setBindings?.({ userId: req.user.id });
    next();
  };
  return { requireUser };
}
