import type { ExpressionBuilder, Insertable, Kysely, Updateable } from 'kysely';
import { preparedQuery } from '../db/prepared-query';
import type { AuditLogTable, Database, IntroductionsTable, MeetingsTable, PairStatus, PairsTable } from '../db/schema';

/*
 * The reads behind the tab's first screens (`GET /api/pairs`, `GET /api/pairs/{id}`) are
 * prepared queries: compiled once, then run with new values (see db/prepared-query.ts). Their
 * SQL therefore has one shape whatever the values.
 */

const pairsOfUser = preparedQuery((db, $: { userId: string }) =>
  db
    .selectFrom('pairs')
    .innerJoin('programs', 'programs.id', 'pairs.programId')
    .innerJoin('users as mentor', 'mentor.id', 'pairs.mentorId')
    .innerJoin('users as mentee', 'mentee.id', 'pairs.menteeId')
    .select([
      'pairs.id',
      'pairs.status',
      'pairs.startedAt',
      'pairs.mentorId',
      'pairs.agreedAt',
      'programs.id as programId',
      'programs.name as programName',
      'mentor.id as mentorUserId',
      'mentor.displayName as mentorName',
      'mentor.jobTitle as mentorJobTitle',
      'mentor.department as mentorDepartment',
      'mentee.id as menteeUserId',
      'mentee.displayName as menteeName',
      'mentee.jobTitle as menteeJobTitle',
      'mentee.department as menteeDepartment',
      // Each pair's counts ride along (index lookups per pair) rather than costing a read each.
      (eb) => liveGoalsOf(eb).select((g) => g.fn.countAll<number>().as('n')).as('goalsTotal'),
      (eb) => liveGoalsOf(eb).select((g) => g.fn.countAll<number>().as('n')).where('goals.status', '=', 'done').as('goalsDone'),
      (eb) => agreementsSubmitted(eb).as('agreementsSubmitted'),
    ])
    .where((eb) => eb.or([eb('pairs.mentorId', '=', $.userId), eb('pairs.menteeId', '=', $.userId)]))
    .orderBy('pairs.startedAt', 'desc'),
);

function liveGoalsOf(eb: ExpressionBuilder<Database, 'pairs'>) {
  return eb.selectFrom('goals').whereRef('goals.pairId', '=', 'pairs.id').where('goals.deletedAt', 'is', null);
}

function agreementsSubmitted(eb: ExpressionBuilder<Database, 'pairs'>) {
  return eb.selectFrom('agreements').select((a) => a.fn.countAll<number>().as('n')).whereRef('agreements.pairId', '=', 'pairs.id');
}

export function listPairsOfUser(db: Kysely<Database>, userId: string) {
  return pairsOfUser.execute(db, { userId });
}

/**
 * The earliest upcoming scheduled meeting of each pair (index: meetings(pair_id, status, start_at)).
 * By a list of ids, not by user: keyed on the user, SQLite's planner walks every upcoming
 * meeting of every pair instead.
 */
export async function nextMeetingByPair(db: Kysely<Database>, pairIds: string[], after: string) {
  if (pairIds.length === 0) return [];
  return db
    .selectFrom('meetings as m')
    .select(['m.pairId', 'm.startAt', 'm.endAt'])
    .where('m.pairId', 'in', pairIds)
    .where('m.status', '=', 'scheduled')
    .where('m.startAt', '>', after)
    .where('m.startAt', '=', (eb) => earliestScheduledAfter(eb, after))
    .execute();
}

function earliestScheduledAfter(eb: ExpressionBuilder<Database & { m: MeetingsTable }, 'm'>, after: string) {
  return eb
    .selectFrom('meetings as n')
    .select((n) => n.fn.min<string>('n.startAt').as('first'))
    .whereRef('n.pairId', '=', 'm.pairId')
    .where('n.status', '=', 'scheduled')
    .where('n.startAt', '>', after);
}

