import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../api/src/db/database';
import type { MeetingStatus, PairStatus, SeriesFrequency } from '../../api/src/db/schema';
import type { TestApp } from './app';
import { fixtures } from './fixtures';

const T = '2026-01-01T00:00:00.000Z';

export const PEOPLE = {
  mentor: 'ana@contoso.example',
  mentee: 'ben@contoso.example',
  otherMentee: 'cy@contoso.example',
  outsider: 'dee@contoso.example',
  strangerMentor: 'eve@contoso.example',
  strangerMentee: 'fay@contoso.example',
  admin: 'morgan.lee@contoso.example',
} as const;

export interface MeetingWorld {
  program: string;
  mentor: string;
  mentee: string;
  otherMentee: string;
  /** mentor + mentee: the pair most tests book in */
  pair: string;
  /** the same mentor with another mentee */
  otherPair: string;
  /** two people who have nothing to do with the callers */
  strangerPair: string;
}

/** One program, the mentor's two pairs, an unrelated pair and an outsider. */
export async function meetingWorld(db: Db, options: { cadence?: 'weekly' | 'biweekly' | 'monthly' } = {}): Promise<MeetingWorld> {
  const f = fixtures(db);
  const mentor = await f.person(PEOPLE.mentor, { displayName: 'Ana Mentor', jobTitle: 'Staff Engineer', department: 'Engineering' });
  const mentee = await f.person(PEOPLE.mentee, { displayName: 'Ben Mentee', department: 'Sales' });
  const otherMentee = await f.person(PEOPLE.otherMentee, { displayName: 'Cy Mentee' });
  await f.person(PEOPLE.outsider, { displayName: 'Dee Outsider' });
  const eve = await f.person(PEOPLE.strangerMentor, { displayName: 'Eve Mentor' });
  const fay = await f.person(PEOPLE.strangerMentee, { displayName: 'Fay Mentee' });
  const program = await f.program('Grow Together', { cadence: options.cadence ?? 'biweekly' });
  for (const [id, role] of [[mentor, 'mentor'], [mentee, 'mentee'], [otherMentee, 'mentee'], [eve, 'mentor'], [fay, 'mentee']] as const) {
    await f.enrol(program, id, role);
  }
  const pair = await f.pair(program, mentor, mentee);
  const otherPair = await f.pair(program, mentor, otherMentee);
  const strangerPair = await f.pair(program, eve, fay);
  return { program, mentor, mentee, otherMentee, pair, otherPair, strangerPair };
}

/** Sets a member's working hours and zone on their enrolment (null zone: fall back to the profile's). */
export async function setWorkingHours(db: Db, programId: string, userId: string, hours: { timeZone: string | null; start?: string; end?: string }) {
  await db.kysely
    .updateTable('enrollments')
    .set({ timeZone: hours.timeZone, workdayStart: hours.start ?? '09:00', workdayEnd: hours.end ?? '17:00' })
    .where('programId', '=', programId)
    .where('userId', '=', userId)
    .execute();
}

export async function setUserTimeZone(db: Db, userId: string, timeZone: string | null) {
  await db.kysely.updateTable('users').set({ timeZone }).where('id', '=', userId).execute();
}

export async function setPairStatus(db: Db, pairId: string, status: PairStatus) {
  await db.kysely.updateTable('pairs').set({ status }).where('id', '=', pairId).execute();
}

export async function setAgreedCadence(db: Db, pairId: string, cadence: 'weekly' | 'biweekly' | 'monthly' | null) {
  await db.kysely.updateTable('pairs').set({ agreedCadence: cadence, agreedAt: cadence ? T : null }).where('id', '=', pairId).execute();
}

