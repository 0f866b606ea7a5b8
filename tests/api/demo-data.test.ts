import request from 'supertest';
import { createTestApp, type TestApp } from '../support/app';

/**
 * Every demo pair must be readable through the API by its members: the seed writes
 * directly to the database, so this is where seed and API contracts meet.
 */
describe('the demo organisation through the API', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ seed: true, now: '2026-11-25T10:00:00.000Z' });
  });
  afterAll(() => app.close());

  it('every member can read every part of each of their pairs, and every mentee their recommendations', async () => {
    const pairs = await app.db.kysely
      .selectFrom('pairs')
      .innerJoin('users as mentor', 'mentor.id', 'pairs.mentorId')
      .innerJoin('users as mentee', 'mentee.id', 'pairs.menteeId')
      .select(['pairs.id', 'pairs.programId', 'mentor.email as mentorEmail', 'mentee.email as menteeEmail'])
      .execute();
    expect(pairs.length).toBeGreaterThan(50);
    const failures: string[] = [];
    const tokens = new Map<string, string>();
    const tokenOf = async (email: string) => {
      if (!tokens.has(email)) tokens.set(email, await app.tokenFor(email));
      return tokens.get(email)!;
    };
    for (const pair of pairs) {
      for (const email of [pair.mentorEmail, pair.menteeEmail]) {
        const token = await tokenOf(email);
        for (const path of [
          '/api/pairs',
          `/api/pairs/${pair.id}`,
          `/api/pairs/${pair.id}/agreement`,
          `/api/pairs/${pair.id}/goals?includeDeleted=true`,
          `/api/pairs/${pair.id}/introductions`,
          '/api/requests',
          `/api/programs/${pair.programId}/enrollment`,
        ]) {
          const res = await request(app.http).get(path).set('Authorization', `Bearer ${token}`);
          if (res.status !== 200) failures.push(`${email} GET ${path} → ${res.status} ${res.body?.detail ?? ''}`);
        }
      }
      const recs = await request(app.http)
        .get(`/api/programs/${pair.programId}/recommendations`)
        .set('Authorization', `Bearer ${await tokenOf(pair.menteeEmail)}`);
      if (recs.status >= 500) failures.push(`recommendations for ${pair.menteeEmail} → ${recs.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('the admin can read every demo pair at pair level', async () => {
    const token = await app.tokenFor('morgan.lee@contoso.example');
    const ids = await app.db.kysely.selectFrom('pairs').select('id').execute();
    const statuses = await Promise.all(ids.map(async ({ id }) => (await request(app.http).get(`/api/pairs/${id}`).set('Authorization', `Bearer ${token}`)).status));
    expect(new Set(statuses)).toEqual(new Set([200]));
  });
});
