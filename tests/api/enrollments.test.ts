import request from 'supertest';
import { getEnrollmentProfiles } from '../../api/src/enrollments/enrollments.service';
import { createTestApp, type TestApp } from '../support/app';
import { enrollmentFixtures } from '../support/enrollment-fixtures';
import { fixtures } from '../support/fixtures';

describe('enrolment', () => {
  let app: TestApp;
  let f: ReturnType<typeof fixtures>;
  let ef: ReturnType<typeof enrollmentFixtures>;
  let ids: { open: string; other: string; upcoming: string; closed: string; archived: string };
  const auth = async (email: string) => ({ Authorization: `Bearer ${await app.tokenFor(email)}` });
  const put = async (email: string, programId: string, body: object) =>
    request(app.http).put(`/api/programs/${programId}/enrollment`).set(await auth(email)).send(body);
  const get = async (email: string, programId: string) => request(app.http).get(`/api/programs/${programId}/enrollment`).set(await auth(email));
  const del = async (email: string, programId: string) => request(app.http).delete(`/api/programs/${programId}/enrollment`).set(await auth(email));
  const fields = (res: request.Response) => (res.body.errors ?? []).map((e: { field: string }) => e.field);
  const person = async (name: string) => {
    const email = `${name.toLowerCase()}@contoso.example`;
    return { email, id: await f.person(email, { displayName: name }) };
  };

  beforeAll(async () => {
    app = await createTestApp({ now: '2026-06-10T12:00:00.000Z' });
    f = fixtures(app.db);
    ef = enrollmentFixtures(app.db);
    const open = await f.program('Grow Together', { opens: '2026-06-01', closes: '2026-06-30' });
    const other = await f.program('Other Open', { opens: '2026-06-01', closes: '2026-06-30' });
    const upcoming = await f.program('Emerging Leaders', { opens: '2026-07-01', closes: '2026-07-31' });
    const closed = await f.program('Spring Cohort', { opens: '2026-03-01', closes: '2026-03-31' });
    const archived = await f.program('Archived');
    await ef.archiveProgram(archived);
    await ef.term('skill', 'Public speaking');
    await ef.term('skill', 'System design');
    await ef.term('value', 'Integrity');
    ids = { open, other, upcoming, closed, archived };
  });
  afterAll(() => app.close());

  describe('PUT /api/programs/{programId}/enrollment', () => {
    it('enrols the caller with 201, matching free-text skills to the taxonomy and adding new ones', async () => {
      const ana = await person('Ana');
      const before = await ef.terms('skill');
      const res = await put(ana.email, ids.open, {
        role: 'mentor',
        skillsOffered: ['  public   SPEAKING ', 'Public speaking', 'Rust   programming', 'system design'],
        skillsWanted: ['Negotiation'],
        values: ['integrity', 'Curiosity'],
        goals: 'Help people grow into leads.',
        yearsExperience: 12,
        capacity: 3,
        preferredFrequency: 'biweekly',
        preferredChannel: 'teams-chat',
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        programId: ids.open,
        role: 'mentor',
        status: 'active',
        skillsOffered: ['Public speaking', 'Rust programming', 'System design'],
        skillsWanted: ['Negotiation'],
        values: ['Curiosity', 'Integrity'],
        goals: 'Help people grow into leads.',
        yearsExperience: 12,
        capacity: 3,
        timezone: 'Europe/London',
        preferredFrequency: 'biweekly',
        preferredChannel: 'teams-chat',
        availability: 'open',
        pausedUntil: null,
        activePairs: 0,
        createdAt: '2026-06-10T12:00:00.000Z',
        updatedAt: '2026-06-10T12:00:00.000Z',
      });
      const after = await ef.terms('skill');
      expect(after.map((t) => t.label).sort()).toEqual([...before.map((t) => t.label), 'Negotiation', 'Rust programming'].sort());
      expect(after.find((t) => t.label === 'Rust programming')?.normalized).toBe('rust programming');
      const mine = await request(app.http).get(`/api/programs/${ids.open}`).set(await auth(ana.email));
      expect(mine.body.myEnrollment).toEqual({ role: 'mentor', status: 'active' });
    });

    it('a mentee with only a role gets the defaults, and the time zone the directory knows', async () => {
      const ben = await person('Ben');
      const res = await put(ben.email, ids.open, { role: 'mentee' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        role: 'mentee', skillsOffered: [], skillsWanted: [], values: [], goals: null, yearsExperience: null, capacity: 2,
        timezone: 'Europe/London', preferredFrequency: null, preferredChannel: null, availability: 'open', activePairs: 0,
      });
    });

    it('a second PUT answers 200, replaces the lists it sends and keeps the fields it leaves out', async () => {
      const cy = await person('Cy');
      await put(cy.email, ids.open, { role: 'mentor', skillsOffered: ['Public speaking'], values: ['Integrity'], goals: 'Share', timezone: 'America/New_York', capacity: 4 });
      app.clock.set('2026-06-11T08:00:00.000Z');
      try {
        const res = await put(cy.email, ids.open, { role: 'mentor', skillsOffered: ['System design'], yearsExperience: 7, goals: null });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          skillsOffered: ['System design'], values: ['Integrity'], goals: null, yearsExperience: 7, capacity: 4, timezone: 'America/New_York',
          createdAt: '2026-06-10T12:00:00.000Z', updatedAt: '2026-06-11T08:00:00.000Z',
        });
        const cleared = await put(cy.email, ids.open, { role: 'mentor', values: [], timezone: null });
        expect(cleared.body).toMatchObject({ values: [], timezone: null, skillsOffered: ['System design'] });
      } finally {
        app.clock.set('2026-06-10T12:00:00.000Z');
      }
    });

    it('names every invalid field and writes nothing', async () => {
      const dee = await person('Dee');
      const before = await ef.snapshot();
      const res = await put(dee.email, ids.open, {
        role: 'sponsor',
        skillsOffered: Array.from({ length: 21 }, (_, i) => `Skill ${i}`),
        skillsWanted: ['ok', '   ', 'z'.repeat(81)],
        values: 'Integrity',
        goals: 'g'.repeat(2001),
        yearsExperience: 71,
        capacity: 11,
        timezone: 'Mars/Olympus_Mons',
        preferredFrequency: 'daily',
        preferredChannel: 'pigeon',
      });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(fields(res).sort()).toEqual(
        ['capacity', 'goals', 'preferredChannel', 'preferredFrequency', 'role', 'skillsOffered', 'skillsWanted.1', 'skillsWanted.2', 'timezone', 'values', 'yearsExperience'].sort(),
      );
      expect((await put(dee.email, ids.open, { skillsOffered: [] })).status).toBe(400);
      expect((await put(dee.email, ids.open, { role: 'mentor', yearsExperience: 2.5, capacity: -1 })).status).toBe(400);
      expect(await ef.snapshot()).toEqual(before);
      expect((await get(dee.email, ids.open)).status).toBe(404);
    });

    it('refuses to enrol before the window opens or after it closed, with 409 saying when, and writes nothing', async () => {
      const eve = await person('Eve');
      const before = await ef.snapshot();
      const early = await put(eve.email, ids.upcoming, { role: 'mentee', skillsWanted: ['Brand new skill'] });
      expect(early.status).toBe(409);
      expect(early.body.detail).toBe('Enrolment for Emerging Leaders opens on 1 July 2026.');
      const late = await put(eve.email, ids.closed, { role: 'mentee', skillsWanted: ['Brand new skill'] });
      expect(late.status).toBe(409);
      expect(late.body.detail).toBe('Enrolment for Spring Cohort closed on 31 March 2026.');
      expect(await ef.snapshot()).toEqual(before);
    });

    it('after the window closes a member can still edit their profile, but not come back or switch role', async () => {
      const fay = await person('Fay');
      const gus = await person('Gus');
      await put(fay.email, ids.other, { role: 'mentor', skillsOffered: ['Public speaking'] });
      await put(gus.email, ids.other, { role: 'mentee' });
      await del(gus.email, ids.other);
      app.clock.set('2026-07-01T00:00:00.000Z');
      try {
        const edit = await put(fay.email, ids.other, { role: 'mentor', skillsOffered: ['System design'] });
        expect(edit.status).toBe(200);
        expect(edit.body.skillsOffered).toEqual(['System design']);
        const before = await ef.snapshot();
        const switchRole = await put(fay.email, ids.other, { role: 'mentee' });
        expect(switchRole.status).toBe(409);
        expect(switchRole.body.detail).toMatch(/closed on 30 June 2026/);
        const comeBack = await put(gus.email, ids.other, { role: 'mentee' });
        expect(comeBack.status).toBe(409);
        expect(await ef.snapshot()).toEqual(before);
      } finally {
        app.clock.set('2026-06-10T12:00:00.000Z');
      }
    });

    it('answers 404 for an unknown or archived program and 400 for a bad id', async () => {
      const hal = await person('Hal');
      expect((await put(hal.email, '01890000-0000-7000-8000-000000000000', { role: 'mentee' })).status).toBe(404);
      expect((await put(hal.email, ids.archived, { role: 'mentee' })).status).toBe(404);
      const bad = await put(hal.email, 'programme', { role: 'mentee' });
      expect(bad.status).toBe(400);
      expect(fields(bad)).toEqual(['programId']);
      expect((await request(app.http).put(`/api/programs/${ids.open}/enrollment`).send({ role: 'mentee' })).status).toBe(401);
    });

    it('two simultaneous first enrolments of the same person make one enrolment', async () => {
      const ida = await person('Ida');
      const [a, b] = await Promise.all([put(ida.email, ids.open, { role: 'mentee', skillsWanted: ['Coaching'] }), put(ida.email, ids.open, { role: 'mentee', skillsWanted: ['Coaching'] })]);
      expect([a.status, b.status].sort()).toEqual([200, 201]);
      const rows = await app.db.kysely.selectFrom('enrollments').select('id').where('userId', '=', ida.id).execute();
      expect(rows).toHaveLength(1);
    });
  });

  describe('pairs and enrolment', () => {
    let jo: { email: string; id: string };
    let kim: { email: string; id: string };
    let lu: { email: string; id: string };
    let pairId: string;

    beforeAll(async () => {
      jo = await person('Jo');
      kim = await person('Kim');
      lu = await person('Lu');
      await put(jo.email, ids.open, { role: 'mentor', capacity: 3 });
      await put(kim.email, ids.open, { role: 'mentee' });
      await put(lu.email, ids.open, { role: 'mentee' });
      pairId = await f.pair(ids.open, jo.id, kim.id);
      await f.pair(ids.open, jo.id, lu.id, { status: 'paused' });
      const mo = await person('Mo');
      await f.pair(ids.open, jo.id, mo.id, { status: 'completed' });
      await f.pair(ids.other, jo.id, mo.id);
    });

    it('activePairs counts my active and paused pairs in that program in that role', async () => {
      expect((await get(jo.email, ids.open)).body.activePairs).toBe(2);
      expect((await get(kim.email, ids.open)).body.activePairs).toBe(1);
    });

    it('capacity cannot go below the pairs a mentor has now', async () => {
      const before = await ef.snapshot();
      const res = await put(jo.email, ids.open, { role: 'mentor', capacity: 1 });
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/can’t be below 2/);
      expect(await ef.snapshot()).toEqual(before);
      expect((await put(jo.email, ids.open, { role: 'mentor', capacity: 2 })).status).toBe(200);
    });

    it('switching role while in an active or paused pair is refused with 409', async () => {
      const before = await ef.snapshot();
      const mentor = await put(jo.email, ids.open, { role: 'mentee' });
      expect(mentor.status).toBe(409);
      expect(mentor.body.detail).toMatch(/as a mentor/);
      const pausedMentee = await put(lu.email, ids.open, { role: 'mentor' });
      expect(pausedMentee.status).toBe(409);
      expect(await ef.snapshot()).toEqual(before);
    });

    it('withdrawing while in an active or paused pair is refused with 409', async () => {
      const before = await ef.snapshot();
      const res = await del(lu.email, ids.open);
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/complete or end it/);
      expect(await ef.snapshot()).toEqual(before);
    });

    it('once the pair is over, the mentee may switch role, and their pending requests as a mentee are withdrawn', async () => {
      await ef.setPairStatus(pairId, 'completed');
      const nia = await person('Nia');
      await put(nia.email, ids.open, { role: 'mentor' });
      const requestId = await ef.pendingRequest(ids.open, kim.id, nia.id);
      const res = await put(kim.email, ids.open, { role: 'mentor', skillsOffered: ['Public speaking'] });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ role: 'mentor', activePairs: 0, skillsOffered: ['Public speaking'] });
      expect((await ef.request(requestId)).status).toBe('withdrawn');
    });
  });

  describe('GET and DELETE /api/programs/{programId}/enrollment', () => {
    it('GET answers 404 when I am not enrolled, or the program is unknown or archived', async () => {
      const oz = await person('Oz');
      expect((await get(oz.email, ids.open)).status).toBe(404);
      expect((await get(oz.email, ids.archived)).status).toBe(404);
      expect((await get(oz.email, '01890000-0000-7000-8000-000000000000')).status).toBe(404);
    });

    it('a mentor who withdraws declines their pending requests kindly; coming back restores the profile', async () => {
      const pia = await person('Pia');
      const quinn = await person('Quinn');
      await put(pia.email, ids.open, { role: 'mentor', skillsOffered: ['System design'], values: ['Integrity'] });
      await put(quinn.email, ids.open, { role: 'mentee' });
      const requestId = await ef.pendingRequest(ids.open, quinn.id, pia.id);

      const res = await del(pia.email, ids.open);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'withdrawn', role: 'mentor', skillsOffered: ['System design'] });
      expect(await ef.request(requestId)).toEqual({ status: 'declined', declineReason: expect.stringMatching(/no longer mentoring/), respondedAt: '2026-06-10T12:00:00.000Z' });
      expect((await get(pia.email, ids.open)).body.status).toBe('withdrawn');
      const again = await del(pia.email, ids.open);
      expect(again.status).toBe(200);
      expect(again.body.status).toBe('withdrawn');

      const back = await put(pia.email, ids.open, { role: 'mentor' });
      expect(back.status).toBe(200);
      expect(back.body).toMatchObject({ status: 'active', skillsOffered: ['System design'], values: ['Integrity'] });
    });

    it('a mentee who withdraws takes back their pending requests', async () => {
      const ray = await person('Ray');
      const sol = await person('Sol');
      await put(ray.email, ids.open, { role: 'mentor' });
      await put(sol.email, ids.open, { role: 'mentee' });
      const requestId = await ef.pendingRequest(ids.open, sol.id, ray.id);
      expect((await del(sol.email, ids.open)).status).toBe(200);
      expect((await ef.request(requestId)).status).toBe('withdrawn');
    });

    it('DELETE answers 404 when I am not enrolled and changes nothing', async () => {
      const tia = await person('Tia');
      const before = await ef.snapshot();
      expect((await del(tia.email, ids.open)).status).toBe(404);
      expect(await ef.snapshot()).toEqual(before);
    });
  });

  describe('getEnrollmentProfiles', () => {
    it('returns each enrolment of a program with skills and values as labels, for everyone or for the people asked', async () => {
      const uma = await person('Uma');
      const vic = await person('Vic');
      await put(uma.email, ids.other, { role: 'mentor', skillsOffered: ['System design', 'Public speaking'], values: ['Integrity'], yearsExperience: 9, capacity: 1, timezone: 'Asia/Tokyo', goals: 'Teach' });
      await put(vic.email, ids.other, { role: 'mentee', skillsWanted: ['System design'] });

      const all = await getEnrollmentProfiles(app.db.kysely, ids.other);
      const umaProfile = all.find((p) => p.userId === uma.id);
      expect(umaProfile).toEqual({
        userId: uma.id, role: 'mentor', status: 'active', capacity: 1, availability: 'open', pausedUntil: null, timezone: 'Asia/Tokyo',
        yearsExperience: 9, goals: 'Teach', skillsOffered: ['Public speaking', 'System design'], skillsWanted: [], values: ['Integrity'],
      });
      expect(all.every((p) => typeof p.userId === 'string')).toBe(true);

      const some = await getEnrollmentProfiles(app.db.kysely, ids.other, [vic.id, vic.id]);
      expect(some).toEqual([expect.objectContaining({ userId: vic.id, role: 'mentee', skillsWanted: ['System design'], skillsOffered: [], values: [] })]);
      expect(await getEnrollmentProfiles(app.db.kysely, ids.other, [])).toEqual([]);
      expect(await getEnrollmentProfiles(app.db.kysely, ids.upcoming)).toEqual([]);
    });
  });

  it('documents the enrolment operations for signed-in callers', () => {
    const paths = app.openApiDocument.paths as Record<string, Record<string, { 'x-access'?: string }>>;
    for (const method of ['put', 'get', 'delete']) expect(paths['/api/programs/{programId}/enrollment']?.[method]?.['x-access']).toBe('user');
  });
});
