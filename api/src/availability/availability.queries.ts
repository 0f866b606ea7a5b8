import type { Kysely, Updateable } from 'kysely';
import type { Database, EnrollmentsTable } from '../db/schema';

export function findEnrollmentState(db: Kysely<Database>, programId: string, userId: string) {
  return db
    .selectFrom('enrollments')
    .select(['id', 'role', 'status', 'capacity'])
    .where('programId', '=', programId)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

/**
 * Writing the row first takes its lock until commit, the same lock an accept takes on the
 * mentor's enrolment, so a capacity change and an accept never interleave.
 */
export async function lockEnrollment(db: Kysely<Database>, programId: string, userId: string, now: string): Promise<void> {
  await db.updateTable('enrollments').set({ updatedAt: now }).where('programId', '=', programId).where('userId', '=', userId).execute();
}

export async function updateEnrollment(db: Kysely<Database>, enrollmentId: string, changes: Updateable<EnrollmentsTable>): Promise<void> {
  await db.updateTable('enrollments').set(changes).where('id', '=', enrollmentId).execute();
}

/** Active and paused pairs of a mentor in a program: the places they have filled. */
export async function countOpenPairsAsMentor(db: Kysely<Database>, programId: string, mentorId: string): Promise<number> {
  const row = await db
    .selectFrom('pairs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('programId', '=', programId)
    .where('mentorId', '=', mentorId)
    .where('status', 'in', ['active', 'paused'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
