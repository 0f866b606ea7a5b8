import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { TestApp } from './app';
import { insertActionItem } from './checkin-fixtures';
import { enrollmentFixtures } from './enrollment-fixtures';
import { fixtures } from './fixtures';
import { insertGoal } from './goal-fixtures';
import { insertSeries } from './meeting-fixtures';
import { pairFixtures } from './pair-fixtures';

const NOW = '2026-11-25T10:00:00.000Z';
const T = '2026-01-01T00:00:00.000Z';

/**
 * One fixture world for tests that call every operation of the API (the authorization matrix,
 * the fuzzer): everything a path parameter can point at, all of it around one pair.
 */
export interface EndpointWorld {
  n: number;
  email: Record<'unrelated' | 'mentee' | 'mentor', string>;
  programId: string;
  /** where the mentee's pending request to the mentor lives (they are not paired there) */
  requestProgramId: string;
  unrelatedId: string;
  menteeId: string;
  mentorId: string;
  pairId: string;
  requestId: string;
  seriesId: string;
  /** a held check-in, in the past */
  meetingId: string;
  goalId: string;
  stepId: string;
  actionItemId: string;
  introductionId: string;
  notificationId: string;
  termId: string;
  /** the mentee's calendar subscription token */
  feedToken: string;
}

/**
 * Builds world number `n`; people's emails start with `label` + n. `written` is appended to the
 * text the members write for each other (goal, step, action item, introduction), so a test can
 * plant a marker in it.
 */
export async function buildEndpointWorld(
  app: TestApp,
  options: { label: string; n: number; written?: string; alsoEnrolAsMentee?: string },
): Promise<EndpointWorld> {
  const { label, n } = options;
  const written = options.written ? ` ${options.written}` : '';
  const k = app.db.kysely;
  const f = fixtures(app.db);
  const email = {
    unrelated: `${label}${n}.unrelated@contoso.example`,
    mentee: `${label}${n}.mentee@contoso.example`,
    mentor: `${label}${n}.mentor@contoso.example`,
  };
  const mentorId = await f.person(email.mentor, { displayName: `Mentor ${n}`, jobTitle: 'Staff Engineer', department: 'Engineering' });
  const menteeId = await f.person(email.mentee, { displayName: `Mentee ${n}`, department: 'Sales' });
  const unrelatedId = await f.person(email.unrelated, { displayName: `Unrelated ${n}`, department: 'Finance' });
  const programId = await f.program(`${label} ${n}`);
  const requestProgramId = await f.program(`${label} requests ${n}`);
  await f.enrol(programId, mentorId, 'mentor');
  await f.enrol(programId, menteeId, 'mentee');
  await f.enrol(programId, unrelatedId, 'mentee');
  if (options.alsoEnrolAsMentee) await f.enrol(programId, options.alsoEnrolAsMentee, 'mentee');
  await f.enrol(requestProgramId, mentorId, 'mentor');
  await f.enrol(requestProgramId, menteeId, 'mentee');
  const pairId = await f.pair(programId, mentorId, menteeId, { startedAt: '2026-09-01T09:00:00.000Z' });
  const e = enrollmentFixtures(app.db);
  const requestId = await e.pendingRequest(requestProgramId, menteeId, mentorId);
  const termId = await e.term('skill', `${label} skill ${n}`);

  const { seriesId, meetingIds } = await insertSeries(
    app.db,
    pairId,
    mentorId,
    [{ startAt: '2026-11-18T10:00:00.000Z', status: 'held' }, { startAt: '2026-12-02T10:00:00.000Z' }],
    { frequency: 'biweekly', timeZone: 'Europe/London', startLocal: '2026-11-18T10:00:00' },
  );
  const meetingId = meetingIds[0]!;
  const goalId = await insertGoal(app.db, pairId, menteeId, { title: `Goal${written}`, status: 'in-progress', steps: [`Step${written}`] });
  const step = await k.selectFrom('goalSteps').select('id').where('goalId', '=', goalId).executeTakeFirstOrThrow();
  const actionItemId = await insertActionItem(app.db, { pairId, ownerId: menteeId, text: `Action${written}`, meetingId });
  const introductionId = await pairFixtures(app).introduction(pairId, menteeId, { reason: `Introduce me${written}` });

  const notificationId = uuidv7();
  await k
    .insertInto('notifications')
    .values({
      id: notificationId, userId: menteeId, kind: 'milestone', dedupeKey: `${label}:${notificationId}`,
      payload: JSON.stringify({ pairId, count: 3, partnerName: `Mentor ${n}` }), deliverAfter: NOW, deliveredAt: null, channel: 'feed',
      readAt: null, createdAt: NOW, pairId,
    })
    .execute();
  const feedToken = randomBytes(32).toString('base64url');
  await k.insertInto('calendarFeeds').values({ token: feedToken, userId: menteeId, revokedAt: null, createdAt: T }).execute();

  return {
    n, email, programId, requestProgramId, unrelatedId, menteeId, mentorId, pairId, requestId, seriesId, meetingId, goalId,
    stepId: step.id, actionItemId, introductionId, notificationId, termId, feedToken,
  };
}
