import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { preparedQuery } from '../db/prepared-query';
import type { Database, MeetingFeedbackTable, MeetingSeriesTable, MeetingsTable } from '../db/schema';

export type MeetingRow = Selectable<MeetingsTable>;
export type SeriesRow = Selectable<MeetingSeriesTable>;

// Keeps `in (...)` lists well under SQL Server's 2,100 parameters per statement.
const ID_BATCH = 1000;

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** What booking needs to know about the pair beyond access: the cadence to default to. */
export function findPairCadence(db: Kysely<Database>, pairId: string) {
  return db
    .selectFrom('pairs')
    .innerJoin('programs', 'programs.id', 'pairs.programId')
    .select(['pairs.agreedCadence', 'programs.defaultCadence'])
    .where('pairs.id', '=', pairId)
    .executeTakeFirst();
}

/** Each person's zone and working hours as far as known: their enrolment in the program, else their profile. */
export function listWorkingHours(db: Kysely<Database>, programId: string, userIds: string[]) {
  return db
    .selectFrom('users')
    .leftJoin('enrollments', (join) => join.onRef('enrollments.userId', '=', 'users.id').on('enrollments.programId', '=', programId))
    .select([
      'users.id as userId',
      'users.email',
      'users.timeZone as userTimeZone',
      'enrollments.timeZone as enrollmentTimeZone',
      'enrollments.workdayStart',
      'enrollments.workdayEnd',
    ])
    .where('users.id', 'in', userIds)
    .execute();
}

/** Scheduled check-ins of any pair any of these people is in that overlap the window. */
export function listBusyIntervals(db: Kysely<Database>, userIds: string[], from: string, to: string) {
  return db
    .selectFrom('meetings')
    .innerJoin('pairs', 'pairs.id', 'meetings.pairId')
    .select(['meetings.startAt', 'meetings.endAt'])
    .where((eb) => eb.or([eb('pairs.mentorId', 'in', userIds), eb('pairs.menteeId', 'in', userIds)]))
    .where('meetings.status', '=', 'scheduled')
    .where('meetings.startAt', '<', to)
    .where('meetings.endAt', '>', from)
    .orderBy('meetings.startAt')
    .execute();
}

/**
 * Notes, in the caller's transaction, that Outlook must follow a change: the version moves and
 * a connected series becomes pending — waiting for the organiser when someone else made it.
 */
export async function markSeriesChanged(db: Kysely<Database>, seriesId: string, actorId: string, now: string): Promise<void> {
  await db
    .updateTable('meetingSeries')
    .set((eb) => ({ calendarVersion: eb('calendarVersion', '+', 1) }))
    .where('id', '=', seriesId)
    .execute();
  for (const [organizer, problem] of [
    [true, null],
    [false, 'awaiting-organizer'],
  ] as const) {
    await db
      .updateTable('meetingSeries')
      .set({ calendarStatus: 'pending', calendarProblem: problem, syncAttempts: 0, nextSyncAt: null, updatedAt: now })
      .where('id', '=', seriesId)
      .where('calendarStatus', '!=', 'not-connected')
      .where('organizerId', organizer ? '=' : '!=', actorId)
      .execute();
  }
}

export async function insertSeries(db: Kysely<Database>, series: Insertable<MeetingSeriesTable>): Promise<void> {
  await db.insertInto('meetingSeries').values(series).execute();
}

export async function insertMeetings(db: Kysely<Database>, meetings: Insertable<MeetingsTable>[]): Promise<void> {
  // 52 rows of 16 columns stay under SQL Server's parameter limit in one statement.
  for (const batch of chunk(meetings, 100)) await db.insertInto('meetings').values(batch).execute();
}

export function findMeeting(db: Kysely<Database>, meetingId: string): Promise<MeetingRow | undefined> {
  return db.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirst();
}

export function findSeries(db: Kysely<Database>, seriesId: string): Promise<SeriesRow | undefined> {
  return db.selectFrom('meetingSeries').selectAll().where('id', '=', seriesId).executeTakeFirst();
}

/**
 * A pair's check-ins. `upcoming` = not over yet and not cancelled, soonest first; `past` = the
 * rest, latest first; `all` = every one in time order.
 */
// The pair page opens on these, so each is compiled once (db/prepared-query.ts).
const meetingsOfPair = {
  upcoming: preparedQuery((db, $: { pairId: string; now: string }) =>
    db
      .selectFrom('meetings')
      .selectAll()
      .where('pairId', '=', $.pairId)
      .where('endAt', '>', $.now)
      .where('status', '<>', 'cancelled')
      .orderBy('startAt', 'asc')
      .orderBy('occurrenceIndex', 'asc'),
  ),
  past: preparedQuery((db, $: { pairId: string; now: string }) =>
    db
      .selectFrom('meetings')
      .selectAll()
      .where('pairId', '=', $.pairId)
      .where((eb) => eb.or([eb('endAt', '<=', $.now), eb('status', '=', 'cancelled')]))
      .orderBy('startAt', 'desc')
      .orderBy('occurrenceIndex', 'desc'),
  ),
  all: preparedQuery((db, $: { pairId: string }) =>
    db.selectFrom('meetings').selectAll().where('pairId', '=', $.pairId).orderBy('startAt', 'asc').orderBy('occurrenceIndex', 'asc'),
  ),
};

