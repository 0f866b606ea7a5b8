import type { Kysely, Updateable } from 'kysely';
import type { CalendarProblem, CalendarStatus, Database, MeetingSeriesTable } from '../db/schema';

/** A series with everything its Outlook event is made of. */
export function findSeriesForSync(db: Kysely<Database>, seriesId: string) {
  return db
    .selectFrom('meetingSeries as s')
    .innerJoin('pairs as p', 'p.id', 's.pairId')
    .innerJoin('programs as pr', 'pr.id', 'p.programId')
    .innerJoin('users as o', 'o.id', 's.organizerId')
    .select([
      's.id',
      's.pairId',
      's.organizerId',
      's.timeZone',
      's.startLocal',
      's.durationMinutes',
      's.frequency',
      's.occurrenceCount',
      's.untilDate',
      's.agenda',
      's.calendarStatus',
      's.calendarProblem',
      's.calendarVersion',
      's.syncedVersion',
      's.syncedFingerprint',
      's.externalEventId',
      's.joinUrl',
      's.syncAttempts',
      's.cancelledAt',
      'p.mentorId',
      'p.menteeId',
      'pr.name as programName',
      'o.displayName as organizerName',
    ])
    .where('s.id', '=', seriesId)
    .executeTakeFirst();
}

export function findPerson(db: Kysely<Database>, userId: string) {
  return db.selectFrom('users').select(['id', 'email', 'displayName']).where('id', '=', userId).executeTakeFirst();
}

export function listSeriesMeetings(db: Kysely<Database>, seriesId: string) {
  return db
    .selectFrom('meetings')
    .select(['id', 'startAt', 'endAt', 'originalStartAt', 'status'])
    .where('seriesId', '=', seriesId)
    .orderBy('originalStartAt')
    .execute();
}

export function findOrganizerOfSeries(db: Kysely<Database>, seriesId: string) {
  return db.selectFrom('meetingSeries').select(['organizerId', 'calendarStatus', 'calendarVersion', 'syncedVersion']).where('id', '=', seriesId).executeTakeFirst();
}

export type SyncStateChange = Pick<
  Updateable<MeetingSeriesTable>,
  | 'calendarStatus'
  | 'calendarProblem'
  | 'externalEventId'
  | 'joinUrl'
  | 'syncAttempts'
  | 'nextSyncAt'
  | 'lastSyncError'
  | 'syncedVersion'
  | 'syncedFingerprint'
  | 'updatedAt'
>;

/**
 * Records sync state; with `atVersion`, only if nobody changed the series since the sync read
 * it (false otherwise), so a newer change is never reported as already in Outlook.
 */
export async function updateSyncState(db: Kysely<Database>, seriesId: string, change: SyncStateChange, atVersion?: number): Promise<boolean> {
  let query = db.updateTable('meetingSeries').set(change).where('id', '=', seriesId);
  if (atVersion !== undefined) query = query.where('calendarVersion', '=', atVersion);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Pending syncs that are due and may run unattended, of organisers this instance can act for. */
export function listDueSeries(db: Kysely<Database>, organizerIds: string[], now: string, limit: number) {
  return db
    .selectFrom('meetingSeries')
    .select(['id', 'organizerId'])
    .where('calendarStatus', '=', 'pending' satisfies CalendarStatus)
    .where('organizerId', 'in', organizerIds)
    .where((eb) => eb.or([eb('nextSyncAt', 'is', null), eb('nextSyncAt', '<=', now)]))
    .where((eb) =>
      eb.or([eb('calendarProblem', 'is', null), eb('calendarProblem', 'in', ['throttled', 'unreachable'] satisfies CalendarProblem[])]),
    )
    .orderBy('nextSyncAt')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Check-ins that ended a little while ago in a series with a Teams link, not yet settled, whose
 * attendance hasn't been looked at recently — of organisers this instance can act for.
 */
export function listMeetingsAwaitingAttendance(
  db: Kysely<Database>,
  organizerIds: string[],
  window: { endedBefore: string; endedAfter: string; checkedBefore: string },
  limit: number,
) {
  return db
    .selectFrom('meetings as m')
    .innerJoin('meetingSeries as s', 's.id', 'm.seriesId')
    .innerJoin('pairs as p', 'p.id', 'm.pairId')
    .innerJoin('users as mentor', 'mentor.id', 'p.mentorId')
    .innerJoin('users as mentee', 'mentee.id', 'p.menteeId')
    .select(['m.id', 'm.startAt', 'm.endAt', 's.id as seriesId', 's.joinUrl', 's.organizerId', 'mentor.email as mentorEmail', 'mentee.email as menteeEmail'])
    .where('m.status', '=', 'scheduled')
    .where('m.teamsAttendanceAt', 'is', null)
    .where('m.endAt', '<=', window.endedBefore)
    .where('m.endAt', '>=', window.endedAfter)
    .where((eb) => eb.or([eb('m.attendanceCheckedAt', 'is', null), eb('m.attendanceCheckedAt', '<=', window.checkedBefore)]))
    .where('s.joinUrl', 'is not', null)
    .where('s.organizerId', 'in', organizerIds)
    .orderBy('m.endAt')
    .limit(limit)
    .execute();
}

export async function recordAttendanceChecked(db: Kysely<Database>, meetingIds: string[], now: string): Promise<void> {
  if (meetingIds.length === 0) return;
  await db.updateTable('meetings').set({ attendanceCheckedAt: now }).where('id', 'in', meetingIds).execute();
}

/** Settles a check-in as held on Teams' word, unless a member settled it meanwhile. */
export async function markHeldFromAttendance(db: Kysely<Database>, meetingId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('meetings')
    .set({ status: 'held', teamsAttendanceAt: now, attendanceCheckedAt: now, updatedAt: now })
    .where('id', '=', meetingId)
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
