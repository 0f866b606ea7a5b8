import request from 'supertest';
import { createTestApp, type TestApp } from '../support/app';
import { fixtures } from '../support/fixtures';
import { EMAILS, goalTables, goalWorld, insertGoal, insertUpdates, pairActivity, setPairStatus, type GoalWorld } from '../support/goal-fixtures';

type Method = 'get' | 'post' | 'patch' | 'delete';

interface GoalBody {
  id: string;
  pairId: string;
  title: string;
  status: string;
  progress: number;
  progressSource: string;
  overdue: boolean;
  targetDate: string | null;
  steps: { id: string; position: number; text: string; done: boolean; doneAt: string | null }[];
  updates: { id: string; kind: string; note: string; progress: number | null; author: { id: string; displayName: string }; createdAt: string }[];
  templateKey: string | null;
  completedAt: string | null;
  deletedAt: string | null;
}

const NOW = '2026-06-10T12:00:00.000Z';

describe('goals: the skill development plan', () => {
  let app: TestApp;
  let world: GoalWorld;
  const tokens = new Map<string, string>();
  let pairCount = 0;

  const call = async (email: string, method: Method, path: string, body?: object) => {
    // Tokens expire, and tests move the clock: reuse one only at the moment it was issued.
    const key = `${email} ${app.clock.now().toISOString()}`;
    let token = tokens.get(key);
    if (!token) {
      token = await app.tokenFor(email);
      tokens.set(key, token);
    }
    const req = request(app.http)[method](path).set('Authorization', `Bearer ${token}`);
    return body === undefined ? req : req.send(body);
  };
  const asMentee = (method: Method, path: string, body?: object) => call(EMAILS.mentee, method, path, body);

  /** A pair of its own for a test that counts goals, so other tests' goals don't interfere. */
  const freshPair = async () => {
    pairCount += 1;
    const email = `mentee${pairCount}@contoso.example`;
    const f = fixtures(app.db);
    const mentee = await f.person(email, { displayName: `Mentee ${pairCount}` });
    await f.enrol(world.program, mentee, 'mentee');
    return { pairId: await f.pair(world.program, world.mentor, mentee), email, menteeId: mentee };
  };

  const newGoal = (overrides: object = {}) => ({
    title: 'Grow my network',
    skill: 'Networking',
    actionSteps: ['Go to a meetup', 'Ask for an introduction'],
    mentorRole: 'Makes introductions',
    ...overrides,
  });

  const createGoal = async (pairId: string, overrides: object = {}, email: string = EMAILS.mentee): Promise<GoalBody> => {
    const res = await call(email, 'post', `/api/pairs/${pairId}/goals`, newGoal(overrides));
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    world = await goalWorld(app.db);
  });
  beforeEach(() => app.clock.set(NOW));
  afterAll(() => app.close());

  describe('templates', () => {
    it('offers public speaking, project management and networking with their usual timelines', async () => {
      const res = await asMentee('get', '/api/goal-templates');
      expect(res.status).toBe(200);
      const byKey = Object.fromEntries(res.body.map((t: { key: string }) => [t.key, t]));
      expect(byKey['public-speaking']).toMatchObject({ skill: 'Public speaking', durationMonths: 3 });
      expect(byKey['project-management']).toMatchObject({ skill: 'Project management', durationMonths: 6 });
      expect(byKey['networking']).toMatchObject({ skill: 'Networking', durationMonths: 2 });
      expect(byKey['public-speaking'].actionSteps.join(' ')).toMatch(/Toastmasters/);
      expect(res.body.length).toBeGreaterThanOrEqual(5);
      for (const t of res.body) {
        expect(Object.keys(t).sort()).toEqual(['actionSteps', 'durationMonths', 'key', 'mentorRole', 'skill', 'title']);
        expect(t.actionSteps.length).toBeGreaterThan(0);
      }
    });

    it('needs a signed-in user', async () => {
      const res = await request(app.http).get('/api/goal-templates');
      expect(res.status).toBe(401);
    });
  });

  describe('walking a goal from a template to done', () => {
    it('derives progress from steps, starts on the first step and completes when marked done', async () => {
      const { pairId, email } = await freshPair();
      const templates = (await call(email, 'get', '/api/goal-templates')).body as { key: string; title: string; skill: string; mentorRole: string }[];
      const speaking = templates.find((t) => t.key === 'public-speaking')!;

      // The client sends the template's fields, edited: two steps instead of the template's four.
      const created = await call(email, 'post', `/api/pairs/${pairId}/goals`, {
        title: speaking.title,
        skill: speaking.skill,
        mentorRole: speaking.mentorRole,
        actionSteps: ['Join Toastmasters', 'Present at the team meeting'],
        templateKey: 'public-speaking',
      });
      expect(created.status).toBe(201);
      const goal: GoalBody = created.body;
      expect(goal).toMatchObject({
        pairId,
        title: speaking.title,
        status: 'not-started',
        progress: 0,
        progressSource: 'steps',
        overdue: false,
        templateKey: 'public-speaking',
        targetDate: '2026-09-10',
        completedAt: null,
        deletedAt: null,
        updates: [],
      });
      expect(goal.steps.map((s) => [s.position, s.text, s.done, s.doneAt])).toEqual([
        [1, 'Join Toastmasters', false, null],
        [2, 'Present at the team meeting', false, null],
      ]);
      expect(await pairActivity(app.db, pairId)).toBe(NOW);

      app.clock.set('2026-06-20T09:00:00.000Z');
      const first = await call(email, 'patch', `/api/goals/${goal.id}/steps/${goal.steps[0]!.id}`, { done: true });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ progress: 50, status: 'in-progress', progressSource: 'steps', completedAt: null });
      expect(first.body.steps[0]).toMatchObject({ done: true, doneAt: '2026-06-20T09:00:00.000Z' });
      expect(await pairActivity(app.db, pairId)).toBe('2026-06-20T09:00:00.000Z');

      // The mentor works on the same plan.
      app.clock.set('2026-07-01T09:00:00.000Z');
      const second = await call(EMAILS.mentor, 'patch', `/api/goals/${goal.id}/steps/${goal.steps[1]!.id}`, { done: true });
      expect(second.body).toMatchObject({ progress: 100, status: 'in-progress', completedAt: null });

      app.clock.set('2026-07-02T09:00:00.000Z');
      const done = await call(email, 'patch', `/api/goals/${goal.id}`, { status: 'done' });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: 'done', progress: 100, completedAt: '2026-07-02T09:00:00.000Z' });

      // Reopening clears completedAt and progress follows the steps again.
      const reopened = await call(email, 'patch', `/api/goals/${goal.id}/steps/${goal.steps[1]!.id}`, { done: false });
      expect(reopened.body).toMatchObject({ status: 'done', progress: 100, completedAt: '2026-07-02T09:00:00.000Z' });
      const back = await call(email, 'patch', `/api/goals/${goal.id}`, { status: 'in-progress' });
      expect(back.body).toMatchObject({ status: 'in-progress', progress: 50, completedAt: null });
    });

    it('keeps a target date the client chose, or none when it sends null', async () => {
      const { pairId, email } = await freshPair();
      const chosen = await createGoal(pairId, { templateKey: 'networking', targetDate: '2026-12-01' }, email);
      expect(chosen.targetDate).toBe('2026-12-01');
      const none = await createGoal(pairId, { templateKey: 'networking', targetDate: null }, email);
      expect(none.targetDate).toBeNull();
      const defaulted = await createGoal(pairId, { templateKey: 'networking' }, email);
      expect(defaulted.targetDate).toBe('2026-08-10');
      const scratch = await createGoal(pairId, {}, email);
      expect(scratch).toMatchObject({ targetDate: null, templateKey: null });
    });

    it('a goal created as done starts at 100% with completedAt', async () => {
      const goal = await createGoal(world.pair, { status: 'done' });
      expect(goal).toMatchObject({ status: 'done', progress: 100, completedAt: NOW });
    });
  });

  describe('progress', () => {
    it('progress set by hand wins over steps until it is handed back with null', async () => {
      const goal = await createGoal(world.pair, { actionSteps: ['a', 'b', 'c', 'd'] });
      const manual = await asMentee('patch', `/api/goals/${goal.id}`, { progress: 30 });
      expect(manual.status).toBe(200);
      expect(manual.body).toMatchObject({ progress: 30, progressSource: 'manual', status: 'in-progress' });

      const stepped = await asMentee('patch', `/api/goals/${goal.id}/steps/${goal.steps[0]!.id}`, { done: true });
      expect(stepped.body).toMatchObject({ progress: 30, progressSource: 'manual' });

      const derived = await asMentee('patch', `/api/goals/${goal.id}`, { progress: null });
      expect(derived.body).toMatchObject({ progress: 25, progressSource: 'steps' });
    });

    it('adding a step appends it and re-derives progress', async () => {
      const goal = await createGoal(world.pair, { actionSteps: ['one'] });
      await asMentee('patch', `/api/goals/${goal.id}/steps/${goal.steps[0]!.id}`, { done: true });
      const res = await asMentee('post', `/api/goals/${goal.id}/steps`, { text: '  two  ' });
      expect(res.status).toBe(200);
      expect(res.body.steps.map((s: { position: number; text: string }) => [s.position, s.text])).toEqual([
        [1, 'one'],
        [2, 'two'],
      ]);
      expect(res.body.progress).toBe(50);
      const third = await asMentee('post', `/api/goals/${goal.id}/steps`, { text: 'three' });
      expect(third.body.progress).toBe(33);
    });

    it('a step can be reworded without changing whether it is done', async () => {
      const goal = await createGoal(world.pair);
      const res = await asMentee('patch', `/api/goals/${goal.id}/steps/${goal.steps[1]!.id}`, { text: 'Ask Ana for two introductions' });
      expect(res.body.steps[1]).toMatchObject({ text: 'Ask Ana for two introductions', done: false });
      expect(res.body).toMatchObject({ status: 'not-started', progress: 0 });
    });

    it('a goal without steps is at 0% until someone sets its progress', async () => {
      const goal = await createGoal(world.pair, { actionSteps: [] });
      expect(goal).toMatchObject({ progress: 0, progressSource: 'steps', steps: [] });
    });

    it('a done goal cannot be given less than 100%, and the refusal changes nothing', async () => {
      const goal = await createGoal(world.pair, { status: 'done' });
      const before = await goalTables(app.db);
      const res = await asMentee('patch', `/api/goals/${goal.id}`, { progress: 60 });
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/done/);
      expect(await goalTables(app.db)).toEqual(before);
    });

    it('a goal can have at most 20 steps', async () => {
      const goal = await createGoal(world.pair, { actionSteps: Array.from({ length: 20 }, (_, i) => `step ${i + 1}`) });
      const res = await asMentee('post', `/api/goals/${goal.id}/steps`, { text: 'one too many' });
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/20 steps/);
    });

    it('a step of another goal is not found', async () => {
      const a = await createGoal(world.pair);
      const b = await createGoal(world.pair);
      const res = await asMentee('patch', `/api/goals/${a.id}/steps/${b.steps[0]!.id}`, { done: true });
      expect(res.status).toBe(404);
    });
  });

  describe('overdue', () => {
    it('an open goal past its target date is overdue; done or dropped goals are not', async () => {
      const { pairId, email } = await freshPair();
      const past = await createGoal(pairId, { title: 'late', targetDate: '2026-06-09' }, email);
      const today = await createGoal(pairId, { title: 'today', targetDate: '2026-06-10' }, email);
      const finished = await createGoal(pairId, { title: 'finished', targetDate: '2026-05-01', status: 'done' }, email);
      const dropped = await createGoal(pairId, { title: 'dropped', targetDate: '2026-05-01', status: 'dropped' }, email);
      expect([past.overdue, today.overdue, finished.overdue, dropped.overdue]).toEqual([true, false, false, false]);

      app.clock.set('2026-06-11T08:00:00.000Z');
      const list = await call(email, 'get', `/api/pairs/${pairId}/goals`);
      expect(list.body.map((g: GoalBody) => [g.title, g.overdue])).toEqual([
        ['late', true],
        ['today', true],
        ['finished', false],
        ['dropped', false],
      ]);
    });
  });

  describe('updates', () => {
    it('a milestone is recorded with its author, newest first, and moves progress to the reported figure', async () => {
      const goal = await createGoal(world.pair, { actionSteps: ['a', 'b'] });
      app.clock.set('2026-06-11T10:00:00.000Z');
      const note = await call(EMAILS.mentor, 'post', `/api/goals/${goal.id}/updates`, { kind: 'progress', note: 'Good first meetup' });
      expect(note.status).toBe(201);
      expect(note.body).toMatchObject({ progress: 0, progressSource: 'steps' });

      app.clock.set('2026-06-12T10:00:00.000Z');
      const milestone = await asMentee('post', `/api/goals/${goal.id}/updates`, { kind: 'milestone', note: '  Gave my first talk!  ', progress: 60 });
      expect(milestone.status).toBe(201);
      expect(milestone.body).toMatchObject({ progress: 60, progressSource: 'manual', status: 'in-progress' });
      expect(milestone.body.updates).toEqual([
        {
          id: expect.any(String),
          kind: 'milestone',
          note: 'Gave my first talk!',
          progress: 60,
          author: { id: world.mentee, displayName: 'Ben Mentee', jobTitle: null, department: 'Sales' },
          createdAt: '2026-06-12T10:00:00.000Z',
        },
        {
          id: expect.any(String),
          kind: 'progress',
          note: 'Good first meetup',
          progress: null,
          author: { id: world.mentor, displayName: 'Ana Mentor', jobTitle: 'Staff Engineer', department: 'Engineering' },
          createdAt: '2026-06-11T10:00:00.000Z',
        },
      ]);
      expect(await pairActivity(app.db, world.pair)).toBe('2026-06-12T10:00:00.000Z');
    });

    it('each goal in a list shows only its own latest 20 updates', async () => {
      const { pairId, email, menteeId } = await freshPair();
      const busy = await insertGoal(app.db, pairId, menteeId, { title: 'busy', createdAt: '2026-02-01T00:00:00.000Z' });
      const quiet = await insertGoal(app.db, pairId, menteeId, { title: 'quiet', createdAt: '2026-02-02T00:00:00.000Z' });
      await insertUpdates(app.db, busy, menteeId, 25, '2026-03-01T00:00:00.000Z');
      await insertUpdates(app.db, quiet, world.mentor, 2, '2026-03-01T00:00:00.000Z');

      const res = await call(email, 'get', `/api/pairs/${pairId}/goals`);
      expect(res.status).toBe(200);
      const [b, q] = res.body as GoalBody[];
      expect(b!.updates.map((u) => u.note)).toEqual(Array.from({ length: 20 }, (_, i) => `note ${25 - i}`));
      expect(q!.updates.map((u) => [u.note, u.author.displayName])).toEqual([
        ['note 2', 'Ana Mentor'],
        ['note 1', 'Ana Mentor'],
      ]);
    });
  });

  describe('deleting and restoring', () => {
    it('a deleted goal leaves the list, shows with includeDeleted, and restore brings it back unchanged', async () => {
      const { pairId, email } = await freshPair();
      const keep = await createGoal(pairId, { title: 'keep' }, email);
      const goal = await createGoal(pairId, { title: 'oops' }, email);
      await call(email, 'patch', `/api/goals/${goal.id}/steps/${goal.steps[0]!.id}`, { done: true });

      app.clock.set('2026-06-15T10:00:00.000Z');
      const deleted = await call(email, 'delete', `/api/goals/${goal.id}`);
      expect(deleted.status).toBe(200);
      expect(deleted.body).toMatchObject({ id: goal.id, deletedAt: '2026-06-15T10:00:00.000Z', progress: 50 });

      const list = await call(email, 'get', `/api/pairs/${pairId}/goals`);
      expect(list.body.map((g: GoalBody) => g.id)).toEqual([keep.id]);
      const all = await call(email, 'get', `/api/pairs/${pairId}/goals?includeDeleted=true`);
      expect(all.body.map((g: GoalBody) => [g.id, g.deletedAt])).toEqual([
        [keep.id, null],
        [goal.id, '2026-06-15T10:00:00.000Z'],
      ]);
      const explicit = await call(email, 'get', `/api/pairs/${pairId}/goals?includeDeleted=false`);
      expect(explicit.body).toHaveLength(1);

      const restored = await call(email, 'post', `/api/goals/${goal.id}/restore`);
      expect(restored.status).toBe(200);
      expect(restored.body).toMatchObject({ id: goal.id, deletedAt: null, progress: 50, status: 'in-progress', title: 'oops' });
      expect(restored.body.steps[0].done).toBe(true);
      const after = await call(email, 'get', `/api/pairs/${pairId}/goals`);
      expect(after.body.map((g: GoalBody) => g.id)).toEqual([keep.id, goal.id]);
    });

    it('a deleted goal cannot be changed until restored, nor deleted twice', async () => {
      const goal = await createGoal(world.pair);
      await asMentee('delete', `/api/goals/${goal.id}`);
      const before = await goalTables(app.db);
      for (const [method, path, body] of [
        ['patch', `/api/goals/${goal.id}`, { title: 'new' }],
        ['post', `/api/goals/${goal.id}/steps`, { text: 'more' }],
        ['patch', `/api/goals/${goal.id}/steps/${goal.steps[0]!.id}`, { done: true }],
        ['post', `/api/goals/${goal.id}/updates`, { kind: 'progress', note: 'hi' }],
        ['delete', `/api/goals/${goal.id}`, undefined],
      ] as const) {
        const res = await asMentee(method, path, body);
        expect(res.status).toBe(409);
        expect(res.body.detail).toMatch(/deleted/);
      }
      expect(await goalTables(app.db)).toEqual(before);
    });

    it('restoring a goal that is not deleted is a conflict', async () => {
      const goal = await createGoal(world.pair);
      const res = await asMentee('post', `/api/goals/${goal.id}/restore`);
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/not deleted/);
    });
  });

  describe('who may see and change goals', () => {
    it('someone outside the pair gets 404 for the pair and its goals, exactly as for a goal that does not exist', async () => {
      const goal = await createGoal(world.pair, { title: 'Private ambition' });
      const before = await goalTables(app.db);
      const missing = await call(EMAILS.outsider, 'patch', `/api/goals/01937a7e-0000-7000-8000-000000000000`, { title: 'x' });
      expect(missing.status).toBe(404);
      for (const [method, path, body] of [
        ['get', `/api/pairs/${world.pair}/goals`, undefined],
        ['post', `/api/pairs/${world.pair}/goals`, newGoal()],
        ['patch', `/api/goals/${goal.id}`, { title: 'x' }],
        ['post', `/api/goals/${goal.id}/steps`, { text: 'x' }],
        ['patch', `/api/goals/${goal.id}/steps/${goal.steps[0]!.id}`, { done: true }],
        ['post', `/api/goals/${goal.id}/updates`, { kind: 'progress', note: 'x' }],
        ['delete', `/api/goals/${goal.id}`, undefined],
        ['post', `/api/goals/${goal.id}/restore`, undefined],
      ] as const) {
        const res = await call(EMAILS.outsider, method, path, body);
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.body)).not.toMatch(/Private ambition/);
        if (path.startsWith('/api/goals/')) expect(res.body.detail).toBe(missing.body.detail);
      }
      expect(await goalTables(app.db)).toEqual(before);
    });

    it('a member of another pair cannot reach goals outside it', async () => {
      const goal = await createGoal(world.pair);
      const res = await call(EMAILS.otherMentee, 'patch', `/api/goals/${goal.id}`, { title: 'mine now' });
      expect(res.status).toBe(404);
    });

    it('an admin who is not a member gets 404 and never the goal text', async () => {
      const goal = await createGoal(world.pair, { title: 'Secret career move' });
      const list = await call(EMAILS.admin, 'get', `/api/pairs/${world.pair}/goals`);
      expect(list.status).toBe(404);
      expect(JSON.stringify(list.body)).not.toMatch(/Secret career move/);
      const patch = await call(EMAILS.admin, 'patch', `/api/goals/${goal.id}`, { status: 'dropped' });
      expect(patch.status).toBe(404);
      const create = await call(EMAILS.admin, 'post', `/api/pairs/${world.pair}/goals`, newGoal());
      expect(create.status).toBe(404);
    });

    it('goals of a closed pair can be read but not changed', async () => {
      const { pairId, email } = await freshPair();
      const goal = await createGoal(pairId, { title: 'Finished business' }, email);
      await setPairStatus(app.db, pairId, 'completed');
      const before = await goalTables(app.db);

      const list = await call(email, 'get', `/api/pairs/${pairId}/goals`);
      expect(list.status).toBe(200);
      expect(list.body[0].title).toBe('Finished business');

      for (const [method, path, body] of [
        ['post', `/api/pairs/${pairId}/goals`, newGoal()],
        ['patch', `/api/goals/${goal.id}`, { status: 'done' }],
        ['post', `/api/goals/${goal.id}/steps`, { text: 'x' }],
        ['patch', `/api/goals/${goal.id}/steps/${goal.steps[0]!.id}`, { done: true }],
        ['post', `/api/goals/${goal.id}/updates`, { kind: 'milestone', note: 'x' }],
        ['delete', `/api/goals/${goal.id}`, undefined],
        ['post', `/api/goals/${goal.id}/restore`, undefined],
      ] as const) {
        const res = await call(email, method, path, body);
        expect(res.status).toBe(409);
        expect(res.body.detail).toMatch(/closed/);
      }
      expect(await goalTables(app.db)).toEqual(before);
    });

    it('goals of a paused pair can still be changed', async () => {
      const { pairId, email } = await freshPair();
      await setPairStatus(app.db, pairId, 'paused');
      const goal = await createGoal(pairId, {}, email);
      const res = await call(email, 'patch', `/api/goals/${goal.id}`, { title: 'Renamed while paused' });
      expect(res.status).toBe(200);
      expect(res.body.title).toBe('Renamed while paused');
    });
  });

  describe('validation', () => {
    const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

    it('a new goal names each invalid field and is not created', async () => {
      const before = await goalTables(app.db);
      const cases: [object, string][] = [
        [{ actionSteps: Array.from({ length: 21 }, (_, i) => `step ${i}`) }, 'actionSteps'],
        [{ title: '   ' }, 'title'],
        [{ title: 'x'.repeat(201) }, 'title'],
        [{ skill: '' }, 'skill'],
        [{ mentorRole: '' }, 'mentorRole'],
        [{ actionSteps: ['fine', ''] }, 'actionSteps.1'],
        [{ targetDate: '2026-02-30' }, 'targetDate'],
        [{ targetDate: '10/06/2026' }, 'targetDate'],
        [{ status: 'finished' }, 'status'],
        [{ templateKey: 'juggling' }, 'templateKey'],
      ];
      for (const [overrides, field] of cases) {
        const res = await asMentee('post', `/api/pairs/${world.pair}/goals`, newGoal(overrides));
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(fieldsOf(res.body)).toContain(field);
      }
      const missing = await asMentee('post', `/api/pairs/${world.pair}/goals`, {});
      expect(fieldsOf(missing.body)).toEqual(expect.arrayContaining(['title', 'skill', 'mentorRole']));
      expect(await goalTables(app.db)).toEqual(before);
    });

    it('changes, steps and updates name their invalid fields and change nothing', async () => {
      const goal = await createGoal(world.pair);
      const before = await goalTables(app.db);
      const cases: [Method, string, object, string][] = [
        ['patch', `/api/goals/${goal.id}`, { progress: 101 }, 'progress'],
        ['patch', `/api/goals/${goal.id}`, { progress: 12.5 }, 'progress'],
        ['patch', `/api/goals/${goal.id}`, { title: '' }, 'title'],
        ['patch', `/api/goals/${goal.id}`, { targetDate: 'soon' }, 'targetDate'],
        ['patch', `/api/goals/${goal.id}`, {}, 'body'],
        ['post', `/api/goals/${goal.id}/steps`, { text: 'x'.repeat(301) }, 'text'],
        ['patch', `/api/goals/${goal.id}/steps/${goal.steps[0]!.id}`, {}, 'body'],
        ['patch', `/api/goals/${goal.id}/steps/${goal.steps[0]!.id}`, { done: 'yes' }, 'done'],
        ['post', `/api/goals/${goal.id}/updates`, { kind: 'rant', note: 'x' }, 'kind'],
        ['post', `/api/goals/${goal.id}/updates`, { kind: 'progress', note: ' ' }, 'note'],
        ['post', `/api/goals/${goal.id}/updates`, { kind: 'progress', note: 'x', progress: -1 }, 'progress'],
      ];
      for (const [method, path, body, field] of cases) {
        const res = await asMentee(method, path, body);
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toContain(field);
      }
      const badId = await asMentee('patch', '/api/goals/not-an-id', { title: 'x' });
      expect(badId.status).toBe(400);
      expect(fieldsOf(badId.body)).toContain('goalId');
      const badQuery = await asMentee('get', `/api/pairs/${world.pair}/goals?includeDeleted=maybe`);
      expect(badQuery.status).toBe(400);
      expect(fieldsOf(badQuery.body)).toContain('includeDeleted');
      expect(await goalTables(app.db)).toEqual(before);
    });
  });

  it('the endpoints are documented for signed-in users', () => {
    const paths = app.openApiDocument.paths ?? {};
    expect(paths['/api/goal-templates']?.get).toMatchObject({ 'x-access': 'user' });
    expect(paths['/api/pairs/{pairId}/goals']?.post).toMatchObject({ 'x-access': 'user' });
    expect(Object.keys(paths['/api/goals/{goalId}'] ?? {}).sort()).toEqual(['delete', 'patch']);
    expect(paths['/api/goals/{goalId}/steps/{stepId}']?.patch).toBeDefined();
    expect(paths['/api/goals/{goalId}/restore']?.post).toBeDefined();
    expect(paths['/api/goals/{goalId}/updates']?.post?.responses?.['201']).toBeDefined();
  });
});
