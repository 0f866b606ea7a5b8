import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * The people behind the program's active mentor enrolments who are still in the organisation:
 * an account the directory disabled or deleted is never recommended (docs/directory.md).
 */
export function listActiveMentorPeople(db: Kysely<Database>, programId: string) {
  return db
    .selectFrom('enrollments as e')
    .innerJoin('users as u', 'u.id', 'e.userId')
    .select(['u.id', 'u.displayName', 'u.jobTitle', 'u.department', 'u.timeZone', 'u.lastSeenAt'])
    .where('e.programId', '=', programId)
    .where('e.role', '=', 'mentor')
    .where('e.status', '=', 'active')
    .where('u.accountEnabled', '=', 1)
    .where('u.directoryDeletedAt', 'is', null)
    .execute();
}

/** Active and paused pairs per mentor in the program: the slots they have taken. */
export async function openPairCountsByMentor(db: Kysely<Database>, programId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('pairs')
    .select(['mentorId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('programId', '=', programId)
    .where('status', 'in', ['active', 'paused'])
    .groupBy('mentorId')
    .execute();
  return new Map(rows.map((r) => [r.mentorId, Number(r.n)]));
}

/**
 * Distinct departments of every mentee each of the program's mentors has had, in any
 * program and any pair status: one grouped scan instead of a query per mentor.
 */
export function menteeDepartmentsOfMentors(db: Kysely<Database>, programId: string) {
  return db
    .selectFrom('pairs as p')
    .innerJoin('users as mentee', 'mentee.id', 'p.menteeId')
    .innerJoin('enrollments as e', 'e.userId', 'p.mentorId')
    .select(['p.mentorId', 'mentee.department'])
    .where('e.programId', '=', programId)
    .where('e.role', '=', 'mentor')
    .where('e.status', '=', 'active')
    .where('mentee.department', 'is not', null)
    .distinct()
    .execute();
}

/** Mentors this mentee has been paired with in the program, in any status. */
export async function mentorsPairedWith(db: Kysely<Database>, programId: string, menteeId: string): Promise<string[]> {
  const rows = await db.selectFrom('pairs').select('mentorId').where('programId', '=', programId).where('menteeId', '=', menteeId).execute();
  return rows.map((r) => r.mentorId);
}

export async function mentorsWithPendingRequestFrom(db: Kysely<Database>, programId: string, menteeId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('mentorshipRequests')
    .select('mentorId')
    .where('programId', '=', programId)
    .where('menteeId', '=', menteeId)
    .where('status', '=', 'pending')
    .execute();
  return rows.map((r) => r.mentorId);
}
