import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import type { Cadence, PairStatus } from '../../api/src/db/schema';
import type { NudgeDraft } from '../../api/src/notifications/kinds';
import { evaluateNudges } from '../../api/src/nudges/nudges.rules';
import { ADMIN, adminApi, adminFixtures } from '../support/admin-fixtures';
import { createTestApp, type TestApp } from '../support/app';
import { insertActionItem } from '../support/checkin-fixtures';
import { setUserTimeZone } from '../support/meeting-fixtures';

// A Wednesday: 23:00 in Auckland (UTC+13), 05:00 in New York (UTC−5), 10:00 in London.
const NOW = '2026-11-25T10:00:00.000Z';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The instant this long before NOW (negative: after), in whole milliseconds. */
const ago = (ms: number) => new Date(Date.parse(NOW) - ms).toISOString();

interface Pair {
  id: string;
  mentor: string;
  mentee: string;
  mentorName: string;
  menteeName: string;
}

/**
 * The rules over one database of many small stories, each pair on its own: every assertion looks
 * at the drafts of one pair (or request), so the stories don't disturb each other.
 */
describe('nudge rules: what is due now', () => {
  let app: TestApp;
  let f: ReturnType<typeof adminFixtures>;
  let grow: string;
  let weekly: string;
  let archived: string;
  let drafts: NudgeDraft[];
  let people = 0;
  const p: Record<string, Pair> = {};
  const ids: Record<string, string> = {};

  /** A pair matched 20 days ago with activity yesterday and nothing else: due no nudge at all. */
  async function pair(
    options: { program?: string; status?: PairStatus; startedAt?: string; agreedCadence?: Cadence; lastActivityAt?: string } = {},
  ): Promise<Pair> {
    people += 1;
    const mentorName = `Mentor ${people}`;
    const menteeName = `Mentee ${people}`;
    const mentor = await f.person({ displayName: mentorName });
    const mentee = await f.person({ displayName: menteeName });
    const id = await f.pair(options.program ?? grow, mentor, mentee, {
      status: options.status ?? 'active',
      startedAt: options.startedAt ?? ago(20 * DAY),
      ...(options.status === 'paused' ? { pausedAt: ago(2 * DAY) } : {}),
      ...(options.agreedCadence ? { agreedAt: ago(15 * DAY), agreedCadence: options.agreedCadence } : {}),
    });
    await app.db.kysely.updateTable('pairs').set({ lastActivityAt: options.lastActivityAt ?? ago(1 * DAY) }).where('id', '=', id).execute();
    return { id, mentor, mentee, mentorName, menteeName };
  }

  async function mentorshipRequest(pair: Pair, status: 'pending' | 'accepted' | 'declined', createdAt: string, respondedAt: string | null = null) {
    const id = uuidv7();
    await app.db.kysely
      .insertInto('mentorshipRequests')
      .values({
        id, programId: grow, menteeId: pair.mentee, mentorId: pair.mentor, message: 'Could you help me with negotiation?', status,
        declineReason: status === 'declined' ? 'No room this quarter' : null, respondedAt, pairId: status === 'accepted' ? pair.id : null,
        createdAt, updatedAt: respondedAt ?? createdAt,
      })
      .execute();
    return id;
  }

  async function storedNudge(pair: Pair, kind: string, createdAt: string) {
    await app.db.kysely
      .insertInto('notifications')
      .values({
        id: uuidv7(), userId: pair.mentee, kind, dedupeKey: `${kind}:test:${uuidv7()}`, payload: '{}', deliverAfter: createdAt, deliveredAt: createdAt,
        channel: 'feed', readAt: null, createdAt, pairId: pair.id, lastError: null,
      })
      .execute();
  }

  async function pulseAnswer(pairId: string, userId: string, createdAt: string) {
    await app.db.kysely
      .insertInto('surveys')
      .values({
        id: uuidv7(), pairId, userId, kind: 'pulse', satisfaction: 4, recommend: null, skillsGained: 0, newContacts: 0, promotion: 0, confidence: null,
        comment: null, createdAt,
      })
      .execute();
  }

  const scheduled = (pairId: string, mentor: string, startAt: string, minutes = 30) => f.meeting(pairId, mentor, startAt, { status: 'scheduled', minutes });
  const draftsOf = (pairId: string, kind: string, list = drafts) => list.filter((d) => d.pairId === pairId && d.kind === kind);
  const kindsOf = (pairId: string, list = drafts) => [...new Set(list.filter((d) => d.pairId === pairId).map((d) => d.kind))].sort();
  const forRequest = (requestId: string) => drafts.filter((d) => d.payload.requestId === requestId);
  const recipients = (list: NudgeDraft[]) => list.map((d) => d.userId).sort();

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    f = adminFixtures(app.db);
    grow = await f.program('Grow Together');
    weekly = await f.program('Weekly Circle', { cadence: 'weekly' });
    archived = await f.program('Last Year');
    await app.db.kysely.updateTable('programs').set({ archivedAt: ago(30 * DAY) }).where('id', '=', archived).execute();

    p.quiet = await pair();

    // ---- check-in reminders
    p.in23h = await pair();
    ids.in23h = await scheduled(p.in23h.id, p.in23h.mentor, ago(-23 * HOUR), 45);
    p.in25h = await pair();
    await scheduled(p.in25h.id, p.in25h.mentor, ago(-25 * HOUR));
    p.in10min = await pair();
    ids.in10min = await scheduled(p.in10min.id, p.in10min.mentor, ago(-10 * MINUTE));
    p.in15min = await pair();
    await scheduled(p.in15min.id, p.in15min.mentor, ago(-15 * MINUTE));
    p.started = await pair();
    await scheduled(p.started.id, p.started.mentor, ago(MINUTE), 60);
    p.pausedSoon = await pair({ status: 'paused' });
    await scheduled(p.pausedSoon.id, p.pausedSoon.mentor, ago(-2 * HOUR));
    p.cancelledSoon = await pair();
    await f.meeting(p.cancelledSoon.id, p.cancelledSoon.mentor, ago(-2 * HOUR), { status: 'cancelled' });
    p.archivedSoon = await pair({ program: archived });
    await scheduled(p.archivedSoon.id, p.archivedSoon.mentor, ago(-2 * HOUR));

    // ---- "did it happen?"
    p.halfConfirmed = await pair();
    ids.halfConfirmed = await f.meeting(p.halfConfirmed.id, p.halfConfirmed.mentor, ago(2 * HOUR), { status: 'held' });
    await f.confirm(ids.halfConfirmed, p.halfConfirmed.mentor, 'held');
    p.unconfirmed = await pair();
    ids.unconfirmed = await scheduled(p.unconfirmed.id, p.unconfirmed.mentor, ago(40 * MINUTE));
    p.bothConfirmed = await pair();
    const both = await f.meeting(p.bothConfirmed.id, p.bothConfirmed.mentor, ago(2 * HOUR), { status: 'missed' });
    await f.confirm(both, p.bothConfirmed.mentor, 'missed');
    await f.confirm(both, p.bothConfirmed.mentee, 'missed');
    p.endedLongAgo = await pair();
    await scheduled(p.endedLongAgo.id, p.endedLongAgo.mentor, ago(7 * DAY + HOUR));
    p.notEnded = await pair();
    await scheduled(p.notEnded.id, p.notEnded.mentor, ago(10 * MINUTE), 30);
    p.cancelledPast = await pair();
    await f.meeting(p.cancelledPast.id, p.cancelledPast.mentor, ago(1 * DAY), { status: 'cancelled' });
    p.seenInTeams = await pair();
    await f.meeting(p.seenInTeams.id, p.seenInTeams.mentor, ago(1 * DAY), { status: 'held', teamsAttendanceAt: ago(1 * DAY - HOUR) });

    // ---- action items, by the owner's calendar
    p.auckland = await pair();
    await setUserTimeZone(app.db, p.auckland.mentee, 'Pacific/Auckland');
    ids.aucklandDue26 = await insertActionItem(app.db, { pairId: p.auckland.id, ownerId: p.auckland.mentee, text: 'Send the deck', dueOn: '2026-11-26' });
    ids.aucklandDue25 = await insertActionItem(app.db, { pairId: p.auckland.id, ownerId: p.auckland.mentee, text: 'Book a room', dueOn: '2026-11-25' });
    p.newYork = await pair();
    await setUserTimeZone(app.db, p.newYork.mentor, 'America/New_York');
    ids.newYorkDue26 = await insertActionItem(app.db, { pairId: p.newYork.id, ownerId: p.newYork.mentor, text: 'Introduce Priya', dueOn: '2026-11-26' });
    p.noZone = await pair();
    await setUserTimeZone(app.db, p.noZone.mentee, null);
    ids.noZoneDue26 = await insertActionItem(app.db, { pairId: p.noZone.id, ownerId: p.noZone.mentee, text: 'Read the book', dueOn: '2026-11-26' });
    p.overdue = await pair();
    ids.overdue7 = await insertActionItem(app.db, { pairId: p.overdue.id, ownerId: p.overdue.mentee, text: 'Draft the plan', dueOn: '2026-11-18' });
    await insertActionItem(app.db, { pairId: p.overdue.id, ownerId: p.overdue.mentee, text: 'Long forgotten', dueOn: '2026-11-17' });
    await insertActionItem(app.db, { pairId: p.overdue.id, ownerId: p.overdue.mentee, text: 'Done already', dueOn: '2026-11-24', doneAt: ago(2 * DAY) });
    await insertActionItem(app.db, { pairId: p.overdue.id, ownerId: p.overdue.mentee, text: 'Whenever', dueOn: null });
    p.pausedItems = await pair({ status: 'paused' });
    await insertActionItem(app.db, { pairId: p.pausedItems.id, ownerId: p.pausedItems.mentee, text: 'On hold', dueOn: '2026-11-24' });

    // ---- lapsed cadence: 1.5 × the cadence (agreed, else the program's), as the admin's at-risk list
    p.heldOver21 = await pair({ startedAt: ago(60 * DAY), agreedCadence: 'biweekly' });
    ids.heldOver21 = ago(21 * DAY + MINUTE);
    await f.meeting(p.heldOver21.id, p.heldOver21.mentor, ids.heldOver21, { status: 'held' });
    await f.meeting(p.heldOver21.id, p.heldOver21.mentor, ago(3 * DAY), { status: 'missed' });
    p.heldExactly21 = await pair({ startedAt: ago(60 * DAY), agreedCadence: 'biweekly' });
    await f.meeting(p.heldExactly21.id, p.heldExactly21.mentor, ago(21 * DAY), { status: 'held' });
    p.noneHeldOver35 = await pair({ startedAt: ago(35 * DAY + MINUTE) });
    p.noneHeld35 = await pair({ startedAt: ago(35 * DAY) });
    p.weeklyOver = await pair({ program: weekly, startedAt: ago(30 * DAY) });
    await f.meeting(p.weeklyOver.id, p.weeklyOver.mentor, ago(10.5 * DAY + MINUTE), { status: 'held' });
    p.alreadyTold = await pair({ startedAt: ago(60 * DAY), agreedCadence: 'biweekly' });
    await f.meeting(p.alreadyTold.id, p.alreadyTold.mentor, ago(30 * DAY), { status: 'held' });
    await storedNudge(p.alreadyTold, 'cadence-lapsed', ago(8 * DAY));
    p.toldLastTime = await pair({ startedAt: ago(60 * DAY), agreedCadence: 'biweekly' });
    await f.meeting(p.toldLastTime.id, p.toldLastTime.mentor, ago(25 * DAY), { status: 'held' });
    await storedNudge(p.toldLastTime, 'cadence-lapsed', ago(40 * DAY));
    p.pausedLapsed = await pair({ status: 'paused', startedAt: ago(90 * DAY) });

    // ---- requests
    p.requests = await pair();
    ids.sent47h = await mentorshipRequest(p.requests, 'pending', ago(47 * HOUR));
    ids.sent49h = await mentorshipRequest(p.requests, 'pending', ago(49 * HOUR));
    ids.waiting5d = await mentorshipRequest(p.requests, 'pending', ago(5 * DAY + HOUR));
    ids.waiting4d = await mentorshipRequest(p.requests, 'pending', ago(5 * DAY - HOUR));
    ids.waiting8d = await mentorshipRequest(p.requests, 'pending', ago(8 * DAY));
    ids.declined1d = await mentorshipRequest(p.requests, 'declined', ago(3 * DAY), ago(1 * DAY));
    ids.accepted3d = await mentorshipRequest(p.requests, 'accepted', ago(4 * DAY), ago(3 * DAY));
    p.accepted = await pair();
    ids.accepted1h = await mentorshipRequest(p.accepted, 'accepted', ago(2 * DAY), ago(HOUR));

    // ---- celebrations
    p.goals = await pair();
    ids.goalDone = await f.goal(p.goals.id, p.goals.mentee, { status: 'done', title: 'Present with confidence', completedAt: ago(1 * DAY) });
    ids.goalDoneLongAgo = await f.goal(p.goals.id, p.goals.mentee, { status: 'done', completedAt: ago(3 * DAY) });
    ids.goalDeleted = await f.goal(p.goals.id, p.goals.mentee, { status: 'done', completedAt: ago(1 * DAY), deletedAt: ago(HOUR) });
    p.fifth = await pair({ startedAt: ago(60 * DAY) });
    for (const days of [50, 40, 30, 20]) await f.meeting(p.fifth.id, p.fifth.mentor, ago(days * DAY), { status: 'held' });
    await f.meeting(p.fifth.id, p.fifth.mentor, ago(1 * DAY), { status: 'held' });
    p.first = await pair();
    await f.meeting(p.first.id, p.first.mentor, ago(1 * DAY), { status: 'held' });
    p.second = await pair();
    await f.meeting(p.second.id, p.second.mentor, ago(10 * DAY), { status: 'held' });
    await f.meeting(p.second.id, p.second.mentor, ago(1 * DAY), { status: 'held' });
    p.firstLongAgo = await pair();
    await f.meeting(p.firstLongAgo.id, p.firstLongAgo.mentor, ago(3 * DAY), { status: 'held' });
    p.firstConfirmedLate = await pair();
    const late = await f.meeting(p.firstConfirmedLate.id, p.firstConfirmedLate.mentor, ago(4 * DAY), { status: 'held' });
    await app.db.kysely.updateTable('meetings').set({ updatedAt: ago(2 * HOUR) }).where('id', '=', late).execute();

    // ---- pulse surveys: day 30, then every 90 days
    p.day30 = await pair({ startedAt: ago(30 * DAY + HOUR) });
    p.day29 = await pair({ startedAt: ago(29 * DAY) });
    p.day121 = await pair({ startedAt: ago(121 * DAY) });
    p.menteeAnswered = await pair({ startedAt: ago(31 * DAY) });
    await pulseAnswer(p.menteeAnswered.id, p.menteeAnswered.mentee, ago(10 * DAY));
    p.answeredLongAgo = await pair({ startedAt: ago(31 * DAY) });
    await pulseAnswer(p.answeredLongAgo.id, p.answeredLongAgo.mentee, ago(30 * DAY));
    p.promptedLastPeriod = await pair({ startedAt: ago(125 * DAY) });
    await storedNudge(p.promptedLastPeriod, 'pulse-survey', ago(95 * DAY));
    // Its second period began 10 days ago: too late to ask now, it waits for the third.
    p.periodMissed = await pair({ startedAt: ago(130 * DAY) });
    await storedNudge(p.periodMissed, 'pulse-survey', ago(100 * DAY));
    p.promptedThisPeriod = await pair({ startedAt: ago(130 * DAY) });
    await storedNudge(p.promptedThisPeriod, 'pulse-survey', ago(8 * DAY));
    p.promptedLate = await pair({ startedAt: ago(125 * DAY) });
    await storedNudge(p.promptedLate, 'pulse-survey', ago(20 * DAY));
    p.pausedPulse = await pair({ status: 'paused', startedAt: ago(40 * DAY) });

    // ---- dormant
    p.dormant = await pair({ lastActivityAt: ago(90 * DAY + MINUTE) });
    p.almostDormant = await pair({ lastActivityAt: ago(89 * DAY) });
    p.prompted = await pair({ lastActivityAt: ago(100 * DAY) });
    await storedNudge(p.prompted, 'dormant-pair', ago(10 * DAY));

    drafts = await evaluateNudges(app.db.kysely, NOW);
  });
  afterAll(() => app.close());

  it('a pair with nothing due gets nothing', () => {
    expect(kindsOf(p.quiet!.id)).toEqual([]);
  });

  describe('check-in reminders', () => {
    it('23 hours ahead: the 24-hour reminder to both members, each naming the other', () => {
      const pair = p.in23h!;
      const list = draftsOf(pair.id, 'meeting-reminder-24h');
      const startAt = ago(-23 * HOUR);
      const endAt = ago(-23 * HOUR - 45 * MINUTE);
      expect(list).toEqual(
        expect.arrayContaining([
          {
            userId: pair.mentor, kind: 'meeting-reminder-24h', dedupeKey: `meeting-reminder-24h:${ids.in23h}:${startAt}:${pair.mentor}`, pairId: pair.id,
            notBefore: ago(HOUR), payload: { pairId: pair.id, meetingId: ids.in23h, startAt, endAt, partnerName: pair.menteeName, joinUrl: null },
          },
          {
            userId: pair.mentee, kind: 'meeting-reminder-24h', dedupeKey: `meeting-reminder-24h:${ids.in23h}:${startAt}:${pair.mentee}`, pairId: pair.id,
            notBefore: ago(HOUR), payload: { pairId: pair.id, meetingId: ids.in23h, startAt, endAt, partnerName: pair.mentorName, joinUrl: null },
          },
        ]),
      );
      expect(list).toHaveLength(2);
      expect(kindsOf(pair.id)).toEqual(['meeting-reminder-24h']);
    });

    it('25 hours ahead: nothing yet', () => {
      expect(kindsOf(p.in25h!.id)).toEqual([]);
    });

    it('10 minutes ahead: the 15-minute reminder instead of the 24-hour one; exactly 15 minutes counts', () => {
      const pair = p.in10min!;
      const startAt = ago(-10 * MINUTE);
      expect(kindsOf(pair.id)).toEqual(['meeting-reminder-15m']);
      expect(draftsOf(pair.id, 'meeting-reminder-15m').map((d) => d.dedupeKey).sort()).toEqual(
        [`meeting-reminder-15m:${ids.in10min}:${startAt}:${pair.mentor}`, `meeting-reminder-15m:${ids.in10min}:${startAt}:${pair.mentee}`].sort(),
      );
      expect(draftsOf(pair.id, 'meeting-reminder-15m')[0]?.notBefore).toBe(ago(5 * MINUTE));
      expect(kindsOf(p.in15min!.id)).toEqual(['meeting-reminder-15m']);
    });

    it('a check-in already under way, a paused pair, a cancelled check-in and an archived program: no reminder', () => {
      for (const pair of [p.started!, p.pausedSoon!, p.cancelledSoon!, p.archivedSoon!]) expect(kindsOf(pair.id)).toEqual([]);
    });
  });

  describe('"did it happen?"', () => {
    it('asks only the member who hasn’t confirmed, once the check-in has ended', () => {
      const pair = p.halfConfirmed!;
      const startAt = ago(2 * HOUR);
      const endAt = ago(2 * HOUR - 30 * MINUTE);
      expect(draftsOf(pair.id, 'meeting-confirm')).toEqual([
        {
          userId: pair.mentee, kind: 'meeting-confirm', dedupeKey: `meeting-confirm:${ids.halfConfirmed}:${pair.mentee}`, pairId: pair.id, notBefore: endAt,
          payload: { pairId: pair.id, meetingId: ids.halfConfirmed, startAt, endAt, partnerName: pair.mentorName },
        },
      ]);
      expect(recipients(draftsOf(p.unconfirmed!.id, 'meeting-confirm'))).toEqual([p.unconfirmed!.mentor, p.unconfirmed!.mentee].sort());
    });

    it('not when both confirmed, the end is more than 7 days back, it hasn’t ended, it was cancelled or Teams saw them both', () => {
      for (const pair of [p.bothConfirmed!, p.endedLongAgo!, p.notEnded!, p.cancelledPast!, p.seenInTeams!]) {
        expect(draftsOf(pair.id, 'meeting-confirm')).toEqual([]);
      }
    });
  });

  describe('action items, by the owner’s own calendar', () => {
    it('due tomorrow: the owner only, with the item and the partner’s name', () => {
      const pair = p.newYork!;
      expect(draftsOf(pair.id, 'action-due-tomorrow')).toEqual([
        {
          userId: pair.mentor, kind: 'action-due-tomorrow', dedupeKey: `action-due-tomorrow:${ids.newYorkDue26}:2026-11-26`, pairId: pair.id,
          notBefore: '2026-11-25T05:00:00.000Z',
          payload: { pairId: pair.id, actionItemId: ids.newYorkDue26, text: 'Introduce Priya', dueOn: '2026-11-26', partnerName: pair.menteeName },
        },
      ]);
      expect(draftsOf(p.noZone!.id, 'action-due-tomorrow').map((d) => d.dedupeKey)).toEqual([`action-due-tomorrow:${ids.noZoneDue26}:2026-11-26`]);
    });

    it('"due tomorrow" turns into "due today" at midnight in Auckland, hours before New York', async () => {
      const before = await evaluateNudges(app.db.kysely, '2026-11-25T10:59:00.000Z');
      const after = await evaluateNudges(app.db.kysely, '2026-11-25T11:00:00.000Z');
      const keys = (list: NudgeDraft[], kind: string) => list.filter((d) => d.kind === kind).map((d) => d.dedupeKey);
      expect(keys(before, 'action-due-tomorrow')).toContain(`action-due-tomorrow:${ids.aucklandDue26}:2026-11-26`);
      expect(keys(after, 'action-due-tomorrow')).not.toContain(`action-due-tomorrow:${ids.aucklandDue26}:2026-11-26`);
      expect(keys(after, 'action-due-tomorrow')).toContain(`action-due-tomorrow:${ids.newYorkDue26}:2026-11-26`);
      // …and what was due on the 25th in Auckland is overdue from its midnight on.
      expect(keys(before, 'action-overdue')).not.toContain(`action-overdue:${ids.aucklandDue25}:2026-11-25`);
      expect(after.filter((d) => d.dedupeKey === `action-overdue:${ids.aucklandDue25}:2026-11-25`)).toEqual([
        expect.objectContaining({ userId: p.auckland!.mentee, notBefore: '2026-11-25T11:00:00.000Z' }),
      ]);
      // New York's midnight comes at 05:00 UTC on the 26th.
      const newYorkToday = await evaluateNudges(app.db.kysely, '2026-11-26T05:00:00.000Z');
      expect(keys(newYorkToday, 'action-due-tomorrow')).not.toContain(`action-due-tomorrow:${ids.newYorkDue26}:2026-11-26`);
    });

    it('overdue: once the due date has passed, for a week; done, undated and older items are left alone', () => {
      const pair = p.overdue!;
      expect(draftsOf(pair.id, 'action-overdue')).toEqual([
        {
          userId: pair.mentee, kind: 'action-overdue', dedupeKey: `action-overdue:${ids.overdue7}:2026-11-18`, pairId: pair.id,
          notBefore: '2026-11-19T00:00:00.000Z',
          payload: { pairId: pair.id, actionItemId: ids.overdue7, text: 'Draft the plan', dueOn: '2026-11-18', partnerName: pair.mentorName },
        },
      ]);
      expect(kindsOf(p.pausedItems!.id)).toEqual([]);
    });
  });

  describe('lapsed cadence', () => {
    it('no check-in held for more than 1.5 × the agreed cadence: both members, keyed by the last held check-in', () => {
      const pair = p.heldOver21!;
      const since = ids.heldOver21!;
      expect(draftsOf(pair.id, 'cadence-lapsed')).toEqual(
        expect.arrayContaining([
          {
            userId: pair.mentor, kind: 'cadence-lapsed', dedupeKey: `cadence-lapsed:${pair.id}:${pair.mentor}:${since}`, pairId: pair.id, notBefore: ago(MINUTE),
            payload: { pairId: pair.id, partnerName: pair.menteeName, lastHeldAt: since, cadence: 'biweekly' },
          },
          {
            userId: pair.mentee, kind: 'cadence-lapsed', dedupeKey: `cadence-lapsed:${pair.id}:${pair.mentee}:${since}`, pairId: pair.id, notBefore: ago(MINUTE),
            payload: { pairId: pair.id, partnerName: pair.mentorName, lastHeldAt: since, cadence: 'biweekly' },
          },
        ]),
      );
      expect(draftsOf(pair.id, 'cadence-lapsed')).toHaveLength(2);
    });

    it('exactly 1.5 × the cadence is not yet a lapse', () => {
      expect(draftsOf(p.heldExactly21!.id, 'cadence-lapsed')).toEqual([]);
    });

    it('never met: counted from the start after the 14-day first-meeting grace, keyed by the start', () => {
      const pair = p.noneHeldOver35!;
      expect(draftsOf(pair.id, 'cadence-lapsed').map((d) => [d.dedupeKey, d.payload.lastHeldAt, d.payload.cadence])).toEqual(
        expect.arrayContaining([[`cadence-lapsed:${pair.id}:${pair.mentee}:${ago(35 * DAY + MINUTE)}`, null, 'biweekly']]),
      );
      expect(draftsOf(p.noneHeld35!.id, 'cadence-lapsed')).toEqual([]);
    });

    it("uses the program's cadence until the pair agrees one", () => {
      expect(draftsOf(p.weeklyOver!.id, 'cadence-lapsed').map((d) => d.payload.cadence)).toEqual(['weekly', 'weekly']);
    });

    it('once per lapse: not again once told, but a lapse after a newer check-in is a new one', () => {
      expect(draftsOf(p.alreadyTold!.id, 'cadence-lapsed')).toEqual([]);
      expect(draftsOf(p.toldLastTime!.id, 'cadence-lapsed')).toHaveLength(2);
      expect(draftsOf(p.pausedLapsed!.id, 'cadence-lapsed')).toEqual([]);
    });

    it("agrees with the admin's at-risk list: every pair lacking time is nudged, unless it already was for this lapse", async () => {
      const res = await adminApi(app).get(ADMIN, '/api/admin/pairs-at-risk');
      expect(res.status).toBe(200);
      const lacking = (res.body as { pairId: string; reasons: { code: string }[] }[])
        .filter((x) => x.reasons.some((r) => r.code === 'lack-of-time'))
        .map((x) => x.pairId)
        .sort();
      const nudged = [...new Set(drafts.filter((d) => d.kind === 'cadence-lapsed').map((d) => d.pairId!))];
      expect(lacking).toContain(p.heldOver21!.id);
      expect(lacking).toContain(p.alreadyTold!.id);
      expect([...nudged, p.alreadyTold!.id].sort()).toEqual(lacking);
    });
  });

  describe('requests', () => {
    it('a request sent in the last 48 hours: the mentor, with who asked and in which program', () => {
      expect(forRequest(ids.sent47h!)).toEqual([
        {
          userId: p.requests!.mentor, kind: 'request-received', dedupeKey: `request-received:${ids.sent47h}`, pairId: null, notBefore: ago(47 * HOUR),
          payload: { requestId: ids.sent47h, programName: 'Grow Together', menteeName: p.requests!.menteeName, message: 'Could you help me with negotiation?' },
        },
      ]);
      expect(forRequest(ids.sent49h!)).toEqual([]);
    });

    it('still pending 5 days after it was sent: one reminder to the mentor, not before and not for old ones', () => {
      expect(forRequest(ids.waiting5d!)).toEqual([
        expect.objectContaining({ userId: p.requests!.mentor, kind: 'request-waiting', dedupeKey: `request-waiting:${ids.waiting5d}`, notBefore: ago(HOUR) }),
      ]);
      expect(forRequest(ids.waiting4d!)).toEqual([]);
      expect(forRequest(ids.waiting8d!)).toEqual([]);
    });

    it('answered in the last 48 hours: the mentee, with the answer (and the new pair when accepted)', () => {
      expect(forRequest(ids.declined1d!)).toEqual([
        {
          userId: p.requests!.mentee, kind: 'request-answered', dedupeKey: `request-answered:${ids.declined1d}`, pairId: null, notBefore: ago(1 * DAY),
          payload: { requestId: ids.declined1d, programName: 'Grow Together', mentorName: p.requests!.mentorName, status: 'declined', pairId: null },
        },
      ]);
      expect(forRequest(ids.accepted1h!)).toEqual([
        expect.objectContaining({ userId: p.accepted!.mentee, pairId: p.accepted!.id, payload: expect.objectContaining({ status: 'accepted', pairId: p.accepted!.id }) }),
      ]);
      expect(forRequest(ids.accepted3d!)).toEqual([]);
    });
  });

  describe('celebrations', () => {
    it('a goal completed in the last 48 hours: both members', () => {
      const pair = p.goals!;
      expect(draftsOf(pair.id, 'goal-completed')).toEqual(
        expect.arrayContaining([
          {
            userId: pair.mentor, kind: 'goal-completed', dedupeKey: `goal-completed:${ids.goalDone}:${pair.mentor}`, pairId: pair.id, notBefore: ago(1 * DAY),
            payload: { pairId: pair.id, goalId: ids.goalDone, goalTitle: 'Present with confidence', partnerName: pair.menteeName },
          },
        ]),
      );
      expect(recipients(draftsOf(pair.id, 'goal-completed'))).toEqual([pair.mentor, pair.mentee].sort());
    });

    it('the 1st and 5th held check-ins are milestones; the 2nd is not, nor one held and confirmed days ago', () => {
      const fifth = p.fifth!;
      expect(draftsOf(fifth.id, 'milestone')).toEqual(
        expect.arrayContaining([
          {
            userId: fifth.mentee, kind: 'milestone', dedupeKey: `milestone:${fifth.id}:5:${fifth.mentee}`, pairId: fifth.id, notBefore: ago(1 * DAY - 30 * MINUTE),
            payload: { pairId: fifth.id, count: 5, partnerName: fifth.mentorName },
          },
        ]),
      );
      expect(draftsOf(fifth.id, 'milestone')).toHaveLength(2);
      expect(draftsOf(p.first!.id, 'milestone').map((d) => d.dedupeKey)).toContain(`milestone:${p.first!.id}:1:${p.first!.mentor}`);
      expect(draftsOf(p.second!.id, 'milestone')).toEqual([]);
      expect(draftsOf(p.firstLongAgo!.id, 'milestone')).toEqual([]);
    });

    it('a check-in confirmed as held in the last 48 hours counts, even if it took place days before', () => {
      expect(draftsOf(p.firstConfirmedLate!.id, 'milestone')).toHaveLength(2);
    });
  });

  describe('pulse surveys', () => {
    it('30 days after the start: each member, period 0', () => {
      const pair = p.day30!;
      expect(draftsOf(pair.id, 'pulse-survey')).toEqual(
        expect.arrayContaining([
          {
            userId: pair.mentor, kind: 'pulse-survey', dedupeKey: `pulse-survey:${pair.id}:${pair.mentor}:0`, pairId: pair.id, notBefore: ago(HOUR),
            payload: { pairId: pair.id, partnerName: pair.menteeName },
          },
        ]),
      );
      expect(recipients(draftsOf(pair.id, 'pulse-survey'))).toEqual([pair.mentor, pair.mentee].sort());
      expect(draftsOf(p.day29!.id, 'pulse-survey')).toEqual([]);
    });

    it('then every 90 days: period 1 from day 120', () => {
      expect(draftsOf(p.day121!.id, 'pulse-survey').map((d) => d.dedupeKey)).toContain(`pulse-survey:${p.day121!.id}:${p.day121!.mentee}:1`);
    });

    it('not to a member who answered in the last 30 days; 30 days ago is long enough', () => {
      expect(recipients(draftsOf(p.menteeAnswered!.id, 'pulse-survey'))).toEqual([p.menteeAnswered!.mentor]);
      expect(recipients(draftsOf(p.answeredLongAgo!.id, 'pulse-survey'))).toEqual([p.answeredLongAgo!.mentor, p.answeredLongAgo!.mentee].sort());
    });

    it('once per period, never two within 30 days for a pair, and not for a paused pair', () => {
      expect(draftsOf(p.promptedLastPeriod!.id, 'pulse-survey').map((d) => d.dedupeKey)).toContain(`pulse-survey:${p.promptedLastPeriod!.id}:${p.promptedLastPeriod!.mentor}:1`);
      expect(draftsOf(p.promptedThisPeriod!.id, 'pulse-survey')).toEqual([]);
      expect(draftsOf(p.promptedLate!.id, 'pulse-survey')).toEqual([]);
      expect(draftsOf(p.pausedPulse!.id, 'pulse-survey')).toEqual([]);
    });

    it('a period is asked only in its first 7 days, so history doesn’t ask every pair at once', () => {
      expect(draftsOf(p.periodMissed!.id, 'pulse-survey')).toEqual([]);
    });
  });

  describe('dormant pairs', () => {
    it('90 days without activity: both members, once, keyed by the last activity', () => {
      const pair = p.dormant!;
      const last = ago(90 * DAY + MINUTE);
      expect(draftsOf(pair.id, 'dormant-pair')).toEqual(
        expect.arrayContaining([
          {
            userId: pair.mentee, kind: 'dormant-pair', dedupeKey: `dormant-pair:${pair.id}:${pair.mentee}:${last}`, pairId: pair.id, notBefore: ago(MINUTE),
            payload: { pairId: pair.id, partnerName: pair.mentorName, lastActivityAt: last },
          },
        ]),
      );
      expect(draftsOf(pair.id, 'dormant-pair')).toHaveLength(2);
      expect(draftsOf(p.almostDormant!.id, 'dormant-pair')).toEqual([]);
      expect(draftsOf(p.prompted!.id, 'dormant-pair')).toEqual([]);
    });
  });

  it('evaluating twice proposes the same dedupe keys, each once, and writes nothing', async () => {
    const before = await app.db.kysely.selectFrom('notifications').select('id').execute();
    const again = await evaluateNudges(app.db.kysely, NOW);
    const keys = drafts.map((d) => d.dedupeKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(again.map((d) => d.dedupeKey).sort()).toEqual([...keys].sort());
    expect(await app.db.kysely.selectFrom('notifications').select('id').execute()).toEqual(before);
  });

  it('never carries notes, private notes or ratings', async () => {
    const secret = 'SECRET-words-only-the-members-wrote';
    const pair = p.in23h!;
    await app.db.kysely.updateTable('meetings').set({ sharedNotes: secret, agenda: secret }).where('pairId', '=', pair.id).execute();
    await app.db.kysely.insertInto('privateNotes').values({ id: uuidv7(), meetingId: ids.halfConfirmed!, authorId: p.halfConfirmed!.mentor, body: secret, updatedAt: ago(1 * DAY) }).execute();
    await f.rate(ids.halfConfirmed!, p.halfConfirmed!.mentor, 1, secret);
    const text = JSON.stringify(await evaluateNudges(app.db.kysely, NOW));
    expect(text).not.toContain(secret);
    expect(text).not.toContain('"rating"');
  });
});

