import request from 'supertest';
import { createTestApp, type TestApp } from '../support/app';
import { calendarFixtures, parseCalendar, timeZoneUse, type FixtureMeeting } from '../support/calendar-fixtures';
import { fixtures } from '../support/fixtures';

const ADMIN = 'morgan.lee@contoso.example';
const HOST = 'tandem.test';
const TOKEN_URL = /^http:\/\/tandem\.test\/api\/calendar\/([A-Za-z0-9_-]{43})\.ics$/;

describe('calendar files', () => {
  let app: TestApp;
  let cal: ReturnType<typeof calendarFixtures>;
  let ids: Record<string, string>;
  const tokens = new Map<string, string>();
  const auth = async (email: string) => {
    if (!tokens.has(email)) tokens.set(email, await app.tokenFor(email));
    return `Bearer ${tokens.get(email)!}`;
  };
  /** A fixed Host, so URLs in the output don't depend on supertest's ephemeral port. */
  const anon = {
    get: (path: string) => request(app.http).get(path).set('Host', HOST),
    post: (path: string) => request(app.http).post(path).set('Host', HOST),
  };
  const get = async (email: string, path: string) => anon.get(path).set('Authorization', await auth(email));
  const post = async (email: string, path: string) => anon.post(path).set('Authorization', await auth(email));
  /** The feed path (not URL: supertest talks to its own port) of someone's subscription. */
  const feedPath = async (email: string) => new URL((await get(email, '/api/calendar/feed')).body.url as string).pathname;
  const feedOf = async (email: string) => {
    const res = await anon.get(await feedPath(email));
    expect(res.status).toBe(200);
    return res.text;
  };
  /** What a client must show for a series: its non-cancelled rows, at their current times. */
  const liveRows = async (seriesId: string) =>
    (
      await app.db.kysely
        .selectFrom('meetings')
        .select(['startAt as start', 'endAt as end'])
        .where('seriesId', '=', seriesId)
        .where('status', '!=', 'cancelled')
        .orderBy('startAt')
        .execute()
    ).map((r) => ({ start: r.start, end: r.end }));
  const times = (instances: { start: string; end: string }[]) => instances.map((i) => ({ start: i.start, end: i.end }));

  beforeAll(async () => {
    app = await createTestApp({ now: '2026-03-01T12:00:00.000Z' });
    cal = calendarFixtures(app.db);
    const f = fixtures(app.db);
    const ana = await f.person('ana@contoso.example', { displayName: 'Ana Mentor' });
    const ben = await f.person('ben@contoso.example', { displayName: 'Ben Mentee' });
    const cy = await f.person('cy@contoso.example', { displayName: 'Cy Mentee' });
    const dee = await f.person('dee@contoso.example', { displayName: 'Dee Mentor' });
    const eve = await f.person('eve@contoso.example', { displayName: 'Eve Mentee' });
    const fay = await f.person('fay@contoso.example', { displayName: 'Fay Mentee' });
    await f.person(ADMIN, { displayName: 'Morgan Lee' });
    const program = await f.program('Grow Together');
    const anaBen = await f.pair(program, ana, ben);
    const anaCy = await f.pair(program, ana, cy, { status: 'paused' });
    const deeEve = await f.pair(program, dee, eve);
    const anaFay = await f.pair(program, ana, fay, { status: 'completed' });
    ids = { ana, ben, cy, dee, eve, fay, anaBen, anaCy, deeEve, anaFay };
  });
  afterAll(() => app.close());

  describe('the subscription URL', () => {
    it('is created on first call, stays the same afterwards and carries a 32-byte token', async () => {
      const first = await get('ana@contoso.example', '/api/calendar/feed');
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ url: expect.stringMatching(TOKEN_URL), createdAt: '2026-03-01T12:00:00.000Z' });
      const token = TOKEN_URL.exec(first.body.url)![1]!;
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      const again = await get('ana@contoso.example', '/api/calendar/feed');
      expect(again.body).toEqual(first.body);
      const rows = await app.db.kysely.selectFrom('calendarFeeds').selectAll().where('userId', '=', ids.ana!).execute();
      expect(rows).toEqual([{ token, userId: ids.ana, revokedAt: null, createdAt: '2026-03-01T12:00:00.000Z' }]);
    });

    it("uses the origin the caller reached us on, as told by the proxy", async () => {
      const res = await anon
        .get('/api/calendar/feed')
        .set('Authorization', await auth('ana@contoso.example'))
        .set('X-Forwarded-Proto', 'https')
        .set('X-Forwarded-Host', 'tandem.contoso.example');
      expect(res.body.url).toMatch(/^https:\/\/tandem\.contoso\.example\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    });

    it('needs sign-in to see or rotate, and a refused request changes nothing', async () => {
      const before = await app.db.kysely.selectFrom('calendarFeeds').selectAll().orderBy('token').execute();
      expect((await anon.get('/api/calendar/feed')).status).toBe(401);
      expect((await anon.post('/api/calendar/feed/rotate')).status).toBe(401);
      expect((await anon.post('/api/calendar/feed/rotate').set('Authorization', 'Bearer nonsense')).status).toBe(401);
      expect(await app.db.kysely.selectFrom('calendarFeeds').selectAll().orderBy('token').execute()).toEqual(before);
    });

    it('rotating gives a new URL and the old one answers 404 exactly like a token that never existed', async () => {
      const oldPath = await feedPath('ben@contoso.example');
      expect((await anon.get(oldPath)).status).toBe(200);
      app.clock.advance(60_000);
      const rotated = await post('ben@contoso.example', '/api/calendar/feed/rotate');
      expect(rotated.status).toBe(200);
      expect(rotated.body).toEqual({ url: expect.stringMatching(TOKEN_URL), createdAt: '2026-03-01T12:01:00.000Z' });
      const newPath = new URL(rotated.body.url).pathname;
      expect(newPath).not.toBe(oldPath);

      const revoked = await anon.get(oldPath);
      const unknown = await anon.get(`/api/calendar/${Buffer.alloc(32, 7).toString('base64url')}.ics`);
      const malformed = await anon.get('/api/calendar/not-a-token.ics');
      for (const res of [revoked, unknown, malformed]) {
        expect(res.status).toBe(404);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect({ title: res.body.title, detail: res.body.detail }).toEqual({ title: unknown.body.title, detail: unknown.body.detail });
      }
      expect((await anon.get(newPath)).status).toBe(200);
      expect(await feedPath('ben@contoso.example')).toBe(newPath);
      const live = await app.db.kysely.selectFrom('calendarFeeds').select('token').where('userId', '=', ids.ben!).where('revokedAt', 'is', null).execute();
      expect(live).toHaveLength(1);
      app.clock.set('2026-03-01T12:00:00.000Z');
    });

    it('is listed in the OpenAPI document with its access level', () => {
      const paths = app.openApiDocument.paths as Record<string, Record<string, { 'x-access': string }>>;
      expect(paths['/api/calendar/{token}.ics']?.get?.['x-access']).toBe('public');
      expect(paths['/api/meeting-series/{seriesId}.ics']?.get?.['x-access']).toBe('user');
      expect(paths['/api/calendar/feed']?.get?.['x-access']).toBe('user');
      expect(paths['/api/calendar/feed/rotate']?.post?.['x-access']).toBe('user');
    });
  });

  describe('the feed', () => {
    it('is a public text/calendar document, privately cacheable for five minutes', async () => {
      const res = await anon.get(await feedPath('ana@contoso.example'));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(res.headers['cache-control']).toBe('private, max-age=300');
      expect(res.text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    });

    it('a weekly Berlin check-in stays at 10:00 local across the March DST change while its UTC instants shift', async () => {
      const { seriesId } = await cal.series(ids.anaBen!, ids.ana!, { timeZone: 'Europe/Berlin', startLocal: '2026-03-19T10:00:00', count: 4 });
      const ics = await feedOf('ben@contoso.example');
      expect(ics).toContain('DTSTART;TZID=Europe/Berlin:20260319T100000\r\n');
      expect(ics).toContain('RRULE:FREQ=WEEKLY;COUNT=4\r\n');
      const event = parseCalendar(ics).get(`${seriesId}@tandem`)!;
      expect(event.instances.map((i) => [i.local, i.tzid])).toEqual([
        ['2026-03-19T10:00:00', 'Europe/Berlin'],
        ['2026-03-26T10:00:00', 'Europe/Berlin'],
        ['2026-04-02T10:00:00', 'Europe/Berlin'],
        ['2026-04-09T10:00:00', 'Europe/Berlin'],
      ]);
      expect(event.instances.map((i) => i.start)).toEqual([
        '2026-03-19T09:00:00.000Z',
        '2026-03-26T09:00:00.000Z',
        '2026-04-02T08:00:00.000Z',
        '2026-04-09T08:00:00.000Z',
      ]);
      expect(times(event.instances)).toEqual(await liveRows(seriesId));
      expect(event.summary).toBe('Mentoring check-in: Ana Mentor & Ben Mentee');
    });

    it('a cancelled occurrence is an EXDATE and disappears from the expansion', async () => {
      const { seriesId, meetings } = await cal.series(ids.anaBen!, ids.ana!, { timeZone: 'Europe/Berlin', startLocal: '2026-03-20T10:00:00', count: 4 });
      await cal.setStatus(meetings[2]!.id, 'cancelled');
      const ics = await feedOf('ana@contoso.example');
      expect(ics).toContain('EXDATE;TZID=Europe/Berlin:20260403T100000\r\n');
      const event = parseCalendar(ics).get(`${seriesId}@tandem`)!;
      expect(event.instances.map((i) => i.start)).toEqual(['2026-03-20T09:00:00.000Z', '2026-03-27T09:00:00.000Z', '2026-04-10T08:00:00.000Z']);
      expect(times(event.instances)).toEqual(await liveRows(seriesId));
    });

    it('a rescheduled occurrence appears at its new time through a RECURRENCE-ID override', async () => {
      const { seriesId, meetings } = await cal.series(ids.anaBen!, ids.ana!, { timeZone: 'Europe/Berlin', startLocal: '2026-03-17T10:00:00', count: 3 });
      await cal.reschedule(meetings[1]!.id, '2026-03-25T14:00:00.000Z');
      const ics = await feedOf('ana@contoso.example');
      expect(ics.replace(/\r\n /g, '')).toMatch(
        new RegExp(`UID:${seriesId}@tandem\\r\\nSEQUENCE:0\\r\\nDTSTAMP:20260201T000000Z\\r\\nDTSTART;TZID=Europe/Berlin:20260325T150000\\r\\nDTEND;TZID=Europe/Berlin:20260325T153000\\r\\nRECURRENCE-ID;TZID=Europe/Berlin:20260324T100000\\r\\n`),
      );
      const event = parseCalendar(ics).get(`${seriesId}@tandem`)!;
      expect(event.overrides).toBe(1);
      expect(event.instances.map((i) => [i.local, i.start])).toEqual([
        ['2026-03-17T10:00:00', '2026-03-17T09:00:00.000Z'],
        ['2026-03-25T15:00:00', '2026-03-25T14:00:00.000Z'],
        ['2026-03-31T10:00:00', '2026-03-31T08:00:00.000Z'],
      ]);
      expect(times(event.instances)).toEqual(await liveRows(seriesId));
    });

    it('UID stays the same across fetches and SEQUENCE follows ical_sequence', async () => {
      const { seriesId, meetings } = await cal.series(ids.anaBen!, ids.ana!, { timeZone: 'Europe/Berlin', startLocal: '2026-05-05T09:30:00', count: 2 });
      await cal.reschedule(meetings[0]!.id, '2026-05-05T12:00:00.000Z');
      const first = parseCalendar(await feedOf('ben@contoso.example')).get(`${seriesId}@tandem`)!;
      const second = parseCalendar(await feedOf('ben@contoso.example')).get(`${seriesId}@tandem`)!;
      expect([first.uid, second.uid]).toEqual([`${seriesId}@tandem`, `${seriesId}@tandem`]);
      expect([first.sequence, second.sequence]).toEqual([0, 0]);
      await cal.bumpSequence(seriesId);
      const ics = await feedOf('ben@contoso.example');
      expect(parseCalendar(ics).get(`${seriesId}@tandem`)!.sequence).toBe(1);
      const block = (ics.split('BEGIN:VEVENT').filter((b) => b.includes(`UID:${seriesId}@tandem`)));
      expect(block).toHaveLength(2);
      for (const b of block) expect(b).toContain('\r\nSEQUENCE:1\r\n');
    });

    it('unchanged feeds are byte-identical between fetches', async () => {
      const path = await feedPath('ana@contoso.example');
      const [a, b] = [await anon.get(path), await anon.get(path)];
      expect(a.text).toBe(b.text);
      expect(a.headers.etag).toMatch(/^"[\w-]+"$/);
      expect(a.headers.etag).toBe(b.headers.etag);
      // A calendar app that revalidates with the ETag is told nothing changed.
      const again = await anon.get(path).set('If-None-Match', a.headers.etag!);
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
    });

    it('biweekly is WEEKLY;INTERVAL=2, and a one-off check-in is a single event without a rule', async () => {
      const biweekly = await cal.series(ids.anaBen!, ids.ana!, { timeZone: 'America/New_York', startLocal: '2026-03-02T16:00:00', frequency: 'biweekly', count: 3 });
      const once = await cal.series(ids.anaBen!, ids.ana!, { timeZone: 'Asia/Kolkata', startLocal: '2026-04-01T09:30:00', frequency: 'once', durationMinutes: 45 });
      const ics = await feedOf('ana@contoso.example');
      const parsed = parseCalendar(ics);
      expect(ics).toContain('RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=3\r\n');
      // Crosses the US change on 8 March: 16:00 local throughout.
      expect(parsed.get(`${biweekly.seriesId}@tandem`)!.instances.map((i) => [i.local, i.start])).toEqual([
        ['2026-03-02T16:00:00', '2026-03-02T21:00:00.000Z'],
        ['2026-03-16T16:00:00', '2026-03-16T20:00:00.000Z'],
        ['2026-03-30T16:00:00', '2026-03-30T20:00:00.000Z'],
      ]);
      const single = parsed.get(`${once.seriesId}@tandem`)!;
      expect(single.recurring).toBe(false);
      expect(times(single.instances)).toEqual([{ start: '2026-04-01T04:00:00.000Z', end: '2026-04-01T04:45:00.000Z' }]);
    });

    it('monthly check-ins keep their day, clamped to the end of shorter months', async () => {
      const day31 = await cal.series(ids.anaBen!, ids.ana!, { timeZone: 'America/New_York', startLocal: '2026-01-31T09:00:00', frequency: 'monthly', count: 5 });
      const day30 = await cal.series(ids.anaBen!, ids.ana!, { timeZone: 'Europe/London', startLocal: '2026-01-30T08:00:00', frequency: 'monthly', count: 4 });
      const day15 = await cal.series(ids.anaBen!, ids.ana!, { timeZone: 'Australia/Sydney', startLocal: '2026-02-15T18:00:00', frequency: 'monthly', count: 3 });
      const parsed = parseCalendar(await feedOf('ana@contoso.example'));
      expect(parsed.get(`${day31.seriesId}@tandem`)!.instances.map((i) => i.local)).toEqual([
        '2026-01-31T09:00:00', '2026-02-28T09:00:00', '2026-03-31T09:00:00', '2026-04-30T09:00:00', '2026-05-31T09:00:00',
      ]);
      expect(parsed.get(`${day30.seriesId}@tandem`)!.instances.map((i) => i.local)).toEqual([
        '2026-01-30T08:00:00', '2026-02-28T08:00:00', '2026-03-30T08:00:00', '2026-04-30T08:00:00',
      ]);
      for (const s of [day31, day30, day15]) expect(times(parsed.get(`${s.seriesId}@tandem`)!.instances)).toEqual(await liveRows(s.seriesId));
    });

    it('every TZID has a VTIMEZONE that lands on the stored instants, even for zones the packaged data lacks or has outdated', async () => {
      // Kyiv is missing from the packaged data (tzurl 2018g); Mexico City, Tehran and Sao Paulo
      // have since dropped DST, so it is outdated for them; Sydney's is packaged and current.
      const zones = ['Europe/Kyiv', 'America/Mexico_City', 'Asia/Tehran', 'America/Sao_Paulo', 'Australia/Sydney', 'Etc/UTC', 'UTC'];
      const created = [];
      for (const timeZone of zones) {
        const s = await cal.series(ids.anaCy!, ids.ana!, { timeZone, startLocal: '2026-03-10T11:00:00', count: 30 });
        await cal.setStatus(s.meetings[3]!.id, 'cancelled');
        await cal.reschedule(s.meetings[5]!.id, new Date(Date.parse(s.meetings[5]!.startAt) + 3 * 3600_000).toISOString());
        created.push(s);
      }
      const ics = await feedOf('cy@contoso.example');
      const { used, defined } = timeZoneUse(ics);
      // ical-generator writes the zone named UTC as plain UTC times (…Z), so it needs no definition.
      expect([...used].sort()).toEqual(zones.filter((z) => z !== 'UTC').sort());
      expect([...defined].sort()).toEqual([...used].sort());
      expect(ics).toContain('TZURL:http://tzurl.org/zoneinfo-outlook/Australia/Sydney');
      expect(ics).not.toContain('TZURL:http://tzurl.org/zoneinfo-outlook/America/Mexico_City');
      const parsed = parseCalendar(ics);
      for (const [i, s] of created.entries()) {
        const event = parsed.get(`${s.seriesId}@tandem`)!;
        expect(event.instances).toHaveLength(29);
        expect(event.instances.filter((x) => !x.local.endsWith('T11:00:00'))).toHaveLength(1);
        expect({ zone: zones[i], times: times(event.instances) }).toEqual({ zone: zones[i], times: await liveRows(s.seriesId) });
      }
    });

    it("holds only the owner's active and paused pairs, and no cancelled series", async () => {
      const other = await cal.series(ids.deeEve!, ids.dee!, { timeZone: 'Europe/Berlin', startLocal: '2026-03-11T10:00:00' });
      const closed = await cal.series(ids.anaFay!, ids.ana!, { timeZone: 'Europe/Berlin', startLocal: '2026-03-11T10:00:00' });
      const paused = await cal.series(ids.anaCy!, ids.ana!, { timeZone: 'Europe/Berlin', startLocal: '2026-03-12T10:00:00' });
      const dropped = await cal.series(ids.anaBen!, ids.ana!, { timeZone: 'Europe/Berlin', startLocal: '2026-03-13T10:00:00' });
      await cal.cancelSeries(dropped.seriesId, '2026-03-01T12:00:00.000Z');
      const mine = async (email: string) =>
        new Set(
          (await app.db.kysely
            .selectFrom('meetingSeries')
            .innerJoin('pairs', 'pairs.id', 'meetingSeries.pairId')
            .innerJoin('users', (j) => j.on((eb) => eb.or([eb('users.id', '=', eb.ref('pairs.mentorId')), eb('users.id', '=', eb.ref('pairs.menteeId'))])))
            .select('meetingSeries.id')
            .where('users.email', '=', email)
            .where('pairs.status', 'in', ['active', 'paused'])
            .where('meetingSeries.cancelledAt', 'is', null)
            .execute()).map((r) => `${r.id}@tandem`),
        );

      const ana = parseCalendar(await feedOf('ana@contoso.example'));
      expect(new Set(ana.keys())).toEqual(await mine('ana@contoso.example'));
      expect(ana.has(`${paused.seriesId}@tandem`)).toBe(true);
      for (const absent of [other, closed, dropped]) expect(ana.has(`${absent.seriesId}@tandem`)).toBe(false);

      const ben = parseCalendar(await feedOf('ben@contoso.example'));
      expect(new Set(ben.keys())).toEqual(await mine('ben@contoso.example'));
      expect(ben.has(`${paused.seriesId}@tandem`)).toBe(false);

      const eve = parseCalendar(await feedOf('eve@contoso.example'));
      expect([...eve.keys()]).toEqual([`${other.seriesId}@tandem`]);
      expect(eve.get(`${other.seriesId}@tandem`)!.summary).toBe('Mentoring check-in: Dee Mentor & Eve Mentee');

      const fay = await feedOf('fay@contoso.example');
      expect(fay).not.toContain('BEGIN:VEVENT');
    });

    it('links to the pair page and carries no agenda, notes or other free text', async () => {
      const secret = { agenda: 'AGENDA-SECRET-7f3', sharedNotes: 'SHARED-SECRET-9c1', privateNote: 'PRIVATE-SECRET-2b8' };
      const { seriesId, meetings } = await cal.series(ids.anaBen!, ids.ana!, {
        timeZone: 'Europe/Berlin', startLocal: '2026-06-02T10:00:00', count: 2, agenda: 'SERIES-SECRET-4d0',
      });
      await cal.writeFreeText(meetings[0]!.id, ids.ben!, secret);
      const outputs = [
        await feedOf('ana@contoso.example'),
        await feedOf('ben@contoso.example'),
        (await get('ben@contoso.example', `/api/meeting-series/${seriesId}.ics`)).text,
      ];
      for (const ics of outputs) {
        expect(ics).not.toMatch(/SECRET/);
        const event = parseCalendar(ics).get(`${seriesId}@tandem`)!;
        expect(event.description).toMatch(new RegExp(`^Open the pair in Tandem: http://tandem\\.test/tab/pairs/${ids.anaBen}$`));
      }
    });

    it('does not depend on the server process time zone', async () => {
      const path = await feedPath('ana@contoso.example');
      const original = process.env.TZ;
      const outputs: string[] = [];
      try {
        for (const tz of ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles']) {
          process.env.TZ = tz;
          outputs.push((await anon.get(path)).text);
        }
      } finally {
        if (original === undefined) delete process.env.TZ;
        else process.env.TZ = original;
      }
      expect(outputs[1]).toBe(outputs[0]);
      expect(outputs[2]).toBe(outputs[0]);
    });
  });

  describe('one series as a download', () => {
    let series: { seriesId: string; meetings: FixtureMeeting[] };
    beforeAll(async () => {
      series = await cal.series(ids.anaBen!, ids.ana!, { timeZone: 'Europe/Berlin', startLocal: '2026-09-01T10:00:00', count: 3 });
    });

    it('members get it as an attachment with the same event the feed has', async () => {
      const path = `/api/meeting-series/${series.seriesId}.ics`;
      for (const email of ['ana@contoso.example', 'ben@contoso.example']) {
        const res = await get(email, path);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
        expect(res.headers['content-disposition']).toBe(`attachment; filename="tandem-check-in-${series.seriesId}.ics"`);
        const parsed = parseCalendar(res.text);
        expect([...parsed.keys()]).toEqual([`${series.seriesId}@tandem`]);
        expect(parsed.get(`${series.seriesId}@tandem`)).toEqual(parseCalendar(await feedOf('ana@contoso.example')).get(`${series.seriesId}@tandem`));
        const { used, defined } = timeZoneUse(res.text);
        expect([...defined]).toEqual([...used]);
      }
    });

    it('non-members and admins get the same 404 as for a series that does not exist', async () => {
      const path = `/api/meeting-series/${series.seriesId}.ics`;
      const missing = await get('ana@contoso.example', '/api/meeting-series/01900000-0000-7000-8000-000000000000.ics');
      expect(missing.status).toBe(404);
      for (const email of ['cy@contoso.example', 'dee@contoso.example', ADMIN]) {
        const res = await get(email, path);
        expect(res.status).toBe(404);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.detail).toBe(missing.body.detail);
      }
    });

    it('needs sign-in and a series id', async () => {
      expect((await anon.get(`/api/meeting-series/${series.seriesId}.ics`)).status).toBe(401);
      const bad = await get('ana@contoso.example', '/api/meeting-series/nope.ics');
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([{ field: 'seriesId', message: expect.any(String) }]);
    });

    it('a cancelled series downloads as cancelled rather than disappearing', async () => {
      const gone = await cal.series(ids.anaBen!, ids.ana!, { timeZone: 'Europe/Berlin', startLocal: '2026-10-06T10:00:00', count: 3 });
      await cal.cancelSeries(gone.seriesId, '2026-03-01T12:00:00.000Z');
      await cal.bumpSequence(gone.seriesId);
      const res = await get('ben@contoso.example', `/api/meeting-series/${gone.seriesId}.ics`);
      expect(res.status).toBe(200);
      const event = parseCalendar(res.text).get(`${gone.seriesId}@tandem`)!;
      expect(event).toMatchObject({ status: 'CANCELLED', sequence: 1 });
    });
  });
});

