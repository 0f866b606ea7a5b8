import request from 'supertest';
import { createTestApp, type TestApp } from '../support/app';
import { matchingFixtures } from '../support/matching-fixtures';

const NOW = '2026-06-10T12:00:00.000Z';
const MESSAGE = 'Hi! I would love your help getting better at negotiating renewals.';

describe('mentorship requests', () => {
  let app: TestApp;
  let f: ReturnType<typeof matchingFixtures>;
  let program: string;
  const people = new Map<string, string>();

  const auth = async (email: string) => `Bearer ${await app.tokenFor(`${email}@contoso.example`)}`;
  const post = async (who: string, path: string, body?: object) => {
    const req = request(app.http).post(path).set('Authorization', await auth(who));
    return body === undefined ? req : req.send(body);
  };
  const get = async (who: string, path: string) => request(app.http).get(path).set('Authorization', await auth(who));
  const ask = (mentee: string, mentor: string, message = MESSAGE, programId = program) =>
    post(mentee, `/api/programs/${programId}/requests`, { mentorId: id(mentor), message });
  const id = (key: string) => {
    const value = people.get(key);
    if (!value) throw new Error(`no fixture person ${key}`);
    return value;
  };
  /** a person with a display name from their key, e.g. `mentor-ana` → "Mentor Ana" */
  const person = async (key: string, extra: { department?: string; jobTitle?: string } = {}) => {
    const displayName = key.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');
    const value = await f.person(`${key}@contoso.example`, { displayName, ...extra });
    people.set(key, value);
    return value;
  };
  const mentor = async (key: string, capacity = 2, extra: { availability?: 'open' | 'paused' } = {}) => {
    const value = await person(key, { department: 'Engineering', jobTitle: 'Principal Engineer' });
    await f.mentor(program, value, { capacity, skillsOffered: ['Negotiation'], ...extra });
    return value;
  };
  const mentee = async (key: string) => {
    const value = await person(key, { department: 'Sales' });
    await f.mentee(program, value, { skillsWanted: ['Negotiation'] });
    return value;
  };

  /** Runs a refused call and checks it changed no request, pair or enrolment. */
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
  });
  afterAll(() => app.close());

  describe('sending', () => {
    it('a mentee asks a mentor and gets the pending request back', async () => {
      await mentor('ana');
      await mentee('ben');
      const res = await ask('ben', 'ana', `   ${MESSAGE}   `);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        program: { id: program, name: 'Grow Together' },
        mentee: { id: id('ben'), displayName: 'Ben', jobTitle: null, department: 'Sales' },
        mentor: { id: id('ana'), displayName: 'Ana', jobTitle: 'Principal Engineer', department: 'Engineering' },
        message: MESSAGE,
        status: 'pending',
        declineReason: null,
        createdAt: NOW,
        respondedAt: null,
        pairId: null,
      });
    });

    it('names the invalid fields: a message under 20 characters once trimmed, and a malformed mentor id', async () => {
      const res = await unchangedBy(() => post('ben', `/api/programs/${program}/requests`, { mentorId: 'ana', message: `   ${'x'.repeat(19)}    ` }));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['mentorId', 'message']);
      const long = await ask('ben', 'ana', 'x'.repeat(1001));
      expect(long.status).toBe(400);
      expect(long.body.errors).toEqual([expect.objectContaining({ field: 'message' })]);
    });

    it('refuses a second pending request to the same mentor', async () => {
      const res = await unchangedBy(() => ask('ben', 'ana'));
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/already asked Ana/);
    });

    it('refuses more open requests than the program allows', async () => {
      await f.programSettings(program, { maxOpenRequestsPerMentee: 2 });
      try {
        await mentor('cal');
        await mentor('dot');
        expect((await ask('ben', 'cal')).status).toBe(201);
        const res = await unchangedBy(() => ask('ben', 'dot'));
        expect(res.status).toBe(409);
        expect(res.body.detail).toMatch(/2 requests waiting/);
      } finally {
        await f.programSettings(program, { maxOpenRequestsPerMentee: 3 });
      }
    });

    it('refuses mentors who are paused, full, not mentors here, or the mentee themself', async () => {
      await mentee('eve');
      await mentor('pat-paused', 2, { availability: 'paused' });
      const full = await mentor('fin-full', 1);
      await f.pairWith(program, full, await mentee('someone'), 'paused');
      await person('stranger');
      const otherMentee = id('ben');

      const paused = await unchangedBy(() => ask('eve', 'pat-paused'));
      expect(paused.status).toBe(409);
      expect(paused.body.detail).toMatch(/Pat Paused has paused new mentoring/);
      const atCapacity = await unchangedBy(() => ask('eve', 'fin-full'));
      expect(atCapacity.status).toBe(409);
      expect(atCapacity.body.detail).toMatch(/Fin Full has no room for another mentee/);
      const notEnrolled = await unchangedBy(() => ask('eve', 'stranger'));
      expect(notEnrolled.status).toBe(409);
      expect(notEnrolled.body.detail).toMatch(/Stranger isn’t enrolled as a mentor in Grow Together/);
      const aMentee = await unchangedBy(() => post('eve', `/api/programs/${program}/requests`, { mentorId: otherMentee, message: MESSAGE }));
      expect(aMentee.status).toBe(409);
      const self = await unchangedBy(() => ask('eve', 'eve'));
      expect(self.status).toBe(409);
      const unknown = await unchangedBy(() =>
        post('eve', `/api/programs/${program}/requests`, { mentorId: '0190a0a0-0000-7000-8000-000000000000', message: MESSAGE }),
      );
      expect(unknown.status).toBe(409);
      expect(unknown.body.detail).toMatch(/This person isn’t enrolled as a mentor/);
    });

    it('refuses anyone in the mentee’s reporting line, above or below, at any depth', async () => {
      // top ← middle ← report ← deep, and the mentee `report` sits third of four levels.
      const top = await mentor('top-boss');
      const middle = await mentor('middle-boss');
      const report = await mentee('report');
      const deep = await mentor('deep-report');
      await f.setManager(middle, top);
      await f.setManager(report, middle);
      await f.setManager(deep, report);
      for (const key of ['top-boss', 'middle-boss', 'deep-report']) {
        const res = await unchangedBy(() => ask('report', key));
        expect(res.status).toBe(409);
        expect(res.body.detail).toMatch(/is in your reporting line/);
      }
    });

    it('refuses people who are not enrolled mentees, and mentees who already have a mentor', async () => {
      const asMentor = await unchangedBy(() => ask('cal', 'ana'));
      expect(asMentor.status).toBe(409);
      expect(asMentor.body.detail).toMatch(/Enrol as a mentee in Grow Together/);
      const outsider = await unchangedBy(() => ask('stranger', 'ana'));
      expect(outsider.status).toBe(409);

      await mentee('paired');
      await f.pairWith(program, id('cal'), id('paired'), 'active');
      const paired = await unchangedBy(() => ask('paired', 'ana'));
      expect(paired.status).toBe(409);
      expect(paired.body.detail).toMatch(/already have a mentor in Grow Together/);
    });

    it('refuses requests in programs where the program team does the matching', async () => {
      const adminMatched = await f.program('Leadership Circle');
      await f.programSettings(adminMatched, { matchingMode: 'admin' });
      await f.mentor(adminMatched, id('ana'));
      await f.mentee(adminMatched, id('ben'));
      const res = await unchangedBy(() => ask('ben', 'ana', MESSAGE, adminMatched));
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/program team matches mentors and mentees/);
    });

    it('answers 404 for an unknown program', async () => {
      const res = await unchangedBy(() => ask('ben', 'ana', MESSAGE, '0190a0a0-0000-7000-8000-000000000000'));
      expect(res.status).toBe(404);
    });

    it('lets a mentee whose pairing ended ask someone new, but not the same mentor again', async () => {
      const mentorId = await mentor('gil');
      await mentor('gus');
      const menteeId = await mentee('hal');
      await f.pairWith(program, mentorId, menteeId, 'ended');
      const again = await unchangedBy(() => ask('hal', 'gil'));
      expect(again.status).toBe(409);
      expect(again.body.detail).toMatch(/already been paired with Gil/);
      expect((await ask('hal', 'gus')).status).toBe(201);
    });
  });

  describe('listing', () => {
    it('shows my requests newest first, incoming and outgoing, and nobody else’s', async () => {
      const lister = await mentor('lia');
      const first = await mentee('mo');
      const second = await mentee('ned');
      const older = await f.requestRow(program, first, lister, { createdAt: '2026-06-01T09:00:00.000Z' });
      const newer = await f.requestRow(program, second, lister, { createdAt: '2026-06-05T09:00:00.000Z', status: 'declined' });
      const outgoing = await f.requestRow(program, first, id('ana'), { createdAt: '2026-06-03T09:00:00.000Z' });

      const incoming = await get('lia', '/api/requests?direction=incoming');
      expect(incoming.status).toBe(200);
      expect(incoming.body.map((r: { id: string }) => r.id)).toEqual([newer, older]);
      expect(incoming.body[0]).toMatchObject({
        mentee: { id: second, displayName: 'Ned', department: 'Sales' },
        mentor: { id: lister, displayName: 'Lia' },
        program: { id: program, name: 'Grow Together' },
        status: 'declined',
      });

      const mine = await get('mo', '/api/requests?direction=outgoing');
      expect(mine.body.map((r: { id: string }) => r.id)).toEqual([outgoing, older]);
      const both = await get('mo', '/api/requests');
      expect(both.body.map((r: { id: string }) => r.id)).toEqual([outgoing, older]);
      expect((await get('mo', '/api/requests?direction=incoming')).body).toEqual([]);
      const bystander = await get('stranger', '/api/requests');
      expect(bystander.body).toEqual([]);
    });

    it('rejects an unknown direction naming the parameter', async () => {
      const res = await get('mo', '/api/requests?direction=sideways');
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'direction' })]);
    });
  });

  describe('answering', () => {
    it('accepting starts the pair, and closes the mentee’s other pending requests', async () => {
      const mentorId = await mentor('ola', 2);
      const menteeId = await mentee('pia');
      const otherMentor = await mentor('quinn');
      const accepted = await f.requestRow(program, menteeId, mentorId);
      const other = await f.requestRow(program, menteeId, otherMentor);

      const res = await post('ola', `/api/requests/${accepted}/accept`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ pairId: expect.any(String) });

      const pair = await app.db.kysely.selectFrom('pairs').selectAll().where('id', '=', res.body.pairId).executeTakeFirstOrThrow();
      expect(pair).toMatchObject({ programId: program, mentorId, menteeId, status: 'active', source: 'request', requestId: accepted, startedAt: NOW });
      expect(await f.request(accepted)).toMatchObject({ status: 'accepted', respondedAt: NOW, pairId: res.body.pairId });
      expect(await f.request(other)).toMatchObject({ status: 'closed', pairId: null });

      const pairs = await get('pia', '/api/pairs');
      expect(pairs.body.map((p: { id: string }) => p.id)).toContain(res.body.pairId);
      const again = await unchangedBy(() => post('ola', `/api/requests/${accepted}/accept`));
      expect(again.status).toBe(409);
      expect(again.body.detail).toMatch(/already been accepted/);
      const closed = await unchangedBy(() => post('quinn', `/api/requests/${other}/accept`));
      expect(closed.status).toBe(409);
      expect(closed.body.detail).toMatch(/closed because the mentee has been matched/);
    });

    it('a mentor at capacity cannot accept another request', async () => {
      const mentorId = await mentor('rae', 1);
      await f.pairWith(program, mentorId, await mentee('sid'), 'active');
      const waiting = await f.requestRow(program, await mentee('tom'), mentorId);
      const res = await unchangedBy(() => post('rae', `/api/requests/${waiting}/accept`));
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/has no room for another mentee: 1 of your 1 place is taken/);
    });

    it('two simultaneous accepts for a mentor’s last place: exactly one pair is made', async () => {
      const mentorId = await mentor('uma', 1);
      const first = await f.requestRow(program, await mentee('val'), mentorId);
      const second = await f.requestRow(program, await mentee('wes'), mentorId);
      const token = await auth('uma');
      const pairsBefore = await f.count('pairs', { programId: program });

      const results = await Promise.all(
        [first, second].map((requestId) => request(app.http).post(`/api/requests/${requestId}/accept`).set('Authorization', token)),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409)!;
      expect(loser.body.detail).toMatch(/has no room for another mentee/);
      expect(await f.count('pairs', { programId: program })).toBe(pairsBefore + 1);
      const statuses = [(await f.request(first)).status, (await f.request(second)).status].sort();
      expect(statuses).toEqual(['accepted', 'pending']);
    });

    it('declining records the mentor’s reason; a reason is optional and at most 500 characters', async () => {
      const mentorId = await mentor('xia');
      const a = await f.requestRow(program, await mentee('yan'), mentorId);
      const b = await f.requestRow(program, await mentee('zoe'), mentorId);

      const tooLong = await unchangedBy(() => post('xia', `/api/requests/${a}/decline`, { reason: 'x'.repeat(501) }));
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);

      const withReason = await post('xia', `/api/requests/${a}/decline`, { reason: '  My quarter is full — try Ana!  ' });
      expect(withReason.status).toBe(200);
      expect(withReason.body).toMatchObject({ id: a, status: 'declined', declineReason: 'My quarter is full — try Ana!', respondedAt: NOW, pairId: null });
      const without = await post('xia', `/api/requests/${b}/decline`);
      expect(without.status).toBe(200);
      expect(without.body).toMatchObject({ status: 'declined', declineReason: null });

      const twice = await unchangedBy(() => post('xia', `/api/requests/${a}/decline`, {}));
      expect(twice.status).toBe(409);
      expect(twice.body.detail).toMatch(/already been declined/);
    });

    it('the mentee withdraws a pending request, and cannot withdraw an answered one', async () => {
      const mentorId = await mentor('abe');
      const menteeId = await mentee('bea');
      const pending = await f.requestRow(program, menteeId, mentorId);
      const declined = await f.requestRow(program, menteeId, id('ana'), { status: 'declined' });

      const res = await post('bea', `/api/requests/${pending}/withdraw`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: pending, status: 'withdrawn', respondedAt: null });
      const late = await unchangedBy(() => post('bea', `/api/requests/${declined}/withdraw`));
      expect(late.status).toBe(409);
      const accept = await unchangedBy(() => post('abe', `/api/requests/${pending}/accept`));
      expect(accept.status).toBe(409);
      expect(accept.body.detail).toMatch(/withdrawn by the mentee/);
    });

    it('the wrong party gets 403, everyone else (admins included) 404', async () => {
      const mentorId = await mentor('cy');
      const menteeId = await mentee('di');
      const pending = await f.requestRow(program, menteeId, mentorId);

      for (const action of ['accept', 'decline']) {
        const res = await unchangedBy(() => post('di', `/api/requests/${pending}/${action}`));
        expect(res.status).toBe(403);
        expect(res.body.detail).toMatch(/Only the mentor who was asked/);
      }
      const mentorWithdraws = await unchangedBy(() => post('cy', `/api/requests/${pending}/withdraw`));
      expect(mentorWithdraws.status).toBe(403);

      for (const action of ['accept', 'decline', 'withdraw']) {
        expect((await unchangedBy(() => post('stranger', `/api/requests/${pending}/${action}`))).status).toBe(404);
        expect((await unchangedBy(() => post('morgan.lee', `/api/requests/${pending}/${action}`))).status).toBe(404);
      }
      const unknown = await post('cy', '/api/requests/0190a0a0-0000-7000-8000-000000000000/accept');
      expect(unknown.status).toBe(404);
      const malformed = await post('cy', '/api/requests/nope/accept');
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'requestId' })]);
      expect((await request(app.http).post(`/api/requests/${pending}/accept`)).status).toBe(401);
    });
  });
});
