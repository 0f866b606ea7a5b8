import type { Kysely } from 'kysely';
import type { Database, PairStatus } from '../db/schema';
import { AppError } from '../errors/app-error';
import type { CurrentUser } from '../users/users.service';
import { findPairForAccess } from './pairs.queries';

export interface PairAccess {
  pairId: string;
  programId: string;
  mentorId: string;
  menteeId: string;
  status: PairStatus;
  /** `admin` only when the caller is an admin and not a member */
  viewer: 'mentor' | 'mentee' | 'admin';
  /** the other member, for members */
  partnerId: string | null;
}

/**
 * The one authorisation rule for anything inside a pair. Members see their pair;
 * admins may see pair-level status when `allowAdmin` is set; everyone else gets 404
 * so a pair's existence is not revealed.
 */
export async function requirePairAccess(
  db: Kysely<Database>,
  user: CurrentUser,
  pairId: string,
  options: { allowAdmin?: boolean } = {},
): Promise<PairAccess> {
  const pair = await findPairForAccess(db, pairId);
  const viewer = !pair
    ? undefined
    : pair.mentorId === user.id
      ? ('mentor' as const)
      : pair.menteeId === user.id
        ? ('mentee' as const)
        : options.allowAdmin && user.isAdmin
          ? ('admin' as const)
          : undefined;
  if (!pair || !viewer) throw AppError.notFound('This mentoring pair');
  return {
    pairId: pair.id,
    programId: pair.programId,
    mentorId: pair.mentorId,
    menteeId: pair.menteeId,
    status: pair.status,
    viewer,
    partnerId: viewer === 'mentor' ? pair.menteeId : viewer === 'mentee' ? pair.mentorId : null,
  };
}

/** Members may change a pair only while it is active or paused. */
export function requireOpenPair(access: PairAccess): void {
  if (access.status === 'completed' || access.status === 'ended') {
    throw new AppError('conflict', 'This mentoring relationship has been closed, so it can no longer be changed.');
  }
}