const pairForAccess = preparedQuery((db, $: { pairId: string }) =>
  db.selectFrom('pairs').select(['id', 'programId', 'mentorId', 'menteeId', 'status']).where('id', '=', $.pairId),
);

export function findPairForAccess(db: Kysely<Database>, pairId: string) {
  return pairForAccess.executeTakeFirst(db, { pairId });
}

const pairDetail = preparedQuery((db, $: { pairId: string }) =>
  db
    .selectFrom('pairs')
    .innerJoin('programs', 'programs.id', 'pairs.programId')
    .innerJoin('users as mentor', 'mentor.id', 'pairs.mentorId')
    .innerJoin('users as mentee', 'mentee.id', 'pairs.menteeId')
    // Each member's zone for this program (their enrolment), falling back to their directory zone.
    .leftJoin('enrollments as mentorEnrollment', (join) =>
      join.onRef('mentorEnrollment.programId', '=', 'pairs.programId').onRef('mentorEnrollment.userId', '=', 'pairs.mentorId'),
    )
    .leftJoin('enrollments as menteeEnrollment', (join) =>
      join.onRef('menteeEnrollment.programId', '=', 'pairs.programId').onRef('menteeEnrollment.userId', '=', 'pairs.menteeId'),
    )
    .select([
      'pairs.id',
      'pairs.status',
      'pairs.startedAt',
      'pairs.pausedAt',
      'pairs.endedAt',
      'pairs.endReason',
      'pairs.agreedAt',
      'pairs.agreedCadence',
      'programs.id as programId',
      'programs.name as programName',
      'programs.defaultCadence as programCadence',
      'mentor.id as mentorUserId',
      'mentor.displayName as mentorName',
      'mentor.jobTitle as mentorJobTitle',
      'mentor.department as mentorDepartment',
      'mentee.id as menteeUserId',
      'mentee.displayName as menteeName',
      'mentee.jobTitle as menteeJobTitle',
      'mentee.department as menteeDepartment',
      'mentor.timeZone as mentorUserZone',
      'mentee.timeZone as menteeUserZone',
      'mentorEnrollment.timeZone as mentorEnrollmentZone',
      'menteeEnrollment.timeZone as menteeEnrollmentZone',
      // The pair's agreement answers and introductions ride along: one read instead of three.
      (eb) => agreementsSubmitted(eb).as('agreementsSubmitted'),
      (eb) => introductionsWithStatus(eb, 'requested').as('introductionsRequested'),
      (eb) => introductionsWithStatus(eb, 'made').as('introductionsMade'),
    ])
    .where('pairs.id', '=', $.pairId),
);

function introductionsWithStatus(eb: ExpressionBuilder<Database, 'pairs'>, status: IntroductionsTable['status']) {
  return eb
    .selectFrom('introductions')
    .select((i) => i.fn.countAll<number>().as('n'))
    .whereRef('introductions.pairId', '=', 'pairs.id')
    .where('introductions.status', '=', status);
}

export function findPairDetail(db: Kysely<Database>, pairId: string) {
  return pairDetail.executeTakeFirst(db, { pairId });
}

const goalCounts = preparedQuery((db, $: { pairId: string; today: string }) =>
  db
    .selectFrom('goals')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when('status', '=', 'done').then(1).else(0).end()).as('done'),
      eb.fn.sum<number>(eb.case().when('status', '=', 'in-progress').then(1).else(0).end()).as('inProgress'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('targetDate', 'is not', null), eb('targetDate', '<', $.today), eb('status', 'not in', ['done', 'dropped'])]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('overdue'),
    ])
    .where('pairId', '=', $.pairId)
    .where('deletedAt', 'is', null),
);

/** One pass over the pair's live goals; `today` is `YYYY-MM-DD`, so text comparison orders dates. */
export async function goalCountsOfPair(db: Kysely<Database>, pairId: string, today: string) {
  const row = await goalCounts.executeTakeFirst(db, { pairId, today });
  // An aggregate without group by always answers one row.
  return row!;
}

