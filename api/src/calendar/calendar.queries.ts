import type { Insertable, Kysely } from 'kysely';
import type { CalendarFeedsTable, Database } from '../db/schema';

/** The oldest live feed wins, so concurrent first calls still agree on one URL. */
export function findActiveFeedOfUser(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('calendarFeeds')
    .select(['token', 'createdAt'])
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .orderBy('createdAt')
    .orderBy('token')
    .limit(1)
    .executeTakeFirst();
}

export function findActiveFeed(db: Kysely<Database>, token: string) {
  return db.selectFrom('calendarFeeds').select(['userId']).where('token', '=', token).where('revokedAt', 'is', null).executeTakeFirst();
}

export async function insertFeed(db: Kysely<Database>, row: Insertable<CalendarFeedsTable>): Promise<void> {
  await db.insertInto('calendarFeeds').values(row).execute();
}

export async function revokeFeedsOfUser(db: Kysely<Database>, userId: string, at: string): Promise<void> {
  await db.updateTable('calendarFeeds').set({ revokedAt: at }).where('userId', '=', userId).where('revokedAt', 'is', null).execute();
}

// Only what a calendar entry shows: never agenda, notes or other free text.
const seriesColumns = [
  'meetingSeries.id',
  'meetingSeries.pairId',
  'meetingSeries.timeZone',
  'meetingSeries.startLocal',
  'meetingSeries.durationMinutes',
  'meetingSeries.frequency',
  'meetingSeries.icalSequence',
  'meetingSeries.cancelledAt',
  'meetingSeries.updatedAt',
  'mentor.displayName as mentorName',
  'mentee.displayName as menteeName',
] as const;

const occurrenceColumns = [
  'meetings.seriesId',
  'meetings.startAt',
  'meetings.endAt',
  'meetings.originalStartAt',
  'meetings.status',
  'meetings.updatedAt',
] as const;

/** Live series of the user's active and paused pairs. */
export function listFeedSeries(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('meetingSeries')
    .innerJoin('pairs', 'pairs.id', 'meetingSeries.pairId')
    .innerJoin('users as mentor', 'mentor.id', 'pairs.mentorId')
    .innerJoin('users as mentee', 'mentee.id', 'pairs.menteeId')
    .select(seriesColumns)
    .where((eb) => eb.or([eb('pairs.mentorId', '=', userId), eb('pairs.menteeId', '=', userId)]))
    .where('pairs.status', 'in', ['active', 'paused'])
    .where('meetingSeries.cancelledAt', 'is', null)
    // A series in Outlook already reaches both calendars as a meeting invitation; the feed
    // would show it twice.
    .where('meetingSeries.externalEventId', 'is', null)
    .orderBy('meetingSeries.id')
    .execute();
}

/** The occurrences of `listFeedSeries`, in one query (same filter, so no id list to bind). */
export function listFeedOccurrences(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('meetings')
    .innerJoin('meetingSeries', 'meetingSeries.id', 'meetings.seriesId')
    .innerJoin('pairs', 'pairs.id', 'meetingSeries.pairId')
    .select(occurrenceColumns)
    .where((eb) => eb.or([eb('pairs.mentorId', '=', userId), eb('pairs.menteeId', '=', userId)]))
    .where('pairs.status', 'in', ['active', 'paused'])
    .where('meetingSeries.cancelledAt', 'is', null)
    .where('meetingSeries.externalEventId', 'is', null)
    .orderBy('meetings.seriesId')
    .orderBy('meetings.originalStartAt')
    .execute();
}

export function findSeries(db: Kysely<Database>, seriesId: string) {
  return db
    .selectFrom('meetingSeries')
    .innerJoin('pairs', 'pairs.id', 'meetingSeries.pairId')
    .innerJoin('users as mentor', 'mentor.id', 'pairs.mentorId')
    .innerJoin('users as mentee', 'mentee.id', 'pairs.menteeId')
    .select(seriesColumns)
    .where('meetingSeries.id', '=', seriesId)
    .executeTakeFirst();
}

export function listSeriesOccurrences(db: Kysely<Database>, seriesId: string) {
  return db.selectFrom('meetings').select(occurrenceColumns).where('meetings.seriesId', '=', seriesId).orderBy('meetings.originalStartAt').execute();
}
