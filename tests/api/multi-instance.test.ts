import { acquireLease, releaseLease } from '../../api/src/jobs/leases';
import { KIND_RULES, type NudgeDraft } from '../../api/src/notifications/kinds';
import { evaluateNudges } from '../../api/src/nudges/nudges.rules';
import { createTestDb, type TestDb } from '../support/db';
import { freePort, startServer, waitFor, type LogLine, type ServerProcess } from '../support/server-process';

/**
 * Issue 8, "Multi-instance readiness": two real server processes on one database, as App
 * Service scale-out runs them. With MSSQL_TEST_URL set they share a SQL Server database instead.
 */

const NUDGE_LEASE = 'nudges';
const THIRD_INSTANCE = 'a third instance (this test)';
const NUDGE_INTERVAL_MS = 250;
const START_TIMEOUT_MS = 45_000;

interface Instance {
  name: 'A' | 'B';
  url: string;
  process: ServerProcess;
}

interface NudgeRunLine extends LogLine {
  created: number;
  delivered: number;
  skipped: boolean;
}

function nudgeRuns(instance: Instance): NudgeRunLine[] {
  return instance.process.logs().filter((line): line is NudgeRunLine => line.job === 'nudges' && typeof line.skipped === 'boolean');
}

async function call(instance: Instance, method: string, path: string, options: { token?: string; body?: unknown } = {}) {
  const response = await fetch(`${instance.url}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as any) : undefined };
}

async function signIn(instance: Instance, email: string): Promise<string> {
  const res = await call(instance, 'POST', '/api/dev/token', { body: { email } });
  expect(res.status).toBe(200);
  return res.body.token as string;
}

describe('two server processes on one database', () => {
  let testDb: TestDb;
  let a: Instance;
  let b: Instance;
  /** what one scheduler run would create, worked out while no instance could run */
  let drafts: NudgeDraft[];
  /** how many nudge runs each instance had logged when the lease came free */
  const runsAtRelease = { A: 0, B: 0 };

  const db = () => testDb.db.kysely;
  const notificationRows = () => db().selectFrom('notifications').select(['dedupeKey', 'userId', 'deliveredAt']).execute();
  const switchedOff = async () =>
    new Set((await db().selectFrom('notificationPreferences').selectAll().execute()).filter((p) => Number(p.enabled) === 0).map((p) => `${p.userId}|${p.kind}`));
  const optedOut = (off: Set<string>, draft: NudgeDraft) => KIND_RULES[draft.kind].optional && off.has(`${draft.userId}|${KIND_RULES[draft.kind].group}`);

  beforeAll(async () => {
    testDb = await createTestDb();
    // Another holder has the scheduler's lease before either instance starts, so both must wait.
    const now = new Date();
    expect(await acquireLease(db(), NUDGE_LEASE, THIRD_INSTANCE, now.toISOString(), new Date(now.getTime() + 60 * 60_000).toISOString())).toBe(true);

    const [portA, portB] = [await freePort(), await freePort()];
    // Both start together on the empty (migrated) database, and both are asked to add the demo data.
    const start = (name: 'A' | 'B', port: number): Instance => ({
      name,
      url: `http://127.0.0.1:${port}`,
      process: startServer({
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: testDb.url,
        DEMO_DATA: 'on',
        LOG_LEVEL: 'info',
        NUDGE_INTERVAL_MS: String(NUDGE_INTERVAL_MS),
      }),
    });
    a = start('A', portA);
    b = start('B', portB);
    for (const instance of [a, b]) {
      await waitFor(
        () => instance.process.output().includes('Tandem is listening') || instance.process.child.exitCode !== null,
        `instance ${instance.name} to listen`,
        START_TIMEOUT_MS,
      );
      const code = instance.process.child.exitCode;
      if (code !== null) throw new Error(`instance ${instance.name} exited with ${code}:\n${instance.process.output()}`);
    }
  }, START_TIMEOUT_MS * 2 + 10_000);

  afterAll(async () => {
    for (const instance of [a, b]) instance?.process.child.kill('SIGKILL');
    await testDb?.close();
  });

  it('both answer /api/health, and the demo data was added once, by one of them', async () => {
    for (const instance of [a, b]) {
      expect(instance.process.child.exitCode).toBeNull();
      const health = await call(instance, 'GET', '/api/health');
      expect(health).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok' }) });
    }
    const seeded = [a, b].flatMap((instance) => instance.process.logs().filter((line) => line.msg === 'demo data added'));
    expect(seeded).toHaveLength(1);
    const users = await db().selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(users.n)).toBe((seeded[0]!.seeded as { users: number }).users);
  });

  it('while another instance holds the nudges lease, both schedulers try, skip, and create nothing', async () => {
    await waitFor(() => nudgeRuns(a).length >= 3 && nudgeRuns(b).length >= 3, 'three scheduler runs on each instance', 10_000);
    for (const instance of [a, b]) {
      expect(nudgeRuns(instance).every((run) => run.skipped && run.created === 0 && run.delivered === 0)).toBe(true);
    }
    expect(await notificationRows()).toEqual([]);

    drafts = await evaluateNudges(db(), new Date().toISOString());
    expect(drafts.length).toBeGreaterThan(0);
  });

  it('what one instance writes, the other serves; a dev sign-in is per instance', async () => {
    // Someone with a nudge of a kind they can switch off, in an active pair.
    const draft = drafts.find((d) => d.pairId !== null && KIND_RULES[d.kind].optional);
    expect(draft).toBeDefined();
    const { userId, pairId } = draft as NudgeDraft & { pairId: string };
    const group = KIND_RULES[draft!.kind].group;
    const { email } = await db().selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow();

    const onA = await signIn(a, email);
    // Dev mode signs with a key made at start-up, so instance B can't check A's token (dev mode
    // is for one laptop; Entra tokens are checked against Entra's keys on every instance).
    expect((await call(b, 'GET', '/api/me', { token: onA })).status).toBe(401);
    const onB = await signIn(b, email);
    expect((await call(a, 'GET', '/api/me', { token: onA })).body.id).toBe(userId);
    expect((await call(b, 'GET', '/api/me', { token: onB })).body.id).toBe(userId);

    const created = await call(a, 'POST', `/api/pairs/${pairId}/action-items`, { token: onA, body: { text: 'Share the slides from our check-in', ownerId: userId } });
    expect(created.status).toBe(201);
    const listed = await call(b, 'GET', `/api/pairs/${pairId}/action-items`, { token: onB });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: created.body.id, text: 'Share the slides from our check-in' })]));

    // Switched off through A: B shows it, and whichever instance runs the scheduler honours it.
    expect((await call(a, 'PUT', '/api/me/notification-settings', { token: onA, body: { groups: { [group]: false } } })).status).toBe(200);
    const settings = await call(b, 'GET', '/api/me/notification-settings', { token: onB });
    expect(settings.body.groups).toEqual(expect.arrayContaining([expect.objectContaining({ group, enabled: false })]));
  });

  it('once the lease is free, the nudges appear, and a notification read through one instance is read on the other', async () => {
    runsAtRelease.A = nudgeRuns(a).length;
    runsAtRelease.B = nudgeRuns(b).length;
    await releaseLease(db(), NUDGE_LEASE, THIRD_INSTANCE);
    await waitFor(
      () => nudgeRuns(a).length >= runsAtRelease.A + 3 && nudgeRuns(b).length >= runsAtRelease.B + 3,
      'three more scheduler runs on each instance',
      10_000,
    );
    expect([...nudgeRuns(a), ...nudgeRuns(b)].some((run) => run.created > 0)).toBe(true);

    // The person with the most notifications already in their feed.
    const now = new Date().toISOString();
    const visible = await db()
      .selectFrom('notifications')
      .select(['userId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('createdAt', '<=', now)
      .groupBy('userId')
      .orderBy('n', 'desc')
      .orderBy('userId')
      .executeTakeFirstOrThrow();
    const { email } = await db().selectFrom('users').select('email').where('id', '=', visible.userId).executeTakeFirstOrThrow();
    const [onA, onB] = [await signIn(a, email), await signIn(b, email)];

    const feedOnA = await call(a, 'GET', '/api/notifications?limit=50', { token: onA });
    expect(feedOnA.status).toBe(200);
    const feedOnB = await call(b, 'GET', '/api/notifications?limit=50', { token: onB });
    expect(feedOnB.body).toEqual(feedOnA.body);
    const first = feedOnA.body.items[0] as { id: string; readAt: string | null };
    expect(first.readAt).toBeNull();

    expect((await call(b, 'POST', `/api/notifications/${first.id}/read`, { token: onB })).status).toBe(204);
    const after = await call(a, 'GET', '/api/notifications?limit=50', { token: onA });
    expect(after.body.unread).toBe(feedOnA.body.unread - 1);
    expect(after.body.items.find((n: { id: string }) => n.id === first.id).readAt).not.toBeNull();
  });

  it('both stop cleanly on SIGTERM', async () => {
    for (const instance of [a, b]) instance.process.child.kill('SIGTERM');
    expect(await Promise.all([a.process.exited, b.process.exited])).toEqual([0, 0]);
    for (const instance of [a, b]) expect(instance.process.output()).toContain('"msg":"stopped"');
  });

  it('between them, the two instances created and delivered each nudge exactly once', async () => {
    const runs = [...nudgeRuns(a), ...nudgeRuns(b)];
    const rows = await notificationRows();
    const off = await switchedOff();
    expect(off.size).toBe(1);

    // What one run would have created is what the two created together, the opt-out aside…
    const expected = [...new Set(drafts.filter((d) => !optedOut(off, d)).map((d) => d.dedupeKey))].sort();
    expect(rows.map((r) => r.dedupeKey).sort()).toEqual(expected);
    expect(drafts.some((d) => optedOut(off, d))).toBe(true);
    // …and their runs' own counts add up to it: no run claimed work another one did.
    expect(runs.reduce((sum, run) => sum + run.created, 0)).toBe(rows.length);
    expect(runs.reduce((sum, run) => sum + run.delivered, 0)).toBe(rows.filter((r) => r.deliveredAt !== null).length);
    // Both kept trying on the timer after the lease came free.
    expect(nudgeRuns(a).length - runsAtRelease.A).toBeGreaterThanOrEqual(3);
    expect(nudgeRuns(b).length - runsAtRelease.B).toBeGreaterThanOrEqual(3);

    // Another run now would add nothing.
    const stored = new Set(rows.map((r) => r.dedupeKey));
    const again = (await evaluateNudges(db(), new Date().toISOString())).filter((d) => !optedOut(off, d) && !stored.has(d.dedupeKey));
    expect(again).toEqual([]);
  });
});
