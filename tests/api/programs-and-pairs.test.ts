import request from 'supertest';
import { createTestApp, type TestApp } from '../support/app';
import { fixtures } from '../support/fixtures';

describe('my programs and pairs', () => {
  let app: TestApp;
  let ids: Record<string, string>;
  const as = async (email: string, path: string) =>
    request(app.http).get(path).set('Authorization', `Bearer ${await app.tokenFor(email)}`);

  beforeAll(async () => {
    app = await createTestApp({ now: '2026-06-10T12:00:00.000Z' });
    const f = fixtures(app.db);
    const ana = await f.person('ana@contoso.example', { displayName: 'Ana Mentor', jobTitle: 'Staff Engineer', department: 'Engineering' });
    const ben = await f.person('ben@contoso.example', { displayName: 'Ben Mentee', department: 'Sales' });
    const cy = await f.person('cy@contoso.example', { displayName: 'Cy Mentee' });
    await f.person('dee@contoso.example', { displayName: 'Dee Nobody' });
    const growth = await f.program('Grow Together', { opens: '2026-06-01', closes: '2026-06-30' });
    const leaders = await f.program('Emerging Leaders', { opens: '2026-01-01', closes: '2026-02-01', cadence: 'monthly' });
    await f.enrol(growth, ana, 'mentor');
    await f.enrol(growth, ben, 'mentee');
    await f.enrol(growth, cy, 'mentee');
    await f.enrol(leaders, ben, 'mentor');
    const anaBen = await f.pair(growth, ana, ben, { startedAt: '2026-03-01T09:00:00.000Z', agreedAt: '2026-03-05T09:00:00.000Z' });
    const anaCy = await f.pair(growth, ana, cy, { startedAt: '2026-05-01T09:00:00.000Z' });
    await f.agreement(anaCy, cy);
    await f.goal(anaBen, ben, 'done');
    await f.goal(anaBen, ben, 'in-progress');
    await f.goal(anaBen, ben, 'done', true);
    await f.meetings(anaBen, ana, [
      { startAt: '2026-06-01T09:00:00.000Z', status: 'held' },
      { startAt: '2026-06-15T09:00:00.000Z', status: 'cancelled' },
      { startAt: '2026-06-29T09:00:00.000Z', status: 'scheduled' },
      { startAt: '2026-07-13T09:00:00.000Z', status: 'scheduled' },
    ]);
    await f.request(growth, cy, ben, 'pending');
    ids = { ana, ben, cy, growth, leaders, anaBen, anaCy };
  });
  afterAll(() => app.close());

  it('a mentee sees their pair with the partner, agreement state, goal counts and next meeting', async () => {
    const res = await as('ben@contoso.example', '/api/pairs');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        id: ids.anaBen,
        program: { id: ids.growth, name: 'Grow Together' },
        myRole: 'mentee',
        partner: { id: ids.ana, displayName: 'Ana Mentor', jobTitle: 'Staff Engineer', department: 'Engineering' },
        status: 'active',
        startedAt: '2026-03-01T09:00:00.000Z',
        agreementStatus: 'agreed',
        goals: { total: 2, done: 1 },
        nextMeeting: { start: '2026-06-29T09:00:00.000Z', end: '2026-06-29T09:30:00.000Z' },
      },
    ]);
  });

  it('a mentor sees each of their pairs, newest first, and nothing of anyone else', async () => {
    const res = await as('ana@contoso.example', '/api/pairs');
    expect(res.body.map((p: { id: string }) => p.id)).toEqual([ids.anaCy, ids.anaBen]);
    expect(res.body[0]).toMatchObject({ myRole: 'mentor', agreementStatus: 'partial', goals: { total: 0, done: 0 }, nextMeeting: null });
  });

  it('someone without a pair gets an empty list', async () => {
    const res = await as('dee@contoso.example', '/api/pairs');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });

  it('programs show my enrolment and whether enrolment is open today', async () => {
    const res = await as('ben@contoso.example', '/api/programs');
    const byName = Object.fromEntries(res.body.map((p: { name: string }) => [p.name, p]));
    expect(byName['Grow Together']).toMatchObject({ enrollmentOpen: true, myEnrollment: { role: 'mentee', status: 'active' }, defaultCadence: 'biweekly' });
    expect(byName['Emerging Leaders']).toMatchObject({ enrollmentOpen: false, myEnrollment: { role: 'mentor', status: 'active' }, defaultCadence: 'monthly' });
    const dee = await as('dee@contoso.example', '/api/programs');
    expect(dee.body.every((p: { myEnrollment: unknown }) => p.myEnrollment === null)).toBe(true);
  });

  it('admins see participation counts per program, and only counts', async () => {
    const res = await as('morgan.lee@contoso.example', '/api/admin/programs');
    expect(res.status).toBe(200);
    const growth = res.body.find((p: { id: string }) => p.id === ids.growth);
    expect(growth.counts).toEqual({ mentors: 1, mentees: 2, pairs: { active: 2, paused: 0, completed: 0, ended: 0 }, pendingRequests: 1 });
    expect(JSON.stringify(res.body)).not.toMatch(/admire your work/);
  });

  it('non-admins are refused the admin view with 403', async () => {
    const res = await as('ana@contoso.example', '/api/admin/programs');
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/program admins/);
  });
});
