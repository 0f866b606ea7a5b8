import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database, MentorshipRequestsTable, PairsTable } from '../db/schema';

export type RequestRow = Selectable<MentorshipRequestsTable>;

// Keeps `in (...)` lists well under SQL Server's 2,100 parameters per statement.
const ID_BATCH = 1000;

/**
 * Takes the write locks on these people's enrolments in the program until the transaction
 * ends. On SQL Server this is what serialises two accepts for the same mentor (reads under
 * READ COMMITTED don't block each other); on SQLite the transaction already holds the only
 * connection. One statement for all rows, so concurrent callers lock in the same (index) order.
 */
export async function lockEnrollments(db: Kysely<Database>, programId: string, userIds: string[], now: string): Promise<void> {
  await db.updateTable('enrollments').set({ updatedAt: now }).where('programId', '=', programId).where('userId', 'in', userIds).execute();
}

export function findEnrollmentState(db: Kysely<Database>, programId: string, userId: string) {
  return db
    .selectFrom('enrollments')
    .select(['role', 'status', 'capacity', 'availability', 'pausedUntil'])
    .where('programId', '=', programId)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

export function findDisplayName(db: Kysely<Database>, userId: string) {
  return db.selectFrom('users').select(['id', 'displayName', 'accountEnabled', 'directoryDeletedAt']).where('id', '=', userId).executeTakeFirst();
}

/** Active and paused pairs of a mentor in a program: the slots taken. */
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

export function findOpenPairAsMentee(db: Kysely<Database>, programId: string, menteeId: string) {
  return db
    .selectFrom('pairs')
    .select(['id', 'mentorId'])
    .where('programId', '=', programId)
    .where('menteeId', '=', menteeId)
    .where('status', 'in', ['active', 'paused'])
    .executeTakeFirst();
}

/** Any pair, in any status, of these two people in this program (there can be only one). */
export function findPairBetween(db: Kysely<Database>, programId: string, mentorId: string, menteeId: string) {
  return db
    .selectFrom('pairs')
    .select(['id', 'status'])
    .where('programId', '=', programId)
    .where('mentorId', '=', mentorId)
    .where('menteeId', '=', menteeId)
    .executeTakeFirst();
}

export function listPendingMentorsOfMentee(db: Kysely<Database>, programId: string, menteeId: string) {
  return db
    .selectFrom('mentorshipRequests')
    .select('mentorId')
    .where('programId', '=', programId)
    .where('menteeId', '=', menteeId)
    .where('status', '=', 'pending')
    .execute();
}

export async function insertRequest(db: Kysely<Database>, row: RequestRow): Promise<void> {
  await db.insertInto('mentorshipRequests').values(row).execute();
}

export function findRequest(db: Kysely<Database>, requestId: string): Promise<RequestRow | undefined> {
  return db.selectFrom('mentorshipRequests').selectAll().where('id', '=', requestId).executeTakeFirst();
}

/** Changes a request only while it is still pending; the count says whether it was. */
export async function updatePendingRequest(
  db: Kysely<Database>,
  requestId: string,
  changes: Updateable<MentorshipRequestsTable>,
): Promise<number> {
  const result = await db.updateTable('mentorshipRequests').set(changes).where('id', '=', requestId).where('status', '=', 'pending').executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Closes the mentee's pending requests in the program, except `keptRequestId` when given. */
export async function closeOtherPendingOfMentee(db: Kysely<Database>, programId: string, menteeId: string, keptRequestId: string | null, now: string): Promise<void> {
  let query = db
    .updateTable('mentorshipRequests')
    .set({ status: 'closed', updatedAt: now })
    .where('programId', '=', programId)
    .where('menteeId', '=', menteeId)
    .where('status', '=', 'pending');
  if (keptRequestId !== null) query = query.where('id', '<>', keptRequestId);
  await query.execute();
}

export async function declinePendingToMentor(db: Kysely<Database>, programId: string, mentorId: string, reason: string, now: string): Promise<void> {
  await db
    .updateTable('mentorshipRequests')
    .set({ status: 'declined', declineReason: reason, respondedAt: now, updatedAt: now })
    .where('programId', '=', programId)
    .where('mentorId', '=', mentorId)
    .where('status', '=', 'pending')
    .execute();
}

export async function withdrawPendingOfMentee(db: Kysely<Database>, programId: string, menteeId: string, now: string): Promise<void> {
  await db
    .updateTable('mentorshipRequests')
    .set({ status: 'withdrawn', updatedAt: now })
    .where('programId', '=', programId)
    .where('menteeId', '=', menteeId)
    .where('status', '=', 'pending')
    .execute();
}

/**
 * Settles every pending request of people who left the organisation, in any program: those they
 * sent are withdrawn, those sent to them declined with `reason`. Only pending rows change.
 */
export async function settlePendingOfDeparted(db: Kysely<Database>, userIds: string[], reason: string, now: string): Promise<void> {
  for (let i = 0; i < userIds.length; i += ID_BATCH) {
    const batch = userIds.slice(i, i + ID_BATCH);
    await db
      .updateTable('mentorshipRequests')
      .set({ status: 'withdrawn', updatedAt: now })
      .where('menteeId', 'in', batch)
      .where('status', '=', 'pending')
      .execute();
    await db
      .updateTable('mentorshipRequests')
      .set({ status: 'declined', declineReason: reason, respondedAt: now, updatedAt: now })
      .where('mentorId', 'in', batch)
      .where('status', '=', 'pending')
      .execute();
  }
}

export async function insertPair(db: Kysely<Database>, row: Selectable<PairsTable>): Promise<void> {
  await db.insertInto('pairs').values(row).execute();
}

/** Requests with program name and both people, in one join. */
function requestViews(db: Kysely<Database>) {
  return db
    .selectFrom('mentorshipRequests as r')
    .innerJoin('programs as p', 'p.id', 'r.programId')
    .innerJoin('users as mentee', 'mentee.id', 'r.menteeId')
    .innerJoin('users as mentor', 'mentor.id', 'r.mentorId')
    .select([
      'r.id',
      'r.message',
      'r.status',
      'r.declineReason',
      'r.createdAt',
      'r.respondedAt',
      'r.pairId',
      'p.id as programId',
      'p.name as programName',
      'mentee.id as menteeId',
      'mentee.displayName as menteeName',
      'mentee.jobTitle as menteeJobTitle',
      'mentee.department as menteeDepartment',
      'mentor.id as mentorId',
      'mentor.displayName as mentorName',
      'mentor.jobTitle as mentorJobTitle',
      'mentor.department as mentorDepartment',
    ]);
}

export type RequestViewRow = Awaited<ReturnType<typeof findRequestView>> & {};

export function findRequestView(db: Kysely<Database>, requestId: string) {
  return requestViews(db).where('r.id', '=', requestId).executeTakeFirstOrThrow();
}

export function listRequestViewsOfUser(db: Kysely<Database>, userId: string, direction: 'incoming' | 'outgoing' | undefined) {
  return requestViews(db)
    .where((eb) =>
      direction === 'incoming'
        ? eb('r.mentorId', '=', userId)
        : direction === 'outgoing'
          ? eb('r.menteeId', '=', userId)
          : eb.or([eb('r.mentorId', '=', userId), eb('r.menteeId', '=', userId)]),
    )
    .orderBy('r.createdAt', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
}