const nextMeetingOfOnePair = preparedQuery((db, $: { pairId: string; after: string }) =>
  db
    .selectFrom('meetings as m')
    .select(['m.startAt', 'm.endAt'])
    .where('m.pairId', '=', $.pairId)
    .where('m.status', '=', 'scheduled')
    .where('m.startAt', '>', $.after)
    .where('m.startAt', '=', (eb) => earliestScheduledAfter(eb, $.after)),
);

/** The pair's earliest upcoming scheduled meeting, if any. */
export function nextMeetingOfPair(db: Kysely<Database>, pairId: string, after: string) {
  return nextMeetingOfOnePair.executeTakeFirst(db, { pairId, after });
}

const closingSurveys = preparedQuery((db, $: { pairId: string; userId: string }) =>
  db
    .selectFrom('surveys')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('pairId', '=', $.pairId)
    .where('userId', '=', $.userId)
    .where('kind', '=', 'closing'),
);

export async function closingSurveysOf(db: Kysely<Database>, pairId: string, userId: string): Promise<number> {
  const row = await closingSurveys.executeTakeFirst(db, { pairId, userId });
  return Number(row?.n ?? 0);
}

/**
 * Takes the pair row's write lock for the rest of the transaction and returns the pair's
 * current status. Writers inside one pair call this first, so concurrent writers queue on
 * the row (on SQL Server as on SQLite) and each sees what the previous one committed.
 */
export async function lockPairRow(db: Kysely<Database>, pairId: string, activityAt?: string): Promise<PairStatus | undefined> {
  await db
    .updateTable('pairs')
    .set((eb) => (activityAt ? { lastActivityAt: activityAt, updatedAt: activityAt } : { updatedAt: eb.ref('updatedAt') }))
    .where('id', '=', pairId)
    .execute();
  const row = await db.selectFrom('pairs').select('status').where('id', '=', pairId).executeTakeFirst();
  return row?.status;
}

/** Moves the pair only if it is still in one of `from`; false when someone else moved it first. */
export async function transitionPair(
  db: Kysely<Database>,
  pairId: string,
  from: PairStatus[],
  changes: Pick<Updateable<PairsTable>, 'status' | 'pausedAt' | 'endedAt' | 'endReason' | 'lastActivityAt' | 'updatedAt'>,
): Promise<boolean> {
  const result = await db.updateTable('pairs').set(changes).where('id', '=', pairId).where('status', 'in', from).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function cancelFutureScheduledMeetings(db: Kysely<Database>, pairId: string, now: string) {
  return db
    .updateTable('meetings')
    .set({ status: 'cancelled', updatedAt: now })
    .where('pairId', '=', pairId)
    .where('status', '=', 'scheduled')
    .where('startAt', '>', now)
    .execute();
}

/**
 * The pair's connected series must now drop their future occurrences from Outlook too; the
 * background sync does it as each organiser (see api/src/outlook).
 */
export async function queueCalendarSyncOfPair(db: Kysely<Database>, pairId: string, now: string): Promise<void> {
  await db
    .updateTable('meetingSeries')
    .set((eb) => ({ calendarVersion: eb('calendarVersion', '+', 1) }))
    .where('pairId', '=', pairId)
    .execute();
  await db
    .updateTable('meetingSeries')
    .set({ calendarStatus: 'pending', calendarProblem: null, syncAttempts: 0, nextSyncAt: null, updatedAt: now })
    .where('pairId', '=', pairId)
    .where('calendarStatus', '!=', 'not-connected')
    .where('cancelledAt', 'is', null)
    .execute();
}

export function insertAuditEntry(db: Kysely<Database>, row: Insertable<AuditLogTable>) {
  return db.insertInto('auditLog').values(row).execute();
}

export function findMeetingPair(db: Kysely<Database>, meetingId: string) {
  return db.selectFrom('meetings').select(['id', 'pairId']).where('id', '=', meetingId).executeTakeFirst();
}
