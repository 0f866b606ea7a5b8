import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../api/src/db/database';
import type { GoalStatus, MeetingStatus, PairStatus } from '../../api/src/db/schema';
import type { TestApp } from './app';
import { fixtures } from './fixtures';

const T = '2026-01-01T00:00:00.000Z';

export const EMAILS = {
  mentor: 'ana@contoso.example',
  mentee: 'ben@contoso.example',
  otherMentee: 'cy@contoso.example',
  outsider: 'dee@contoso.example',
  admin: 'morgan.lee@contoso.example',
} as const;

export interface CheckinWorld {
  program: string;
  mentor: string;
  mentee: string;
  otherMentee: string;
  outsider: string;
  /** mentor + mentee, active */
  pair: string;
  /** the same mentor with another mentee, active */
  otherPair: string;
}

/** Two pairs of one mentor, plus an outsider; the admin signs in on first use. */
export async function checkinWorld(db: Db): Promise<CheckinWorld> {
  const f = fixtures(db);
  const mentor = await f.person(EMAILS.mentor, { displayName: 'Ana Mentor', jobTitle: 'Staff Engineer', department: 'Engineering' });
  const mentee = await f.person(EMAILS.mentee, { displayName: 'Ben Mentee', department: 'Sales' });
  const otherMentee = await f.person(EMAILS.otherMentee, { displayName: 'Cy Mentee' });
  const outsider = await f.person(EMAILS.outsider, { displayName: 'Dee Outsider' });
  const program = await f.program('Grow Together');
  await f.enrol(program, mentor, 'mentor');
  await f.enrol(program, mentee, 'mentee');
  await f.enrol(program, otherMentee, 'mentee');
  const pair = await f.pair(program, mentor, mentee, { startedAt: '2026-03-01T09:00:00.000Z' });
  const otherPair = await f.pair(program, mentor, otherMentee, { startedAt: '2026-03-02T09:00:00.000Z' });
  return { program, mentor, mentee, otherMentee, outsider, pair, otherPair };
}

/** A new mentee paired with `mentorId`, for tests that need a pair of their own. */
export async function extraPair(db: Db, programId: string, mentorId: string, email: string, status: PairStatus = 'active') {
  const f = fixtures(db);
  const mentee = await f.person(email, { displayName: email.split('@')[0] });
  await f.enrol(programId, mentee, 'mentee');
  const pair = await f.pair(programId, mentorId, mentee, { status });
  return { pair, mentee, email };
}

/**
 * A meeting series with these occurrences, written through the shared fixture (which owns the
 * meetings row shape); returns the occurrences' ids in the order given. Start times must be new
 * for the pair, since they identify the rows.
 */
export async function insertMeetings(
  db: Db,
  pairId: string,
  organizerId: string,
  occurrences: { startAt: string; status?: MeetingStatus }[],
): Promise<{ seriesId: string; meetingIds: string[] }> {
  await fixtures(db).meetings(pairId, organizerId, occurrences.map((o) => ({ startAt: o.startAt, status: o.status ?? 'scheduled' })));
  const rows = await db.kysely
    .selectFrom('meetings')
    .select(['id', 'seriesId', 'startAt'])
    .where('pairId', '=', pairId)
    .where('startAt', 'in', occurrences.map((o) => o.startAt))
    .execute();
  const byStart = new Map(rows.map((r) => [r.startAt, r]));
  const meetingIds = occurrences.map((o) => {
    const row = byStart.get(o.startAt);
    if (!row) throw new Error(`meeting at ${o.startAt} was not inserted`);
    return row.id;
  });
  return { seriesId: byStart.get(occurrences[0]!.startAt)!.seriesId, meetingIds };
}

export async function insertActionItem(
  db: Db,
  item: { pairId: string; ownerId: string; text: string; dueOn?: string | null; doneAt?: string | null; createdAt?: string; meetingId?: string | null; createdBy?: string },
): Promise<string> {
  const id = uuidv7();
  const createdAt = item.createdAt ?? T;
  await db.kysely
    .insertInto('actionItems')
    .values({
      id, pairId: item.pairId, meetingId: item.meetingId ?? null, text: item.text, ownerId: item.ownerId, dueOn: item.dueOn ?? null,
      doneAt: item.doneAt ?? null, createdBy: item.createdBy ?? item.ownerId, createdAt, updatedAt: createdAt,
    })
    .execute();
  return id;
}

export async function insertGoal(db: Db, pairId: string, createdBy: string, goal: { title: string; status: GoalStatus; progress?: number; targetDate?: string | null; deleted?: boolean; createdAt?: string }) {
  const id = uuidv7();
  const createdAt = goal.createdAt ?? T;
  await db.kysely
    .insertInto('goals')
    .values({
      id, pairId, title: goal.title, skill: 'Networking', mentorRole: 'Introductions', targetDate: goal.targetDate ?? null, status: goal.status,
      progress: goal.progress ?? 0, progressManual: goal.progress === undefined ? 0 : 1, templateKey: null, completedAt: null,
      deletedAt: goal.deleted ? T : null, createdBy, createdAt, updatedAt: createdAt,
    })
    .execute();
  return id;
}

export async function setPairStatus(db: Db, pairId: string, status: PairStatus): Promise<void> {
  const closed = status === 'completed' || status === 'ended';
  await db.kysely.updateTable('pairs').set({ status, endedAt: closed ? T : null, pausedAt: status === 'paused' ? T : null }).where('id', '=', pairId).execute();
}

export async function pairActivity(db: Db, pairId: string) {
  return db.kysely.selectFrom('pairs').select(['lastActivityAt', 'updatedAt']).where('id', '=', pairId).executeTakeFirstOrThrow();
}

/** Everything these features write, to prove a refused request changed nothing. */
export async function checkinTables(db: Db) {
  const k = db.kysely;
  const [actionItems, privateNotes, pairs] = await Promise.all([
    k.selectFrom('actionItems').selectAll().orderBy('id').execute(),
    k.selectFrom('privateNotes').selectAll().orderBy('id').execute(),
    k.selectFrom('pairs').select(['id', 'status', 'lastActivityAt', 'updatedAt']).orderBy('id').execute(),
  ]);
  return { actionItems, privateNotes, pairs };
}

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Calls the API as someone. Tokens expire and tests move the clock, so a token is reused only
 * at the instant it was issued.
 */
export function caller(app: TestApp) {
  const tokens = new Map<string, string>();
  return async (email: string, method: Method, path: string, body?: object) => {
    const key = `${email} ${app.clock.now().toISOString()}`;
    let token = tokens.get(key);
    if (!token) {
      token = await app.tokenFor(email);
      tokens.set(key, token);
    }
    const req = request(app.http)[method](path).set('Authorization', `Bearer ${token}`);
    return body === undefined ? req : req.send(body);
  };
}

export function fieldsOf(body: { errors?: { field: string }[] }): string[] {
  return (body.errors ?? []).map((e) => e.field);
}