/** A series with occurrences written straight to the database, for states the API reaches only over time. */
export async function insertSeries(
  db: Db,
  pairId: string,
  organizerId: string,
  occurrences: { startAt: string; minutes?: number; status?: MeetingStatus }[],
  extra: { frequency?: SeriesFrequency; timeZone?: string; startLocal?: string } = {},
): Promise<{ seriesId: string; meetingIds: string[] }> {
  const seriesId = uuidv7();
  await db.kysely
    .insertInto('meetingSeries')
    .values({
      id: seriesId, pairId, organizerId, timeZone: extra.timeZone ?? 'Europe/London', startLocal: extra.startLocal ?? '2026-01-05T10:00:00',
      durationMinutes: occurrences[0]?.minutes ?? 30, frequency: extra.frequency ?? 'weekly', occurrenceCount: occurrences.length, untilDate: null,
      agenda: null, calendarStatus: 'not-connected', externalEventId: null, joinUrl: null, syncAttempts: 0, nextSyncAt: null, lastSyncError: null,
      icalSequence: 0, calendarVersion: 0, syncedVersion: 0, syncedFingerprint: null, calendarProblem: null, cancelledAt: null, createdAt: T, updatedAt: T,
    })
    .execute();
  const meetingIds = occurrences.map(() => uuidv7());
  if (occurrences.length > 0) {
    await db.kysely
      .insertInto('meetings')
      .values(
        occurrences.map((o, i) => ({
          id: meetingIds[i]!, seriesId, pairId, occurrenceIndex: i, startAt: o.startAt,
          endAt: new Date(Date.parse(o.startAt) + (o.minutes ?? 30) * 60_000).toISOString(), originalStartAt: o.startAt,
          status: o.status ?? 'scheduled', agenda: null, topics: null, sharedNotes: null, externalEventId: null, createdAt: T, updatedAt: T,
        })),
      )
      .execute();
  }
  return { seriesId, meetingIds };
}

export async function insertConfirmation(db: Db, meetingId: string, userId: string, status: 'held' | 'missed') {
  await db.kysely.insertInto('meetingConfirmations').values({ meetingId, userId, status, confirmedAt: T }).execute();
}

/** Every row the booking feature writes, to prove a refused request changed nothing. */
export async function meetingTables(db: Db) {
  const k = db.kysely;
  const [series, meetings, confirmations, feedback, pairs] = await Promise.all([
    k.selectFrom('meetingSeries').selectAll().orderBy('id').execute(),
    k.selectFrom('meetings').selectAll().orderBy('id').execute(),
    k.selectFrom('meetingConfirmations').selectAll().orderBy('meetingId').orderBy('userId').execute(),
    k.selectFrom('meetingFeedback').selectAll().orderBy('meetingId').orderBy('userId').execute(),
    k.selectFrom('pairs').select(['id', 'lastActivityAt', 'updatedAt']).orderBy('id').execute(),
  ]);
  return { series, meetings, confirmations, feedback, pairs };
}

export function seriesRow(db: Db, seriesId: string) {
  return db.kysely.selectFrom('meetingSeries').selectAll().where('id', '=', seriesId).executeTakeFirstOrThrow();
}

export function meetingsOfSeries(db: Db, seriesId: string) {
  return db.kysely.selectFrom('meetings').selectAll().where('seriesId', '=', seriesId).orderBy('startAt').execute();
}

export async function pairActivity(db: Db, pairId: string): Promise<string> {
  const row = await db.kysely.selectFrom('pairs').select('lastActivityAt').where('id', '=', pairId).executeTakeFirstOrThrow();
  return row.lastActivityAt;
}

/** Calls the API as someone; a fresh token each call, since tests move the clock by weeks. */
export function api(app: TestApp) {
  const auth = async (email: string) => `Bearer ${await app.tokenFor(email)}`;
  return {
    get: async (email: string, path: string) => request(app.http).get(path).set('Authorization', await auth(email)),
    post: async (email: string, path: string, body: object = {}) => request(app.http).post(path).set('Authorization', await auth(email)).send(body),
    patch: async (email: string, path: string, body: object) => request(app.http).patch(path).set('Authorization', await auth(email)).send(body),
    delete: async (email: string, path: string) => request(app.http).delete(path).set('Authorization', await auth(email)),
  };
}