describe('nudge rules over the demo organisation', () => {
  // A Monday morning, a Wednesday evening in summer, and a Saturday.
  it.each([['2027-03-15T10:30:00.000Z'], ['2026-07-01T19:45:12.345Z'], ['2026-11-21T17:00:00.000Z']])(
    'seeded at %s, they find a lapsed pair, a check-in tomorrow, overdue and due items, requests and pulse surveys, and nudge the first demo mentee',
    async (now) => {
      const app = await createTestApp({ seed: true, now });
      try {
        const drafts = await evaluateNudges(app.db.kysely, now);
        const kinds = new Set(drafts.map((d) => d.kind));
        for (const kind of [
          'cadence-lapsed', 'meeting-reminder-24h', 'action-overdue', 'action-due-tomorrow', 'request-received', 'request-waiting', 'request-answered', 'pulse-survey',
        ]) {
          expect([kind, kinds.has(kind as NudgeDraft['kind'])]).toEqual([kind, true]);
        }
        const keys = drafts.map((d) => d.dedupeKey);
        expect(new Set(keys).size).toBe(keys.length);

        // The sign-in page's first mentee — the one the browser tests and most visitors pick.
        const people = await request(app.http).get('/api/dev/users');
        const first = (people.body as { email: string; persona: string }[]).find((u) => u.persona === 'mentee');
        const user = await app.db.kysely.selectFrom('users').select('id').where('email', '=', first!.email).executeTakeFirstOrThrow();
        expect(drafts.filter((d) => d.userId === user.id).map((d) => d.kind)).toContain('cadence-lapsed');
        // What the feed's browser test walks through: two lapsed pairs and a pulse survey, each told to both members.
        const pairsToldBoth = (kind: string) => {
          const told = new Map<string, number>();
          for (const d of drafts) if (d.kind === kind && d.pairId) told.set(d.pairId, (told.get(d.pairId) ?? 0) + 1);
          return [...told.values()].filter((n) => n === 2).length;
        };
        expect(pairsToldBoth('cadence-lapsed')).toBeGreaterThanOrEqual(2);
        expect(pairsToldBoth('pulse-survey')).toBeGreaterThanOrEqual(1);
      } finally {
        await app.close();
      }
    },
  );
});
