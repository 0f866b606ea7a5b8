import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export function findUserByEmail(db: Kysely<Database>, tenantId: string, email: string) {
  return db
    .selectFrom('users')
    .select(['displayName', 'department'])
    .where('tenantId', '=', tenantId)
    .where('email', '=', email)
    .executeTakeFirst();
}

export function findUsersByEmails(db: Kysely<Database>, tenantId: string, emails: string[]) {
  if (emails.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['email', 'displayName', 'department', 'jobTitle'])
    .where('tenantId', '=', tenantId)
    .where('email', 'in', emails)
    .execute();
}

/** People with the most active pairs in the given role: good demo personas. */
export function busiestMembers(db: Kysely<Database>, tenantId: string, role: 'mentor' | 'mentee', limit: number) {
  const column = role === 'mentor' ? 'pairs.mentorId' : 'pairs.menteeId';
  return db
    .selectFrom('pairs')
    .innerJoin('users', 'users.id', column)
    .select(['users.email', 'users.displayName', 'users.department', 'users.jobTitle', (eb) => eb.fn.countAll<number>().as('n')])
    .where('pairs.status', '=', 'active')
    .where('users.tenantId', '=', tenantId)
    .groupBy(['users.email', 'users.displayName', 'users.department', 'users.jobTitle'])
    .orderBy('n', 'desc')
    .orderBy('users.email')
    .limit(limit)
    .execute();
}

/** Employees not enrolled in any program: what a newcomer to Tandem sees. */
export function unenrolledPeople(db: Kysely<Database>, tenantId: string, limit: number) {
  return db
    .selectFrom('users')
    .select(['email', 'displayName', 'department', 'jobTitle'])
    .where('tenantId', '=', tenantId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('enrollments').select('enrollments.id').whereRef('enrollments.userId', '=', 'users.id'))),
    )
    .orderBy('email')
    .limit(limit)
    .execute();
}
