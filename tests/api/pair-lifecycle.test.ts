import { createTestApp, type TestApp } from '../support/app';
import { fixtures } from '../support/fixtures';
import { ADMIN, caller, pairFixtures, pairScenario } from '../support/pair-fixtures';

const NOW = '2026-06-10T12:00:00.000Z';
const LATER = '2026-06-12T08:00:00.000Z';
const T = '2026-01-01T00:00:00.000Z';

const survey = (over: Record<string, unknown> = {}) => ({
  satisfaction: 4,
  recommend: 9,
  skillsGained: true,
  newContacts: false,
  promotion: true,
  confidence: 5,
  comment: 'Ana helped me find my voice.',
  ...over,
});

describe('the pair lifecycle', () => {
  let app: TestApp;
  let api: ReturnType<typeof caller>;
  let p: ReturnType<typeof pairFixtures>;

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    api = caller(app);
    p = pairFixtures(app);
  });
  beforeEach(() => app.clock.set(NOW));
  afterAll(() => app.close());

  it('a member pauses an active pair and their partner resumes it', async () => {
    const s = await pairScenario(app);
    const paused = await api.post(s.mentee, `/api/pairs/${s.pairId}/pause`);
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ viewer: 'mentee', id: s.pairId, status: 'paused', pausedAt: NOW, endedAt: null });

    app.clock.set(LATER);
    const resumed = await api.post(s.mentor, `/api/pairs/${s.pairId}/resume`);
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ viewer: 'mentor', status: 'active', pausedAt: null });
    expect(await p.pair(s.pairId)).toMatchObject({ status: 'active', pausedAt: null, lastActivityAt: LATER, updatedAt: LATER });
    expect((await p.auditLog(s.pairId)).map((a) => a.action)).toEqual(['pair.pause', 'pair.resume']);
  });

  it('pausing a paused pair or resuming an active one is a 409 that changes nothing', async () => {
    const s = await pairScenario(app);
    const resume = await api.post(s.mentee, `/api/pairs/${s.pairId}/resume`);
    expect(resume.status).toBe(409);
    expect(resume.body.detail).toMatch(/isn't paused/);
    await api.post(s.mentee, `/api/pairs/${s.pairId}/pause`);
    app.clock.set(LATER);
    const pause = await api.post(s.mentor, `/api/pairs/${s.pairId}/pause`);
    expect(pause.status).toBe(409);
    expect(pause.body.detail).toMatch(/already paused/);
    expect(await p.pair(s.pairId)).toMatchObject({ status: 'paused', pausedAt: NOW, lastActivityAt: NOW });
  });

  it("completing cancels the pair's future scheduled meetings and leaves the rest alone", async () => {
    const s = await pairScenario(app);
    await fixtures(app.db).meetings(s.pairId, s.mentorId, [
      { startAt: '2026-05-27T09:00:00.000Z', status: 'held' },
      { startAt: '2026-06-03T09:00:00.000Z', status: 'scheduled' },
      { startAt: '2026-06-17T09:00:00.000Z', status: 'scheduled' },
      { startAt: '2026-06-24T09:00:00.000Z', status: 'cancelled' },
      { startAt: '2026-07-01T09:00:00.000Z', status: 'scheduled' },
    ]);
    const res = await api.post(s.mentor, `/api/pairs/${s.pairId}/complete`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'completed', endedAt: NOW, endReason: null, nextMeeting: null, survey: { required: true, submitted: false } });
    expect((await p.meetings(s.pairId)).map((m) => m.status)).toEqual(['held', 'scheduled', 'cancelled', 'cancelled', 'cancelled']);
  });

  it('ending a paused pair records the reason and cancels its future meetings', async () => {
    const s = await pairScenario(app);
    await fixtures(app.db).meetings(s.pairId, s.mentorId, [{ startAt: '2026-06-17T09:00:00.000Z', status: 'scheduled' }]);
    await api.post(s.mentee, `/api/pairs/${s.pairId}/pause`);
    app.clock.set(LATER);
    const res = await api.post(s.mentee, `/api/pairs/${s.pairId}/end`, { reason: 'lack-of-time', note: '  Too much travel this quarter. ' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ended', endedAt: LATER, endReason: 'lack-of-time' });
    expect(await p.meetings(s.pairId)).toEqual([{ startAt: '2026-06-17T09:00:00.000Z', status: 'cancelled' }]);
    const audit = await p.auditLog(s.pairId);
    expect(JSON.parse(audit[1]!.detail!)).toEqual({ reason: 'lack-of-time', note: 'Too much travel this quarter.' });
  });

  it('a closed pair cannot be paused, resumed, completed or ended again', async () => {
    const s = await pairScenario(app);
    await api.post(s.mentor, `/api/pairs/${s.pairId}/complete`);
    app.clock.set(LATER);
    for (const action of ['pause', 'resume', 'complete']) {
      const res = await api.post(s.mentee, `/api/pairs/${s.pairId}/${action}`);
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/already been completed/);
    }
    const end = await api.post(s.mentee, `/api/pairs/${s.pairId}/end`, { reason: 'other' });
    expect(end.status).toBe(409);
    expect(await p.pair(s.pairId)).toMatchObject({ status: 'completed', endedAt: NOW, endReason: null, lastActivityAt: NOW });
  });

  it('ending needs a known reason and a note of at most 1000 characters', async () => {
    const s = await pairScenario(app);
    const res = await api.post(s.mentee, `/api/pairs/${s.pairId}/end`, { reason: 'bored', note: 'x'.repeat(1001) });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['note', 'reason']);
    const missing = await api.post(s.mentee, `/api/pairs/${s.pairId}/end`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    expect(await p.pair(s.pairId)).toMatchObject({ status: 'active', endedAt: null });
  });

  it('people outside the pair, admins included, get 404 for lifecycle actions and change nothing', async () => {
    const s = await pairScenario(app);
    for (const who of [s.outsider, ADMIN]) {
      for (const action of ['pause', 'complete']) expect((await api.post(who, `/api/pairs/${s.pairId}/${action}`)).status).toBe(404);
      expect((await api.post(who, `/api/pairs/${s.pairId}/end`, { reason: 'other' })).status).toBe(404);
    }
    expect(await p.pair(s.pairId)).toMatchObject({ status: 'active', pausedAt: null, endedAt: null, lastActivityAt: T });
    expect(await p.auditLog(s.pairId)).toEqual([]);
  });

  it('when both members pause at the same moment, one succeeds and the other is told it is already paused', async () => {
    const s = await pairScenario(app);
    const results = await Promise.all([api.post(s.mentee, `/api/pairs/${s.pairId}/pause`), api.post(s.mentor, `/api/pairs/${s.pairId}/pause`)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await p.auditLog(s.pairId)).toHaveLength(1);
  });
});

