import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { getMyEnrollment, type Enrollment } from '../enrollments/enrollments.service';
import { AppError } from '../errors/app-error';
import { requireProgram, todayUtc } from '../programs/programs.service';
import { declinePendingRequestsToMentor } from '../requests/requests.service';
import type { CurrentUser } from '../users/users.service';
import { countOpenPairsAsMentor, findEnrollmentState, lockEnrollment, updateEnrollment } from './availability.queries';

export interface AvailabilityDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export interface AvailabilityInput {
  availability: 'open' | 'paused';
  pausedUntil?: string | null;
  capacity?: number;
}

export const PAUSED_DECLINE_REASON = 'Thanks for reaching out! I’ve paused new mentoring for now — please ask another mentor.';

/**
 * A mentor opens or pauses new mentoring and may change how many mentees they take.
 * Pausing answers everyone still waiting, in the same transaction, so no mentee is left
 * hanging on a mentor who is not taking anyone.
 */
export async function setAvailability(deps: AvailabilityDeps, user: CurrentUser, programId: string, input: AvailabilityInput): Promise<Enrollment> {
  const program = await requireProgram(deps.db, programId);
  const today = todayUtc(deps.clock);
  if (input.availability === 'paused' && input.pausedUntil && input.pausedUntil <= today) {
    throw AppError.validation([{ field: 'pausedUntil', message: `Pick a date after today (${today}), or leave it out to pause until you reopen` }]);
  }
  const now = deps.clock.now().toISOString();

  await deps.db.transaction().execute(async (trx) => {
    await lockEnrollment(trx, programId, user.id, now);
    const enrollment = await findEnrollmentState(trx, programId, user.id);
    if (!enrollment || enrollment.role !== 'mentor' || enrollment.status !== 'active') {
      throw new AppError('conflict', `Only mentors enrolled in ${program.name} can set their availability. Enrol as a mentor first.`);
    }
    if (input.capacity !== undefined) {
      const taken = await countOpenPairsAsMentor(trx, programId, user.id);
      if (input.capacity < taken) {
        throw new AppError(
          'conflict',
          `You mentor ${taken} ${taken === 1 ? 'person' : 'people'} in ${program.name} right now, so your capacity can’t be below ${taken}.`,
        );
      }
    }
    await updateEnrollment(trx, enrollment.id, {
      availability: input.availability,
      pausedUntil: input.availability === 'paused' ? (input.pausedUntil ?? null) : null,
      ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
      updatedAt: now,
    });
    if (input.availability === 'paused') await declinePendingRequestsToMentor(trx, programId, user.id, PAUSED_DECLINE_REASON, now);
  });
  return getMyEnrollment(deps, user, programId);
}
