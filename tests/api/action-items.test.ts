import request from 'supertest';
import { createTestApp, type TestApp } from '../support/app';
import {
  caller,
  checkinTables,
  checkinWorld,
  EMAILS,
  extraPair,
  fieldsOf,
  insertActionItem,
  insertMeetings,
  pairActivity,
  setPairStatus,
  type CheckinWorld,
} from '../support/checkin-fixtures';

const NOW = '2026-06-10T12:00:00.000Z';

interface ActionItemBody {
  id: string;
  pairId: string;
  meetingId: string | null;
  text: string;
  owner: { id: string; displayName: string; jobTitle: string | null; department: string | null };
  dueOn: string | null;
  done: boolean;
  doneAt: string | null;
  overdue: boolean;
  createdAt: string;
}

describe('action items', () => {
  let app: TestApp;
  let world: CheckinWorld;
  let call: ReturnType<typeof caller>;
  let meeting: string;
  let otherPairMeeting: string;
  let pairs = 0;

  /** A pair of its own (the mentor with a new mentee), so lists are not shared between tests. */
  const freshPair = async (status: 'active' | 'paused' | 'completed' | 'ended' = 'active') => {
    pairs += 1;
    return extraPair(app.db, world.program, world.mentor, `mentee${pairs}@contoso.example`, status);
  };

  const create = async (pairId: string, body: object, email: string = EMAILS.mentee): Promise<ActionItemBody> => {
    const res = await call(email, 'post', `/api/pairs/${pairId}/action-items`, body);
    expect(res.status).toBe(201);
    return res.body;
  };
  const list = async (pairId: string, query = '', email: string = EMAILS.mentor): Promise<ActionItemBody[]> => {
    const res = await call(email, 'get', `/api/pairs/${pairId}/action-items${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    call = caller(app);
    world = await checkinWorld(app.db);
    meeting = (await insertMeetings(app.db, world.pair, world.mentor, [{ startAt: '2026-06-03T09:00:00.000Z', status: 'held' }])).meetingIds[0]!;
    otherPairMeeting = (await insertMeetings(app.db, world.otherPair, world.mentor, [{ startAt: '2026-06-04T09:00:00.000Z', status: 'held' }])).meetingIds[0]!;
  });
  beforeEach(() => app.clock.set(NOW));
  afterAll(() => app.close());

  describe('creating', () => {
    it('a member adds an item for their partner, tied to a check-in of the pair, and the pair counts as active', async () => {
      app.clock.set('2026-06-10T12:30:00.000Z');
      const item = await create(world.pair, { text: '  Share the promotion rubric  ', ownerId: world.mentor, dueOn: '2026-06-20', meetingId: meeting });
      expect(item).toEqual({
        id: expect.any(String),
        pairId: world.pair,
        meetingId: meeting,
        text: 'Share the promotion rubric',
        owner: { id: world.mentor, displayName: 'Ana Mentor', jobTitle: 'Staff Engineer', department: 'Engineering' },
        dueOn: '2026-06-20',
        done: false,
        doneAt: null,
        overdue: false,
        createdAt: '2026-06-10T12:30:00.000Z',
      });
      expect((await pairActivity(app.db, world.pair)).lastActivityAt).toBe('2026-06-10T12:30:00.000Z');
      const row = await app.db.kysely.selectFrom('actionItems').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow();
      expect(row.createdBy).toBe(world.mentee);
    });

    it('only text and an owner are needed', async () => {
      const item = await create(world.pair, { text: 'Book a coffee with the design lead', ownerId: world.mentee }, EMAILS.mentor);
      expect(item).toMatchObject({ meetingId: null, dueOn: null, done: false, overdue: false, owner: { id: world.mentee, displayName: 'Ben Mentee' } });
    });

    it('an owner outside the pair is refused naming ownerId, a check-in of another pair naming meetingId, and nothing is written', async () => {
      const before = await checkinTables(app.db);
      const cases: [object, string[]][] = [
        [{ text: 'x', ownerId: world.outsider }, ['ownerId']],
        [{ text: 'x', ownerId: world.otherMentee }, ['ownerId']],
        [{ text: 'x', ownerId: world.mentee, meetingId: otherPairMeeting }, ['meetingId']],
        [{ text: 'x', ownerId: world.mentee, meetingId: '0190a5c4-0000-7000-8000-000000000000' }, ['meetingId']],
        [{ text: 'x', ownerId: world.outsider, meetingId: otherPairMeeting }, ['ownerId', 'meetingId']],
      ];
      for (const [body, fields] of cases) {
        const res = await call(EMAILS.mentee, 'post', `/api/pairs/${world.pair}/action-items`, body);
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(fieldsOf(res.body).sort()).toEqual([...fields].sort());
      }
      expect(await checkinTables(app.db)).toEqual(before);
    });

    it('malformed fields are named, and nothing is written', async () => {
      const before = await checkinTables(app.db);
      const cases: [object, string][] = [
        [{ text: '', ownerId: world.mentee }, 'text'],
        [{ text: '   ', ownerId: world.mentee }, 'text'],
        [{ text: 'x'.repeat(501), ownerId: world.mentee }, 'text'],
        [{ ownerId: world.mentee }, 'text'],
        [{ text: 'x' }, 'ownerId'],
        [{ text: 'x', ownerId: 'ana' }, 'ownerId'],
        [{ text: 'x', ownerId: world.mentee, dueOn: '2026-02-30' }, 'dueOn'],
        [{ text: 'x', ownerId: world.mentee, dueOn: 'next week' }, 'dueOn'],
        [{ text: 'x', ownerId: world.mentee, meetingId: 'latest' }, 'meetingId'],
      ];
      for (const [body, field] of cases) {
        const res = await call(EMAILS.mentee, 'post', `/api/pairs/${world.pair}/action-items`, body);
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toContain(field);
      }
      const badPair = await call(EMAILS.mentee, 'post', '/api/pairs/nope/action-items', { text: 'x', ownerId: world.mentee });
      expect(badPair.status).toBe(400);
      expect(fieldsOf(badPair.body)).toContain('pairId');
      expect(await checkinTables(app.db)).toEqual(before);
    });

    it('text of exactly 500 characters is accepted', async () => {
      const item = await create(world.pair, { text: 'y'.repeat(500), ownerId: world.mentee });
      expect(item.text).toHaveLength(500);
    });
  });

  describe('listing a pair', () => {
    it('shows open items by default: overdue first, then by due date with undated last, then oldest first', async () => {
      const { pair, mentee } = await freshPair();
      const add = (text: string, extra: { dueOn?: string | null; doneAt?: string | null; createdAt?: string }) =>
        insertActionItem(app.db, { pairId: pair, ownerId: mentee, text, ...extra });
      await add('undated, older', { createdAt: '2026-05-01T00:00:00.000Z' });
      await add('due later', { dueOn: '2026-07-01' });
      await add('undated, newer', { createdAt: '2026-05-02T00:00:00.000Z' });
      await add('overdue a lot', { dueOn: '2026-05-01' });
      await add('due today', { dueOn: '2026-06-10' });
      await add('overdue a little', { dueOn: '2026-06-09' });
      await add('done long ago', { dueOn: '2026-05-01', doneAt: '2026-05-02T00:00:00.000Z' });
      await add('done recently', { dueOn: '2026-06-01', doneAt: '2026-06-05T00:00:00.000Z' });

      const open = await list(pair);
      expect(open.map((i) => i.text)).toEqual(['overdue a lot', 'overdue a little', 'due today', 'due later', 'undated, older', 'undated, newer']);
      expect(open.map((i) => i.overdue)).toEqual([true, true, false, false, false, false]);
      expect(await list(pair, '?status=open')).toEqual(open);

      const done = await list(pair, '?status=done');
      expect(done.map((i) => i.text)).toEqual(['done recently', 'done long ago']);
      expect(done.every((i) => i.done && !i.overdue && i.doneAt !== null)).toBe(true);

      const all = await list(pair, '?status=all');
      expect(all.map((i) => i.text)).toEqual([...open.map((i) => i.text), 'done recently', 'done long ago']);
    });

    it("shows only this pair's items, to both members", async () => {
      const { pair, mentee } = await freshPair();
      await insertActionItem(app.db, { pairId: pair, ownerId: mentee, text: 'mine' });
      await insertActionItem(app.db, { pairId: world.otherPair, ownerId: world.otherMentee, text: 'not this pair' });
      const asMentor = await list(pair, '', EMAILS.mentor);
      expect(asMentor.map((i) => i.text)).toEqual(['mine']);
    });

    it('overdue follows the clock: an item becomes overdue the day after it was due', async () => {
      const { pair, mentee, email } = await freshPair();
      await insertActionItem(app.db, { pairId: pair, ownerId: mentee, text: 'due Friday', dueOn: '2026-06-12' });
      app.clock.set('2026-06-12T23:59:00.000Z');
      expect((await list(pair, '', email))[0]?.overdue).toBe(false);
      app.clock.set('2026-06-13T00:00:00.000Z');
      expect((await list(pair, '', email))[0]?.overdue).toBe(true);
    });

    it('an unknown status is refused naming status', async () => {
      const res = await call(EMAILS.mentee, 'get', `/api/pairs/${world.pair}/action-items?status=late`);
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toContain('status');
    });
  });

  describe('changing', () => {
    it('ticking an item done records when; ticking it again keeps that time; unticking clears it', async () => {
      const item = await create(world.pair, { text: 'Draft the talk outline', ownerId: world.mentee, dueOn: '2026-06-01' });
      expect(item.overdue).toBe(true);
      app.clock.set('2026-06-10T15:00:00.000Z');
      const done = await call(EMAILS.mentee, 'patch', `/api/action-items/${item.id}`, { done: true });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ done: true, doneAt: '2026-06-10T15:00:00.000Z', overdue: false });
      expect((await pairActivity(app.db, world.pair)).lastActivityAt).toBe('2026-06-10T15:00:00.000Z');

      app.clock.set('2026-06-10T16:00:00.000Z');
      const again = await call(EMAILS.mentor, 'patch', `/api/action-items/${item.id}`, { done: true });
      expect(again.body).toMatchObject({ done: true, doneAt: '2026-06-10T15:00:00.000Z' });

      const undone = await call(EMAILS.mentor, 'patch', `/api/action-items/${item.id}`, { done: false });
      expect(undone.body).toMatchObject({ done: false, doneAt: null, overdue: true });
    });

    it('either member rewords, reassigns and re-dates an item', async () => {
      const item = await create(world.pair, { text: 'Ask about the reorg', ownerId: world.mentee, dueOn: '2026-06-30' });
      const res = await call(EMAILS.mentor, 'patch', `/api/action-items/${item.id}`, { text: ' Ask Sam about the reorg ', ownerId: world.mentor, dueOn: null });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...item, text: 'Ask Sam about the reorg', owner: { id: world.mentor, displayName: 'Ana Mentor', jobTitle: 'Staff Engineer', department: 'Engineering' }, dueOn: null });
    });

    it('invalid changes are named and change nothing', async () => {
      const item = await create(world.pair, { text: 'Read the career ladder', ownerId: world.mentee });
      const before = await checkinTables(app.db);
      const cases: [object, string][] = [
        [{}, 'body'],
        [{ ownerId: world.outsider }, 'ownerId'],
        [{ ownerId: world.otherMentee }, 'ownerId'],
        [{ text: '' }, 'text'],
        [{ done: 'yes' }, 'done'],
        [{ dueOn: '10/06/2026' }, 'dueOn'],
      ];
      for (const [body, field] of cases) {
        const res = await call(EMAILS.mentee, 'patch', `/api/action-items/${item.id}`, body);
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toContain(field);
      }
      const badId = await call(EMAILS.mentee, 'patch', '/api/action-items/42', { done: true });
      expect(badId.status).toBe(400);
      expect(fieldsOf(badId.body)).toContain('id');
      expect(await checkinTables(app.db)).toEqual(before);
    });
  });

  describe('deleting', () => {
    it('removes the item for good and answers 204; a second delete finds nothing', async () => {
      const item = await create(world.pair, { text: 'Temporary', ownerId: world.mentee });
      app.clock.set('2026-06-10T17:00:00.000Z');
      const res = await call(EMAILS.mentor, 'delete', `/api/action-items/${item.id}`);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect(await app.db.kysely.selectFrom('actionItems').select('id').where('id', '=', item.id).executeTakeFirst()).toBeUndefined();
      expect((await pairActivity(app.db, world.pair)).lastActivityAt).toBe('2026-06-10T17:00:00.000Z');
      const again = await call(EMAILS.mentor, 'delete', `/api/action-items/${item.id}`);
      expect(again.status).toBe(404);
      expect((await call(EMAILS.mentor, 'patch', `/api/action-items/${item.id}`, { done: true })).status).toBe(404);
    });
  });

  describe('who may', () => {
    it('outsiders, members of another pair and admins get 404 everywhere, and nothing changes', async () => {
      const item = await create(world.pair, { text: 'Members only', ownerId: world.mentee });
      const before = await checkinTables(app.db);
      for (const email of [EMAILS.outsider, EMAILS.otherMentee, EMAILS.admin]) {
        const attempts = [
          await call(email, 'get', `/api/pairs/${world.pair}/action-items`),
          await call(email, 'post', `/api/pairs/${world.pair}/action-items`, { text: 'x', ownerId: world.mentee }),
          await call(email, 'patch', `/api/action-items/${item.id}`, { done: true }),
          await call(email, 'delete', `/api/action-items/${item.id}`),
        ];
        for (const res of attempts) {
          expect(res.status).toBe(404);
          expect(JSON.stringify(res.body)).not.toContain('Members only');
        }
      }
      expect(await checkinTables(app.db)).toEqual(before);
    });

    it('unknown pairs and items are 404, and signing in is required', async () => {
      const ghost = '0190a5c4-0000-7000-8000-000000000001';
      expect((await call(EMAILS.mentee, 'get', `/api/pairs/${ghost}/action-items`)).status).toBe(404);
      expect((await call(EMAILS.mentee, 'patch', `/api/action-items/${ghost}`, { done: true })).status).toBe(404);
      expect((await call(EMAILS.mentee, 'delete', `/api/action-items/${ghost}`)).status).toBe(404);
      const anonymous = await request(app.http).get('/api/me/action-items');
      expect(anonymous.status).toBe(401);
    });

    it("a closed pair's items can be read but not added, changed or deleted (409), and nothing changes", async () => {
      const { pair, mentee, email } = await freshPair();
      const item = await create(pair, { text: 'Before the end', ownerId: mentee }, email);
      await setPairStatus(app.db, pair, 'completed');
      const before = await checkinTables(app.db);
      const attempts = [
        await call(email, 'post', `/api/pairs/${pair}/action-items`, { text: 'After the end', ownerId: mentee }),
        await call(email, 'patch', `/api/action-items/${item.id}`, { done: true }),
        await call(EMAILS.mentor, 'delete', `/api/action-items/${item.id}`),
      ];
      for (const res of attempts) {
        expect(res.status).toBe(409);
        expect(res.body.detail).toMatch(/closed/);
      }
      expect(await checkinTables(app.db)).toEqual(before);
      expect((await list(pair, '', email)).map((i) => i.text)).toEqual(['Before the end']);
    });

    it("a closed pair's unfinished items are not reported as overdue", async () => {
      const { pair, mentee, email } = await freshPair();
      await create(pair, { text: 'Was due long ago', ownerId: mentee, dueOn: '2026-01-05' }, email);
      expect((await list(pair, '', email))[0]).toMatchObject({ text: 'Was due long ago', overdue: true });
      await setPairStatus(app.db, pair, 'ended');
      expect((await list(pair, '', email))[0]).toMatchObject({ text: 'Was due long ago', done: false, overdue: false });
    });

    it('a paused pair can still keep its action items', async () => {
      const { pair, mentee, email } = await freshPair('paused');
      const item = await create(pair, { text: 'Pick up after the break', ownerId: mentee }, email);
      expect((await call(email, 'patch', `/api/action-items/${item.id}`, { done: true })).status).toBe(200);
    });
  });

  describe('my action items', () => {
    it('lists what I own across my active and paused pairs: open, overdue first, then by due date (undated last), then oldest', async () => {
      // The mentor of every pair in this file, at a moment of their own: items are inserted directly.
      const active = await freshPair();
      const paused = await freshPair('paused');
      const ended = await freshPair('ended');
      const me = world.mentor;
      const mine = (pairId: string, text: string, extra: { dueOn?: string; doneAt?: string; createdAt?: string } = {}) =>
        insertActionItem(app.db, { pairId, ownerId: me, text: `me: ${text}`, ...extra });
      await mine(active.pair, 'undated newer', { createdAt: '2026-05-03T00:00:00.000Z' });
      await mine(paused.pair, 'due next month', { dueOn: '2026-07-10' });
      await mine(active.pair, 'overdue', { dueOn: '2026-06-01' });
      await mine(paused.pair, 'undated older', { createdAt: '2026-05-01T00:00:00.000Z' });
      await mine(active.pair, 'done', { dueOn: '2026-06-01', doneAt: '2026-06-02T00:00:00.000Z' });
      await mine(ended.pair, 'in an ended pair', { dueOn: '2026-05-01' });
      await insertActionItem(app.db, { pairId: active.pair, ownerId: active.mentee, text: 'me: owned by the mentee', dueOn: '2026-05-01' });

      const res = await call(EMAILS.mentor, 'get', '/api/me/action-items');
      expect(res.status).toBe(200);
      const ours = (res.body as ActionItemBody[]).filter((i) => i.text.startsWith('me: '));
      expect(ours.map((i) => i.text)).toEqual(['me: overdue', 'me: due next month', 'me: undated older', 'me: undated newer']);
      expect(ours[0]).toMatchObject({ overdue: true, pairId: active.pair, owner: { id: me, displayName: 'Ana Mentor' } });
      expect((res.body as ActionItemBody[]).every((i) => i.owner.id === me && !i.done)).toBe(true);
      const explicit = await call(EMAILS.mentor, 'get', '/api/me/action-items?status=open');
      expect(explicit.body).toEqual(res.body);
    });

    it('someone without pairs, an admin included, gets an empty list', async () => {
      for (const email of [EMAILS.outsider, EMAILS.admin]) {
        const res = await call(email, 'get', '/api/me/action-items');
        expect(res.status).toBe(200);
        expect(res.body).toEqual([]);
      }
    });
  });

  it('the endpoints are documented for signed-in users', () => {
    const paths = app.openApiDocument.paths as Record<string, Record<string, { 'x-access'?: string; responses?: Record<string, unknown> }>>;
    expect(paths['/api/pairs/{pairId}/action-items']?.get?.['x-access']).toBe('user');
    expect(paths['/api/pairs/{pairId}/action-items']?.post?.responses?.['201']).toBeDefined();
    expect(Object.keys(paths['/api/action-items/{id}'] ?? {}).sort()).toEqual(['delete', 'patch']);
    expect(paths['/api/action-items/{id}']?.delete?.responses?.['204']).toBeDefined();
    expect(paths['/api/me/action-items']?.get?.['x-access']).toBe('user');
  });
});
