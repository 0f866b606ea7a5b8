import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { sendCsv } from '../../api/src/admin-pairs/csv';
import { createTestApp, type TestApp } from '../support/app';
import { ADMIN, adminApi, adminFixtures, csvObjects, parseCsv } from '../support/admin-fixtures';

const NOW = '2026-11-25T10:00:00.000Z';
const MARKER = 'ZQXJ-written-by-a-participant';
const TRICKY_NAME = 'O"Brien, Pat\nZoë 😀 — 東京\r\nsecond line';
const INJECTIONS = ['=HYPERLINK("http://evil.example/?x=1","click")', '+1+2', '-3+4', '@SUM(A1:A9)', '\tTabbed', '\rReturn'];

describe('CSV exports', () => {
  let app: TestApp;
  let api: ReturnType<typeof adminApi>;
  const ids: Record<string, string> = {};

  /** The body as UTF-8 text, however it was chunked. */
  async function getCsv(path: string, email = ADMIN) {
    const token = await app.tokenFor(email);
    return request(app.http)
      .get(path)
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks).toString('utf8')));
      });
  }
  const csvOf = async (query: string) => {
    const res = await getCsv(`/api/admin/export.csv?${query}`);
    expect(res.status).toBe(200);
    return { res, text: res.body as string, ...csvObjects(res.body as string) };
  };

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    api = adminApi(app);
    const f = adminFixtures(app.db);
    const grow = await f.program('Grow Together');
    const formula = await f.program('=Formula Program', { cadence: 'monthly' });
    Object.assign(ids, { grow, formula });

    const mentor = await f.person({ displayName: TRICKY_NAME, department: 'Engineering', jobTitle: 'Staff, "Principal" Engineer' });
    const mentee = await f.person({ displayName: 'Ana', department: 'Sales, EMEA' });
    await f.enrol(grow, mentor, 'mentor', { createdAt: '2026-02-01T00:00:00.000Z', goals: MARKER });
    await f.enrol(grow, mentee, 'mentee', { createdAt: '2026-02-02T00:00:00.000Z', goals: MARKER });
    const pair = await f.pair(grow, mentor, mentee, { startedAt: '2026-09-01T09:00:00.000Z', agreedAt: '2026-09-02T09:00:00.000Z', agreedCadence: 'biweekly' });
    Object.assign(ids, { mentor, mentee, pair });

    await f.meeting(pair, mentor, '2026-08-01T09:00:00.000Z'); // before the default period
    ids.m1 = await f.meeting(pair, mentor, '2026-09-10T09:00:00.000Z', { agenda: MARKER, sharedNotes: MARKER });
    ids.m2 = await f.meeting(pair, mentor, '2026-10-01T09:00:00.000Z', { minutes: 45, teamsAttendanceAt: '2026-10-01T09:05:00.000Z', agenda: MARKER });
    ids.m3 = await f.meeting(pair, mentor, '2026-10-15T09:00:00.000Z', { status: 'missed', sharedNotes: MARKER });
    await f.meeting(pair, mentor, '2026-12-01T09:00:00.000Z', { status: 'scheduled', agenda: MARKER }); // after it
    await f.confirm(ids.m2, mentor, 'held');
    await f.confirm(ids.m2, mentee, 'held');
    await f.confirm(ids.m3, mentor, 'missed');
    await f.rate(ids.m2, mentor, 5, MARKER);
    await f.rate(ids.m2, mentee, 1, MARKER);
    await f.agreement(pair, mentor, { goals: MARKER, feedbackStyle: MARKER, boundaries: MARKER });
    await f.agreement(pair, mentee, { goals: MARKER, feedbackStyle: MARKER, boundaries: MARKER });
    ids.goal = await f.goal(pair, mentee, {
      title: MARKER, skill: MARKER, mentorRole: MARKER, templateKey: 'public-speaking', targetDate: '2026-11-01', progress: 40,
      createdAt: '2026-09-03T10:00:00.000Z',
    });
    ids.doneGoal = await f.goal(pair, mentee, {
      title: MARKER, status: 'done', progress: 100, completedAt: '2026-10-20T10:00:00.000Z', createdAt: '2026-09-04T10:00:00.000Z',
    });
    await f.goal(pair, mentee, { title: MARKER, deletedAt: '2026-10-01T00:00:00.000Z', createdAt: '2026-09-05T10:00:00.000Z' });
    await f.actionItem(pair, mentee, { text: MARKER, dueOn: '2026-11-01', meetingId: ids.m2 });
    await f.participantText(pair, grow, mentor, mentee, ids.m2, ids.goal, MARKER);

    // People whose names would be formulas in a spreadsheet, in the formula-named program
    const plain = await f.person({ displayName: 'Plain Mentor', department: 'Legal' });
    await f.enrol(formula, plain, 'mentor', { createdAt: '2026-03-01T00:00:00.000Z' });
    ids.injections = '';
    for (const [i, name] of INJECTIONS.entries()) {
      const person = await f.person({ displayName: name, department: 'Legal', ...(i === 0 ? { jobTitle: '=1+1' } : {}) });
      await f.enrol(formula, person, 'mentee', { createdAt: `2026-03-0${i + 2}T00:00:00.000Z` });
      if (i === 0) ids.formulaPair = await f.pair(formula, plain, person, { startedAt: '2026-11-20T09:00:00.000Z' });
    }
    const safe = await f.person({ displayName: 'A=B Safe', department: 'Legal' });
    await f.enrol(formula, safe, 'mentee', { createdAt: '2026-03-20T00:00:00.000Z' });

    // a withdrawn enrolment, and one made after an earlier period's end
    const gone = await f.person({ displayName: 'Withdrawn Person', department: 'Sales, EMEA' });
    await f.enrol(grow, gone, 'mentee', { createdAt: '2026-03-01T00:00:00.000Z', status: 'withdrawn' });
    const late = await f.person({ displayName: 'Late Joiner', department: 'Sales, EMEA' });
    await f.enrol(grow, late, 'mentee', { createdAt: '2026-11-10T00:00:00.000Z' });
  });
  afterAll(() => app.close());

  it('is a CSV attachment named after the dataset and the period, streamed in chunks', async () => {
    const { res } = await csvOf('dataset=pairs');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="tandem-pairs-2026-08-28-2026-11-25.csv"');
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
    const dated = await csvOf('dataset=goals&from=2026-09-01&to=2026-09-30');
    expect(dated.res.headers['content-disposition']).toBe('attachment; filename="tandem-goals-2026-09-01-2026-09-30.csv"');
  });

  it('pairs: the table’s fields flattened, with at-risk codes joined by semicolons', async () => {
    const { header, rows } = await csvOf('dataset=pairs');
    expect(header).toEqual([
      'pair_id', 'program_id', 'program_name', 'mentor_id', 'mentor_name', 'mentor_department', 'mentee_id', 'mentee_name', 'mentee_department',
      'status', 'started_at', 'ended_at', 'end_reason', 'cadence', 'last_held_at', 'next_meeting_at', 'meetings_held', 'meetings_missed',
      'on_cadence', 'goals_total', 'goals_done', 'open_action_items', 'overdue_action_items', 'at_risk',
    ]);
    expect(rows.map((r) => r.pair_id)).toEqual([ids.formulaPair, ids.pair]);
    expect(rows[1]).toEqual({
      pair_id: ids.pair, program_id: ids.grow, program_name: 'Grow Together', mentor_id: ids.mentor, mentor_name: TRICKY_NAME,
      mentor_department: 'Engineering', mentee_id: ids.mentee, mentee_name: 'Ana', mentee_department: 'Sales, EMEA', status: 'active',
      started_at: '2026-09-01T09:00:00.000Z', ended_at: '', end_reason: '', cadence: 'biweekly', last_held_at: '2026-10-01T09:00:00.000Z',
      next_meeting_at: '2026-12-01T09:00:00.000Z', meetings_held: '2', meetings_missed: '1', on_cadence: 'false', goals_total: '2', goals_done: '1',
      open_action_items: '1', overdue_action_items: '1', at_risk: 'lack-of-time;overdue-action-items;overdue-goals',
    });
    expect(rows[0]).toMatchObject({ program_name: "'=Formula Program", mentee_name: `'${INJECTIONS[0]}`, on_cadence: '', at_risk: '' });
  });

  it('quotes commas, quotes, line breaks and keeps unicode intact (RFC 4180)', async () => {
    const { text } = await csvOf('dataset=pairs');
    expect(text).toContain('"O""Brien, Pat\nZoë 😀 — 東京\r\nsecond line"');
    expect(text).toContain(',"Sales, EMEA",');
    expect(text.endsWith('\r\n')).toBe(true);
    const participants = await csvOf('dataset=participants');
    expect(participants.rows.find((r) => r.user_id === ids.mentor)).toMatchObject({ name: TRICKY_NAME, job_title: 'Staff, "Principal" Engineer' });
  });

  it('prefixes an apostrophe to any cell that a spreadsheet would run as a formula', async () => {
    const { rows, text } = await csvOf(`dataset=participants&programId=${ids.formula}`);
    const names = rows.map((r) => r.name);
    for (const name of INJECTIONS) expect(names).toContain(`'${name}`);
    expect(names).toContain('A=B Safe');
    expect(names).toContain('Plain Mentor');
    expect(rows.every((r) => r.program === "'=Formula Program")).toBe(true);
    expect(rows.find((r) => r.name === `'${INJECTIONS[0]}`)?.job_title).toBe("'=1+1");
    expect(text).toContain('"\'=HYPERLINK(""http://evil.example/?x=1"",""click"")"');
    for (const line of parseCsv(text).flat()) expect(line).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('meetings: check-ins starting in the period, with each member’s confirmation and Teams attendance', async () => {
    const { header, rows } = await csvOf('dataset=meetings');
    expect(header).toEqual(['meeting_id', 'pair_id', 'program', 'start', 'end', 'status', 'mentor_confirmation', 'mentee_confirmation', 'seen_in_teams']);
    expect(rows).toEqual([
      { meeting_id: ids.m1, pair_id: ids.pair, program: 'Grow Together', start: '2026-09-10T09:00:00.000Z', end: '2026-09-10T09:30:00.000Z', status: 'held', mentor_confirmation: '', mentee_confirmation: '', seen_in_teams: 'false' },
      { meeting_id: ids.m2, pair_id: ids.pair, program: 'Grow Together', start: '2026-10-01T09:00:00.000Z', end: '2026-10-01T09:45:00.000Z', status: 'held', mentor_confirmation: 'held', mentee_confirmation: 'held', seen_in_teams: 'true' },
      { meeting_id: ids.m3, pair_id: ids.pair, program: 'Grow Together', start: '2026-10-15T09:00:00.000Z', end: '2026-10-15T09:30:00.000Z', status: 'missed', mentor_confirmation: 'missed', mentee_confirmation: '', seen_in_teams: 'false' },
    ]);
    expect((await csvOf('dataset=meetings&department=Engineering')).rows).toEqual([]);
    expect((await csvOf('dataset=meetings&department=Sales%2C%20EMEA&from=2026-10-01&to=2026-10-01')).rows.map((r) => r.meeting_id)).toEqual([ids.m2]);
  });

  it('goals: live goals with template, status and dates, never their titles', async () => {
    const { header, rows } = await csvOf('dataset=goals');
    expect(header).toEqual(['goal_id', 'pair_id', 'program', 'template', 'status', 'progress', 'target_date', 'created_at', 'completed_at']);
    expect(rows).toEqual([
      { goal_id: ids.goal, pair_id: ids.pair, program: 'Grow Together', template: 'public-speaking', status: 'in-progress', progress: '40', target_date: '2026-11-01', created_at: '2026-09-03T10:00:00.000Z', completed_at: '' },
      { goal_id: ids.doneGoal, pair_id: ids.pair, program: 'Grow Together', template: '', status: 'done', progress: '100', target_date: '', created_at: '2026-09-04T10:00:00.000Z', completed_at: '2026-10-20T10:00:00.000Z' },
    ]);
    expect((await csvOf('dataset=goals&from=2026-08-01&to=2026-09-02')).rows).toEqual([]);
  });

  it('participants: each enrolment with its status, pairs and whether matched; the department is the person’s own', async () => {
    const { header, rows } = await csvOf(`dataset=participants&programId=${ids.grow}`);
    expect(header).toEqual(['user_id', 'name', 'department', 'job_title', 'program', 'role', 'enrolled_at', 'enrolment_status', 'pairs', 'matched']);
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(Object.keys(byName).sort()).toEqual(['Ana', 'Late Joiner', TRICKY_NAME, 'Withdrawn Person'].sort());
    expect(byName.Ana).toEqual({
      user_id: ids.mentee, name: 'Ana', department: 'Sales, EMEA', job_title: '', program: 'Grow Together', role: 'mentee',
      enrolled_at: '2026-02-02T00:00:00.000Z', enrolment_status: 'active', pairs: '1', matched: 'true',
    });
    expect(byName[TRICKY_NAME]).toMatchObject({ role: 'mentor', pairs: '1', matched: 'true' });
    expect(byName['Withdrawn Person']).toMatchObject({ enrolment_status: 'withdrawn', pairs: '0', matched: 'false' });
    const earlier = await csvOf(`dataset=participants&programId=${ids.grow}&from=2026-08-01&to=2026-08-31`);
    expect(earlier.rows.map((r) => r.name)).not.toContain('Late Joiner');
    expect(earlier.rows.find((r) => r.name === 'Ana')).toMatchObject({ pairs: '0', matched: 'false' });
    const sales = await csvOf('dataset=participants&department=Sales%2C%20EMEA');
    expect(sales.rows.map((r) => r.name).sort()).toEqual(['Ana', 'Late Joiner', 'Withdrawn Person']);
  });

  it('an empty export is still a header row', async () => {
    expect((await csvOf('dataset=pairs&department=Nobody')).text).toBe(
      'pair_id,program_id,program_name,mentor_id,mentor_name,mentor_department,mentee_id,mentee_name,mentee_department,status,started_at,ended_at,end_reason,cadence,last_held_at,next_meeting_at,meetings_held,meetings_missed,on_cadence,goals_total,goals_done,open_action_items,overdue_action_items,at_risk\r\n',
    );
  });

  it('nothing a participant wrote, and no one’s rating, reaches any admin response or file', async () => {
    const bodies: string[] = [];
    for (const dataset of ['pairs', 'meetings', 'goals', 'participants']) {
      const { text, header } = await csvOf(`dataset=${dataset}`);
      bodies.push(text);
      expect(header.filter((h) => /rating|comment|note|title|agenda|message|boundar|text/i.test(h))).toEqual(dataset === 'participants' ? ['job_title'] : []);
    }
    for (const sort of ['startedAt', 'lastMeeting', 'onCadence', 'status']) bodies.push(JSON.stringify((await api.get(ADMIN, `/api/admin/pairs?sort=${sort}`)).body));
    const atRisk = await api.get(ADMIN, '/api/admin/pairs-at-risk');
    expect(atRisk.body.map((p: { pairId: string }) => p.pairId)).toContain(ids.pair);
    bodies.push(JSON.stringify(atRisk.body));
    for (const body of bodies) expect(body).not.toContain(MARKER);
    const pair = atRisk.body.find((p: { pairId: string }) => p.pairId === ids.pair);
    expect(JSON.stringify(pair)).not.toMatch(/rating|"[1-5]"/i);
  });

  it('each export is audited with its dataset and filters', async () => {
    await csvOf(`dataset=goals&programId=${ids.grow}&from=2026-09-01&to=2026-09-30`);
    const [row] = (await api.auditRows('admin.export')).slice(-1);
    const adminId = (await api.get(ADMIN, '/api/me')).body.id;
    expect(row).toMatchObject({ actorId: adminId, subjectType: 'program', subjectId: ids.grow, createdAt: NOW });
    expect(JSON.parse(row!.detail!)).toEqual({ programId: ids.grow, department: null, from: '2026-09-01', to: '2026-09-30', dataset: 'goals' });
  });

  it('rejects a missing or unknown dataset and bad filters with 400 before anything is written or audited', async () => {
    const before = (await api.auditRows()).length;
    for (const [query, field] of [
      ['', 'dataset'],
      ['dataset=notes', 'dataset'],
      ['dataset=PAIRS', 'dataset'],
      ['dataset=pairs&from=2026-11-01&to=2026-10-01', 'to'],
      ['dataset=pairs&programId=nope', 'programId'],
    ] as const) {
      const res = await api.get(ADMIN, `/api/admin/export.csv?${query}`);
      expect([query, res.status, res.headers['content-type']]).toEqual([query, 400, expect.stringContaining('application/problem+json')]);
      expect(res.headers['content-disposition']).toBeUndefined();
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    expect((await api.auditRows()).length).toBe(before);
  });

  it('non-admins get 403 problem+json, not a file', async () => {
    const res = await getCsv('/api/admin/export.csv?dataset=participants', 'person2@contoso.example');
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['content-disposition']).toBeUndefined();
  });

  it('a meetings export longer than one read page is complete, in order, without repeats', async () => {
    const f = adminFixtures(app.db);
    const program = await f.program('Long History');
    const mentor = await f.person({ displayName: 'Long Mentor', department: 'Ops' });
    const mentee = await f.person({ displayName: 'Long Mentee', department: 'Ops' });
    await f.enrol(program, mentor, 'mentor', { createdAt: '2024-01-01T00:00:00.000Z' });
    await f.enrol(program, mentee, 'mentee', { createdAt: '2024-01-01T00:00:00.000Z' });
    const pair = await f.pair(program, mentor, mentee, { startedAt: '2024-01-02T00:00:00.000Z' });
    // 5 003 check-ins (the export reads 5 000 at a time), several sharing a start time.
    const seriesId = await f.meeting(pair, mentor, '2024-01-03T00:00:00.000Z').then(async (id) => (await app.db.kysely.selectFrom('meetings').select('seriesId').where('id', '=', id).executeTakeFirstOrThrow()).seriesId);
    const rows = Array.from({ length: 5002 }, (_, i) => {
      const start = new Date(Date.parse('2024-01-04T00:00:00.000Z') + Math.floor(i / 3) * 3_600_000).toISOString();
      return {
        id: `0190${String(i).padStart(4, '0')}-0000-7000-8000-000000000000`, seriesId, pairId: pair, occurrenceIndex: i + 1, startAt: start,
        endAt: new Date(Date.parse(start) + 1_800_000).toISOString(), originalStartAt: start, status: 'held' as const, createdAt: start, updatedAt: start,
      };
    });
    await app.db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 500) await trx.insertInto('meetings').values(rows.slice(i, i + 500)).execute();
    });
    const { rows: exported } = await csvOf(`dataset=meetings&programId=${program}&from=2024-01-01&to=2024-12-31`);
    expect(exported).toHaveLength(5003);
    expect(new Set(exported.map((r) => r.meeting_id)).size).toBe(5003);
    const keys = exported.map((r) => `${r.start}|${r.meeting_id}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('a failure after the first byte cuts the connection, so a broken download never looks complete', async () => {
    const server = express()
      .get('/file.csv', async (_req, res) => {
        const rows = Array.from({ length: 5000 }, (_, i) => [`row ${i}`, i]);
        // A cell csv-stringify refuses, as a stand-in for anything failing mid-stream.
        rows.push([Symbol('unserialisable') as never, 0]);
        await sendCsv(res, { filename: 'file.csv', columns: ['a', 'b'], rows });
      })
      .listen(0);
    try {
      const { port } = server.address() as AddressInfo;
      const outcome = await new Promise<{ status?: number; bytes: number; complete: boolean }>((resolve) => {
        let bytes = 0;
        const req = http.get(`http://127.0.0.1:${port}/file.csv`, (res) => {
          res.on('data', (chunk: Buffer) => (bytes += chunk.length));
          res.on('end', () => resolve({ status: res.statusCode, bytes, complete: res.complete }));
          res.on('error', () => resolve({ status: res.statusCode, bytes, complete: false }));
        });
        req.on('error', () => resolve({ bytes, complete: false }));
      });
      expect(outcome.complete).toBe(false);
    } finally {
      server.close();
    }
  });
});
