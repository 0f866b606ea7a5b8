import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { devObjectId } from '../../api/src/auth/dev-issuer';
import { backoffMs, MAX_SYNC_ATTEMPTS } from '../../api/src/outlook/outlook.service';
import { createTestApp, type TestApp } from '../support/app';
import { testClock } from '../support/clock';
import { startEntraStandIn, type EntraStandIn } from '../support/entra-stand-in';
import { startGraphStandIn, type GraphStandIn } from '../support/graph-stand-in';
import { meetingsOfSeries, meetingWorld, PEOPLE, seriesRow, setWorkingHours, type MeetingWorld } from '../support/meeting-fixtures';

/*
 * Outlook sync through Microsoft Graph, end to end over HTTP: the app's own msal (On-Behalf-Of)
 * and Graph client code talk to local stand-ins for Entra ID and Graph that speak their wire
 * formats, and the Graph stand-in checks every request body against Graph's v1.0 CSDL.
 */

// Monday 19 October 2026, 08:00 UTC; New York leaves daylight saving time on 1 November.
const NOW = '2026-10-19T08:00:00.000Z';
const ZONE = 'America/New_York';
const { mentor: MENTOR, mentee: MENTEE, outsider: OUTSIDER } = PEOPLE;
const MINUTE = 60_000;

