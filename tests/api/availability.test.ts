import request from 'supertest';
import { createTestApp, type TestApp } from '../support/app';
import { matchingFixtures } from '../support/matching-fixtures';

const NOW = '2026-06-10T12:00:00.000Z';
const KIND_NOTE = 'Thanks for reaching out! I’ve paused new mentoring for now — please ask another mentor.';

describe('mentor availability', () => {
  let app: TestApp;
  let f: ReturnType<typeof matchingFixtures>;
  let program: string;
  let ana: string;
  let ben: string;
  let cy: string;

  const auth = async (who: string) => `Bearer ${await app.tokenFor(`${who}@contoso.example`)}`;
  const patch = async (who: string, body: object, programId = program) =>
    request(app.http).patch(`/api/programs/${programId}/availability`).set('Authorization', await auth(who)).send(body);
  const recommendedTo = async (who: string) => {
    const res = await request(app.http).get(`/api/programs/${program}/recommendations`).set('Authorization', await auth(who));
    return (res.body as { mentorId: string }[]).map((r) => r.mentorId);
  };
  const unchangedBy = async (call: () => Promise<request.Response>) => {
    const before = await f.snapshot();
    const res = await call();
    expect(await f.snapshot()).toEqual(before);
    return res;
  };

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    f = matchingFixtures(app.db);
    program = await f.program('Grow Together');
    ana = await f.person('ana@contoso.example', { displayName: 'Ana' });
    ben = await f.person('ben@contoso.example', { displayName: 'Ben' });
    cy = await f.person('cy@contoso.example', { displayName: 'Cy' });
    await f.person('dee@contoso.example', { displayName: 'Dee' });
    await f.mentor(program, ana, { capacity: 3, skillsOffered: ['Negotiation', 'Coaching'], values: ['Candour'], yearsExperience: 12, timeZone: 'Europe/Berlin' });
    await f.mentee(program, ben, { skillsWanted: ['Negotiation'] });
    await f.mentee(program, cy, { skillsWanted: ['Negotiation'] });
  });
  afterAll(() => app.close());

  it('pausing declines every pending request to me with a kind note and hides me from recommendations', async () => {
    const fromBen = await f.requestRow(program, ben, ana);
    const fromCy = await f.requestRow(program, cy, ana);
    const answered = await f.requestRow(program, cy, ana, { status: 'declined' });
    expect(await recommendedTo('ben')).toEqual([ana]);

    const res = await patch('ana', { availability: 'paused', pausedUntil: '2026-07-01' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      programId: program,
      role: 'mentor',
      status: 'active',
      skillsOffered: ['Coaching', 'Negotiation'],
      skillsWanted: [],
      values: ['Candour'],
      goals: null,
      yearsExperience: 12,
      capacity: 3,
      timezone: 'Europe/Berlin',
      preferredFrequency: null,
      preferredChannel: null,
      availability: 'paused',
      pausedUntil: '2026-07-01',
      activePairs: 0,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: NOW,
    });
    for (const id of [fromBen, fromCy]) {
      expect(await f.request(id)).toMatchObject({ status: 'declined', declineReason: KIND_NOTE, respondedAt: NOW });
    }
    expect(await f.request(answered)).toMatchObject({ status: 'declined', declineReason: null });
    expect(await recommendedTo('ben')).toEqual([]);

    const outgoing = await request(app.http).get('/api/requests?direction=outgoing').set('Authorization', await auth('ben'));
    expect(outgoing.body[0]).toMatchObject({ id: fromBen, status: 'declined', declineReason: KIND_NOTE });
  });

  it('a paused mentor cannot be asked', async () => {
    const res = await unchangedBy(async () =>
      request(app.http)
        .post(`/api/programs/${program}/requests`)
        .set('Authorization', await auth('ben'))
        .send({ mentorId: ana, message: 'Could you help me prepare for a big renewal?' }),
    );
    expect(res.status).toBe(409);
  });

  it('reopening clears the pause date and brings me back', async () => {
    const res = await patch('ana', { availability: 'open' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ availability: 'open', pausedUntil: null, capacity: 3 });
    expect(await recommendedTo('ben')).toEqual([ana]);
  });

  it('changes capacity, but not below the pairs I already have', async () => {
    await f.pairWith(program, ana, ben, 'active');
    await f.pairWith(program, ana, cy, 'paused');
    const ok = await patch('ana', { availability: 'open', capacity: 2 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ capacity: 2, activePairs: 2 });

    const tooLow = await unchangedBy(() => patch('ana', { availability: 'open', capacity: 1 }));
    expect(tooLow.status).toBe(409);
    expect(tooLow.body.detail).toMatch(/mentor 2 people in Grow Together right now, so your capacity can’t be below 2/);

    const pausedTooLow = await unchangedBy(() => patch('ana', { availability: 'paused', capacity: 0 }));
    expect(pausedTooLow.status).toBe(409);
  });

  it('names invalid fields: availability, capacity, and a pause date in the past or on an open mentor', async () => {
    const missing = await unchangedBy(() => patch('ana', { capacity: 11 }));
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['availability', 'capacity']);

    const past = await unchangedBy(() => patch('ana', { availability: 'paused', pausedUntil: '2026-06-10' }));
    expect(past.status).toBe(400);
    expect(past.body.errors).toEqual([expect.objectContaining({ field: 'pausedUntil' })]);

    const openWithDate = await unchangedBy(() => patch('ana', { availability: 'open', pausedUntil: '2026-08-01' }));
    expect(openWithDate.status).toBe(400);
    expect(openWithDate.body.errors).toEqual([expect.objectContaining({ field: 'pausedUntil' })]);

    const notADate = await unchangedBy(() => patch('ana', { availability: 'paused', pausedUntil: '2026-02-30' }));
    expect(notADate.status).toBe(400);
    expect(notADate.body.errors).toEqual([expect.objectContaining({ field: 'pausedUntil' })]);
  });

  it('only enrolled mentors set availability; an unknown program is 404', async () => {
    const mentee = await unchangedBy(() => patch('ben', { availability: 'paused' }));
    expect(mentee.status).toBe(409);
    expect(mentee.body.detail).toMatch(/Only mentors enrolled in Grow Together/);
    const outsider = await unchangedBy(() => patch('dee', { availability: 'paused' }));
    expect(outsider.status).toBe(409);
    const unknown = await unchangedBy(() => patch('ana', { availability: 'paused' }, '0190a0a0-0000-7000-8000-000000000000'));
    expect(unknown.status).toBe(404);
    const anonymous = await request(app.http).patch(`/api/programs/${program}/availability`).send({ availability: 'paused' });
    expect(anonymous.status).toBe(401);
  });

  it('pausing without a date stays paused until I reopen', async () => {
    const res = await patch('ana', { availability: 'paused', pausedUntil: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ availability: 'paused', pausedUntil: null });
    expect((await f.enrollment(program, ana)).availability).toBe('paused');
  });
});
