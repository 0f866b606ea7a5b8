import { v7 as uuidv7 } from 'uuid';
import { evaluateNudges } from '../../api/src/nudges/nudges.rules';
import { createTestApp, type TestApp } from '../support/app';
import { ADMIN, adminApi } from '../support/admin-fixtures';
import { caller, pairScenario, type PairScenario } from '../support/pair-fixtures';

const NOW = '2026-11-25T10:00:00.000Z';
const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.parse(NOW) - ms).toISOString();

describe('the pulse survey', () => {
  let app: TestApp;
  let api: ReturnType<typeof caller>;

  beforeEach(async () => {
    app = await createTestApp({ now: NOW });
    api = caller(app);
  });
  afterEach(() => app.close());

  const surveys = () => app.db.kysely.selectFrom('surveys').selectAll().orderBy('createdAt').orderBy('id').execute();
  const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

  it('a member answers with a satisfaction and an optional comment: 201 with the id, stored as a pulse answer', async () => {
    const s = await pairScenario(app);
    const res = await api.post(s.mentee, `/api/pairs/${s.pairId}/pulse`, { satisfaction: 4, comment: '  Going well, we meet every fortnight.  ' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String) });
    expect(await surveys()).toEqual([
      expect.objectContaining({
        id: res.body.id, pairId: s.pairId, userId: s.menteeId, kind: 'pulse', satisfaction: 4, comment: 'Going well, we meet every fortnight.',
        recommend: null, confidence: null, createdAt: NOW,
      }),
    ]);
    const bare = await api.post(s.mentor, `/api/pairs/${s.pairId}/pulse`, { satisfaction: 2 });
    expect(bare.status).toBe(201);
    expect((await surveys()).find((row) => row.id === bare.body.id)).toMatchObject({ userId: s.mentorId, satisfaction: 2, comment: null });
  });

  it('a second answer by the same member within 30 days is a conflict; after 30 days it is welcome again', async () => {
    const s = await pairScenario(app);
    expect((await api.post(s.mentee, `/api/pairs/${s.pairId}/pulse`, { satisfaction: 5 })).status).toBe(201);
    app.clock.advance(30 * DAY - 1);
    const again = await api.post(s.mentee, `/api/pairs/${s.pairId}/pulse`, { satisfaction: 3 });
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await surveys()).toHaveLength(1);
    app.clock.advance(1);
    expect((await api.post(s.mentee, `/api/pairs/${s.pairId}/pulse`, { satisfaction: 3 })).status).toBe(201);
    expect((await surveys()).map((row) => row.satisfaction)).toEqual([5, 3]);
  });

  it('is for the members only: someone outside the pair, an admin and an unknown pair all get 404', async () => {
    const s = await pairScenario(app);
    for (const [who, path] of [
      [s.outsider, `/api/pairs/${s.pairId}/pulse`],
      [ADMIN, `/api/pairs/${s.pairId}/pulse`],
      [s.mentee, `/api/pairs/${uuidv7()}/pulse`],
    ] as const) {
      const res = await api.post(who, path, { satisfaction: 4 });
      expect([who, res.status]).toEqual([who, 404]);
    }
    expect(await surveys()).toEqual([]);
  });

  it('is open while the pair is active or paused; a closed pair has its closing survey instead (409)', async () => {
    const paused = await pairScenario(app, { status: 'paused' });
    expect((await api.post(paused.mentor, `/api/pairs/${paused.pairId}/pulse`, { satisfaction: 3 })).status).toBe(201);
    for (const status of ['completed', 'ended'] as const) {
      const closed = await pairScenario(app, { status });
      const res = await api.post(closed.mentee, `/api/pairs/${closed.pairId}/pulse`, { satisfaction: 3 });
      expect([status, res.status]).toEqual([status, 409]);
    }
    expect(await surveys()).toHaveLength(1);
  });

  it('bad answers are 400 naming the field, and nothing is written', async () => {
    const s = await pairScenario(app);
    const path = `/api/pairs/${s.pairId}/pulse`;
    for (const [body, field] of [
      [{ satisfaction: 0 }, 'satisfaction'],
      [{ satisfaction: 6 }, 'satisfaction'],
      [{ satisfaction: 3.5 }, 'satisfaction'],
      [{ satisfaction: '4' }, 'satisfaction'],
      [{}, 'satisfaction'],
      [{ satisfaction: 4, comment: 'x'.repeat(1001) }, 'comment'],
      [{ satisfaction: 4, comment: 42 }, 'comment'],
    ] as const) {
      const res = await api.post(s.mentee, path, body);
      expect([JSON.stringify(body).slice(0, 40), res.status, fieldsOf(res.body)]).toEqual([JSON.stringify(body).slice(0, 40), 400, [field]]);
    }
    expect((await api.post(s.mentee, `/api/pairs/not-a-uuid/pulse`, { satisfaction: 4 })).status).toBe(400);
    expect(await surveys()).toEqual([]);
    expect((await api.post(s.mentee, path, { satisfaction: 4, comment: 'x'.repeat(1000) })).status).toBe(201);
  });

  it('whoever answered is not asked again by the pulse nudge; the partner still is', async () => {
    const s = await pairScenario(app);
    // 32 days in: inside the first pulse period's window.
    await app.db.kysely.updateTable('pairs').set({ startedAt: ago(32 * DAY) }).where('id', '=', s.pairId).execute();
    expect((await api.post(s.mentee, `/api/pairs/${s.pairId}/pulse`, { satisfaction: 4 })).status).toBe(201);
    const drafts = (await evaluateNudges(app.db.kysely, NOW)).filter((d) => d.kind === 'pulse-survey' && d.pairId === s.pairId);
    expect(drafts.map((d) => d.userId)).toEqual([s.mentorId]);
  });
});

