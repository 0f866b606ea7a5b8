import { createTestApp, type TestApp } from '../support/app';
import {
  api,
  insertConfirmation,
  insertSeries,
  meetingsOfSeries,
  meetingTables,
  meetingWorld,
  pairActivity,
  PEOPLE,
  seriesRow,
  setAgreedCadence,
  setPairStatus,
  setWorkingHours,
  type MeetingWorld,
} from '../support/meeting-fixtures';

/*
 * Booking, listing, confirming, moving and rating check-ins through HTTP. Instants in the
 * expectations are exact UTC strings, so this file also passes under a non-UTC process zone:
 *   TZ=Pacific/Auckland npx jest tests/api/meetings.test.ts
 */

// Monday 2 March 2026, 08:00 UTC.
const NOW = '2026-03-02T08:00:00.000Z';
const { mentor: MENTOR, mentee: MENTEE, otherMentee: OTHER_MENTEE, outsider: OUTSIDER, strangerMentor: STRANGER, admin: ADMIN } = PEOPLE;

describe('check-ins', () => {
  let app: TestApp;
  let w: MeetingWorld;
  let call: ReturnType<typeof api>;

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    w = await meetingWorld(app.db);
    call = api(app);
  });
  afterAll(() => app.close());
  beforeEach(() => app.clock.set(NOW));

  const book = (email: string, body: object, pairId = w.pair) => call.post(email, `/api/pairs/${pairId}/meetings`, body);
  const list = async (email: string, pairId = w.pair, when?: string) => call.get(email, `/api/pairs/${pairId}/meetings${when ? `?when=${when}` : ''}`);
  const patch = (email: string, meetingId: string, body: object) => call.patch(email, `/api/meetings/${meetingId}`, body);
  const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

  describe('booking', () => {
    it('a single check-in is one scheduled meeting in a series the caller organises', async () => {
      app.clock.set('2026-03-02T08:05:00.000Z');
      const res = await book(MENTEE, { start: '2026-03-10T10:00', durationMinutes: 30, timeZone: 'Europe/London', agenda: 'Getting to know each other' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        seriesId: expect.any(String),
        meetings: [{ id: expect.any(String), start: '2026-03-10T10:00:00.000Z', end: '2026-03-10T10:30:00.000Z', status: 'scheduled' }],
        calendar: { status: 'not-connected', canSync: false },
      });
      expect(await pairActivity(app.db, w.pair)).toBe('2026-03-02T08:05:00.000Z');

      const view = await list(MENTOR);
      expect(view.status).toBe(200);
      expect(view.body.series.find((s: { id: string }) => s.id === res.body.seriesId)).toEqual({
        id: res.body.seriesId,
        pairId: w.pair,
        organizer: { id: w.mentee, displayName: 'Ben Mentee', jobTitle: null, department: 'Sales' },
        timeZone: 'Europe/London',
        startLocal: '2026-03-10T10:00:00',
        durationMinutes: 30,
        frequency: 'once',
        count: null,
        until: null,
        agenda: 'Getting to know each other',
        calendar: { status: 'not-connected', canSync: false },
        cancelledAt: null,
      });
      expect(view.body.meetings.find((m: { id: string }) => m.id === res.body.meetings[0].id)).toEqual({
        id: res.body.meetings[0].id,
        seriesId: res.body.seriesId,
        pairId: w.pair,
        occurrenceIndex: 0,
        start: '2026-03-10T10:00:00.000Z',
        end: '2026-03-10T10:30:00.000Z',
        status: 'scheduled',
        agenda: 'Getting to know each other',
        topics: [],
        sharedNotes: null,
        myConfirmation: null,
        partnerConfirmation: null,
        myFeedback: null,
        canConfirm: false,
        seenInTeams: false,
      });
      expect((await seriesRow(app.db, res.body.seriesId)).calendarStatus).toBe('not-connected');
    });

    it('a weekly 10:00 Europe/Berlin series stays at 10:00 local across the DST change', async () => {
      const res = await book(MENTOR, { start: '2026-03-16T10:00:00', durationMinutes: 45, timeZone: 'Europe/Berlin', recurrence: { frequency: 'weekly', count: 4 } });
      expect(res.status).toBe(201);
      expect(res.body.meetings.map((m: { start: string }) => m.start)).toEqual([
        '2026-03-16T09:00:00.000Z',
        '2026-03-23T09:00:00.000Z',
        '2026-03-30T08:00:00.000Z',
        '2026-04-06T08:00:00.000Z',
      ]);
      expect(res.body.meetings[2].end).toBe('2026-03-30T08:45:00.000Z');
      const series = await seriesRow(app.db, res.body.seriesId);
      expect(series).toMatchObject({ frequency: 'weekly', occurrenceCount: 4, untilDate: null, organizerId: w.mentor, icalSequence: 0 });
      expect((await meetingsOfSeries(app.db, res.body.seriesId)).map((m) => m.occurrenceIndex)).toEqual([0, 1, 2, 3]);
    });

    it("an empty recurrence takes the pair's agreed cadence, else the program's, and books twelve", async () => {
      await setAgreedCadence(app.db, w.otherPair, 'weekly');
      const agreed = await book(MENTOR, { start: '2026-03-04T15:00:00', durationMinutes: 30, timeZone: 'UTC', recurrence: {} }, w.otherPair);
      expect(agreed.status).toBe(201);
      expect(agreed.body.meetings).toHaveLength(12);
      expect(agreed.body.meetings[1].start).toBe('2026-03-11T15:00:00.000Z');
      expect(await seriesRow(app.db, agreed.body.seriesId)).toMatchObject({ frequency: 'weekly', occurrenceCount: 12 });

      await setAgreedCadence(app.db, w.otherPair, null);
      const program = await book(MENTOR, { start: '2026-03-05T15:00:00', durationMinutes: 30, timeZone: 'UTC', recurrence: {} }, w.otherPair);
      expect(program.body.meetings).toHaveLength(12);
      expect(program.body.meetings[1].start).toBe('2026-03-19T15:00:00.000Z');
      expect((await seriesRow(app.db, program.body.seriesId)).frequency).toBe('biweekly');
    });

    it('until is inclusive; at most 52 occurrences are created and the stored end date says where they stop', async () => {
      const short = await book(MENTOR, { start: '2026-03-16T12:00:00', durationMinutes: 30, timeZone: 'UTC', recurrence: { frequency: 'weekly', until: '2026-03-30' } });
      expect(short.body.meetings.map((m: { start: string }) => m.start.slice(0, 10))).toEqual(['2026-03-16', '2026-03-23', '2026-03-30']);

      const long = await book(MENTOR, { start: '2026-03-17T12:00:00', durationMinutes: 30, timeZone: 'UTC', recurrence: { frequency: 'weekly', until: '2030-12-31' } });
      expect(long.body.meetings).toHaveLength(52);
      const series = await seriesRow(app.db, long.body.seriesId);
      expect(series).toMatchObject({ occurrenceCount: null, untilDate: '2027-03-09' });
      expect(long.body.meetings[51].start).toBe('2027-03-09T12:00:00.000Z');
    });

    it('invalid bookings are refused naming the field, and write nothing', async () => {
      const before = await meetingTables(app.db);
      const cases: [object, string][] = [
        [{ start: '2026-03-10T10:00:00', durationMinutes: 30, timeZone: 'UTC', recurrence: { count: 4, until: '2026-05-01' } }, 'recurrence'],
        [{ start: '2026-03-01T10:00:00', durationMinutes: 30, timeZone: 'UTC' }, 'start'],
        [{ start: '2026-03-29T02:30:00', durationMinutes: 30, timeZone: 'Europe/Berlin' }, 'start'],
        [{ start: '2026-03-10T10:00:00+01:00', durationMinutes: 30, timeZone: 'UTC' }, 'start'],
        [{ start: '2026-02-30T10:00:00', durationMinutes: 30, timeZone: 'UTC' }, 'start'],
        [{ start: '2026-03-10T10:00:00', durationMinutes: 30, timeZone: 'Mars/Olympus' }, 'timeZone'],
        [{ start: '2026-03-10T10:00:00', durationMinutes: 10, timeZone: 'UTC' }, 'durationMinutes'],
        [{ start: '2026-03-10T10:00:00', durationMinutes: 241, timeZone: 'UTC' }, 'durationMinutes'],
        [{ start: '2026-03-10T10:00:00', durationMinutes: 30, timeZone: 'UTC', recurrence: { count: 53 } }, 'recurrence.count'],
        [{ start: '2026-03-10T10:00:00', durationMinutes: 30, timeZone: 'UTC', recurrence: { until: '2026-03-09' } }, 'recurrence.until'],
        [{ start: '2026-03-10T10:00:00', durationMinutes: 30, timeZone: 'UTC', recurrence: { frequency: 'daily' } }, 'recurrence.frequency'],
        [{ start: '2026-03-10T10:00:00', durationMinutes: 30, timeZone: 'UTC', agenda: 'x'.repeat(4001) }, 'agenda'],
      ];
      for (const [body, field] of cases) {
        const res = await book(MENTOR, body);
        expect({ field, status: res.status, type: res.type }).toEqual({ field, status: 400, type: 'application/problem+json' });
        expect(fields(res)).toContain(field);
      }
      const skipped = await book(MENTOR, { start: '2026-03-29T02:30:00', durationMinutes: 30, timeZone: 'Europe/Berlin' });
      expect(skipped.body.errors[0].message).toMatch(/02:30 does not exist on 2026-03-29 in Europe\/Berlin/);
      expect(await meetingTables(app.db)).toEqual(before);
    });

    it('only members book or read check-ins: outsiders and admins get 404, a closed pair 409', async () => {
      const body = { start: '2026-03-10T10:00:00', durationMinutes: 30, timeZone: 'UTC' };
      const before = await meetingTables(app.db);
      expect((await book(OUTSIDER, body)).status).toBe(404);
      expect((await book(ADMIN, body)).status).toBe(404);
      expect((await list(ADMIN)).status).toBe(404);
      expect((await list(OUTSIDER)).status).toBe(404);
      expect((await list(MENTOR, w.strangerPair)).status).toBe(404);

      await setPairStatus(app.db, w.strangerPair, 'completed');
      const closed = await book(STRANGER, body, w.strangerPair);
      expect(closed.status).toBe(409);
      expect(closed.body.detail).toMatch(/closed/);
      expect((await list(STRANGER, w.strangerPair)).status).toBe(200);
      await setPairStatus(app.db, w.strangerPair, 'active');
      expect(await meetingTables(app.db)).toEqual(before);
    });
  });

  describe('listing', () => {
    let ids: string[];
    beforeAll(async () => {
      // In the other pair: held, unconfirmed past, under way now, cancelled future, scheduled future.
      ({ meetingIds: ids } = await insertSeries(app.db, w.otherPair, w.mentor, [
        { startAt: '2026-02-23T10:00:00.000Z', status: 'held' },
        { startAt: '2026-03-01T10:00:00.000Z' },
        { startAt: '2026-03-02T07:45:00.000Z' },
        { startAt: '2026-03-09T10:00:00.000Z', status: 'cancelled' },
        { startAt: '2026-03-16T10:00:00.000Z' },
      ]));
    });
    const onlyMine = (body: { meetings: { id: string }[] }) => body.meetings.map((m) => m.id).filter((id) => ids.includes(id));

    it('upcoming = not over and not cancelled, soonest first; past = the rest, latest first; all in time order', async () => {
      const [upcoming, past, all] = await Promise.all([list(OTHER_MENTEE, w.otherPair, 'upcoming'), list(OTHER_MENTEE, w.otherPair, 'past'), list(OTHER_MENTEE, w.otherPair)]);
      expect(onlyMine(upcoming.body)).toEqual([ids[2], ids[4]]);
      expect(onlyMine(past.body)).toEqual([ids[3], ids[1], ids[0]]);
      expect(onlyMine(all.body)).toEqual(ids);
      expect(all.body.series.map((s: { organizer: { displayName: string } }) => s.organizer.displayName)).toContain('Ana Mentor');
    });

    it('a check-in can be confirmed once its scheduled end has passed, unless it was cancelled', async () => {
      const res = await list(OTHER_MENTEE, w.otherPair);
      const canConfirm = Object.fromEntries(res.body.meetings.map((m: { id: string; canConfirm: boolean }) => [m.id, m.canConfirm]));
      expect(ids.map((id) => canConfirm[id])).toEqual([true, true, false, false, false]);
      expect((await list(OTHER_MENTEE, w.otherPair, 'soon')).status).toBe(400);
    });
  });

  describe('suggesting times', () => {
    const suggest = (email: string, body: object, pairId = w.pair) => call.post(email, `/api/pairs/${pairId}/meeting-times`, body);

    it("offers the overlap of both members' working hours, one per day, around check-ins of either member's other pairs", async () => {
      await setWorkingHours(app.db, w.program, w.mentor, { timeZone: 'Europe/Berlin' });
      await setWorkingHours(app.db, w.program, w.mentee, { timeZone: 'America/New_York' });
      // Berlin 09–17 CEST is 07–15 UTC, New York 09–17 EDT is 13–21 UTC: 13:00–15:00 UTC overlaps.
      await insertSeries(app.db, w.otherPair, w.mentor, [{ startAt: '2026-04-06T13:00:00.000Z', minutes: 60 }]);
      await insertSeries(app.db, w.strangerPair, w.mentor, [{ startAt: '2026-04-07T13:00:00.000Z', minutes: 60 }]);
      await insertSeries(app.db, w.otherPair, w.mentor, [{ startAt: '2026-04-08T13:00:00.000Z', minutes: 60, status: 'cancelled' }]);

      const res = await suggest(MENTEE, { durationMinutes: 60, from: '2026-04-06', to: '2026-04-12', timeZone: 'Europe/Berlin' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        source: 'working-hours',
        slots: [
          { start: '2026-04-06T14:00:00.000Z', end: '2026-04-06T15:00:00.000Z' },
          { start: '2026-04-07T13:00:00.000Z', end: '2026-04-07T14:00:00.000Z' },
          { start: '2026-04-08T13:00:00.000Z', end: '2026-04-08T14:00:00.000Z' },
          { start: '2026-04-09T13:00:00.000Z', end: '2026-04-09T14:00:00.000Z' },
          { start: '2026-04-10T13:00:00.000Z', end: '2026-04-10T14:00:00.000Z' },
        ],
      });
    });

    it('without enrolment zones each member is read in their profile zone, and nothing past is offered', async () => {
      await setWorkingHours(app.db, w.program, w.mentor, { timeZone: null });
      await setWorkingHours(app.db, w.program, w.mentee, { timeZone: null, start: '10:00', end: '12:00' });
      // Both profiles say Europe/London (UTC in March): Ben's 10:00–12:00 is the window.
      app.clock.set('2026-03-03T10:40:00.000Z');
      const res = await suggest(MENTOR, { durationMinutes: 30, from: '2026-03-03', to: '2026-03-03' });
      expect(res.body.slots).toEqual([
        { start: '2026-03-03T11:00:00.000Z', end: '2026-03-03T11:30:00.000Z' },
        { start: '2026-03-03T11:30:00.000Z', end: '2026-03-03T12:00:00.000Z' },
      ]);
    });

    it('refuses a bad search naming the field, and outsiders and admins with 404', async () => {
      const long = await suggest(MENTOR, { durationMinutes: 30, from: '2026-03-03', to: '2026-04-04' });
      expect(long.status).toBe(400);
      expect(fields(long)).toEqual(['to']);
      expect(fields(await suggest(MENTOR, { durationMinutes: 30, from: '2026-03-03', to: '2026-03-02' }))).toEqual(['to']);
      expect(fields(await suggest(MENTOR, { durationMinutes: 121, from: '2026-03-03', to: '2026-03-04' }))).toEqual(['durationMinutes']);
      expect(fields(await suggest(MENTOR, { durationMinutes: 30, from: '2026-03-03', to: '2026-03-04', timeZone: 'Berlin' }))).toEqual(['timeZone']);
      expect((await suggest(MENTOR, { durationMinutes: 30, from: '2026-03-03', to: '2026-04-03' })).status).toBe(200);
      expect((await suggest(OUTSIDER, { durationMinutes: 30, from: '2026-03-03', to: '2026-03-04' })).status).toBe(404);
      expect((await suggest(ADMIN, { durationMinutes: 30, from: '2026-03-03', to: '2026-03-04' })).status).toBe(404);
    });
  });

  describe('one occurrence', () => {
    it('members confirm after the end: held if anyone says held, otherwise missed, and either may change their answer', async () => {
      const { meetingIds } = await insertSeries(app.db, w.pair, w.mentor, [{ startAt: '2026-02-25T10:00:00.000Z' }, { startAt: '2026-03-04T10:00:00.000Z' }]);
      const [past, future] = meetingIds as [string, string];

      const before = await meetingTables(app.db);
      const early = await patch(MENTEE, future, { status: 'held' });
      expect(early.status).toBe(409);
      expect(early.body.detail).toMatch(/hasn't ended yet/);
      expect(await meetingTables(app.db)).toEqual(before);

      app.clock.set('2026-03-02T09:00:00.000Z');
      const missed = await patch(MENTEE, past, { status: 'missed' });
      expect(missed.status).toBe(200);
      expect(missed.body).toMatchObject({ id: past, status: 'missed', myConfirmation: 'missed', partnerConfirmation: null, canConfirm: true });
      expect(await pairActivity(app.db, w.pair)).toBe('2026-03-02T09:00:00.000Z');

      const held = await patch(MENTOR, past, { status: 'held' });
      expect(held.body).toMatchObject({ status: 'held', myConfirmation: 'held', partnerConfirmation: 'missed' });
      expect((await patch(MENTEE, past, { status: 'held' })).body).toMatchObject({ status: 'held', myConfirmation: 'held', partnerConfirmation: 'held' });
      expect((await patch(MENTOR, past, { status: 'missed' })).body).toMatchObject({ status: 'held', myConfirmation: 'missed', partnerConfirmation: 'held' });
      expect((await patch(MENTEE, past, { status: 'missed' })).body).toMatchObject({ status: 'missed', myConfirmation: 'missed', partnerConfirmation: 'missed' });
      const rows = await app.db.kysely.selectFrom('meetingConfirmations').selectAll().where('meetingId', '=', past).execute();
      expect(rows).toHaveLength(2);
    });

    it('a future scheduled occurrence can be cancelled once; past ones cannot', async () => {
      const booked = await book(MENTOR, { start: '2026-03-11T10:00:00', durationMinutes: 30, timeZone: 'Europe/London', recurrence: { frequency: 'weekly', count: 3 } });
      const second = booked.body.meetings[1].id;
      const res = await patch(MENTEE, second, { status: 'cancelled' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: second, status: 'cancelled', canConfirm: false });
      expect((await seriesRow(app.db, booked.body.seriesId)).icalSequence).toBe(1);

      const before = await meetingTables(app.db);
      const again = await patch(MENTEE, second, { status: 'cancelled' });
      expect(again.status).toBe(409);
      expect(again.body.detail).toMatch(/already cancelled/);
      expect((await patch(MENTEE, second, { status: 'held' })).status).toBe(409);
      app.clock.set('2026-03-11T10:10:00.000Z');
      expect((await patch(MENTEE, booked.body.meetings[0].id, { status: 'cancelled' })).status).toBe(409);
      expect(await meetingTables(app.db)).toEqual(before);
    });

    it('moving one occurrence keeps its length and its original start, and bumps the series sequence', async () => {
      const booked = await book(MENTOR, { start: '2026-03-12T10:00:00', durationMinutes: 50, timeZone: 'Europe/London', recurrence: { frequency: 'weekly', count: 2 } });
      const [first, second] = booked.body.meetings as { id: string }[];
      const moved = await patch(MENTEE, first!.id, { start: '2026-03-13T15:00:00', timeZone: 'Europe/Berlin' });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ start: '2026-03-13T14:00:00.000Z', end: '2026-03-13T14:50:00.000Z', status: 'scheduled', occurrenceIndex: 0 });
      const rows = await meetingsOfSeries(app.db, booked.body.seriesId);
      expect(rows.find((r) => r.id === first!.id)).toMatchObject({ originalStartAt: '2026-03-12T10:00:00.000Z', startAt: '2026-03-13T14:00:00.000Z' });
      expect((await seriesRow(app.db, booked.body.seriesId)).icalSequence).toBe(1);

      // Without a zone the start is read in the series' zone.
      expect((await patch(MENTOR, second!.id, { start: '2026-03-20T09:00:00' })).body.start).toBe('2026-03-20T09:00:00.000Z');

      const before = await meetingTables(app.db);
      expect(fields(await patch(MENTOR, first!.id, { start: '2026-03-01T09:00:00', timeZone: 'UTC' }))).toEqual(['start']);
      expect(fields(await patch(MENTOR, first!.id, { start: '2026-03-29T02:15:00', timeZone: 'Europe/Berlin' }))).toEqual(['start']);
      expect(fields(await patch(MENTOR, first!.id, { timeZone: 'UTC' }))).toEqual(['start']);
      await patch(MENTOR, second!.id, { status: 'cancelled' });
      const after = await meetingTables(app.db);
      const cancelledMove = await patch(MENTOR, second!.id, { start: '2026-03-27T09:00:00', timeZone: 'UTC' });
      expect(cancelledMove.status).toBe(409);
      expect(cancelledMove.body.detail).toMatch(/cancelled, so it can't be moved/);
      expect(await meetingTables(app.db)).toEqual(after);
      expect(before.meetings.find((m) => m.id === first!.id)).toEqual(after.meetings.find((m) => m.id === first!.id));
    });

    it('either member prepares the agenda and topics and keeps shared notes', async () => {
      const booked = await book(MENTOR, { start: '2026-03-13T10:00:00', durationMinutes: 30, timeZone: 'UTC' });
      const id = booked.body.meetings[0].id;
      const agenda = await patch(MENTEE, id, { agenda: 'Promotion case', topics: ['pursuing-promotions', 'goal-progress', 'pursuing-promotions'] });
      expect(agenda.status).toBe(200);
      expect(agenda.body).toMatchObject({ agenda: 'Promotion case', topics: ['pursuing-promotions', 'goal-progress'] });
      expect((await patch(MENTOR, id, { topics: [] })).body).toMatchObject({ agenda: 'Promotion case', topics: [] });
      expect((await patch(MENTOR, id, { agenda: null })).body).toMatchObject({ agenda: null });

      const notes = await patch(MENTOR, id, { sharedNotes: 'Ben drafts the case by Friday.' });
      expect(notes.body.sharedNotes).toBe('Ben drafts the case by Friday.');
      const seen = await list(MENTEE);
      expect(seen.body.meetings.find((m: { id: string }) => m.id === id)).toMatchObject({ sharedNotes: 'Ben drafts the case by Friday.' });

      const before = await meetingTables(app.db);
      expect(fields(await patch(MENTOR, id, { sharedNotes: 'x'.repeat(10001) }))).toEqual(['sharedNotes']);
      expect(fields(await patch(MENTOR, id, { agenda: 'x', sharedNotes: 'y' }))).toEqual(['body']);
      expect(fields(await patch(MENTOR, id, {}))).toEqual(['body']);
      expect(fields(await patch(MENTOR, id, { status: 'scheduled' }))).toEqual(['status']);
      expect(fields(await patch(MENTOR, id, { topics: Array.from({ length: 21 }, (_, i) => `t${i}`) }))).toEqual(['topics']);
      await patch(MENTOR, id, { status: 'cancelled' });
      const cancelled = await meetingTables(app.db);
      const late = await patch(MENTOR, id, { agenda: 'Too late' });
      expect(late.status).toBe(409);
      expect(await meetingTables(app.db)).toEqual(cancelled);
      expect(before.meetings.length).toBe(cancelled.meetings.length);
    });

    it("another pair's check-in is 404 to members of this pair, to outsiders and to admins; a closed pair's are read-only", async () => {
      const { meetingIds } = await insertSeries(app.db, w.strangerPair, w.mentor, [{ startAt: '2026-03-20T10:00:00.000Z' }]);
      const theirs = meetingIds[0]!;
      const before = await meetingTables(app.db);
      for (const email of [MENTOR, MENTEE, OUTSIDER, ADMIN]) {
        const res = await patch(email, theirs, { agenda: 'Sneaky' });
        expect({ email, status: res.status }).toEqual({ email, status: 404 });
        expect(res.body.detail).toBe('This check-in was not found.');
        expect((await call.post(email, `/api/meetings/${theirs}/feedback`, { rating: 5 })).status).toBe(404);
      }
      expect(fields(await patch(MENTOR, 'not-an-id', { agenda: 'x' }))).toEqual(['meetingId']);
      expect((await patch(MENTOR, '01890000-0000-7000-8000-000000000000', { agenda: 'x' })).status).toBe(404);

      await setPairStatus(app.db, w.strangerPair, 'ended');
      const closed = await patch(STRANGER, theirs, { agenda: 'After the end' });
      expect(closed.status).toBe(409);
      await setPairStatus(app.db, w.strangerPair, 'active');
      expect(await meetingTables(app.db)).toEqual(before);
    });
  });

  describe('series', () => {
    const patchSeries = (email: string, seriesId: string, body: object) => call.patch(email, `/api/meeting-series/${seriesId}`, body);

    it('changing the time regenerates only future scheduled occurrences; history, cancellations and prepared agendas stay', async () => {
      app.clock.set('2026-03-02T09:00:00.000Z');
      const booked = await book(MENTOR, { start: '2026-03-03T10:00:00', durationMinutes: 30, timeZone: 'Europe/London', recurrence: { frequency: 'weekly', count: 6 } }, w.otherPair);
      const seriesId = booked.body.seriesId as string;
      const ids = (booked.body.meetings as { id: string }[]).map((m) => m.id);
      await patch(OTHER_MENTEE, ids[4]!, { status: 'cancelled' }); // 31 March
      await patch(OTHER_MENTEE, ids[3]!, { agenda: 'Review the talk' }); // 24 March

      app.clock.set('2026-03-18T12:00:00.000Z');
      await patch(MENTOR, ids[0]!, { status: 'held' });
      await patch(MENTOR, ids[2]!, { status: 'missed' });
      const res = await patchSeries(OTHER_MENTEE, seriesId, { startLocal: '2026-03-03T15:00:00' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: seriesId, startLocal: '2026-03-03T15:00:00', timeZone: 'Europe/London', frequency: 'weekly', count: 6, cancelledAt: null });
      // 24 March 15:00 GMT and 7 April 15:00 BST; 31 March stays cancelled.
      expect(res.body.meetings.map((m: { id: string; start: string; occurrenceIndex: number; agenda: string | null }) => [m.id, m.start, m.occurrenceIndex, m.agenda])).toEqual([
        [ids[3], '2026-03-24T15:00:00.000Z', 6, 'Review the talk'],
        [ids[5], '2026-04-07T14:00:00.000Z', 7, null],
      ]);
      const rows = await meetingsOfSeries(app.db, seriesId);
      expect(rows.map((r) => [r.occurrenceIndex, r.startAt, r.status])).toEqual([
        [0, '2026-03-03T10:00:00.000Z', 'held'],
        [1, '2026-03-10T10:00:00.000Z', 'scheduled'],
        [2, '2026-03-17T10:00:00.000Z', 'missed'],
        [6, '2026-03-24T15:00:00.000Z', 'scheduled'],
        [4, '2026-03-31T09:00:00.000Z', 'cancelled'],
        [7, '2026-04-07T14:00:00.000Z', 'scheduled'],
      ]);
      expect(rows.find((r) => r.id === ids[3])!.originalStartAt).toBe('2026-03-24T15:00:00.000Z');
      expect((await seriesRow(app.db, seriesId)).icalSequence).toBe(2);
      expect(await pairActivity(app.db, w.otherPair)).toBe('2026-03-18T12:00:00.000Z');

      // Moving to Thursdays from April: six fresh occurrences, the two upcoming rows reused first.
      const thursdays = await patchSeries(MENTOR, seriesId, { startLocal: '2026-04-02T09:00', durationMinutes: 45, agenda: 'Standing agenda' });
      expect(thursdays.body.meetings.map((m: { start: string; end: string }) => [m.start, m.end])).toEqual(
        ['04-02', '04-09', '04-16', '04-23', '04-30', '05-07'].map((d) => [`2026-${d}T08:00:00.000Z`, `2026-${d}T08:45:00.000Z`]),
      );
      expect(thursdays.body.meetings.map((m: { occurrenceIndex: number }) => m.occurrenceIndex)).toEqual([8, 9, 10, 11, 12, 13]);
      expect(thursdays.body.meetings[0].id).toBe(ids[3]);
      expect(thursdays.body).toMatchObject({ agenda: 'Standing agenda', durationMinutes: 45 });
      expect(await meetingsOfSeries(app.db, seriesId)).toHaveLength(10);

      // An agenda-only change moves nothing but is still a new version for calendars.
      const again = await patchSeries(MENTOR, seriesId, { agenda: null });
      expect(again.body.meetings.map((m: { id: string }) => m.id)).toEqual(thursdays.body.meetings.map((m: { id: string }) => m.id));
      expect((await seriesRow(app.db, seriesId)).icalSequence).toBe(4);
    });

    it('refuses series changes that name a bad field or would leave nothing upcoming', async () => {
      const booked = await book(MENTOR, { start: '2026-03-20T10:00:00', durationMinutes: 30, timeZone: 'UTC' });
      const seriesId = booked.body.seriesId as string;
      const before = await meetingTables(app.db);
      expect(fields(await patchSeries(MENTOR, seriesId, {}))).toEqual(['body']);
      expect(fields(await patchSeries(MENTOR, seriesId, { durationMinutes: 500 }))).toEqual(['durationMinutes']);
      expect(fields(await patchSeries(MENTOR, seriesId, { startLocal: '2026-03-29T02:30:00', timeZone: 'Europe/Berlin' }))).toEqual(['startLocal']);
      expect(fields(await patchSeries(MENTOR, seriesId, { startLocal: '2026-02-20T10:00:00' }))).toEqual(['startLocal']);
      expect(fields(await patchSeries(MENTOR, seriesId, { timeZone: 'Nowhere' }))).toEqual(['timeZone']);
      for (const email of [OUTSIDER, ADMIN, STRANGER]) {
        expect((await patchSeries(email, seriesId, { agenda: 'x' })).status).toBe(404);
        expect((await call.delete(email, `/api/meeting-series/${seriesId}`)).status).toBe(404);
      }
      expect(await meetingTables(app.db)).toEqual(before);
    });

    it('cancelling a series cancels its future scheduled occurrences and keeps the past; it cannot be changed afterwards', async () => {
      const booked = await book(MENTEE, { start: '2026-03-03T13:00:00', durationMinutes: 30, timeZone: 'UTC', recurrence: { frequency: 'weekly', count: 4 } });
      const seriesId = booked.body.seriesId as string;
      app.clock.set('2026-03-12T08:00:00.000Z');
      const res = await call.delete(MENTOR, `/api/meeting-series/${seriesId}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: seriesId, cancelledAt: '2026-03-12T08:00:00.000Z', frequency: 'weekly', count: 4 });
      expect(res.body.meetings).toBeUndefined();
      expect((await meetingsOfSeries(app.db, seriesId)).map((m) => m.status)).toEqual(['scheduled', 'scheduled', 'cancelled', 'cancelled']);
      expect((await seriesRow(app.db, seriesId)).icalSequence).toBe(1);
      expect(await pairActivity(app.db, w.pair)).toBe('2026-03-12T08:00:00.000Z');

      const before = await meetingTables(app.db);
      const again = await call.delete(MENTOR, `/api/meeting-series/${seriesId}`);
      expect(again.status).toBe(409);
      expect(again.body.detail).toMatch(/series was cancelled/);
      expect((await patchSeries(MENTOR, seriesId, { durationMinutes: 60 })).status).toBe(409);
      expect(await meetingTables(app.db)).toEqual(before);
      const listed = await list(MENTEE);
      expect(listed.body.series.find((s: { id: string }) => s.id === seriesId).cancelledAt).toBe('2026-03-12T08:00:00.000Z');
    });
  });

  describe('feedback', () => {
    const rate = (email: string, meetingId: string, body: object) => call.post(email, `/api/meetings/${meetingId}/feedback`, body);

    it('a held check-in can be rated by each member; my rating is mine alone', async () => {
      const { meetingIds } = await insertSeries(app.db, w.pair, w.mentor, [{ startAt: '2026-02-26T10:00:00.000Z' }]);
      const id = meetingIds[0]!;
      const before = await meetingTables(app.db);
      const early = await rate(MENTEE, id, { rating: 4 });
      expect(early.status).toBe(409);
      expect(early.body.detail).toMatch(/confirmed as held/);
      expect(await meetingTables(app.db)).toEqual(before);

      await patch(MENTOR, id, { status: 'held' });
      const first = await rate(MENTEE, id, { rating: 4, comment: 'Very useful, thank you' });
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ rating: 4, comment: 'Very useful, thank you' });
      const second = await rate(MENTEE, id, { rating: 5 });
      expect(second.status).toBe(200);
      expect(second.body).toEqual({ rating: 5, comment: null });
      await rate(MENTOR, id, { rating: 3, comment: 'Ran out of time for goals' });

      const mine = await list(MENTEE);
      expect(mine.body.meetings.find((m: { id: string }) => m.id === id).myFeedback).toEqual({ rating: 5, comment: null });
      const partner = await list(MENTOR);
      expect(partner.body.meetings.find((m: { id: string }) => m.id === id).myFeedback).toEqual({ rating: 3, comment: 'Ran out of time for goals' });
      await rate(MENTEE, id, { rating: 2, comment: 'Secret thoughts' });
      const partnerAgain = JSON.stringify((await list(MENTOR)).body) + JSON.stringify((await patch(MENTOR, id, { sharedNotes: 'ok' })).body);
      expect(partnerAgain).not.toMatch(/Secret thoughts/);
      expect((await list(ADMIN)).status).toBe(404);
      const rows = await app.db.kysely.selectFrom('meetingFeedback').selectAll().where('meetingId', '=', id).execute();
      expect(rows).toHaveLength(2);
    });

    it('a missed check-in cannot be rated; bad ratings are refused naming the field', async () => {
      const { meetingIds } = await insertSeries(app.db, w.pair, w.mentor, [{ startAt: '2026-02-27T10:00:00.000Z', status: 'missed' }]);
      const id = meetingIds[0]!;
      await insertConfirmation(app.db, id, w.mentor, 'missed');
      const before = await meetingTables(app.db);
      expect((await rate(MENTOR, id, { rating: 4 })).status).toBe(409);
      expect(fields(await rate(MENTOR, id, { rating: 0 }))).toEqual(['rating']);
      expect(fields(await rate(MENTOR, id, { rating: 4.5 }))).toEqual(['rating']);
      expect(fields(await rate(MENTOR, id, { rating: 4, comment: 'x'.repeat(2001) }))).toEqual(['comment']);
      expect(await meetingTables(app.db)).toEqual(before);
    });
  });

  it('the check-in endpoints are documented for signed-in users', () => {
    const paths = app.openApiDocument.paths as Record<string, Record<string, { 'x-access'?: string }>>;
    expect(paths['/api/pairs/{pairId}/meetings']?.post?.['x-access']).toBe('user');
    expect(paths['/api/pairs/{pairId}/meetings']?.get?.['x-access']).toBe('user');
    expect(paths['/api/pairs/{pairId}/meeting-times']?.post?.['x-access']).toBe('user');
    expect(paths['/api/meetings/{meetingId}']?.patch?.['x-access']).toBe('user');
    expect(paths['/api/meeting-series/{seriesId}']?.patch?.['x-access']).toBe('user');
    expect(paths['/api/meeting-series/{seriesId}']?.delete?.['x-access']).toBe('user');
    expect(paths['/api/meetings/{meetingId}/feedback']?.post?.['x-access']).toBe('user');
  });
});
