import request from 'supertest';
import { createTestApp, type TestApp } from '../support/app';
import { enrollmentFixtures } from '../support/enrollment-fixtures';
import { fixtures } from '../support/fixtures';

const ADMIN = 'morgan.lee@contoso.example';

const validProgram = {
  name: 'New Managers Circle',
  description: 'Peer mentoring for first-time managers.',
  kind: 'leadership',
  startsOn: '2026-07-01',
  endsOn: '2026-12-31',
  enrollmentOpensOn: '2026-06-01',
  enrollmentClosesOn: '2026-06-30',
  defaultCadence: 'monthly',
  matchingMode: 'admin',
};

describe('programs', () => {
  let app: TestApp;
  let f: ReturnType<typeof fixtures>;
  let ef: ReturnType<typeof enrollmentFixtures>;
  let ids: Record<string, string>;
  const auth = async (email: string) => ({ Authorization: `Bearer ${await app.tokenFor(email)}` });
  const get = async (email: string, path: string) => request(app.http).get(path).set(await auth(email));
  const post = async (email: string, path: string, body: object) => request(app.http).post(path).set(await auth(email)).send(body);
  const patch = async (email: string, path: string, body: object) => request(app.http).patch(path).set(await auth(email)).send(body);
  const fields = (res: request.Response) => (res.body.errors ?? []).map((e: { field: string }) => e.field);

  beforeAll(async () => {
    app = await createTestApp({ now: '2026-06-10T12:00:00.000Z' });
    f = fixtures(app.db);
    ef = enrollmentFixtures(app.db);
    const ana = await f.person('ana@contoso.example', { displayName: 'Ana Mentor' });
    await f.person('ben@contoso.example', { displayName: 'Ben Mentee' });
    const opensToday = await f.program('Opens Today', { opens: '2026-06-10', closes: '2026-06-20' });
    const closesToday = await f.program('Closes Today', { opens: '2026-06-01', closes: '2026-06-10' });
    const upcoming = await f.program('Upcoming', { opens: '2026-06-11', closes: '2026-07-01' });
    const closed = await f.program('Closed', { opens: '2026-05-01', closes: '2026-06-09' });
    const archived = await f.program('Archived');
    await ef.archiveProgram(archived);
    await f.enrol(opensToday, ana, 'mentor');
    ids = { ana, opensToday, closesToday, upcoming, closed, archived };
  });
  afterAll(() => app.close());

  describe('enrolment state', () => {
    it('is open on the first and last day of the window, upcoming before it and closed after it, judged by UTC date', async () => {
      const res = await get('ben@contoso.example', '/api/programs');
      expect(res.status).toBe(200);
      const byName = Object.fromEntries(res.body.map((p: { name: string }) => [p.name, p]));
      expect(byName['Opens Today']).toMatchObject({ enrollmentState: 'open', enrollmentOpen: true });
      expect(byName['Closes Today']).toMatchObject({ enrollmentState: 'open', enrollmentOpen: true });
      expect(byName['Upcoming']).toMatchObject({ enrollmentState: 'upcoming', enrollmentOpen: false });
      expect(byName['Closed']).toMatchObject({ enrollmentState: 'closed', enrollmentOpen: false });
      expect(byName['Archived']).toBeUndefined();
    });

    it('follows the clock: at 23:59 UTC on the closing day it is still open, a minute later it is closed', async () => {
      try {
        app.clock.set('2026-06-10T23:59:00.000Z');
        expect((await get('ben@contoso.example', `/api/programs/${ids.closesToday}`)).body.enrollmentState).toBe('open');
        app.clock.set('2026-06-11T00:00:00.000Z');
        const res = await get('ben@contoso.example', `/api/programs/${ids.closesToday}`);
        expect(res.body).toMatchObject({ enrollmentState: 'closed', enrollmentOpen: false });
        expect((await get('ben@contoso.example', `/api/programs/${ids.upcoming}`)).body.enrollmentState).toBe('open');
      } finally {
        app.clock.set('2026-06-10T12:00:00.000Z');
      }
    });
  });

  describe('GET /api/programs/{programId}', () => {
    it('returns the program with my enrolment in it', async () => {
      const res = await get('ana@contoso.example', `/api/programs/${ids.opensToday}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: ids.opensToday,
        name: 'Opens Today',
        description: 'Opens Today description',
        kind: 'career-growth',
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        enrollmentOpensOn: '2026-06-10',
        enrollmentClosesOn: '2026-06-20',
        defaultCadence: 'biweekly',
        matchingMode: 'self',
        maxOpenRequestsPerMentee: 3,
        enrollmentOpen: true,
        enrollmentState: 'open',
        myEnrollment: { role: 'mentor', status: 'active' },
      });
      expect((await get('ben@contoso.example', `/api/programs/${ids.opensToday}`)).body.myEnrollment).toBeNull();
    });

    it('answers 404 for an unknown or archived program, and 400 for an id that is not one', async () => {
      const unknown = await get('ben@contoso.example', '/api/programs/01890000-0000-7000-8000-000000000000');
      expect(unknown.status).toBe(404);
      expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((await get('ben@contoso.example', `/api/programs/${ids.archived}`)).status).toBe(404);
      const bad = await get('ben@contoso.example', '/api/programs/not-an-id');
      expect(bad.status).toBe(400);
      expect(fields(bad)).toEqual(['programId']);
    });

    it('needs a signed-in caller', async () => {
      expect((await request(app.http).get(`/api/programs/${ids.opensToday}`)).status).toBe(401);
    });
  });

  describe('POST /api/programs', () => {
    it('an admin creates a program, with three open requests per mentee unless said otherwise', async () => {
      const res = await post(ADMIN, '/api/programs', validProgram);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        ...validProgram,
        maxOpenRequestsPerMentee: 3,
        enrollmentOpen: true,
        enrollmentState: 'open',
        myEnrollment: null,
      });
      const list = await get('ben@contoso.example', '/api/programs');
      expect(list.body.map((p: { id: string }) => p.id)).toContain(res.body.id);
      const stored = await app.db.kysely.selectFrom('programs').select(['createdBy', 'createdAt']).where('id', '=', res.body.id).executeTakeFirstOrThrow();
      expect(stored.createdAt).toBe('2026-06-10T12:00:00.000Z');
      expect(stored.createdBy).not.toBeNull();
    });

    it('trims the name and keeps an explicit request limit', async () => {
      const res = await post(ADMIN, '/api/programs', { ...validProgram, name: '  ERG Allies  ', kind: 'erg', maxOpenRequestsPerMentee: 5, description: '' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name: 'ERG Allies', kind: 'erg', maxOpenRequestsPerMentee: 5, description: '' });
    });

    it('a program may start and end on the same day', async () => {
      const res = await post(ADMIN, '/api/programs', { ...validProgram, startsOn: '2026-07-01', endsOn: '2026-07-01', enrollmentOpensOn: '2026-06-30', enrollmentClosesOn: '2026-06-30' });
      expect(res.status).toBe(201);
      expect(res.body.enrollmentState).toBe('upcoming');
    });

    it('names each invalid field and creates nothing', async () => {
      const before = await ef.snapshot();
      const res = await post(ADMIN, '/api/programs', {
        ...validProgram,
        name: '   ',
        description: 'x'.repeat(4001),
        kind: 'hackathon',
        startsOn: '2026-02-30',
        defaultCadence: 'daily',
        maxOpenRequestsPerMentee: 21,
        matchingMode: undefined,
      });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(fields(res).sort()).toEqual(['defaultCadence', 'description', 'kind', 'matchingMode', 'maxOpenRequestsPerMentee', 'name', 'startsOn'].sort());
      expect(await ef.snapshot()).toEqual(before);
    });

    it('refuses an end before the start, naming endsOn, and an enrolment window that closes before it opens, naming enrollmentClosesOn', async () => {
      const before = await ef.snapshot();
      const ends = await post(ADMIN, '/api/programs', { ...validProgram, endsOn: '2026-06-30' });
      expect(ends.status).toBe(400);
      expect(fields(ends)).toEqual(['endsOn']);
      const closes = await post(ADMIN, '/api/programs', { ...validProgram, enrollmentClosesOn: '2026-05-31' });
      expect(closes.status).toBe(400);
      expect(fields(closes)).toEqual(['enrollmentClosesOn']);
      const both = await post(ADMIN, '/api/programs', { ...validProgram, endsOn: '2026-01-01', enrollmentClosesOn: '2026-01-01' });
      expect(fields(both).sort()).toEqual(['endsOn', 'enrollmentClosesOn']);
      expect(await ef.snapshot()).toEqual(before);
    });

    it('is for admins only: others get 403 and nothing is created', async () => {
      const before = await ef.snapshot();
      const res = await post('ben@contoso.example', '/api/programs', validProgram);
      expect(res.status).toBe(403);
      expect(await ef.snapshot()).toEqual(before);
      expect((await request(app.http).post('/api/programs').send(validProgram)).status).toBe(401);
    });
  });

  describe('PATCH /api/programs/{programId}', () => {
    let programId: string;
    beforeAll(async () => {
      programId = (await post(ADMIN, '/api/programs', { ...validProgram, name: 'Patch Me' })).body.id;
    });

    it('an admin changes any subset of the settings and the rest stays', async () => {
      const res = await patch(ADMIN, `/api/programs/${programId}`, { name: 'Patched', defaultCadence: 'weekly', maxOpenRequestsPerMentee: 1 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ...validProgram, id: programId, name: 'Patched', defaultCadence: 'weekly', maxOpenRequestsPerMentee: 1, myEnrollment: null });
      expect((await get('ben@contoso.example', `/api/programs/${programId}`)).body).toMatchObject({ name: 'Patched', defaultCadence: 'weekly' });
    });

    it('moving the window changes the enrolment state', async () => {
      const res = await patch(ADMIN, `/api/programs/${programId}`, { enrollmentOpensOn: '2026-05-01', enrollmentClosesOn: '2026-05-31' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ enrollmentState: 'closed', enrollmentOpen: false });
    });

    it('checks dates on the merged result, naming the field, and changes nothing when refused', async () => {
      const before = await ef.snapshot();
      const ends = await patch(ADMIN, `/api/programs/${programId}`, { endsOn: '2026-06-30' });
      expect(ends.status).toBe(400);
      expect(fields(ends)).toEqual(['endsOn']);
      const opens = await patch(ADMIN, `/api/programs/${programId}`, { enrollmentOpensOn: '2026-06-01', name: 'Should not stick' });
      expect(opens.status).toBe(400);
      expect(fields(opens)).toEqual(['enrollmentClosesOn']);
      const invalid = await patch(ADMIN, `/api/programs/${programId}`, { kind: 'party', maxOpenRequestsPerMentee: 0, name: '' });
      expect(invalid.status).toBe(400);
      expect(fields(invalid).sort()).toEqual(['kind', 'maxOpenRequestsPerMentee', 'name']);
      expect(await ef.snapshot()).toEqual(before);
    });

    it('an empty change returns the program untouched', async () => {
      const before = await ef.snapshot();
      const res = await patch(ADMIN, `/api/programs/${programId}`, {});
      expect(res.status).toBe(200);
      expect(res.body.name).toBe('Patched');
      expect(await ef.snapshot()).toEqual(before);
    });

    it('answers 404 for unknown and archived programs, 403 for non-admins', async () => {
      expect((await patch(ADMIN, '/api/programs/01890000-0000-7000-8000-000000000000', { name: 'x' })).status).toBe(404);
      expect((await patch(ADMIN, `/api/programs/${ids.archived}`, { name: 'x' })).status).toBe(404);
      const before = await ef.snapshot();
      const res = await patch('ana@contoso.example', `/api/programs/${programId}`, { name: 'Hijacked' });
      expect(res.status).toBe(403);
      expect(await ef.snapshot()).toEqual(before);
    });
  });

  it('documents the new operations with who may call them', async () => {
    const paths = app.openApiDocument.paths as Record<string, Record<string, { 'x-access'?: string }>>;
    expect(paths['/api/programs']?.post?.['x-access']).toBe('admin');
    expect(paths['/api/programs/{programId}']?.get?.['x-access']).toBe('user');
    expect(paths['/api/programs/{programId}']?.patch?.['x-access']).toBe('admin');
  });
});
