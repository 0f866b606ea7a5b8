import type { RequestHandler } from 'express';
import { AppError } from '../errors/app-error';
import type { AuthMiddleware } from '../http/route';
import { resolveCurrentUser, type UsersDeps } from '../users/users.service';
import type { TokenVerifier } from './token-verifier';

export function createAuthMiddleware(verifier: TokenVerifier, users: UsersDeps): AuthMiddleware {
  const requireUser: RequestHandler = async (req, _res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new AppError('unauthenticated', 'Send an access token in the Authorization header (Bearer).');
    const identity = await verifier.verify(match[1]);
    req.user = await resolveCurrentUser(users, identity);
    req.log?.setBindings?.({ userId: req.user.id });
    next();
  };
  return { requireUser };
}
