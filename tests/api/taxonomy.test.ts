import request from 'supertest';
import { resolveTerms } from '../../api/src/taxonomy/taxonomy.service';
import { createTestApp, type TestApp } from '../support/app';
import { enrollmentFixtures } from '../support/enrollment-fixtures';
import { fixtures } from '../support/fixtures';

const ADMIN = 'morgan.lee@contoso.example';

describe('taxonomy', () => {
  let app: TestApp;
  let ef: ReturnType<typeof enrollmentFixtures>;
  let ids: Record<string, string>;
  const auth = async (email: string) => ({ Authorization: `Bearer ${await app.tokenFor(email)}` });
  const get = async (email: string, path: string) => request(app.http).get(path).set(await auth(email));
  const post = async (email: string, path: string, body: object) => request(app.http).post(path).set(await auth(email)).send(body);
  const patch = async (email: string, path: string, body: object) => request(app.http).patch(path).set(await auth(email)).send(body);
  const put = async (email: string, path: string, body: object) => request(app.http).put(path).set(await auth(email)).send(body);
  const fields = (res: request.Response) => (res.body.errors ?? []).map((e: { field: string }) => e.field);

  beforeAll(async () => {
    app = await createTestApp({ now: '2026-06-10T12:00:00.000Z' });
    const f = fixtures(app.db);
    ef = enrollmentFixtures(app.db);
    await f.person('ana@contoso.example', { displayName: 'Ana Mentor' });
    await f.person('ben@contoso.example', { displayName: 'Ben Mentee' });
    await f.person('cy@contoso.example', { displayName: 'Cy Mentee' });
    const program = await f.program('Grow Together', { opens: '2026-06-01', closes: '2026-06-30' });
    const speaking = await ef.term('skill', 'Public speaking');
    await ef.term('skill', 'coaching');
    await ef.term('value', 'Integrity');
    ids = { program, speaking };
  });
  afterAll(() => app.close());

  it('anyone signed in reads skills and values, each sorted by label ignoring case', async () => {
    await post(ADMIN, '/api/admin/taxonomy', { kind: 'skill', label: 'Budgeting' });
    await post(ADMIN, '/api/admin/taxonomy', { kind: 'value', label: 'curiosity' });
    const res = await get('ben@contoso.example', '/api/taxonomy');
    expect(res.status).toBe(200);
    expect(res.body.skills.map((t: { label: string }) => t.label)).toEqual(['Budgeting', 'coaching', 'Public speaking']);
    expect(res.body.values.map((t: { label: string }) => t.label)).toEqual(['curiosity', 'Integrity']);
    expect(res.body.skills.find((t: { label: string }) => t.label === 'Public speaking')).toEqual({ id: ids.speaking, label: 'Public speaking' });
    expect((await request(app.http).get('/api/taxonomy')).status).toBe(401);
  });

  describe('POST /api/admin/taxonomy', () => {
    it('an admin adds a term, cleaned of surrounding and repeated spaces', async () => {
      const res = await post(ADMIN, '/api/admin/taxonomy', { kind: 'skill', label: '  Technical    writing ' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), label: 'Technical writing' });
      const stored = (await ef.terms('skill')).find((t) => t.id === res.body.id);
      expect(stored).toMatchObject({ label: 'Technical writing', normalized: 'technical writing' });
    });

    it('refuses a label that exists once case and spacing are ignored, with 409, adding nothing', async () => {
      const before = await ef.snapshot();
      const res = await post(ADMIN, '/api/admin/taxonomy', { kind: 'skill', label: ' public   SPEAKING' });
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/Public speaking/);
      expect(await ef.snapshot()).toEqual(before);
    });

    it('the same label may exist once as a skill and once as a value', async () => {
      const res = await post(ADMIN, '/api/admin/taxonomy', { kind: 'value', label: 'Coaching' });
      expect(res.status).toBe(201);
    });

    it('names invalid fields: an empty or blank label, one over 80 characters, an unknown kind', async () => {
      const before = await ef.snapshot();
      const blank = await post(ADMIN, '/api/admin/taxonomy', { kind: 'skill', label: '    ' });
      expect(blank.status).toBe(400);
      expect(fields(blank)).toEqual(['label']);
      const long = await post(ADMIN, '/api/admin/taxonomy', { kind: 'mood', label: 'x'.repeat(81) });
      expect(fields(long).sort()).toEqual(['kind', 'label']);
      const missing = await post(ADMIN, '/api/admin/taxonomy', {});
      expect(fields(missing).sort()).toEqual(['kind', 'label']);
      expect(await ef.snapshot()).toEqual(before);
    });

    it('an 80-character label padded with spaces fits', async () => {
      const res = await post(ADMIN, '/api/admin/taxonomy', { kind: 'skill', label: `  ${'y'.repeat(80)}  ` });
      expect(res.status).toBe(201);
      expect(res.body.label).toHaveLength(80);
    });

    it('is for admins only', async () => {
      const before = await ef.snapshot();
      expect((await post('ben@contoso.example', '/api/admin/taxonomy', { kind: 'skill', label: 'Juggling' })).status).toBe(403);
      expect(await ef.snapshot()).toEqual(before);
    });
  });

  describe('PATCH /api/admin/taxonomy/{termId}', () => {
    it('renaming a term shows the new label on every enrolment that uses it', async () => {
      const enrol = await put('ana@contoso.example', `/api/programs/${ids.program}/enrollment`, { role: 'mentor', skillsOffered: ['public speaking'] });
      expect(enrol.body.skillsOffered).toEqual(['Public speaking']);
      const res = await patch(ADMIN, `/api/admin/taxonomy/${ids.speaking}`, { label: 'Public  speaking & presenting' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id: ids.speaking, label: 'Public speaking & presenting' });
      const after = await get('ana@contoso.example', `/api/programs/${ids.program}/enrollment`);
      expect(after.body.skillsOffered).toEqual(['Public speaking & presenting']);
    });

    it('a change of case alone is allowed', async () => {
      const term = (await post(ADMIN, '/api/admin/taxonomy', { kind: 'skill', label: 'ux research' })).body;
      const res = await patch(ADMIN, `/api/admin/taxonomy/${term.id}`, { label: 'UX Research' });
      expect(res.status).toBe(200);
      expect(res.body.label).toBe('UX Research');
    });

    it('refuses a label another term of the same kind has, with 409, changing nothing', async () => {
      const before = await ef.snapshot();
      const res = await patch(ADMIN, `/api/admin/taxonomy/${ids.speaking}`, { label: 'COACHING' });
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/coaching/);
      expect(await ef.snapshot()).toEqual(before);
    });

    it('answers 404 for an unknown term, 400 for a bad label or id, 403 for non-admins', async () => {
      const before = await ef.snapshot();
      expect((await patch(ADMIN, '/api/admin/taxonomy/01890000-0000-7000-8000-000000000000', { label: 'x' })).status).toBe(404);
      const bad = await patch(ADMIN, '/api/admin/taxonomy/nope', { label: '' });
      expect(bad.status).toBe(400);
      expect(fields(bad)).toEqual(['termId']);
      const blank = await patch(ADMIN, `/api/admin/taxonomy/${ids.speaking}`, { label: ' ' });
      expect(fields(blank)).toEqual(['label']);
      expect((await patch('ana@contoso.example', `/api/admin/taxonomy/${ids.speaking}`, { label: 'Mine now' })).status).toBe(403);
      expect(await ef.snapshot()).toEqual(before);
    });
  });

  describe('adding terms from free text', () => {
    it('two enrolments adding the same new skill at once both succeed and share one term', async () => {
      const [ben, cy] = await Promise.all([
        put('ben@contoso.example', `/api/programs/${ids.program}/enrollment`, { role: 'mentee', skillsWanted: ['Quantum  Knitting'] }),
        put('cy@contoso.example', `/api/programs/${ids.program}/enrollment`, { role: 'mentee', skillsWanted: ['quantum knitting '] }),
      ]);
      expect([ben.status, cy.status]).toEqual([201, 201]);
      const terms = (await ef.terms('skill')).filter((t) => t.normalized === 'quantum knitting');
      expect(terms).toHaveLength(1);
      expect(ben.body.skillsWanted).toEqual([terms[0]?.label]);
      expect(cy.body.skillsWanted).toEqual([terms[0]?.label]);
    });

    it('when another writer adds the same term between the look-up and the insert, the existing term is used', async () => {
      // Outside a transaction both calls read before either writes, so one of them meets the unique key.
      const admin = await app.db.kysely.selectFrom('users').select('id').where('email', '=', ADMIN).executeTakeFirstOrThrow();
      const context = { createdBy: admin.id, now: '2026-06-10T12:00:00.000Z' };
      const [a, b] = await Promise.all([
        resolveTerms(app.db.kysely, 'value', ['Radical candour', 'Kindness'], context),
        resolveTerms(app.db.kysely, 'value', ['radical  CANDOUR'], context),
      ]);
      expect(b).toEqual([a[0]]);
      expect((await ef.terms('value')).filter((t) => t.normalized === 'radical candour')).toHaveLength(1);
    });
  });

  it('documents the taxonomy operations with who may call them', () => {
    const paths = app.openApiDocument.paths as Record<string, Record<string, { 'x-access'?: string }>>;
    expect(paths['/api/taxonomy']?.get?.['x-access']).toBe('user');
    expect(paths['/api/admin/taxonomy']?.post?.['x-access']).toBe('admin');
    expect(paths['/api/admin/taxonomy/{termId}']?.patch?.['x-access']).toBe('admin');
  });
});
