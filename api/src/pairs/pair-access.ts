import type { Kysely } from 'kysely';
import type { Database, PairStatus } from '../db/schema';
import { AppError } from '../errors/app-error';
import type { CurrentUser } from '../users/users.service';
import { findMeetingPair, findPairForAccess } from './pairs.queries';

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
  options: { allowAdmin?: boolean; notFound?: string } = {},
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
  if (!pair || !viewer) throw AppError.notFound(options.notFound ?? 'This mentoring pair');
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

/** The pair a check-in belongs to, if the check-in exists. */
export async function pairOfMeeting(db: Kysely<Database>, meetingId: string): Promise<string | undefined> {
  return (await findMeetingPair(db, meetingId))?.pairId;
}

/**
 * Anything addressed by a check-in id (agenda, notes, …) follows its pair's rule. Members only:
 * to anyone else, admins included, the check-in does not exist.
 */
export async function requireMeetingAccess(db: Kysely<Database>, user: CurrentUser, meetingId: string): Promise<PairAccess> {
  const pairId = await pairOfMeeting(db, meetingId);
  if (!pairId) throw AppError.notFound('This check-in');
  return requirePairAccess(db, user, pairId, { notFound: 'This check-in' });
}