describe('dormant pairs, for admins', () => {
  let app: TestApp;
  let s: PairScenario;

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    s = await pairScenario(app);
  });
  afterAll(() => app.close());

  /** The pair's state: last activity, and its re-commit prompt (stored as the nudge job stores it) visible since `promptAt`. */
  async function arrange(lastActivityAt: string, promptAt: string | null) {
    const k = app.db.kysely;
    await k.deleteFrom('notifications').execute();
    await k.updateTable('pairs').set({ lastActivityAt }).where('id', '=', s.pairId).execute();
    if (promptAt === null) return;
    for (const userId of [s.mentorId, s.menteeId]) {
      await k
        .insertInto('notifications')
        .values({
          id: uuidv7(), userId, kind: 'dormant-pair', dedupeKey: `dormant-pair:${s.pairId}:${userId}:${lastActivityAt}`, pairId: s.pairId,
          payload: JSON.stringify({ pairId: s.pairId, partnerName: 'x', lastActivityAt }), deliverAfter: promptAt, deliveredAt: promptAt, channel: 'feed',
          readAt: null, createdAt: promptAt, lastError: null,
        })
        .execute();
    }
  }

  async function reasons() {
    const res = await adminApi(app).get(ADMIN, '/api/admin/pairs-at-risk');
    expect(res.status).toBe(200);
    return ((res.body as { pairId: string; reasons: { code: string; detail: string; remedy: string }[] }[]).find((p) => p.pairId === s.pairId)?.reasons ?? []);
  }

  it('a pair that left its re-commit prompt unanswered for 7 days is at risk as "dormant", with what to do', async () => {
    await arrange(ago(104 * DAY), ago(7 * DAY));
    expect((await reasons()).filter((r) => r.code === 'dormant')).toEqual([
      {
        code: 'dormant',
        detail: 'No activity for 104 days and no answer to the re-commit prompt sent 7 days ago.',
        remedy: 'Contact both members: agree a fresh start with a date for the next check-in, or complete the pair so both can move on.',
      },
    ]);
    const table = await adminApi(app).get(ADMIN, '/api/admin/pairs');
    expect(table.body.items.find((p: { pairId: string }) => p.pairId === s.pairId)?.atRisk).toContain('dormant');
  });

  it('not before the 7 days are up, not once the pair did something after the prompt, and not without a prompt', async () => {
    await arrange(ago(103 * DAY), ago(7 * DAY - 60_000));
    expect((await reasons()).map((r) => r.code)).not.toContain('dormant');
    await arrange(ago(2 * DAY), ago(10 * DAY));
    expect((await reasons()).map((r) => r.code)).not.toContain('dormant');
    await arrange(ago(120 * DAY), null);
    expect((await reasons()).map((r) => r.code)).not.toContain('dormant');
  });

  it('the prompt the nudge rules propose for a 90-day-quiet pair is what makes it dormant a week later', async () => {
    await arrange(ago(91 * DAY), null);
    const prompts = (await evaluateNudges(app.db.kysely, NOW)).filter((d) => d.kind === 'dormant-pair' && d.pairId === s.pairId);
    expect(prompts.map((d) => d.userId).sort()).toEqual([s.mentorId, s.menteeId].sort());
    // Stored as the job stores it: visible from its notBefore, the 90th quiet day (yesterday).
    await arrange(ago(91 * DAY), prompts[0]!.notBefore);
    expect((await reasons()).map((r) => r.code)).not.toContain('dormant');
    app.clock.advance(6 * DAY);
    expect((await reasons()).map((r) => r.code)).toContain('dormant');
  });
});