describe('Outlook sync', () => {
  const clock = testClock(NOW);
  let entra: EntraStandIn;
  let graph: GraphStandIn;
  let app: TestApp;
  let w: MeetingWorld;

  beforeAll(async () => {
    entra = await startEntraStandIn({ now: () => clock.now() });
    graph = await startGraphStandIn({ entra });
    app = await createTestApp({ clock, outlook: { entra, graphBaseUrl: graph.baseUrl, timeoutMs: 2500 } });
    w = await meetingWorld(app.db, { cadence: 'weekly' });
    // The world's people were made for dev sign-in; here they sign in with Entra.
    await app.db.kysely.updateTable('users').set({ tenantId: entra.tenantId }).execute();
    for (const [programId, userId] of [[w.program, w.mentor], [w.program, w.mentee]] as const) {
      await setWorkingHours(app.db, programId, userId, { timeZone: ZONE, start: '09:00', end: '17:00' });
    }
  });
  afterAll(async () => {
    await app.close();
    await graph.close();
    await entra.close();
  });
  beforeEach(() => clock.set(NOW));
  afterEach(() => {
    // Every body Tandem sent used names and values that exist in Graph's v1.0 metadata.
    expect(graph.contractViolations).toEqual([]);
  });

  const NAMES: Record<string, string> = { [MENTOR]: 'Ana Mentor', [MENTEE]: 'Ben Mentee', [OUTSIDER]: 'Dee Outsider' };
  /** A Teams SSO token for this person, valid at the test clock's now (`uti` makes each one unique, as Entra's are). */
  const tokenFor = (email: string) =>
    entra.sign({ oid: devObjectId(email), tid: entra.tenantId, preferred_username: email, name: NAMES[email], uti: randomUUID() }, { now: clock.now() });

  const as = (email: string) => {
    const send = async (method: 'get' | 'post' | 'patch' | 'delete', path: string, body?: object) => {
      const req = request(app.http)[method](path).set('Authorization', `Bearer ${await tokenFor(email)}`);
      return body ? req.send(body) : req;
    };
    return {
      get: (path: string) => send('get', path),
      post: (path: string, body?: object) => send('post', path, body ?? {}),
      patch: (path: string, body: object) => send('patch', path, body),
      delete: (path: string) => send('delete', path),
    };
  };

  const book = (body: object = {}) =>
    as(MENTOR).post(`/api/pairs/${w.pair}/meetings`, {
      start: '2026-10-26T10:00:00',
      durationMinutes: 30,
      timeZone: ZONE,
      recurrence: { frequency: 'weekly', count: 4 },
      agenda: 'Getting started',
      ...body,
    });

  const seriesView = async (email: string, seriesId: string) => {
    const res = await as(email).get(`/api/pairs/${w.pair}/meetings`);
    expect(res.status).toBe(200);
    return (res.body.series as Array<{ id: string; calendar: Record<string, unknown> }>).find((s) => s.id === seriesId)!;
  };

  const outlookEvent = (seriesId: string) => graph.events(MENTOR).find((e) => e.transactionId === seriesId);
  const outlookStarts = (eventId: string) => graph.occurrences(MENTOR, eventId, NOW, '2027-06-01T00:00:00.000Z').map((o) => o.start);
  const tandemStarts = async (seriesId: string) =>
    (await meetingsOfSeries(app.db, seriesId)).filter((m) => m.status === 'scheduled').map((m) => m.startAt).sort();
  const requestsTo = (method: string, path: RegExp) => graph.requests.filter((r) => r.method === method && path.test(r.path));

  /** Lets the background sync run as the organiser: they have been using Tandem recently. */
  const organiserVisits = () => as(MENTOR).get('/api/me');

  describe('booking', () => {
    it('puts one Teams series on the organiser’s Outlook calendar with the partner invited, at the same local time across DST', async () => {
      const res = await book();
      expect(res.status).toBe(201);
      expect(res.body.calendar).toMatchObject({ status: 'synced', canSync: false });
      expect(res.body.calendar.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);

      const event = outlookEvent(res.body.seriesId)!;
      expect(event).toMatchObject({ type: 'seriesMaster', isOnlineMeeting: true, joinUrl: res.body.calendar.joinUrl });
      expect(event.attendees).toEqual([{ type: 'required', emailAddress: { address: MENTEE, name: 'Ben Mentee' } }]);
      expect(event.recurrence).toMatchObject({
        pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] },
        range: { type: 'numbered', numberOfOccurrences: 4, startDate: '2026-10-26', recurrenceTimeZone: 'Eastern Standard Time' },
      });
      const created = requestsTo('POST', /^\/me\/events$/).at(-1)!.body as Record<string, unknown>;
      expect(created).toMatchObject({
        onlineMeetingProvider: 'teamsForBusiness',
        start: { dateTime: '2026-10-26T10:00:00', timeZone: 'Eastern Standard Time' },
        end: { dateTime: '2026-10-26T10:30:00', timeZone: 'Eastern Standard Time' },
        transactionId: res.body.seriesId,
      });
      expect(String((created.body as { content: string }).content)).toContain('Grow Together');

      // 10:00 in New York is 14:00 UTC before 1 November and 15:00 after, in Outlook and in Tandem.
      const starts = ['2026-10-26T14:00:00.000Z', '2026-11-02T15:00:00.000Z', '2026-11-09T15:00:00.000Z', '2026-11-16T15:00:00.000Z'];
      expect(outlookStarts(event.id)).toEqual(starts);
      expect(await tandemStarts(res.body.seriesId)).toEqual(starts);

      const listed = await as(MENTEE).get(`/api/pairs/${w.pair}/meetings`);
      expect(listed.body.meetings.filter((m: { seriesId: string }) => m.seriesId === res.body.seriesId).every((m: { joinUrl?: string }) => m.joinUrl === res.body.calendar.joinUrl)).toBe(true);
      expect((await seriesView(MENTEE, res.body.seriesId)).calendar).toEqual({ status: 'synced', joinUrl: res.body.calendar.joinUrl, canSync: false });
    });

    it('a single check-in becomes one Outlook event without a recurrence', async () => {
      const res = await book({ start: '2026-10-28T11:00:00', recurrence: undefined });
      expect(res.body.calendar.status).toBe('synced');
      const event = outlookEvent(res.body.seriesId)!;
      expect(event).toMatchObject({ type: 'singleInstance', recurrence: null, startUtc: '2026-10-28T15:00:00.000Z' });
    });

    it('suggests times that are free in both members’ Outlook calendars', async () => {
      // Ben is out all of Tuesday; Ana is busy Wednesday morning.
      graph.setBusy(MENTEE, [{ start: '2026-10-20T00:00:00.000Z', end: '2026-10-21T04:00:00.000Z', status: 'oof' }]);
      graph.setBusy(MENTOR, [{ start: '2026-10-21T13:00:00.000Z', end: '2026-10-21T16:00:00.000Z', status: 'busy' }]);
      const res = await as(MENTOR).post(`/api/pairs/${w.pair}/meeting-times`, { durationMinutes: 30, from: '2026-10-20', to: '2026-10-21', timeZone: ZONE });
      expect(res.status).toBe(200);
      expect(res.body.source).toBe('outlook');
      expect(res.body.slots.length).toBeGreaterThan(0);
      for (const slot of res.body.slots as Array<{ start: string; end: string }>) {
        expect(slot.start >= '2026-10-21T04:00:00.000Z').toBe(true);
        expect(slot.end <= '2026-10-21T13:00:00.000Z' || slot.start >= '2026-10-21T16:00:00.000Z').toBe(true);
      }
      const asked = requestsTo('POST', /^\/me\/calendar\/getSchedule$/).at(-1)!.body as { schedules: string[] };
      expect(asked.schedules.sort()).toEqual([MENTEE, MENTOR].sort());
      graph.setBusy(MENTEE, []);
      graph.setBusy(MENTOR, []);
    });

    it('falls back to working hours and says why when Outlook free/busy is unavailable', async () => {
      graph.fail({ method: 'POST', path: /getSchedule$/ }, { status: 403, code: 'ErrorAccessDenied', message: 'Access is denied.' });
      const res = await as(MENTOR).post(`/api/pairs/${w.pair}/meeting-times`, { durationMinutes: 30, from: '2026-10-20', to: '2026-10-21' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ source: 'working-hours', outlook: 'unavailable' });
      expect(res.body.slots.length).toBeGreaterThan(0);
    });
  });

  describe('changes in Tandem reach Outlook', () => {
    it('moving one occurrence and cancelling another become Outlook exceptions', async () => {
      const { body } = await book();
      const [, second, third] = await meetingsOfSeries(app.db, body.seriesId);
      const moved = await as(MENTOR).patch(`/api/meetings/${second!.id}`, { start: '2026-11-03T16:00:00' });
      expect(moved.status).toBe(200);
      expect((await as(MENTOR).patch(`/api/meetings/${third!.id}`, { status: 'cancelled' })).status).toBe(200);

      const event = outlookEvent(body.seriesId)!;
      expect(outlookStarts(event.id)).toEqual(['2026-10-26T14:00:00.000Z', '2026-11-03T21:00:00.000Z', '2026-11-16T15:00:00.000Z']);
      expect(await tandemStarts(body.seriesId)).toEqual(outlookStarts(event.id));
      expect((await seriesView(MENTOR, body.seriesId)).calendar.status).toBe('synced');
    });

    it('changing the series’ time PATCHes the Outlook series and keeps earlier cancellations', async () => {
      const { body } = await book();
      const [, second] = await meetingsOfSeries(app.db, body.seriesId);
      await as(MENTOR).patch(`/api/meetings/${second!.id}`, { status: 'cancelled' });
      const res = await as(MENTOR).patch(`/api/meeting-series/${body.seriesId}`, { startLocal: '2026-10-26T15:30:00' });
      expect(res.status).toBe(200);
      expect(res.body.calendar.status).toBe('synced');

      const event = outlookEvent(body.seriesId)!;
      expect(requestsTo('PATCH', new RegExp(`^/me/events/${escape(event.id)}$`))).toHaveLength(1);
      expect(outlookStarts(event.id)).toEqual(['2026-10-26T19:30:00.000Z', '2026-11-09T20:30:00.000Z', '2026-11-16T20:30:00.000Z']);
      expect(await tandemStarts(body.seriesId)).toEqual(outlookStarts(event.id));
    });

    it('cancelling a series that has not begun cancels it in Outlook', async () => {
      const { body } = await book();
      const eventId = outlookEvent(body.seriesId)!.id;
      const res = await as(MENTOR).delete(`/api/meeting-series/${body.seriesId}`);
      expect(res.status).toBe(200);
      expect(res.body.calendar.status).toBe('synced');
      expect(requestsTo('POST', new RegExp(`^/me/events/${escape(eventId)}/cancel$`))).toHaveLength(1);
      expect(outlookEvent(body.seriesId)).toBeUndefined();
    });

    it('cancelling a series with history cuts it short in Outlook, so past check-ins stay in the calendar', async () => {
      const { body } = await book();
      const eventId = outlookEvent(body.seriesId)!.id;
      clock.set('2026-11-04T12:00:00.000Z'); // two check-ins have taken place
      expect((await as(MENTOR).delete(`/api/meeting-series/${body.seriesId}`)).status).toBe(200);
      expect(outlookEvent(body.seriesId)!.recurrence).toMatchObject({ range: { type: 'endDate', endDate: '2026-11-02' } });
      expect(graph.occurrences(MENTOR, eventId, '2026-10-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z').map((o) => o.start)).toEqual([
        '2026-10-26T14:00:00.000Z',
        '2026-11-02T15:00:00.000Z',
      ]);
    });

    it('ending the pair removes its future check-ins from Outlook in the background', async () => {
      const { body, status } = await book({ start: '2026-10-27T10:00:00' });
      expect({ status, calendar: body.calendar }).toMatchObject({ status: 201, calendar: { status: 'synced' } });
      const eventId = outlookEvent(body.seriesId)!.id;
      clock.set('2026-11-04T12:00:00.000Z');
      const ended = await as(MENTEE).post(`/api/pairs/${w.pair}/end`, { reason: 'goals-met' });
      expect(ended.status).toBe(200);
      expect((await seriesRow(app.db, body.seriesId)).calendarStatus).toBe('pending');
      expect((await organiserVisits()).status).toBe(200);
      expect(await app.jobs.syncCalendars()).toBeGreaterThanOrEqual(1);
      expect(graph.occurrences(MENTOR, eventId, '2026-11-04T12:00:00.000Z', '2027-01-01T00:00:00.000Z')).toEqual([]);
      expect(graph.occurrences(MENTOR, eventId, '2026-10-01T00:00:00.000Z', '2026-11-04T12:00:00.000Z')).toHaveLength(2);
      expect((await seriesRow(app.db, body.seriesId)).calendarStatus).toBe('synced');
      // Reopen the pair for the remaining tests.
      await app.db.kysely.updateTable('pairs').set({ status: 'active', endedAt: null, endReason: null }).where('id', '=', w.pair).execute();
    });
  });

  describe('a partner’s change', () => {
    it('waits for the organiser, who brings Outlook up to date with one call; the partner cannot', async () => {
      const { body } = await book();
      const eventId = outlookEvent(body.seriesId)!.id;
      const [first] = await meetingsOfSeries(app.db, body.seriesId);
      expect((await as(MENTEE).patch(`/api/meetings/${first!.id}`, { start: '2026-10-26T11:00:00' })).status).toBe(200);

      // Outlook still has the old time: Tandem doesn't change the organiser's calendar behind their back.
      expect(outlookStarts(eventId)[0]).toBe('2026-10-26T14:00:00.000Z');
      expect((await seriesView(MENTEE, body.seriesId)).calendar).toMatchObject({ status: 'pending', problem: 'awaiting-organizer', canSync: false });
      const forOrganiser = (await seriesView(MENTOR, body.seriesId)).calendar;
      expect(forOrganiser).toMatchObject({ status: 'pending', problem: 'awaiting-organizer', canSync: true });
      expect(forOrganiser.detail).toContain('Ana Mentor');
      // The background sync leaves it for the organiser to confirm.
      await organiserVisits();
      await app.jobs.syncCalendars();
      expect(outlookStarts(eventId)[0]).toBe('2026-10-26T14:00:00.000Z');

      const refused = await as(MENTEE).post(`/api/meeting-series/${body.seriesId}/calendar-sync`);
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toContain('Ana Mentor');

      const synced = await as(MENTOR).post(`/api/meeting-series/${body.seriesId}/calendar-sync`);
      expect(synced.status).toBe(200);
      expect(synced.body.calendar).toMatchObject({ status: 'synced', canSync: false });
      expect(outlookStarts(eventId)[0]).toBe('2026-10-26T15:00:00.000Z');
    });

    it('people outside the pair can neither see nor sync the series', async () => {
      const { body } = await book();
      expect((await as(OUTSIDER).post(`/api/meeting-series/${body.seriesId}/calendar-sync`)).status).toBe(404);
    });
  });

  describe('when Microsoft is not cooperating, nothing is lost', () => {
    it('a 429 with a short Retry-After is retried in-process and the booking is synced once', async () => {
      graph.fail({ method: 'POST', path: /^\/me\/events$/ }, { status: 429, retryAfterSeconds: 1, code: 'TooManyRequests' });
      const before = requestsTo('POST', /^\/me\/events$/).length;
      const res = await book();
      expect(res.body.calendar.status).toBe('synced');
      const posts = requestsTo('POST', /^\/me\/events$/).slice(before);
      expect(posts.map((r) => r.status)).toEqual([429, 201]);
      expect(posts[1]!.headers['retry-attempt']).toBe('1');
      expect(graph.events(MENTOR).filter((e) => e.transactionId === res.body.seriesId)).toHaveLength(1);
    });

    it('a long Retry-After is honoured by scheduling the background retry, not by holding the request', async () => {
      graph.fail({ method: 'POST', path: /^\/me\/events$/ }, { status: 429, retryAfterSeconds: 300, code: 'TooManyRequests' });
      const res = await book();
      expect(res.status).toBe(201);
      expect(res.body.calendar).toMatchObject({ status: 'pending', problem: 'throttled', nextAttemptAt: '2026-10-19T08:05:00.000Z', canSync: true });
      expect(await meetingsOfSeries(app.db, res.body.seriesId)).toHaveLength(4);

      await organiserVisits();
      clock.advance(4 * MINUTE);
      expect(await app.jobs.syncCalendars()).toBe(0); // not due yet
      clock.advance(MINUTE);
      await organiserVisits();
      expect(await app.jobs.syncCalendars()).toBe(1);
      expect((await seriesView(MENTOR, res.body.seriesId)).calendar.status).toBe('synced');
      expect(outlookStarts(outlookEvent(res.body.seriesId)!.id)).toHaveLength(4);
    });

    it('503s that outlast the in-process retries leave the booking pending; the background sync finishes it', async () => {
      graph.fail({ method: 'POST', path: /^\/me\/events$/ }, { status: 503, retryAfterSeconds: 0, code: 'ServiceUnavailable' }, 4);
      const res = await book();
      expect(res.body.calendar).toMatchObject({ status: 'pending', problem: 'throttled', nextAttemptAt: new Date(Date.parse(NOW) + backoffMs(1)).toISOString() });
      expect(await seriesRow(app.db, res.body.seriesId)).toMatchObject({ syncAttempts: 1, externalEventId: null });

      clock.advance(backoffMs(1));
      await organiserVisits();
      expect(await app.jobs.syncCalendars()).toBe(1);
      expect(await seriesRow(app.db, res.body.seriesId)).toMatchObject({ calendarStatus: 'synced', syncAttempts: 0, calendarProblem: null });
      expect(graph.events(MENTOR).filter((e) => e.transactionId === res.body.seriesId)).toHaveLength(1);
    });

    it('an answer lost to a timeout does not create a second event (transactionId)', async () => {
      // Graph creates the event but the answer never arrives.
      graph.fail({ method: 'POST', path: /^\/me\/events$/ }, { hang: true, process: true });
      const res = await book();
      expect(res.body.calendar).toMatchObject({ status: 'pending', problem: 'unreachable' });

      clock.advance(backoffMs(1));
      await organiserVisits();
      await app.jobs.syncCalendars();
      expect(await seriesRow(app.db, res.body.seriesId)).toMatchObject({ calendarStatus: 'synced' });
      expect(graph.events(MENTOR).filter((e) => e.transactionId === res.body.seriesId)).toHaveLength(1);
    });

    it('a refused Graph token (401) is retried later with a fresh one', async () => {
      graph.fail({ method: 'POST', path: /^\/me\/events$/ }, { status: 401, code: 'InvalidAuthenticationToken' });
      const res = await book();
      expect(res.body.calendar).toMatchObject({ status: 'pending', problem: 'unreachable' });
      clock.advance(backoffMs(1));
      await organiserVisits();
      await app.jobs.syncCalendars();
      expect((await seriesRow(app.db, res.body.seriesId)).calendarStatus).toBe('synced');
    });

    it('after the last allowed attempt the series is flagged failed, and "retry now" still works', async () => {
      const res = await book({ recurrence: undefined, start: '2026-10-29T10:00:00' });
      // Make the series change so every later sync must write to Outlook, and let Outlook fail each time.
      graph.fail({ method: 'PATCH' }, { status: 503, retryAfterSeconds: 0, code: 'ServiceUnavailable' }, 4 * MAX_SYNC_ATTEMPTS);
      const [only] = await meetingsOfSeries(app.db, res.body.seriesId);
      await as(MENTOR).patch(`/api/meetings/${only!.id}`, { start: '2026-10-29T12:00:00' });
      for (let attempt = 2; attempt <= MAX_SYNC_ATTEMPTS; attempt++) {
        clock.advance(backoffMs(attempt - 1));
        await organiserVisits();
        expect(await app.jobs.syncCalendars()).toBe(1);
      }
      const flagged = (await seriesView(MENTOR, res.body.seriesId)).calendar;
      expect(flagged).toMatchObject({ status: 'failed', problem: 'unreachable', canSync: true });
      expect(flagged.detail).toContain(`after ${MAX_SYNC_ATTEMPTS} attempts`);
      expect(await meetingsOfSeries(app.db, res.body.seriesId)).toHaveLength(1);
      clock.advance(backoffMs(MAX_SYNC_ATTEMPTS));
      await organiserVisits();
      expect(await app.jobs.syncCalendars()).toBe(0); // flagged for a person, not retried forever

      const retried = await as(MENTOR).post(`/api/meeting-series/${res.body.seriesId}/calendar-sync`);
      expect(retried.body.calendar.status).toBe('synced');
      expect(graph.events(MENTOR).find((e) => e.transactionId === res.body.seriesId)!.startUtc).toBe('2026-10-29T16:00:00.000Z');
    });

    it('a request Graph rejects is flagged failed with its reason; the check-ins stay', async () => {
      graph.fail({ method: 'POST', path: /^\/me\/events$/ }, { status: 400, code: 'ErrorInvalidRequest', message: 'The mailbox is over its quota.' });
      const res = await book();
      expect(res.body.calendar).toMatchObject({ status: 'failed', problem: 'rejected', canSync: true });
      expect(res.body.calendar.detail).toContain('over its quota');
      expect(await meetingsOfSeries(app.db, res.body.seriesId)).toHaveLength(4);
      expect((await as(MENTOR).post(`/api/meeting-series/${res.body.seriesId}/calendar-sync`)).body.calendar.status).toBe('synced');
    });

    it('a series deleted in Outlook is flagged missing; "retry now" books it again', async () => {
      const { body } = await book();
      const first = outlookEvent(body.seriesId)!.id;
      // The organiser deletes the series in Outlook.
      const graphToken = await entra.sign({ aud: 'https://graph.microsoft.com', scp: 'Calendars.ReadWrite', oid: devObjectId(MENTOR), tid: entra.tenantId, preferred_username: MENTOR }, { now: clock.now() });
      const deleted = await fetch(`${graph.baseUrl}/me/events/${encodeURIComponent(first)}`, { method: 'DELETE', headers: { Authorization: `Bearer ${graphToken}` } });
      expect(deleted.status).toBe(204);
      await as(MENTOR).patch(`/api/meeting-series/${body.seriesId}`, { startLocal: '2026-10-26T12:00:00' });
      expect((await seriesView(MENTOR, body.seriesId)).calendar).toMatchObject({ status: 'failed', problem: 'missing-in-outlook', canSync: true });

      const retried = await as(MENTOR).post(`/api/meeting-series/${body.seriesId}/calendar-sync`);
      expect(retried.body.calendar.status).toBe('synced');
      const again = outlookEvent(body.seriesId);
      expect(again).toBeUndefined(); // a new create can't reuse the first one's transactionId
      const current = (await seriesRow(app.db, body.seriesId)).externalEventId!;
      expect(current).not.toBe(first);
      expect(outlookStarts(current)).toHaveLength(4);
    });

    it('when the organiser has not consented, the booking waits for consent and "retry now" completes it', async () => {
      entra.requireConsent(devObjectId(MENTOR));
      try {
        const res = await book();
        expect(res.status).toBe(201);
        expect(res.body.calendar).toMatchObject({ status: 'pending', problem: 'consent-required', canSync: true });
        await app.jobs.syncCalendars();
        expect((await seriesRow(app.db, res.body.seriesId)).calendarProblem).toBe('consent-required');
        const stillBlocked = await as(MENTOR).post(`/api/meeting-series/${res.body.seriesId}/calendar-sync`);
        expect(stillBlocked.status).toBe(200);
        expect(stillBlocked.body.calendar.problem).toBe('consent-required');

        entra.grantConsent(devObjectId(MENTOR));
        const done = await as(MENTOR).post(`/api/meeting-series/${res.body.seriesId}/calendar-sync`);
        expect(done.body.calendar).toMatchObject({ status: 'synced', canSync: false });
      } finally {
        entra.grantConsent(devObjectId(MENTOR));
      }
    });
  });

  describe('background sync', () => {
    it('acts only for organisers whose sign-in it holds, and never alongside another holder of the lease', async () => {
      graph.fail({ method: 'POST', path: /^\/me\/events$/ }, { status: 503, retryAfterSeconds: 0 }, 4);
      const res = await book();
      clock.advance(backoffMs(1));
      // Another instance is syncing this series right now.
      await app.db.kysely
        .insertInto('jobLeases')
        .values({ name: `calendar-sync:${res.body.seriesId}`, holder: 'other-instance', expiresAt: new Date(clock.now().getTime() + 5 * MINUTE).toISOString() })
        .execute();
      await organiserVisits();
      await app.jobs.syncCalendars();
      expect((await seriesRow(app.db, res.body.seriesId)).calendarStatus).toBe('pending');

      // The other instance died; its lease runs out. The organiser's sign-in has lapsed too.
      clock.advance(2 * 60 * MINUTE);
      expect(await app.jobs.syncCalendars()).toBe(0);
      expect((await seriesRow(app.db, res.body.seriesId)).calendarStatus).toBe('pending');
      await organiserVisits();
      expect(await app.jobs.syncCalendars()).toBe(1);
      expect((await seriesRow(app.db, res.body.seriesId)).calendarStatus).toBe('synced');
    });

    it('sends at most 4 Graph requests at once per mailbox', async () => {
      graph.delayMs = 80;
      try {
        const calls = Array.from({ length: 10 }, () =>
          as(MENTOR).post(`/api/pairs/${w.pair}/meeting-times`, { durationMinutes: 30, from: '2026-10-20', to: '2026-10-23' }),
        );
        const answers = await Promise.all(calls);
        expect(answers.map((a) => `${a.status} ${a.body.source} ${a.body.outlook ?? ''}`)).toEqual(Array(10).fill('200 outlook '));
      } finally {
        graph.delayMs = 0;
      }
      // Ten requests at once, but never more than four reach the mailbox together.
      expect(graph.maxInFlight(MENTOR)).toBeLessThanOrEqual(4);
      expect(graph.maxInFlight(MENTOR)).toBeGreaterThan(1);
    });
  });

  describe('Teams attendance', () => {
    it('marks a check-in held when the attendance report shows both members joined, and only then', async () => {
      const { body } = await book();
      const [first, second] = await meetingsOfSeries(app.db, body.seriesId);
      // 26 Oct 14:00–14:30 UTC: both joined. 2 Nov 15:00–15:30 UTC: only Ana turned up.
      graph.addAttendanceReport(MENTOR, body.calendar.joinUrl, {
        meetingStart: '2026-10-26T14:01:00Z',
        meetingEnd: '2026-10-26T14:29:00Z',
        attendees: [
          { email: MENTOR, joined: '2026-10-26T14:01:00Z', left: '2026-10-26T14:29:00Z' },
          { email: MENTEE, joined: '2026-10-26T14:03:00Z', left: '2026-10-26T14:28:00Z' },
        ],
      });
      graph.addAttendanceReport(MENTOR, body.calendar.joinUrl, {
        meetingStart: '2026-11-02T15:00:00Z',
        meetingEnd: '2026-11-02T15:20:00Z',
        attendees: [{ email: MENTOR, joined: '2026-11-02T15:00:00Z', left: '2026-11-02T15:20:00Z' }],
      });

      clock.set('2026-10-26T14:35:00.000Z'); // too soon: Teams publishes reports a few minutes after
      await organiserVisits();
      expect(await app.jobs.checkAttendance()).toBe(0);
      clock.set('2026-10-26T14:45:00.000Z');
      await organiserVisits();
      expect(await app.jobs.checkAttendance()).toBe(1);
      clock.set('2026-11-02T15:45:00.000Z');
      await organiserVisits();
      expect(await app.jobs.checkAttendance()).toBe(0);

      const meetings = (await as(MENTEE).get(`/api/pairs/${w.pair}/meetings?when=past`)).body.meetings as Array<{ id: string; status: string; seenInTeams: boolean }>;
      expect(meetings.find((m) => m.id === first!.id)).toMatchObject({ status: 'held', seenInTeams: true });
      expect(meetings.find((m) => m.id === second!.id)).toMatchObject({ status: 'scheduled', seenInTeams: false });
      // Ben's later "missed" doesn't undo what Teams saw.
      expect((await as(MENTEE).patch(`/api/meetings/${first!.id}`, { status: 'missed' })).body).toMatchObject({ status: 'held', myConfirmation: 'missed' });

      // Looked at once; not asked again for four hours.
      const asked = requestsTo('GET', /^\/me\/onlineMeetings$/).length;
      await app.jobs.checkAttendance();
      expect(requestsTo('GET', /^\/me\/onlineMeetings$/).length).toBe(asked);
      expect((await seriesRow(app.db, body.seriesId)).calendarStatus).toBe('synced');
    });
  });

  describe('with the ICS feed', () => {
    it('leaves out series that are in Outlook, which reach both calendars as an invitation', async () => {
      const { body } = await book();
      const feed = await as(MENTEE).get('/api/calendar/feed');
      const ics = await request(app.http).get(new URL(feed.body.url as string).pathname);
      expect(ics.status).toBe(200);
      expect(ics.text).not.toContain(body.seriesId);
    });
  });

  describe('the consent pop-up', () => {
    it('keeps its opener (Teams on the web needs it) while every other page is isolated', async () => {
      expect((await request(app.http).get('/auth/consent')).headers['cross-origin-opener-policy']).toBe('unsafe-none');
      expect((await request(app.http).get('/auth/consent-end?state=x')).headers['cross-origin-opener-policy']).toBe('unsafe-none');
      expect((await request(app.http).get('/tab')).headers['cross-origin-opener-policy']).toBe('same-origin');
    });
  });

  describe('configuration', () => {
    it('tells the consent pop-up where to send people', async () => {
      const res = await request(app.http).get('/api/calendar/consent-settings');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        enabled: true,
        clientId: entra.clientId,
        authorizeUrl: `${entra.authorityHost}/${entra.tenantId}/oauth2/v2.0/authorize`,
        scopes: ['https://graph.microsoft.com/Calendars.ReadWrite', 'openid', 'profile', 'offline_access'],
      });
    });
  });
});

