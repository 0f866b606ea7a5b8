import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import type { NotificationKind } from '../../api/src/notifications/kinds';
import type { NotificationView } from '../../api/src/notifications/notifications.service';
import { createTestApp, type TestApp } from '../support/app';
import { fixtures } from '../support/fixtures';
import { caller, pairScenario, type PairScenario } from '../support/pair-fixtures';

/*
 * The activity feed, its read state and the notification settings (docs/nudges.md, "HTTP API").
 */

const NOW = '2026-06-10T12:00:00.000Z';
const minutes = (n: number) => n * 60_000;
const at = (offsetMs: number) => new Date(Date.parse(NOW) + offsetMs).toISOString();

type FeedItem = NotificationView;
interface Feed {
  items: FeedItem[];
  nextCursor: string | null;
  unread: number;
}

describe('the activity feed', () => {
  let app: TestApp;
  let call: ReturnType<typeof caller>;
  let s: PairScenario;
  let people = 0;

  /** A stored notification, as the scheduler would have written it at `at` (default now). */
  const notify = async (userId: string, kind: NotificationKind, payload: object, options: { at?: string; pairId?: string | null } = {}) => {
    const id = uuidv7();
    await app.db.kysely
      .insertInto('notifications')
      .values({
        id, userId, kind, dedupeKey: `test:${id}`, payload: JSON.stringify(payload), deliverAfter: options.at ?? NOW, deliveredAt: null,
        channel: 'feed', readAt: null, createdAt: options.at ?? NOW, pairId: options.pairId === undefined ? s.pairId : options.pairId,
      })
      .execute();
    return id;
  };
  const milestone = (userId: string, count: number, when?: string) => notify(userId, 'milestone', { pairId: s.pairId, count, partnerName: 'Ana Mentor' }, when ? { at: when } : {});
  /** someone of their own, so counts aren't shared between tests */
  const newcomer = async () => {
    people += 1;
    const email = `reader${people}@contoso.example`;
    return { email, id: await fixtures(app.db).person(email, { displayName: `Reader ${people}` }) };
  };
  const feed = async (email: string, query = ''): Promise<Feed> => {
    const res = await call.get(email, `/api/notifications${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    call = caller(app);
    s = await pairScenario(app);
  });
  afterAll(() => app.close());
  afterEach(() => app.clock.set(NOW));

  it("shows only the caller's notifications whose time has come, newest first, in words", async () => {
    const reader = await newcomer();
    const older = await milestone(reader.id, 5, at(-minutes(60)));
    const newer = await notify(reader.id, 'meeting-reminder-24h', {
      pairId: s.pairId, meetingId: uuidv7(), startAt: '2026-06-11T09:00:00.000Z', endAt: '2026-06-11T09:30:00.000Z', partnerName: 'Ana Mentor',
    }, { at: at(-minutes(5)) });
    const later = await milestone(reader.id, 10, at(minutes(30)));
    await milestone(s.outsiderId, 1);

    const body = await feed(reader.email);
    expect(body.items.map((i) => i.id)).toEqual([newer, older]);
    expect(body).toMatchObject({ nextCursor: null, unread: 2 });
    // Europe/London in June is UTC+1: 09:00 UTC tomorrow is 10:00 on the reader's clock.
    expect(body.items[0]).toEqual({
      id: newer,
      kind: 'meeting-reminder-24h',
      title: 'Check-in with Ana Mentor tomorrow at 10:00',
      body: expect.stringContaining('Your check-in with Ana Mentor is tomorrow at 10:00.'),
      link: `/tab/pairs/${s.pairId}`,
      linkLabel: expect.any(String),
      at: at(-minutes(5)),
      readAt: null,
      pairId: s.pairId,
      survey: null,
    });
    expect(body.items[1]).toMatchObject({ title: '5 check-ins with Ana Mentor', at: at(-minutes(60)) });

    app.clock.advance(minutes(30));
    expect((await feed(reader.email)).items.map((i) => i.id)).toEqual([later, newer, older]);
  });

  it('pages through 45 notifications 20 at a time, each exactly once and in order', async () => {
    const reader = await newcomer();
    const ids: string[] = [];
    // Groups of three share an instant, so the id has to break the ties.
    for (let i = 0; i < 45; i += 1) ids.push(await milestone(reader.id, i + 1, at(-minutes(100 - Math.floor(i / 3)))));
    const newestFirst = [...ids].reverse();

    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Feed = await feed(reader.email, cursor ? `?cursor=${cursor}` : '');
      sizes.push(page.items.length);
      seen.push(...page.items.map((i) => i.id));
      expect(page.unread).toBe(45);
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([20, 20, 5]);
    expect(seen).toEqual(newestFirst);

    const whole = await feed(reader.email, '?limit=50');
    expect(whole.items.map((i) => i.id)).toEqual(newestFirst);
    expect(whole.nextCursor).toBeNull();
    const exact = await feed(reader.email, '?limit=15');
    const rest = await feed(reader.email, `?limit=30&cursor=${exact.nextCursor}`);
    expect([...exact.items, ...rest.items].map((i) => i.id)).toEqual(newestFirst);
    expect(rest.nextCursor).toBeNull();
  });

  it('answers 400 naming the field for a cursor it never gave out or a limit out of range', async () => {
    const forged = Buffer.from('yesterday|anything', 'utf8').toString('base64url');
    for (const cursor of ['not a cursor!', forged, 'e30', `${Buffer.from(`${NOW}|${uuidv7()}`).toString('base64url')}=`]) {
      const res = await call.get(s.mentee, `/api/notifications?cursor=${encodeURIComponent(cursor)}`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['cursor']);
    }
    for (const limit of ['0', '51', 'ten']) {
      const res = await call.get(s.mentee, `/api/notifications?limit=${limit}`);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['limit']);
    }
  });

  it('marks one notification read, idempotently, and counts what is left unread', async () => {
    const reader = await newcomer();
    const first = await milestone(reader.id, 1, at(-minutes(2)));
    await milestone(reader.id, 5, at(-minutes(1)));
    expect((await call.get(reader.email, '/api/notifications/unread-count')).body).toEqual({ unread: 2 });

    expect((await call.post(reader.email, `/api/notifications/${first}/read`)).status).toBe(204);
    app.clock.advance(minutes(10));
    expect((await call.post(reader.email, `/api/notifications/${first}/read`)).status).toBe(204);

    const body = await feed(reader.email);
    expect(body.items.find((i) => i.id === first)?.readAt).toBe(NOW);
    expect(body.unread).toBe(1);
    expect((await call.get(reader.email, '/api/notifications/unread-count')).body).toEqual({ unread: 1 });
  });

  it("someone else's notification is not found, and stays unread", async () => {
    const mine = await milestone(s.menteeId, 1);
    const res = await call.post(s.outsider, `/api/notifications/${mine}/read`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const row = await app.db.kysely.selectFrom('notifications').select('readAt').where('id', '=', mine).executeTakeFirstOrThrow();
    expect(row.readAt).toBeNull();

    expect((await call.post(s.mentee, `/api/notifications/${uuidv7()}/read`)).status).toBe(404);
    const bad = await call.post(s.mentee, '/api/notifications/not-an-id/read');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['id']);
  });

  it('read-all marks everything in the feed read, but not what has yet to arrive, nor anyone else’s', async () => {
    const reader = await newcomer();
    await milestone(reader.id, 1, at(-minutes(3)));
    await milestone(reader.id, 5, at(-minutes(2)));
    const upcoming = await milestone(reader.id, 10, at(minutes(60)));
    const othersBefore = (await call.get(s.outsider, '/api/notifications/unread-count')).body.unread;

    expect((await call.post(reader.email, '/api/notifications/read-all')).status).toBe(204);
    expect((await feed(reader.email)).items.every((i) => i.readAt === NOW)).toBe(true);
    expect((await call.get(reader.email, '/api/notifications/unread-count')).body).toEqual({ unread: 0 });
    expect((await call.get(s.outsider, '/api/notifications/unread-count')).body.unread).toBe(othersBefore);

    app.clock.advance(minutes(61));
    const later = await feed(reader.email);
    expect(later.unread).toBe(1);
    expect(later.items[0]).toMatchObject({ id: upcoming, readAt: null });
  });

  it('a pulse survey in the feed says whether the reader has answered it since it arrived', async () => {
    const reader = s.mentee;
    const asked = await notify(s.menteeId, 'pulse-survey', { pairId: s.pairId, partnerName: 'Ana Mentor' }, { at: at(-minutes(30)) });
    const survey = (createdAt: string) =>
      app.db.kysely
        .insertInto('surveys')
        .values({
          id: uuidv7(), pairId: s.pairId, userId: s.menteeId, kind: 'pulse', satisfaction: 4, recommend: null, skillsGained: 0, newContacts: 0,
          promotion: 0, confidence: null, comment: null, createdAt,
        })
        .execute();
    const item = async () => (await feed(reader)).items.find((i) => i.id === asked);

    // An answer from before this survey was asked doesn't answer it.
    await survey(at(-minutes(60 * 24 * 40)));
    expect(await item()).toMatchObject({ kind: 'pulse-survey', title: 'How is mentoring with Ana Mentor going?', survey: { pairId: s.pairId, answered: false } });
    await survey(at(-minutes(1)));
    expect((await item())?.survey).toEqual({ pairId: s.pairId, answered: true });
  });

  it('a pair published from a CSV import greets both people in their feeds', async () => {
    const f = fixtures(app.db);
    const mentor = await f.person('cara.coach@contoso.example', { displayName: 'Cara Coach' });
    const mentee = await f.person('dev.learner@contoso.example', { displayName: 'Dev Learner' });
    const program = await f.program('Feed Imports');
    await f.enrol(program, mentor, 'mentor');
    await f.enrol(program, mentee, 'mentee');
    const csv = 'mentee_email,mentor_email,note\r\ndev.learner@contoso.example,cara.coach@contoso.example,Both love data';
    const res = await request(app.http)
      .post(`/api/admin/programs/${program}/pair-imports?dryRun=false`)
      .set('Authorization', `Bearer ${await app.tokenFor('morgan.lee@contoso.example')}`)
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(res.status).toBeLessThan(300);

    const menteeFeed = await feed('dev.learner@contoso.example');
    expect(menteeFeed.items).toHaveLength(1);
    expect(menteeFeed.items[0]).toMatchObject({
      kind: 'pair-created',
      title: "You've been paired with Cara Coach",
      body: 'Cara Coach is your mentor in Feed Imports. Start by agreeing how you\'ll work together.',
      link: expect.stringMatching(/^\/tab\/pairs\/[0-9a-f-]{36}$/),
    });
    // The admin's note is for matching, not for the people matched.
    expect(menteeFeed.items[0]!.body).not.toContain('data');
    expect((await feed('cara.coach@contoso.example')).items[0]).toMatchObject({ title: "You've been paired with Dev Learner", body: expect.stringContaining("You're mentoring Dev Learner") });
  });

  it('every kind reads as words with a link into the tab, even from a payload missing its fields', async () => {
    const reader = await newcomer();
    const pairId = s.pairId;
    const full: Record<NotificationKind, object> = {
      'meeting-reminder-24h': { pairId, meetingId: uuidv7(), startAt: at(minutes(60 * 20)), endAt: at(minutes(60 * 21)), partnerName: 'Ana' },
      'meeting-reminder-15m': { pairId, meetingId: uuidv7(), startAt: at(minutes(14)), endAt: at(minutes(44)), partnerName: 'Ana' },
      'meeting-confirm': { pairId, meetingId: uuidv7(), startAt: at(-minutes(90)), endAt: at(-minutes(60)), partnerName: 'Ana' },
      'action-due-tomorrow': { pairId, actionItemId: uuidv7(), text: 'Draft the talk', dueOn: '2026-06-11', partnerName: 'Ana' },
      'action-overdue': { pairId, actionItemId: uuidv7(), text: 'Draft the talk', dueOn: '2026-06-01', partnerName: 'Ana' },
      'cadence-lapsed': { pairId, partnerName: 'Ana', lastHeldAt: '2026-05-01T09:00:00.000Z', cadence: 'biweekly' },
      'request-received': { requestId: uuidv7(), programName: 'Grow', menteeName: 'Ben', message: 'Hello!' },
      'request-waiting': { requestId: uuidv7(), programName: 'Grow', menteeName: 'Ben' },
      'request-answered': { requestId: uuidv7(), programName: 'Grow', mentorName: 'Ana', status: 'accepted', pairId },
      'goal-completed': { pairId, goalId: uuidv7(), goalTitle: 'Speak at the all-hands', partnerName: 'Ana' },
      milestone: { pairId, count: 10, partnerName: 'Ana' },
      'pulse-survey': { pairId, partnerName: 'Ana' },
      'dormant-pair': { pairId, partnerName: 'Ana', lastActivityAt: '2026-03-01T09:00:00.000Z' },
      'pair-created': { pairId, programId: uuidv7(), programName: 'Grow', role: 'mentee', partner: { id: uuidv7(), displayName: 'Ana' }, source: 'import' },
    };
    for (const [kind, payload] of Object.entries(full)) {
      await notify(reader.id, kind as NotificationKind, payload, { at: at(-minutes(2)) });
      await notify(reader.id, kind as NotificationKind, {}, { at: at(-minutes(1)), pairId: null });
    }
    await notify(reader.id, 'from-a-newer-version' as NotificationKind, { anything: true }, { at: at(-minutes(1)) });

    const items = (await feed(reader.email, '?limit=50')).items;
    expect(items).toHaveLength(29);
    for (const item of items) {
      for (const text of [item.title, item.body, item.linkLabel]) {
        expect(text.trim().length).toBeGreaterThan(3);
        expect(text).not.toMatch(/undefined|null|NaN|\[object|Invalid/);
      }
      expect(item.link).toMatch(/^\/tab(\/|$)/);
    }
    const titles = items.filter((i) => i.at === at(-minutes(2))).map((i) => i.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Your check-in with Ana starts at 13:14',
        'Due tomorrow: Draft the talk',
        'Ben would like you as their mentor',
        'Ana accepted your request',
        'Goal reached: Speak at the all-hands',
        'Still mentoring with Ana?',
      ]),
    );
    expect(items.find((i) => i.kind === 'request-received' && i.at === at(-minutes(2)))?.link).toBe('/tab/requests');
  });

  it('needs a signed-in person for every endpoint', async () => {
    const id = uuidv7();
    const attempts = [
      request(app.http).get('/api/notifications'),
      request(app.http).get('/api/notifications/unread-count'),
      request(app.http).post(`/api/notifications/${id}/read`),
      request(app.http).post('/api/notifications/read-all'),
      request(app.http).get('/api/me/notification-settings'),
      request(app.http).put('/api/me/notification-settings').send({ groups: { surveys: false } }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const paths = app.openApiDocument.paths as Record<string, Record<string, { 'x-access'?: string }>>;
    expect(paths['/api/notifications']?.get?.['x-access']).toBe('user');
    expect(paths['/api/me/notification-settings']?.put?.['x-access']).toBe('user');
  });
});

describe('notification settings', () => {
  let app: TestApp;
  let call: ReturnType<typeof caller>;
  let s: PairScenario;

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    call = caller(app);
    s = await pairScenario(app);
  });
  afterAll(() => app.close());

  const groups = ['meeting-reminders', 'check-in-follow-up', 'action-items', 'relationship', 'requests', 'celebrations', 'surveys'];

  it('start with every group on, quiet hours, the time zone, the weekly budget and no Teams bot', async () => {
    const res = await call.get(s.mentor, '/api/me/notification-settings');
    expect(res.status).toBe(200);
    expect(res.body.groups.map((g: { group: string }) => g.group)).toEqual(groups);
    for (const g of res.body.groups) {
      expect(g).toEqual({ group: expect.any(String), label: expect.any(String), description: expect.any(String), enabled: true, canDisable: true });
      expect(g.label.length).toBeGreaterThan(3);
    }
    expect(res.body).toMatchObject({
      quietHours: { from: '20:00', until: '08:00' },
      timeZone: 'Europe/London',
      weeklyBudget: 3,
      teams: { botConfigured: false, installed: false },
    });
  });

  it('keep what a person switches off, and give it back on the next read', async () => {
    const off = await call.put(s.mentor, '/api/me/notification-settings', { groups: { celebrations: false, surveys: false } });
    expect(off.status).toBe(200);
    const enabled = (body: { groups: { group: string; enabled: boolean }[] }) => Object.fromEntries(body.groups.map((g) => [g.group, g.enabled]));
    expect(enabled(off.body)).toMatchObject({ celebrations: false, surveys: false, requests: true, 'meeting-reminders': true });

    const again = await call.put(s.mentor, '/api/me/notification-settings', { groups: { celebrations: true } });
    expect(enabled(again.body)).toMatchObject({ celebrations: true, surveys: false });
    expect(enabled((await call.get(s.mentor, '/api/me/notification-settings')).body)).toMatchObject({ celebrations: true, surveys: false });
    // Someone else's switches are their own.
    expect(enabled((await call.get(s.mentee, '/api/me/notification-settings')).body).surveys).toBe(true);
  });

  it('refuse a group that does not exist, naming it, and change nothing', async () => {
    const before = (await call.get(s.mentee, '/api/me/notification-settings')).body;
    const res = await call.put(s.mentee, '/api/me/notification-settings', { groups: { surveys: false, gossip: false } });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['groups.gossip']);
    expect((await call.get(s.mentee, '/api/me/notification-settings')).body).toEqual(before);

    const notBoolean = await call.put(s.mentee, '/api/me/notification-settings', { groups: { surveys: 'off' } });
    expect(notBoolean.status).toBe(400);
    expect(notBoolean.body.errors.map((e: { field: string }) => e.field)).toEqual(['groups.surveys']);
    expect((await call.put(s.mentee, '/api/me/notification-settings', {})).status).toBe(400);
  });

  it('say Tandem is installed in Teams once the bot has a conversation with the person', async () => {
    await app.db.kysely.insertInto('botConversations').values({ userId: s.outsiderId, reference: '{}', updatedAt: NOW }).execute();
    expect((await call.get(s.outsider, '/api/me/notification-settings')).body.teams).toEqual({ botConfigured: false, installed: true });
  });

  it('use UTC for quiet hours when the directory has no time zone for the person', async () => {
    await app.db.kysely.updateTable('users').set({ timeZone: null }).where('id', '=', s.outsiderId).execute();
    expect((await call.get(s.outsider, '/api/me/notification-settings')).body.timeZone).toBe('UTC');
  });
});
