import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database, EnrollmentRole, EnrollmentsTable, EnrollmentTermsTable } from '../db/schema';

export type EnrollmentRow = Selectable<EnrollmentsTable>;
export type TermRelation = EnrollmentTermsTable['relation'];

export function findEnrollment(db: Kysely<Database>, programId: string, userId: string): Promise<EnrollmentRow | undefined> {
  return db.selectFrom('enrollments').selectAll().where('programId', '=', programId).where('userId', '=', userId).executeTakeFirst();
}

export async function insertEnrollment(db: Kysely<Database>, row: EnrollmentRow): Promise<void> {
  await db.insertInto('enrollments').values(row).execute();
}

export async function updateEnrollment(db: Kysely<Database>, enrollmentId: string, changes: Updateable<EnrollmentsTable>): Promise<void> {
  await db.updateTable('enrollments').set(changes).where('id', '=', enrollmentId).execute();
}

export async function replaceEnrollmentTerms(db: Kysely<Database>, enrollmentId: string, relation: TermRelation, termIds: string[]): Promise<void> {
  await db.deleteFrom('enrollmentTerms').where('enrollmentId', '=', enrollmentId).where('relation', '=', relation).execute();
  if (termIds.length === 0) return;
  await db
    .insertInto('enrollmentTerms')
    .values(termIds.map((termId) => ({ enrollmentId, termId, relation })))
    .execute();
}

export function termsOfEnrollment(db: Kysely<Database>, enrollmentId: string) {
  return db
    .selectFrom('enrollmentTerms as et')
    .innerJoin('taxonomyTerms as t', 't.id', 'et.termId')
    .select(['et.relation', 't.label'])
    .where('et.enrollmentId', '=', enrollmentId)
    .execute();
}

/** Active and paused pairs of a person in a program, as mentor, as mentee, or either. */
export async function countOpenPairs(db: Kysely<Database>, programId: string, userId: string, role?: EnrollmentRole): Promise<number> {
  const row = await db
    .selectFrom('pairs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('programId', '=', programId)
    .where('status', 'in', ['active', 'paused'])
    .where((eb) =>
      role === 'mentor'
        ? eb('mentorId', '=', userId)
        : role === 'mentee'
          ? eb('menteeId', '=', userId)
          : eb.or([eb('mentorId', '=', userId), eb('menteeId', '=', userId)]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listProfileRows(db: Kysely<Database>, programId: string, userIds: string[] | undefined) {
  let query = db
    .selectFrom('enrollments')
    .select([
      'id',
      'userId',
      'role',
      'status',
      'capacity',
      'availability',
      'pausedUntil',
      'timeZone',
      'yearsExperience',
      'goals',
    ])
    .where('programId', '=', programId);
  if (userIds) query = query.where('userId', 'in', userIds);
  return query.orderBy('id').execute();
}

export function listProfileTerms(db: Kysely<Database>, programId: string, userIds: string[] | undefined) {
  let query = db
    .selectFrom('enrollmentTerms as et')
    .innerJoin('enrollments as e', 'e.id', 'et.enrollmentId')
    .innerJoin('taxonomyTerms as t', 't.id', 'et.termId')
    .select(['et.enrollmentId', 'et.relation', 't.label'])
    .where('e.programId', '=', programId);
  if (userIds) query = query.where('e.userId', 'in', userIds);
  return query.execute();
}