describe('the demo organisation in calendar feeds', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ seed: true, now: '2026-11-25T10:00:00.000Z' });
  });
  afterAll(() => app.close());

  it("every demo member's feed expands to exactly their live check-ins", async () => {
    const members = await app.db.kysely
      .selectFrom('pairs')
      .innerJoin('users', 'users.id', 'pairs.mentorId')
      .select(['users.id', 'users.email'])
      .where('pairs.status', 'in', ['active', 'paused'])
      .distinct()
      .orderBy('users.email')
      .limit(12)
      .execute();
    expect(members.length).toBeGreaterThan(5);
    let checked = 0;
    for (const member of members) {
      const token = await app.tokenFor(member.email);
      const feed = await request(app.http).get('/api/calendar/feed').set('Authorization', `Bearer ${token}`);
      const res = await request(app.http).get(new URL(feed.body.url).pathname);
      expect(res.status).toBe(200);
      const parsed = parseCalendar(res.text);
      const rows = await app.db.kysely
        .selectFrom('meetings')
        .innerJoin('meetingSeries', 'meetingSeries.id', 'meetings.seriesId')
        .innerJoin('pairs', 'pairs.id', 'meetings.pairId')
        .select(['meetings.seriesId', 'meetings.startAt as start', 'meetings.endAt as end'])
        .where((eb) => eb.or([eb('pairs.mentorId', '=', member.id), eb('pairs.menteeId', '=', member.id)]))
        .where('pairs.status', 'in', ['active', 'paused'])
        .where('meetingSeries.cancelledAt', 'is', null)
        .where('meetings.status', '!=', 'cancelled')
        .orderBy('meetings.startAt')
        .execute();
      const expected = new Map<string, { start: string; end: string }[]>();
      for (const r of rows) expected.set(`${r.seriesId}@tandem`, [...(expected.get(`${r.seriesId}@tandem`) ?? []), { start: r.start, end: r.end }]);
      const actual = new Map([...parsed].map(([uid, e]) => [uid, e.instances.map((i) => ({ start: i.start, end: i.end }))]));
      expect(actual).toEqual(expected);
      const { used, defined } = timeZoneUse(res.text);
      expect([...used].every((z) => defined.has(z))).toBe(true);
      checked += rows.length;
    }
    expect(checked).toBeGreaterThan(20);
  });
});
