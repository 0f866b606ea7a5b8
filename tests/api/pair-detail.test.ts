import request from 'supertest';
import { createTestApp, type TestApp } from '../support/app';
import { fixtures } from '../support/fixtures';
import { ADMIN, caller, MENTEE, MENTOR, OUTSIDER, pairFixtures, pairScenario, type PairScenario } from '../support/pair-fixtures';

const PRIVATE_TEXTS = [
  'Secret goal about stage fright',
  'Rehearse my talk with me',
  'Vera Confidential',
  'Wants to hear about the merger',
  'Private agreement goals',
  'Private feedback style',
  'Private boundaries',
];

describe('pair detail', () => {
  let app: TestApp;
  let s: PairScenario;
  let api: ReturnType<typeof caller>;

  beforeAll(async () => {
    app = await createTestApp({ now: '2026-06-10T12:00:00.000Z' });
    api = caller(app);
    s = await pairScenario(app);
    const p = pairFixtures(app);
    await p.goal(s.pairId, s.menteeId, { status: 'done', targetDate: '2026-05-01', title: PRIVATE_TEXTS[0], mentorRole: PRIVATE_TEXTS[1] });
    await p.goal(s.pairId, s.menteeId, { status: 'in-progress', targetDate: '2026-06-01' });
    await p.goal(s.pairId, s.menteeId, { status: 'in-progress', targetDate: '2026-06-10' });
    await p.goal(s.pairId, s.menteeId, { status: 'not-started', targetDate: '2026-07-01' });
    await p.goal(s.pairId, s.menteeId, { status: 'not-started', targetDate: null });
    await p.goal(s.pairId, s.menteeId, { status: 'dropped', targetDate: '2026-01-01' });
    await p.goal(s.pairId, s.menteeId, { status: 'in-progress', targetDate: '2026-01-01', deleted: true });
    await p.introduction(s.pairId, s.menteeId, { contactName: PRIVATE_TEXTS[2], reason: PRIVATE_TEXTS[3] });
    await p.introduction(s.pairId, s.menteeId);
    await p.introduction(s.pairId, s.menteeId, { status: 'made', note: 'Intro sent' });
    await p.introduction(s.pairId, s.menteeId, { status: 'declined' });
    await p.agreement(s.pairId, s.menteeId, { goals: PRIVATE_TEXTS[4]!, feedbackStyle: PRIVATE_TEXTS[5]!, boundaries: PRIVATE_TEXTS[6]! });
    await fixtures(app.db).meetings(s.pairId, s.mentorId, [
      { startAt: '2026-05-20T09:00:00.000Z', status: 'held' },
      { startAt: '2026-06-03T09:00:00.000Z', status: 'scheduled' },
      { startAt: '2026-06-17T09:00:00.000Z', status: 'cancelled' },
      { startAt: '2026-06-24T09:00:00.000Z', status: 'scheduled' },
      { startAt: '2026-07-08T09:00:00.000Z', status: 'scheduled' },
    ]);
  });
  afterAll(() => app.close());

  // Zones: nobody set one on their enrolment here, so each member's directory zone is shown.
  const ana = () => ({ id: s.mentorId, displayName: 'Ana Mentor', jobTitle: 'Staff Engineer', department: 'Engineering', timeZone: 'Europe/London' });
  const ben = () => ({ id: s.menteeId, displayName: 'Ben Mentee', jobTitle: null, department: 'Sales', timeZone: 'Europe/London' });

  it('a mentee sees the pair with their partner, agreement state, goal and introduction counts and the next meeting', async () => {
    const res = await api.get(MENTEE, `/api/pairs/${s.pairId}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      viewer: 'mentee',
      id: s.pairId,
      program: { id: s.programId, name: 'Grow Together', defaultCadence: 'biweekly' },
      mentor: ana(),
      mentee: ben(),
      partner: ana(),
      status: 'active',
      startedAt: '2026-03-01T09:00:00.000Z',
      pausedAt: null,
      endedAt: null,
      endReason: null,
      agreement: { status: 'partial', agreedCadence: null },
      goals: { total: 6, done: 1, inProgress: 2, overdue: 1 },
      introductions: { requested: 2, made: 1 },
      nextMeeting: { start: '2026-06-24T09:00:00.000Z', end: '2026-06-24T09:30:00.000Z' },
      survey: { required: false, submitted: false },
    });
  });

  it('a mentor sees the same pair with the mentee as partner', async () => {
    const res = await api.get(MENTOR, `/api/pairs/${s.pairId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ viewer: 'mentor', partner: ben(), goals: { total: 6, done: 1, inProgress: 2, overdue: 1 } });
  });

  it('an admin who is not a member sees names, status, dates and counts, and none of the text participants wrote', async () => {
    const res = await api.get(ADMIN, `/api/pairs/${s.pairId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      viewer: 'admin',
      partner: null,
      mentor: ana(),
      mentee: ben(),
      status: 'active',
      agreement: { status: 'partial', agreedCadence: null },
      goals: { total: 6, done: 1, inProgress: 2, overdue: 1 },
      introductions: { requested: 2, made: 1 },
      survey: { required: false, submitted: false },
    });
    const json = JSON.stringify(res.body);
    for (const text of [...PRIVATE_TEXTS, 'Intro sent', 'Learn about sales', 'Priya Shah']) expect(json).not.toContain(text);
  });

  it('someone outside the pair gets 404 without learning that it exists', async () => {
    const res = await api.get(OUTSIDER, `/api/pairs/${s.pairId}`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const unknown = await api.get(OUTSIDER, '/api/pairs/01890000-0000-7000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe(res.body.detail);
  });

  it('a malformed pair id is a 400 naming pairId, and no token is a 401', async () => {
    const bad = await api.get(MENTEE, '/api/pairs/not-an-id');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'pairId' })]);
    const anonymous = await request(app.http).get(`/api/pairs/${s.pairId}`);
    expect(anonymous.status).toBe(401);
  });

  it('an admin who is a member of a pair sees it as a member', async () => {
    const f = fixtures(app.db);
    // Morgan signed in above, so they exist already.
    const morgan = (await api.get(ADMIN, '/api/me')).body.id as string;
    const pairId = await f.pair(s.programId, morgan, s.outsiderId, { agreedAt: '2026-03-05T09:00:00.000Z' });
    const res = await api.get(ADMIN, `/api/pairs/${pairId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      viewer: 'mentor',
      partner: { id: s.outsiderId, displayName: 'Dee Outsider' },
      agreement: { status: 'agreed', agreedCadence: 'biweekly' },
      goals: { total: 0, done: 0, inProgress: 0, overdue: 0 },
      introductions: { requested: 0, made: 0 },
      nextMeeting: null,
    });
  });

  it('after the pair closes, the survey is required of each member until they answer it', async () => {
    const f = fixtures(app.db);
    const mentor = await f.person('cy.mentor@contoso.example', { displayName: 'Cy Mentor' });
    const mentee = await f.person('eve.mentee@contoso.example', { displayName: 'Eve Mentee' });
    const pairId = await f.pair(s.programId, mentor, mentee, { status: 'completed' });
    await pairFixtures(app).survey(pairId, mentor);
    const asMentor = await api.get('cy.mentor@contoso.example', `/api/pairs/${pairId}`);
    expect(asMentor.body.survey).toEqual({ required: false, submitted: true });
    const asMentee = await api.get('eve.mentee@contoso.example', `/api/pairs/${pairId}`);
    expect(asMentee.body.survey).toEqual({ required: true, submitted: false });
    const asAdmin = await api.get(ADMIN, `/api/pairs/${pairId}`);
    expect(asAdmin.body.survey).toEqual({ required: false, submitted: false });
  });

  it("a member's zone for this program (their enrolment) wins over their directory zone", async () => {
    await app.db.kysely.updateTable('enrollments').set({ timeZone: 'Asia/Tokyo' }).where('userId', '=', s.mentorId).where('programId', '=', s.programId).execute();
    const res = await api.get(MENTEE, `/api/pairs/${s.pairId}`);
    await app.db.kysely.updateTable('enrollments').set({ timeZone: null }).where('userId', '=', s.mentorId).where('programId', '=', s.programId).execute();
    expect(res.body.partner.timeZone).toBe('Asia/Tokyo');
    expect(res.body.mentee.timeZone).toBe('Europe/London');
  });

  it('the pair list still shows the pair', async () => {
    const res = await api.get(MENTEE, '/api/pairs');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([expect.objectContaining({ id: s.pairId, myRole: 'mentee', agreementStatus: 'partial', goals: { total: 6, done: 1 } })]);
  });
});