describe('without Outlook sync', () => {
  it('series stay not-connected, "retry now" explains that Outlook is not set up, and consent is off', async () => {
    const app = await createTestApp({ now: NOW });
    try {
      const w = await meetingWorld(app.db);
      const token = await app.tokenFor(MENTOR);
      const booked = await request(app.http)
        .post(`/api/pairs/${w.pair}/meetings`)
        .set('Authorization', `Bearer ${token}`)
        .send({ start: '2026-10-26T10:00:00', durationMinutes: 30, timeZone: ZONE });
      expect(booked.body.calendar).toEqual({ status: 'not-connected', canSync: false });
      const sync = await request(app.http).post(`/api/meeting-series/${booked.body.seriesId}/calendar-sync`).set('Authorization', `Bearer ${token}`);
      expect(sync.status).toBe(409);
      expect(sync.headers['content-type']).toContain('application/problem+json');
      expect(sync.body.detail).toContain('not set up');
      expect((await request(app.http).get('/api/calendar/consent-settings')).body).toEqual({ enabled: false });
      const times = await request(app.http).post(`/api/pairs/${w.pair}/meeting-times`).set('Authorization', `Bearer ${token}`).send({ durationMinutes: 30, from: '2026-10-20', to: '2026-10-21' });
      expect(times.body.source).toBe('working-hours');
      expect(times.body.outlook).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
