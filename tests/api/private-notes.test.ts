import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { createTestApp, type TestApp } from '../support/app';
import {
  caller,
  checkinTables,
  checkinWorld,
  EMAILS,
  extraPair,
  fieldsOf,
  insertActionItem,
  insertGoal,
  insertMeetings,
  pairActivity,
  setPairStatus,
  type CheckinWorld,
} from '../support/checkin-fixtures';

const NOW = '2026-06-10T12:00:00.000Z';

/** Plain letters and digits, so no JSON, ICS or URL escaping could disguise it in a response. */
const MENTEE_SECRET = 'Zq7MenteePrivateMarker';
const MENTOR_SECRET = 'Kw4MentorPrivateMarker';

interface OpenApiOperation {
  parameters?: { in: string; name: string; schema?: { enum?: unknown[] } }[];
}

describe('private notes on a check-in', () => {
  let app: TestApp;
  let world: CheckinWorld;
  let call: ReturnType<typeof caller>;
  let meeting: string;
  let laterMeeting: string;
  let seriesId: string;
  let otherPairMeeting: string;
  let pairs = 0;

  const notePath = (meetingId: string) => `/api/meetings/${meetingId}/private-note`;
  const notesOf = (meetingId: string) => app.db.kysely.selectFrom('privateNotes').selectAll().where('meetingId', '=', meetingId).execute();

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    call = caller(app);
    world = await checkinWorld(app.db);
    const series = await insertMeetings(app.db, world.pair, world.mentor, [
      { startAt: '2026-06-03T09:00:00.000Z', status: 'held' },
      { startAt: '2026-06-17T09:00:00.000Z' },
    ]);
    [meeting, laterMeeting] = series.meetingIds as [string, string];
    seriesId = series.seriesId;
    otherPairMeeting = (await insertMeetings(app.db, world.otherPair, world.mentor, [{ startAt: '2026-06-04T09:00:00.000Z', status: 'held' }])).meetingIds[0]!;
  });
  beforeEach(() => app.clock.set(NOW));
  afterAll(() => app.close());

  describe('the author', () => {
    it('has an empty note until they write one, then reads back exactly what they wrote', async () => {
      const empty = await call(EMAILS.mentee, 'get', notePath(laterMeeting));
      expect(empty.status).toBe(200);
      expect(empty.body).toEqual({ body: '', updatedAt: null });

      app.clock.set('2026-06-10T12:05:00.000Z');
      const text = '  Feeling stuck on the promotion case.\nAsk about the rubric?  ';
      const put = await call(EMAILS.mentee, 'put', notePath(laterMeeting), { body: text });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({ body: text, updatedAt: '2026-06-10T12:05:00.000Z' });
      expect((await call(EMAILS.mentee, 'get', notePath(laterMeeting))).body).toEqual(put.body);

      app.clock.set('2026-06-10T12:09:00.000Z');
      const again = await call(EMAILS.mentee, 'put', notePath(laterMeeting), { body: 'Rewritten' });
      expect(again.body).toEqual({ body: 'Rewritten', updatedAt: '2026-06-10T12:09:00.000Z' });
      expect(await notesOf(laterMeeting)).toHaveLength(1);
    });

    it('deletes the note by saving an empty (or blank) body', async () => {
      await call(EMAILS.mentor, 'put', notePath(laterMeeting), { body: 'To be removed' });
      const cleared = await call(EMAILS.mentor, 'put', notePath(laterMeeting), { body: '' });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toEqual({ body: '', updatedAt: null });
      expect((await notesOf(laterMeeting)).filter((n) => n.authorId === world.mentor)).toEqual([]);

      await call(EMAILS.mentor, 'put', notePath(laterMeeting), { body: 'Again' });
      const blank = await call(EMAILS.mentor, 'put', notePath(laterMeeting), { body: ' \n ' });
      expect(blank.body).toEqual({ body: '', updatedAt: null });
      expect((await notesOf(laterMeeting)).filter((n) => n.authorId === world.mentor)).toEqual([]);
      // Deleting a note that doesn't exist is simply a no-op.
      expect((await call(EMAILS.mentor, 'put', notePath(laterMeeting), { body: '' })).status).toBe(200);
    });

    it('two saves at once leave exactly one note, holding one of the two texts', async () => {
      const [a, b] = await Promise.all([
        call(EMAILS.mentor, 'put', notePath(otherPairMeeting), { body: 'first' }),
        call(EMAILS.mentor, 'put', notePath(otherPairMeeting), { body: 'second' }),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const rows = await notesOf(otherPairMeeting);
      expect(rows).toHaveLength(1);
      expect(['first', 'second']).toContain(rows[0]?.body);
    });

    it("writing a note leaves no trace on the pair: its activity and update times don't move", async () => {
      const before = await pairActivity(app.db, world.pair);
      app.clock.set('2026-06-10T13:00:00.000Z');
      expect((await call(EMAILS.mentee, 'put', notePath(meeting), { body: 'quiet thought' })).status).toBe(200);
      expect(await pairActivity(app.db, world.pair)).toEqual(before);
    });

    it('up to 10000 characters are kept; more is refused naming body, and nothing changes', async () => {
      const long = 'n'.repeat(10000);
      expect((await call(EMAILS.mentee, 'put', notePath(meeting), { body: long })).body.body).toBe(long);
      const before = await checkinTables(app.db);
      const cases: [object, string][] = [
        [{ body: long + 'n' }, 'body'],
        [{}, 'body'],
        [{ body: null }, 'body'],
        [{ body: 42 }, 'body'],
      ];
      for (const [body, field] of cases) {
        const res = await call(EMAILS.mentee, 'put', notePath(meeting), body);
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toContain(field);
      }
      const badId = await call(EMAILS.mentee, 'put', '/api/meetings/latest/private-note', { body: 'x' });
      expect(badId.status).toBe(400);
      expect(fieldsOf(badId.body)).toContain('meetingId');
      expect(await checkinTables(app.db)).toEqual(before);
    });

    it("can read but no longer write notes once the pair is closed (409), and nothing changes", async () => {
      pairs += 1;
      const closing = await extraPair(app.db, world.program, world.mentor, `closing${pairs}@contoso.example`);
      const [closingMeeting] = (await insertMeetings(app.db, closing.pair, world.mentor, [{ startAt: '2026-06-05T09:00:00.000Z', status: 'held' }])).meetingIds;
      await call(closing.email, 'put', notePath(closingMeeting!), { body: 'written while active' });
      await setPairStatus(app.db, closing.pair, 'ended');
      const before = await checkinTables(app.db);
      for (const body of ['changed after the end', '']) {
        const res = await call(closing.email, 'put', notePath(closingMeeting!), { body });
        expect(res.status).toBe(409);
        expect(res.body.detail).toMatch(/closed/);
      }
      expect(await checkinTables(app.db)).toEqual(before);
      expect((await call(closing.email, 'get', notePath(closingMeeting!))).body.body).toBe('written while active');
    });
  });

  describe('nobody else', () => {
    it("the partner's GET returns their own (empty) note, never the author's, and their own note is separate", async () => {
      await call(EMAILS.mentee, 'put', notePath(meeting), { body: `Mentee only: ${MENTEE_SECRET}` });
      const partner = await call(EMAILS.mentor, 'get', notePath(meeting));
      expect(partner.status).toBe(200);
      expect(partner.body).toEqual({ body: '', updatedAt: null });

      await call(EMAILS.mentor, 'put', notePath(meeting), { body: `Mentor only: ${MENTOR_SECRET}` });
      expect((await call(EMAILS.mentor, 'get', notePath(meeting))).body.body).toBe(`Mentor only: ${MENTOR_SECRET}`);
      expect((await call(EMAILS.mentee, 'get', notePath(meeting))).body.body).toBe(`Mentee only: ${MENTEE_SECRET}`);
      expect(await notesOf(meeting)).toHaveLength(2);
    });

    it('admins, outsiders and members of another pair get 404 for reading and writing, and nothing changes', async () => {
      await call(EMAILS.mentee, 'put', notePath(meeting), { body: `Mentee only: ${MENTEE_SECRET}` });
      const before = await checkinTables(app.db);
      for (const email of [EMAILS.admin, EMAILS.outsider, EMAILS.otherMentee]) {
        for (const res of [await call(email, 'get', notePath(meeting)), await call(email, 'put', notePath(meeting), { body: 'overwrite' })]) {
          expect(res.status).toBe(404);
          expect(res.body.detail).toBe('This check-in was not found.');
          expect(res.text).not.toContain(MENTEE_SECRET);
        }
      }
      expect(await checkinTables(app.db)).toEqual(before);
      const unknown = await call(EMAILS.mentee, 'get', notePath(uuidv7()));
      expect(unknown.status).toBe(404);
      expect((await request(app.http).get(notePath(meeting))).status).toBe(401);
    });

    it('there is no way to address someone else\'s note: the only note endpoints take just the check-in', () => {
      const paths = app.openApiDocument.paths as Record<string, Record<string, OpenApiOperation>>;
      const notePaths = Object.keys(paths).filter((p) => /note/i.test(p));
      expect(notePaths).toEqual(['/api/meetings/{meetingId}/private-note']);
      const ops = paths['/api/meetings/{meetingId}/private-note']!;
      expect(Object.keys(ops).sort()).toEqual(['get', 'put']);
      for (const op of Object.values(ops)) expect((op.parameters ?? []).map((p) => p.name)).toEqual(['meetingId']);
    });

    /**
     * A generic sweep: every GET in the OpenAPI document, with its path parameters filled from this
     * pair (unknown ones get a fresh id), once per value of each enumerated query parameter, plus any
     * `/api/…` link a response hands out (such as a calendar feed URL). Endpoints added later are
     * swept too.
     */
    async function sweep(email: string) {
      const paths = app.openApiDocument.paths as Record<string, Record<string, OpenApiOperation>>;
      const goalId = await insertGoal(app.db, world.pair, world.mentee, { title: 'Visible goal', status: 'in-progress' });
      const itemId = await insertActionItem(app.db, { pairId: world.pair, ownerId: world.mentee, text: 'Visible item', meetingId: meeting });
      const values: Record<string, string> = {
        pairId: world.pair, meetingId: meeting, seriesId, programId: world.program, goalId, id: itemId, userId: world.mentee,
      };
      const queue: string[] = [];
      for (const [template, ops] of Object.entries(paths)) {
        const op = ops.get;
        if (!op) continue;
        const path = template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? uuidv7());
        queue.push(path);
        for (const param of (op.parameters ?? []).filter((p) => p.in === 'query')) {
          for (const value of param.schema?.enum ?? []) queue.push(`${path}?${param.name}=${encodeURIComponent(String(value))}`);
        }
      }
      const seen = new Set<string>();
      const results: { path: string; status: number; text: string }[] = [];
      while (queue.length > 0 && seen.size < 400) {
        const path = queue.shift()!;
        if (seen.has(path)) continue;
        seen.add(path);
        const res = await call(email, 'get', path);
        // Unfold ICS continuation lines, so a folded line could not split the marker.
        const text = `${JSON.stringify(res.headers)}\n${res.text ?? ''}`.replace(/\r?\n[ \t]/g, '');
        results.push({ path, status: res.status, text });
        for (const match of text.matchAll(/(?:https?:\/\/[^/"\s]+)?(\/api\/[A-Za-z0-9_\-./~%]+)/g)) {
          if (!seen.has(match[1]!)) queue.push(match[1]!);
        }
      }
      return results;
    }

    it("the author's text appears in no GET response of any endpoint for the partner, an admin or an outsider", async () => {
      await call(EMAILS.mentee, 'put', notePath(meeting), { body: `Mentee only: ${MENTEE_SECRET}` });
      await call(EMAILS.mentee, 'put', notePath(laterMeeting), { body: `Also private: ${MENTEE_SECRET}` });
      expect((await call(EMAILS.mentee, 'get', notePath(meeting))).body.body).toContain(MENTEE_SECRET);

      for (const email of [EMAILS.mentor, EMAILS.admin, EMAILS.outsider]) {
        const results = await sweep(email);
        const leaks = results.filter((r) => r.text.toLowerCase().includes(MENTEE_SECRET.toLowerCase())).map((r) => `${r.path} (${r.status})`);
        expect(leaks).toEqual([]);
        if (email === EMAILS.mentor) {
          // The sweep really reached the pair: these answer the partner with data.
          const ok = new Set(results.filter((r) => r.status === 200).map((r) => r.path));
          for (const path of [`/api/pairs/${world.pair}`, notePath(meeting), `/api/meetings/${meeting}/agenda-suggestions`, `/api/pairs/${world.pair}/action-items?status=all`, '/api/me/action-items']) {
            expect(ok).toContain(path);
          }
          expect(ok.size).toBeGreaterThanOrEqual(15);
        }
      }
    });

    it("the partner's text is equally invisible to the author", async () => {
      await call(EMAILS.mentor, 'put', notePath(meeting), { body: `Mentor only: ${MENTOR_SECRET}` });
      const results = await sweep(EMAILS.mentee);
      expect(results.filter((r) => r.text.includes(MENTOR_SECRET)).map((r) => r.path)).toEqual([]);
      expect(results.some((r) => r.status === 200 && r.text.includes(MENTEE_SECRET))).toBe(true);
    });
  });
});
