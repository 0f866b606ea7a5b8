import request from 'supertest';
import { createTestApp, type TestApp } from '../support/app';
import { EMAILS, goalTables, goalWorld, type GoalWorld } from '../support/goal-fixtures';

const NOW = '2026-06-10T12:00:00.000Z';
const LIMIT = 120;

describe('rate limiting of writes per person', () => {
  let app: TestApp;
  let world: GoalWorld;
  let mentor: string;
  let mentee: string;

  beforeEach(async () => {
    app = await createTestApp({ now: NOW, env: { RATE_LIMIT_WRITES_PER_MINUTE: String(LIMIT) } });
    world = await goalWorld(app.db);
    mentor = await app.tokenFor(EMAILS.mentor);
    mentee = await app.tokenFor(EMAILS.mentee);
  });
  afterEach(() => app.close());

  const goal = (n: number) => ({ title: `Goal ${n}`, skill: 'Networking', mentorRole: 'Makes introductions' });
  const addGoal = (token: string, n: number) =>
    request(app.http).post(`/api/pairs/${world.pair}/goals`).set('Authorization', `Bearer ${token}`).send(goal(n));
  const writeUpToTheLimit = async (token: string) => {
    for (let n = 1; n <= LIMIT; n++) {
      const res = await addGoal(token, n);
      expect(res.status).toBe(201);
    }
  };

  it('refuses the 121st write in a minute with a 429 problem that says when to retry, and writes nothing', async () => {
    await writeUpToTheLimit(mentor);
    const before = await goalTables(app.db);

    const res = await addGoal(mentor, LIMIT + 1);

    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'urn:tandem:problem:rate-limited', title: 'Too many requests', status: 429 });
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(res.body.detail).toContain(`Try again in ${retryAfter} second`);
    expect(res.headers['ratelimit']).toMatch(new RegExp(`limit=${LIMIT}, remaining=0, reset=\\d+`));
    expect(res.headers['ratelimit-policy']).toBe(`${LIMIT};w=60`);
    expect(await goalTables(app.db)).toEqual(before);
  });

  it('counts each person on their own: another member of the pair can still write', async () => {
    await writeUpToTheLimit(mentor);
    expect((await addGoal(mentor, 0)).status).toBe(429);

    const res = await addGoal(mentee, 1);

    expect(res.status).toBe(201);
  });

  it('never limits reads, and tells a writer how many writes are left', async () => {
    await writeUpToTheLimit(mentor);

    for (let n = 0; n < 5; n++) {
      const res = await request(app.http).get(`/api/pairs/${world.pair}/goals`).set('Authorization', `Bearer ${mentor}`);
      expect(res.status).toBe(200);
      expect(res.headers['ratelimit']).toBeUndefined();
    }
    const fresh = await addGoal(mentee, 1);
    expect(fresh.headers['ratelimit']).toMatch(new RegExp(`limit=${LIMIT}, remaining=${LIMIT - 1}, reset=\\d+`));
  });

  it('lets the person write again once the minute has passed', async () => {
    await writeUpToTheLimit(mentor);
    app.clock.advance(59_000);
    expect((await addGoal(mentor, 0)).status).toBe(429);

    app.clock.advance(1_000);
    const res = await addGoal(mentor, 0);

    expect(res.status).toBe(201);
  });

  it('counts writes without a sign-in by client address, and never counts the dev sign-in', async () => {
    for (let n = 0; n < LIMIT; n++) {
      expect((await request(app.http).post(`/api/pairs/${world.pair}/goals`).send(goal(n))).status).toBe(401);
    }
    const refused = await request(app.http).post(`/api/pairs/${world.pair}/goals`).send(goal(0));
    expect(refused.status).toBe(429);
    expect(refused.body.title).toBe('Too many requests');

    const signIn = await request(app.http).post('/api/dev/token').send({ email: EMAILS.outsider });
    expect(signIn.status).toBe(200);
    // Signed-in writes are counted per person, not by the address that ran out.
    expect((await addGoal(mentor, 1)).status).toBe(201);
  });
});

describe('rate limiting switched off', () => {
  it('with RATE_LIMIT_WRITES_PER_MINUTE=0 writes are neither counted nor refused', async () => {
    const app = await createTestApp({ now: NOW, env: { RATE_LIMIT_WRITES_PER_MINUTE: '0' } });
    try {
      const world = await goalWorld(app.db);
      const token = await app.tokenFor(EMAILS.mentor);
      for (let n = 0; n <= LIMIT; n++) {
        const res = await request(app.http)
          .post(`/api/pairs/${world.pair}/goals`)
          .set('Authorization', `Bearer ${token}`)
          .send({ title: `Goal ${n}`, skill: 'Networking', mentorRole: 'Makes introductions' });
        expect(res.status).toBe(201);
        expect(res.headers['ratelimit']).toBeUndefined();
      }
    } finally {
      await app.close();
    }
  });
});