export function listMeetingsOfPair(db: Kysely<Database>, pairId: string, when: 'upcoming' | 'past' | 'all', now: string): Promise<MeetingRow[]> {
  return meetingsOfPair[when].execute(db, { pairId, now });
}

export function listMeetingsOfSeries(db: Kysely<Database>, seriesId: string): Promise<MeetingRow[]> {
  return db.selectFrom('meetings').selectAll().where('seriesId', '=', seriesId).orderBy('startAt').orderBy('occurrenceIndex').execute();
}

const seriesOfPairWithOrganizer = preparedQuery((db, $: { pairId: string }) => seriesWithOrganizer(db).where('meetingSeries.pairId', '=', $.pairId));

/** Series with their organiser, either every series of a pair or the given ones. */
export function listSeriesWithOrganizer(db: Kysely<Database>, scope: { pairId: string } | { seriesId: string }) {
  if ('pairId' in scope) return seriesOfPairWithOrganizer.execute(db, scope);
  return seriesWithOrganizer(db).where('meetingSeries.id', '=', scope.seriesId).execute();
}

function seriesWithOrganizer(db: Kysely<Database>) {
  return db
    .selectFrom('meetingSeries')
    .innerJoin('users', 'users.id', 'meetingSeries.organizerId')
    .selectAll('meetingSeries')
    .select(['users.displayName as organizerName', 'users.jobTitle as organizerJobTitle', 'users.department as organizerDepartment'])
    .orderBy('meetingSeries.createdAt')
    .orderBy('meetingSeries.id');
}

export type SeriesWithOrganizerRow = Awaited<ReturnType<typeof listSeriesWithOrganizer>>[number];

/** Confirmations of the given check-ins (both members'). */
export async function listConfirmations(db: Kysely<Database>, meetingIds: string[]) {
  const rows: { meetingId: string; userId: string; status: 'held' | 'missed' }[] = [];
  for (const batch of chunk(meetingIds, ID_BATCH)) {
    rows.push(...(await db.selectFrom('meetingConfirmations').select(['meetingId', 'userId', 'status']).where('meetingId', 'in', batch).execute()));
  }
  return rows;
}

/** Only the caller's own ratings: the partner's are never even read for a response. */
export async function listMyFeedback(db: Kysely<Database>, meetingIds: string[], userId: string) {
  const rows: { meetingId: string; rating: number; comment: string | null }[] = [];
  for (const batch of chunk(meetingIds, ID_BATCH)) {
    rows.push(
      ...(await db
        .selectFrom('meetingFeedback')
        .select(['meetingId', 'rating', 'comment'])
        .where('meetingId', 'in', batch)
        .where('userId', '=', userId)
        .execute()),
    );
  }
  return rows;
}

export async function findConfirmation(db: Kysely<Database>, meetingId: string, userId: string) {
  return db.selectFrom('meetingConfirmations').select('status').where('meetingId', '=', meetingId).where('userId', '=', userId).executeTakeFirst();
}

export async function insertConfirmation(db: Kysely<Database>, row: { meetingId: string; userId: string; status: 'held' | 'missed'; confirmedAt: string }) {
  await db.insertInto('meetingConfirmations').values(row).execute();
}

export async function updateConfirmation(db: Kysely<Database>, meetingId: string, userId: string, changes: { status: 'held' | 'missed'; confirmedAt: string }) {
  await db.updateTable('meetingConfirmations').set(changes).where('meetingId', '=', meetingId).where('userId', '=', userId).execute();
}

export async function updateMeeting(db: Kysely<Database>, meetingId: string, changes: Updateable<MeetingsTable>): Promise<void> {
  await db.updateTable('meetings').set(changes).where('id', '=', meetingId).execute();
}

export async function updateMeetingsStatus(db: Kysely<Database>, meetingIds: string[], status: MeetingsTable['status'], now: string): Promise<void> {
  for (const batch of chunk(meetingIds, ID_BATCH)) {
    await db.updateTable('meetings').set({ status, updatedAt: now }).where('id', 'in', batch).execute();
  }
}

/** Changes the series and bumps its ICS SEQUENCE, so subscribed calendars take the new version. */
export async function updateSeries(db: Kysely<Database>, seriesId: string, changes: Updateable<MeetingSeriesTable>): Promise<void> {
  await db
    .updateTable('meetingSeries')
    .set((eb) => ({ ...changes, icalSequence: eb('icalSequence', '+', 1) }))
    .where('id', '=', seriesId)
    .execute();
}

export function cancelFutureScheduledOfSeries(db: Kysely<Database>, seriesId: string, now: string) {
  return db
    .updateTable('meetings')
    .set({ status: 'cancelled', updatedAt: now })
    .where('seriesId', '=', seriesId)
    .where('status', '=', 'scheduled')
    .where('startAt', '>', now)
    .execute();
}

export function findFeedback(db: Kysely<Database>, meetingId: string, userId: string) {
  return db.selectFrom('meetingFeedback').select(['rating', 'comment']).where('meetingId', '=', meetingId).where('userId', '=', userId).executeTakeFirst();
}

export async function insertFeedback(db: Kysely<Database>, row: Insertable<MeetingFeedbackTable>): Promise<void> {
  await db.insertInto('meetingFeedback').values(row).execute();
}

export async function updateFeedback(db: Kysely<Database>, meetingId: string, userId: string, changes: { rating: number; comment: string | null }) {
  await db.updateTable('meetingFeedback').set(changes).where('meetingId', '=', meetingId).where('userId', '=', userId).execute();
}
