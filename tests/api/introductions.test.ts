import { createTestApp, type TestApp } from '../support/app';
import { ADMIN, caller, pairFixtures, pairScenario } from '../support/pair-fixtures';

const NOW = '2026-06-10T12:00:00.000Z';
const LATER = '2026-06-12T08:00:00.000Z';

const ask = { contactName: ' Priya Shah ', contactRole: 'Head of Sales, EMEA', reason: 'I want to understand how enterprise deals are run.' };

describe('introductions', () => {
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

  it('a mentee asks their mentor for an introduction', async () => {
    const s = await pairScenario(app);
    const res = await api.post(s.mentee, `/api/pairs/${s.pairId}/introductions`, ask);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      pairId: s.pairId,
      requestedBy: { id: s.menteeId, displayName: 'Ben Mentee', jobTitle: null, department: 'Sales' },
      contactName: 'Priya Shah',
      contactRole: 'Head of Sales, EMEA',
      reason: ask.reason,
      status: 'requested',
      note: null,
      createdAt: NOW,
      respondedAt: null,
    });
    expect((await p.pair(s.pairId)).lastActivityAt).toBe(NOW);
    expect((await api.get(s.mentor, `/api/pairs/${s.pairId}`)).body.introductions).toEqual({ requested: 1, made: 0 });
  });

  it('the mentor marks it made, and both members see the answer in the list, newest first', async () => {
    const s = await pairScenario(app);
    const first = await api.post(s.mentee, `/api/pairs/${s.pairId}/introductions`, { contactName: 'Lee Wong', reason: 'Design systems' });
    expect(first.body.contactRole).toBeNull();
    app.clock.set(LATER);
    const second = await api.post(s.mentee, `/api/pairs/${s.pairId}/introductions`, ask);
    const made = await api.post(s.mentor, `/api/introductions/${first.body.id}/respond`, { status: 'made', note: ' Sent you both an email. ' });
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ id: first.body.id, status: 'made', note: 'Sent you both an email.', respondedAt: LATER });

    for (const who of [s.mentee, s.mentor]) {
      const list = await api.get(who, `/api/pairs/${s.pairId}/introductions`);
      expect(list.status).toBe(200);
      expect(list.body.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([
        [second.body.id, 'requested'],
        [first.body.id, 'made'],
      ]);
    }
    expect((await api.get(s.mentee, `/api/pairs/${s.pairId}`)).body.introductions).toEqual({ requested: 1, made: 1 });
  });

  it('a mentor can decline, and an answered request cannot be answered again', async () => {
    const s = await pairScenario(app);
    const intro = await api.post(s.mentee, `/api/pairs/${s.pairId}/introductions`, ask);
    const declined = await api.post(s.mentor, `/api/introductions/${intro.body.id}/respond`, { status: 'declined' });
    expect(declined.body).toMatchObject({ status: 'declined', note: null, respondedAt: NOW });
    app.clock.set(LATER);
    const again = await api.post(s.mentor, `/api/introductions/${intro.body.id}/respond`, { status: 'made' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/already been answered/);
    expect((await p.introductions(s.pairId))[0]).toMatchObject({ status: 'declined', respondedAt: NOW });
  });

  it('only the mentee asks and only the mentor answers (403 for the wrong member)', async () => {
    const s = await pairScenario(app);
    const byMentor = await api.post(s.mentor, `/api/pairs/${s.pairId}/introductions`, ask);
    expect(byMentor.status).toBe(403);
    expect(byMentor.body.detail).toMatch(/Only the mentee/);
    const intro = await api.post(s.mentee, `/api/pairs/${s.pairId}/introductions`, ask);
    const byMentee = await api.post(s.mentee, `/api/introductions/${intro.body.id}/respond`, { status: 'made' });
    expect(byMentee.status).toBe(403);
    expect(byMentee.body.detail).toMatch(/Only the mentor/);
    const rows = await p.introductions(s.pairId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'requested', respondedAt: null });
  });

  it('people outside the pair, admins included, get 404 and change nothing', async () => {
    const s = await pairScenario(app);
    const intro = await pairFixtures(app).introduction(s.pairId, s.menteeId);
    const unknown = await api.post(s.mentor, '/api/introductions/01890000-0000-7000-8000-000000000000/respond', { status: 'made' });
    expect(unknown.status).toBe(404);
    for (const who of [s.outsider, ADMIN]) {
      expect((await api.get(who, `/api/pairs/${s.pairId}/introductions`)).status).toBe(404);
      expect((await api.post(who, `/api/pairs/${s.pairId}/introductions`, ask)).status).toBe(404);
      const respond = await api.post(who, `/api/introductions/${intro}/respond`, { status: 'made' });
      expect(respond.status).toBe(404);
      expect(respond.body.detail).toBe(unknown.body.detail);
    }
    const rows = await p.introductions(s.pairId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'requested' });
  });

  it('invalid requests and answers are refused naming each field, and nothing is saved', async () => {
    const s = await pairScenario(app);
    const res = await api.post(s.mentee, `/api/pairs/${s.pairId}/introductions`, { contactName: '  ', contactRole: 'x'.repeat(201), reason: 'x'.repeat(1001) });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['contactName', 'contactRole', 'reason']);
    expect(await p.introductions(s.pairId)).toEqual([]);

    const intro = await pairFixtures(app).introduction(s.pairId, s.menteeId);
    const answer = await api.post(s.mentor, `/api/introductions/${intro}/respond`, { status: 'requested', note: 'x'.repeat(1001) });
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['note', 'status']);
    expect((await api.post(s.mentor, '/api/introductions/nope/respond', { status: 'made' })).body.errors[0].field).toBe('introductionId');
    expect((await p.introductions(s.pairId))[0]).toMatchObject({ status: 'requested', note: null });
  });

  it('a closed pair takes no new introduction requests or answers, but its list can still be read', async () => {
    const s = await pairScenario(app, { status: 'ended' });
    const intro = await pairFixtures(app).introduction(s.pairId, s.menteeId);
    const asked = await api.post(s.mentee, `/api/pairs/${s.pairId}/introductions`, ask);
    expect(asked.status).toBe(409);
    expect(asked.body.detail).toMatch(/closed/);
    expect((await api.post(s.mentor, `/api/introductions/${intro}/respond`, { status: 'made' })).status).toBe(409);
    const list = await api.get(s.mentee, `/api/pairs/${s.pairId}/introductions`);
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    expect((await p.introductions(s.pairId))[0]).toMatchObject({ status: 'requested' });
  });

  it('when the mentor answers twice at the same moment, exactly one answer counts', async () => {
    const s = await pairScenario(app);
    const intro = await pairFixtures(app).introduction(s.pairId, s.menteeId);
    const results = await Promise.all([
      api.post(s.mentor, `/api/introductions/${intro}/respond`, { status: 'made' }),
      api.post(s.mentor, `/api/introductions/${intro}/respond`, { status: 'declined' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!;
    expect((await p.introductions(s.pairId))[0]!.status).toBe(winner.body.status);
  });
});