describe('the closing survey', () => {
  let app: TestApp;
  let api: ReturnType<typeof caller>;
  let p: ReturnType<typeof pairFixtures>;

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    api = caller(app);
    p = pairFixtures(app);
  });
  afterAll(() => app.close());

  it('opens only once the pair has been completed or ended', async () => {
    const s = await pairScenario(app);
    for (const status of ['active', 'paused']) {
      await app.db.kysely.updateTable('pairs').set({ status: status as 'active' | 'paused' }).where('id', '=', s.pairId).execute();
      const res = await api.post(s.mentee, `/api/pairs/${s.pairId}/survey`, survey());
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/completed or ended/);
    }
    expect(await p.surveys(s.pairId)).toEqual([]);
  });

  it('each member answers once; the flags are stored as 0/1', async () => {
    const s = await pairScenario(app);
    await api.post(s.mentor, `/api/pairs/${s.pairId}/end`, { reason: 'goals-met' });
    const res = await api.post(s.mentee, `/api/pairs/${s.pairId}/survey`, survey());
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String) });
    expect(await p.surveys(s.pairId)).toEqual([
      {
        id: res.body.id, pairId: s.pairId, userId: s.menteeId, kind: 'closing', satisfaction: 4, recommend: 9, skillsGained: 1, newContacts: 0,
        promotion: 1, confidence: 5, comment: 'Ana helped me find my voice.', createdAt: NOW,
      },
    ]);
    expect((await api.get(s.mentee, `/api/pairs/${s.pairId}`)).body.survey).toEqual({ required: false, submitted: true });
    expect((await api.get(s.mentor, `/api/pairs/${s.pairId}`)).body.survey).toEqual({ required: true, submitted: false });

    const again = await api.post(s.mentee, `/api/pairs/${s.pairId}/survey`, survey({ satisfaction: 1 }));
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/already answered/);

    const mentor = await api.post(s.mentor, `/api/pairs/${s.pairId}/survey`, survey({ comment: undefined, promotion: false }));
    expect(mentor.status).toBe(201);
    const rows = await p.surveys(s.pairId);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.userId === s.mentorId)).toMatchObject({ promotion: 0, comment: null });
  });

  it('a double submit by the same member stores one answer', async () => {
    const s = await pairScenario(app, { status: 'completed' });
    const results = await Promise.all([api.post(s.mentee, `/api/pairs/${s.pairId}/survey`, survey()), api.post(s.mentee, `/api/pairs/${s.pairId}/survey`, survey())]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await p.surveys(s.pairId)).toHaveLength(1);
  });

  it('invalid answers are refused naming each field, and nothing is stored', async () => {
    const s = await pairScenario(app, { status: 'completed' });
    const res = await api.post(s.mentee, `/api/pairs/${s.pairId}/survey`, {
      satisfaction: 6,
      recommend: 11,
      skillsGained: 'yes',
      promotion: false,
      confidence: 0,
      comment: 'x'.repeat(2001),
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      ['comment', 'confidence', 'newContacts', 'recommend', 'satisfaction', 'skillsGained'].sort(),
    );
    expect((await api.post(s.mentee, `/api/pairs/${s.pairId}/survey`, survey({ satisfaction: 3.5 }))).status).toBe(400);
    expect(await p.surveys(s.pairId)).toEqual([]);
  });

  it("people outside the pair, admins included, cannot answer a pair's survey", async () => {
    const s = await pairScenario(app, { status: 'completed' });
    for (const who of [s.outsider, ADMIN]) expect((await api.post(who, `/api/pairs/${s.pairId}/survey`, survey())).status).toBe(404);
    expect(await p.surveys(s.pairId)).toEqual([]);
  });
});
