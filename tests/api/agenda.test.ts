import request from 'supertest';
import { createTestApp, type TestApp } from '../support/app';
import {
  caller,
  checkinWorld,
  EMAILS,
  extraPair,
  fieldsOf,
  insertActionItem,
  insertGoal,
  insertMeetings,
  type CheckinWorld,
} from '../support/checkin-fixtures';

const NOW = '2026-06-10T12:00:00.000Z';

const CONVERSATION_TOPICS = [
  'understanding-company-culture',
  'pursuing-promotions',
  'navigating-office-politics',
  'coping-with-setbacks',
  'public-speaking',
  'networking',
];

interface Topic {
  key: string;
  title: string;
  prompts: string[];
}

describe('check-in agendas', () => {
  let app: TestApp;
  let world: CheckinWorld;
  let call: ReturnType<typeof caller>;
  let meeting: string;

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    call = caller(app);
    world = await checkinWorld(app.db);
    meeting = (await insertMeetings(app.db, world.pair, world.mentor, [{ startAt: '2026-06-17T09:00:00.000Z' }])).meetingIds[0]!;
  });
  afterAll(() => app.close());

  describe('topics', () => {
    it('offers the six conversation topics plus reviewing action items and goal progress, each with a few prompts', async () => {
      const res = await call(EMAILS.mentee, 'get', '/api/agenda-topics');
      expect(res.status).toBe(200);
      const topics = res.body as Topic[];
      expect(topics.map((t) => t.key)).toEqual([...CONVERSATION_TOPICS, 'review-action-items', 'goal-progress']);
      expect(Object.fromEntries(topics.map((t) => [t.key, t.title]))).toEqual({
        'understanding-company-culture': 'Understanding company culture',
        'pursuing-promotions': 'Pursuing promotions',
        'navigating-office-politics': 'Navigating office politics',
        'coping-with-setbacks': 'Coping with setbacks',
        'public-speaking': 'Public speaking',
        networking: 'Networking',
        'review-action-items': 'Review action items',
        'goal-progress': 'Goal progress',
      });
      for (const topic of topics) {
        expect(topic.prompts.length).toBeGreaterThanOrEqual(2);
        expect(topic.prompts.length).toBeLessThanOrEqual(4);
        for (const prompt of topic.prompts) expect(prompt.length).toBeLessThanOrEqual(100);
      }
    });

    it('are the same for everyone signed in (they contain nothing anyone wrote), and need a sign-in', async () => {
      const mine = await call(EMAILS.mentee, 'get', '/api/agenda-topics');
      const admin = await call(EMAILS.admin, 'get', '/api/agenda-topics');
      expect(admin.status).toBe(200);
      expect(admin.body).toEqual(mine.body);
      expect((await request(app.http).get('/api/agenda-topics')).status).toBe(401);
    });
  });

  describe('suggestions for a check-in', () => {
    it("carry the pair's open action items (overdue first) and goals in progress, with the review topics leading", async () => {
      const add = (text: string, extra: { dueOn?: string; doneAt?: string; ownerId?: string } = {}) =>
        insertActionItem(app.db, { pairId: world.pair, ownerId: world.mentee, text, ...extra });
      await add('undated');
      await add('due next week', { dueOn: '2026-06-17', ownerId: world.mentor });
      await add('overdue', { dueOn: '2026-06-01' });
      await add('already done', { dueOn: '2026-06-01', doneAt: '2026-06-02T00:00:00.000Z' });
      await insertActionItem(app.db, { pairId: world.otherPair, ownerId: world.otherMentee, text: 'another pair' });
      await insertGoal(app.db, world.pair, world.mentee, { title: 'Speak at the all-hands', status: 'in-progress', progress: 40, targetDate: '2026-09-01' });
      await insertGoal(app.db, world.pair, world.mentee, { title: 'Grow my network', status: 'in-progress', progress: 10, targetDate: '2026-07-01' });
      await insertGoal(app.db, world.pair, world.mentee, { title: 'Someday', status: 'in-progress', progress: 0 });
      await insertGoal(app.db, world.pair, world.mentee, { title: 'Not begun', status: 'not-started' });
      await insertGoal(app.db, world.pair, world.mentee, { title: 'Finished', status: 'done', progress: 100 });
      await insertGoal(app.db, world.pair, world.mentee, { title: 'Deleted', status: 'in-progress', deleted: true });
      await insertGoal(app.db, world.otherPair, world.otherMentee, { title: 'Not ours', status: 'in-progress' });

      const res = await call(EMAILS.mentee, 'get', `/api/meetings/${meeting}/agenda-suggestions`);
      expect(res.status).toBe(200);
      expect(res.body.topics.map((t: Topic) => t.key)).toEqual(['review-action-items', 'goal-progress', ...CONVERSATION_TOPICS]);
      expect(res.body.topics[0].prompts.length).toBeGreaterThanOrEqual(2);
      expect(res.body.openActionItems.map((i: { text: string }) => i.text)).toEqual(['overdue', 'due next week', 'undated']);
      expect(res.body.openActionItems[0]).toMatchObject({ pairId: world.pair, overdue: true, done: false, owner: { id: world.mentee, displayName: 'Ben Mentee' } });
      expect(res.body.openActionItems[1]).toMatchObject({ overdue: false, owner: { id: world.mentor } });
      expect(res.body.goalsInProgress).toEqual([
        { id: expect.any(String), title: 'Grow my network', progress: 10 },
        { id: expect.any(String), title: 'Speak at the all-hands', progress: 40 },
        { id: expect.any(String), title: 'Someday', progress: 0 },
      ]);

      const partner = await call(EMAILS.mentor, 'get', `/api/meetings/${meeting}/agenda-suggestions`);
      expect(partner.status).toBe(200);
      expect(partner.body).toEqual(res.body);
    });

    it('leave the review topics out when there is nothing to review', async () => {
      const quiet = await extraPair(app.db, world.program, world.mentor, 'quiet@contoso.example');
      const [quietMeeting] = (await insertMeetings(app.db, quiet.pair, world.mentor, [{ startAt: '2026-06-18T09:00:00.000Z' }])).meetingIds;
      await insertActionItem(app.db, { pairId: quiet.pair, ownerId: quiet.mentee, text: 'done already', doneAt: '2026-06-01T00:00:00.000Z' });
      await insertGoal(app.db, quiet.pair, quiet.mentee, { title: 'Not begun', status: 'not-started' });
      const res = await call(quiet.email, 'get', `/api/meetings/${quietMeeting}/agenda-suggestions`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ topics: expect.any(Array), openActionItems: [], goalsInProgress: [] });
      expect(res.body.topics.map((t: Topic) => t.key)).toEqual(CONVERSATION_TOPICS);
    });

    it('are for members only: outsiders, members of another pair and admins get 404 that reveals nothing', async () => {
      await insertActionItem(app.db, { pairId: world.pair, ownerId: world.mentee, text: 'Confidential follow-up' });
      for (const email of [EMAILS.outsider, EMAILS.otherMentee, EMAILS.admin]) {
        const res = await call(email, 'get', `/api/meetings/${meeting}/agenda-suggestions`);
        expect(res.status).toBe(404);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.detail).toBe('This check-in was not found.');
        expect(JSON.stringify(res.body)).not.toContain('Confidential');
      }
      const unknown = await call(EMAILS.mentee, 'get', '/api/meetings/0190a5c4-0000-7000-8000-000000000000/agenda-suggestions');
      expect(unknown.status).toBe(404);
      expect(unknown.body.detail).toBe('This check-in was not found.');
    });

    it('a malformed meeting id is refused naming meetingId', async () => {
      const res = await call(EMAILS.mentee, 'get', '/api/meetings/next/agenda-suggestions');
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toContain('meetingId');
    });

    it("stay readable after the pair has closed (a record of what was open), and don't change anything", async () => {
      const closed = await extraPair(app.db, world.program, world.mentor, 'closed@contoso.example', 'completed');
      const [closedMeeting] = (await insertMeetings(app.db, closed.pair, world.mentor, [{ startAt: '2026-05-18T09:00:00.000Z', status: 'held' }])).meetingIds;
      await insertActionItem(app.db, { pairId: closed.pair, ownerId: closed.mentee, text: 'left open' });
      const before = await app.db.kysely.selectFrom('pairs').selectAll().where('id', '=', closed.pair).executeTakeFirstOrThrow();
      const res = await call(closed.email, 'get', `/api/meetings/${closedMeeting}/agenda-suggestions`);
      expect(res.status).toBe(200);
      expect(res.body.openActionItems.map((i: { text: string }) => i.text)).toEqual(['left open']);
      expect(await app.db.kysely.selectFrom('pairs').selectAll().where('id', '=', closed.pair).executeTakeFirstOrThrow()).toEqual(before);
    });
  });

  it('the endpoints are documented for signed-in users', () => {
    const paths = app.openApiDocument.paths as Record<string, Record<string, { 'x-access'?: string }>>;
    expect(paths['/api/agenda-topics']?.get?.['x-access']).toBe('user');
    expect(paths['/api/meetings/{meetingId}/agenda-suggestions']?.get?.['x-access']).toBe('user');
  });
});
