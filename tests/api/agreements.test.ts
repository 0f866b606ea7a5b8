import { createTestApp, type TestApp } from '../support/app';
import { ADMIN, caller, pairFixtures, pairScenario } from '../support/pair-fixtures';

const NOW = '2026-06-10T12:00:00.000Z';

const answers = (over: Record<string, unknown> = {}) => ({
  meetingFrequency: 'weekly',
  communicationChannel: 'teams-chat',
  goals: 'Grow into a tech lead role',
  feedbackStyle: 'Direct and written',
  boundaries: 'No meetings on Fridays',
  ...over,
});

describe('the mentoring agreement', () => {
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

  it('before anyone answers, a member sees an empty agreement', async () => {
    const s = await pairScenario(app);
    const res = await api.get(s.mentee, `/api/pairs/${s.pairId}/agreement`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ mine: null, partner: null, mismatches: [], agreed: false, agreedAt: null });
  });

  it("a member's answers are saved, shown to their partner, and make the agreement partial", async () => {
    const s = await pairScenario(app);
    const res = await api.put(s.mentee, `/api/pairs/${s.pairId}/agreement`, answers({ goals: '  Grow into a tech lead role ' }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ mine: { ...answers(), submittedAt: NOW }, partner: null, mismatches: [], agreed: false, agreedAt: null });

    const partner = await api.get(s.mentor, `/api/pairs/${s.pairId}/agreement`);
    expect(partner.body).toEqual({ mine: null, partner: { ...answers(), submittedAt: NOW }, mismatches: [], agreed: false, agreedAt: null });
    const detail = await api.get(s.mentor, `/api/pairs/${s.pairId}`);
    expect(detail.body.agreement).toEqual({ status: 'partial', agreedCadence: null });
    expect((await p.pair(s.pairId)).lastActivityAt).toBe(NOW);
  });

  it('mismatches name every field whose answers differ, comparing text without case or extra whitespace', async () => {
    const s = await pairScenario(app);
    await api.put(s.mentee, `/api/pairs/${s.pairId}/agreement`, answers());
    const res = await api.put(
      s.mentor,
      `/api/pairs/${s.pairId}/agreement`,
      answers({ communicationChannel: 'email', goals: 'grow  INTO a tech\nlead role', feedbackStyle: 'Gentle, in person', boundaries: 'no meetings on fridays' }),
    );
    expect(res.status).toBe(200);
    expect(res.body.mismatches).toEqual(['communicationChannel', 'feedbackStyle']);
    expect(res.body.agreed).toBe(false);
    expect(res.body.partner).toEqual({ ...answers(), submittedAt: NOW });
    expect((await p.pair(s.pairId)).agreedAt).toBeNull();
  });

  it('matching frequency and channel make the pair agreed with that cadence, and a later change undoes it', async () => {
    const s = await pairScenario(app);
    await api.put(s.mentee, `/api/pairs/${s.pairId}/agreement`, answers());
    app.clock.set('2026-06-11T08:00:00.000Z');
    const agreed = await api.put(s.mentor, `/api/pairs/${s.pairId}/agreement`, answers({ goals: 'Help Ben lead a project' }));
    expect(agreed.body).toMatchObject({ agreed: true, agreedAt: '2026-06-11T08:00:00.000Z', mismatches: ['goals'] });
    expect(await p.pair(s.pairId)).toMatchObject({ agreedAt: '2026-06-11T08:00:00.000Z', agreedCadence: 'weekly' });
    expect((await api.get(s.mentee, `/api/pairs/${s.pairId}`)).body.agreement).toEqual({ status: 'agreed', agreedCadence: 'weekly' });

    app.clock.set('2026-06-12T08:00:00.000Z');
    const broken = await api.put(s.mentor, `/api/pairs/${s.pairId}/agreement`, answers({ meetingFrequency: 'monthly' }));
    expect(broken.body).toMatchObject({ agreed: false, agreedAt: null, mismatches: ['meetingFrequency'] });
    expect(await p.pair(s.pairId)).toMatchObject({ agreedAt: null, agreedCadence: null, lastActivityAt: '2026-06-12T08:00:00.000Z' });
    expect((await api.get(s.mentee, `/api/pairs/${s.pairId}`)).body.agreement).toEqual({ status: 'partial', agreedCadence: null });

    app.clock.set('2026-06-13T08:00:00.000Z');
    const again = await api.put(s.mentee, `/api/pairs/${s.pairId}/agreement`, answers({ meetingFrequency: 'monthly' }));
    expect(again.body).toMatchObject({ agreed: true, agreedAt: '2026-06-13T08:00:00.000Z', mismatches: [] });
    expect(await p.pair(s.pairId)).toMatchObject({ agreedAt: '2026-06-13T08:00:00.000Z', agreedCadence: 'monthly' });
  });

  it('saving again replaces my answers and keeps when I first submitted', async () => {
    const s = await pairScenario(app);
    await api.put(s.mentee, `/api/pairs/${s.pairId}/agreement`, answers());
    app.clock.set('2026-06-15T08:00:00.000Z');
    const res = await api.put(s.mentee, `/api/pairs/${s.pairId}/agreement`, answers({ boundaries: 'Evenings are fine' }));
    expect(res.body.mine).toEqual({ ...answers({ boundaries: 'Evenings are fine' }), submittedAt: NOW });
    const rows = await p.agreements(s.pairId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ boundaries: 'Evenings are fine', submittedAt: NOW, updatedAt: '2026-06-15T08:00:00.000Z' });
  });

  it('invalid answers are refused naming each field, and nothing is saved', async () => {
    const s = await pairScenario(app);
    const res = await api.put(s.mentee, `/api/pairs/${s.pairId}/agreement`, {
      meetingFrequency: 'daily',
      goals: '   ',
      feedbackStyle: 'x'.repeat(1001),
      boundaries: 'x'.repeat(2001),
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      ['boundaries', 'communicationChannel', 'feedbackStyle', 'goals', 'meetingFrequency'].sort(),
    );
    expect(await p.agreements(s.pairId)).toEqual([]);
    expect((await p.pair(s.pairId)).lastActivityAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('people outside the pair, admins included, get 404 and change nothing', async () => {
    const s = await pairScenario(app);
    for (const who of [s.outsider, ADMIN]) {
      expect((await api.get(who, `/api/pairs/${s.pairId}/agreement`)).status).toBe(404);
      expect((await api.put(who, `/api/pairs/${s.pairId}/agreement`, answers())).status).toBe(404);
    }
    expect(await p.agreements(s.pairId)).toEqual([]);
  });

  it('the agreement of a closed pair can be read but not changed', async () => {
    const s = await pairScenario(app, { status: 'completed' });
    await p.agreement(s.pairId, s.menteeId, { goals: 'Old goals' });
    const res = await api.put(s.mentee, `/api/pairs/${s.pairId}/agreement`, answers());
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/closed/);
    expect((await p.agreements(s.pairId))[0]).toMatchObject({ goals: 'Old goals' });
    const read = await api.get(s.mentee, `/api/pairs/${s.pairId}/agreement`);
    expect(read.status).toBe(200);
    expect(read.body.mine.goals).toBe('Old goals');
  });

  it('two simultaneous saves by the same member both succeed and leave one answer', async () => {
    const s = await pairScenario(app);
    const results = await Promise.all([
      api.put(s.mentee, `/api/pairs/${s.pairId}/agreement`, answers({ goals: 'First' })),
      api.put(s.mentee, `/api/pairs/${s.pairId}/agreement`, answers({ goals: 'Second' })),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const rows = await p.agreements(s.pairId);
    expect(rows).toHaveLength(1);
    expect(['First', 'Second']).toContain(rows[0]!.goals);
  });

  it('when both members answer at the same moment with matching answers, the pair ends up agreed', async () => {
    const s = await pairScenario(app);
    const results = await Promise.all([
      api.put(s.mentee, `/api/pairs/${s.pairId}/agreement`, answers({ meetingFrequency: 'biweekly' })),
      api.put(s.mentor, `/api/pairs/${s.pairId}/agreement`, answers({ meetingFrequency: 'biweekly' })),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(results.some((r) => r.body.agreed)).toBe(true);
    expect(await p.pair(s.pairId)).toMatchObject({ agreedAt: NOW, agreedCadence: 'biweekly' });
  });
});
