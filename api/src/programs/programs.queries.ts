import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database, EnrollmentsTable, ProgramsTable } from '../db/schema';

export type ProgramRow = Selectable<ProgramsTable>;
export type EnrollmentStateRow = Pick<Selectable<EnrollmentsTable>, 'programId' | 'role' | 'status'>;

export function listActivePrograms(db: Kysely<Database>): Promise<ProgramRow[]> {
  return db.selectFrom('programs').selectAll().where('archivedAt', 'is', null).orderBy('startsOn', 'desc').orderBy('name').execute();
}

/** Archived programs are gone as far as the API is concerned. */
export function findActiveProgram(db: Kysely<Database>, programId: string): Promise<ProgramRow | undefined> {
  return db.selectFrom('programs').selectAll().where('id', '=', programId).where('archivedAt', 'is', null).executeTakeFirst();
}

export async function insertProgram(db: Kysely<Database>, row: ProgramRow): Promise<void> {
  await db.insertInto('programs').values(row).execute();
}

export async function updateProgram(db: Kysely<Database>, programId: string, changes: Updateable<ProgramsTable>): Promise<void> {
  await db.updateTable('programs').set(changes).where('id', '=', programId).execute();
}

export function findEnrollmentOfUser(db: Kysely<Database>, programId: string, userId: string): Promise<EnrollmentStateRow | undefined> {
  return db.selectFrom('enrollments').select(['programId', 'role', 'status']).where('programId', '=', programId).where('userId', '=', userId).executeTakeFirst();
}

export function listEnrollmentsOfUser(db: Kysely<Database>, userId: string): Promise<EnrollmentStateRow[]> {
  return db.selectFrom('enrollments').select(['programId', 'role', 'status']).where('userId', '=', userId).execute();
}

export interface ProgramCountsRow {
  programId: string;
  mentors: number;
  mentees: number;
  active: number;
  paused: number;
  completed: number;
  ended: number;
  pendingRequests: number;
}

/** Three grouped scans (enrolments, pairs, requests), each served by a (program_id, …) index. */
export async function countsByProgram(db: Kysely<Database>): Promise<Map<string, ProgramCountsRow>> {
  const [enrolments, pairs, requests] = await Promise.all([
    db
      .selectFrom('enrollments')
      .select(['programId', 'role', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'active')
      .groupBy(['programId', 'role'])
      .execute(),
    db
      .selectFrom('pairs')
      .select(['programId', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['programId', 'status'])
      .execute(),
    db
      .selectFrom('mentorshipRequests')
      .select(['programId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'pending')
      .groupBy('programId')
      .execute(),
  ]);
  const counts = new Map<string, ProgramCountsRow>();
  const entry = (programId: string) => {
    let row = counts.get(programId);
    if (!row) {
      row = { programId, mentors: 0, mentees: 0, active: 0, paused: 0, completed: 0, ended: 0, pendingRequests: 0 };
      counts.set(programId, row);
    }
    return row;
  };
  for (const r of enrolments) entry(r.programId)[r.role === 'mentor' ? 'mentors' : 'mentees'] = Number(r.n);
  for (const r of pairs) entry(r.programId)[r.status] = Number(r.n);
  for (const r of requests) entry(r.programId).pendingRequests = Number(r.n);
  return counts;
}
