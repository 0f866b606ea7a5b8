import SQLite from 'better-sqlite3';
import { createTestDb, type TestDb } from '../support/db';
import { EMAILS, goalWorld, type GoalWorld } from '../support/goal-fixtures';
import { freePort, startServer, waitFor, type ServerProcess } from '../support/server-process';

/**
 * Issue 10, "Crash safety": the real server is killed with SIGKILL in the middle of a burst of
 * writes, then started again on the same SQLite file. Nothing it acknowledged may be lost, and
 * nothing may be half-written: a goal and its steps are written in one transaction.
 * (WAL with synchronous=NORMAL can lose the newest commits on power loss, not on a process crash.)
 */

const START_TIMEOUT_MS = 30_000;
const WORKERS = 6;
/** acknowledged writes before the kill: enough that the kill lands mid-load */
const ACKS_BEFORE_KILL = 40;

interface Acked {
  kind: 'goal' | 'action-item';
  id: string;
  steps: number;
}

describe('a server killed mid-write', () => {
  let testDb: TestDb;
  let world: GoalWorld;
  let file: string;
  let server: ServerProcess | undefined;

  /** Starts the server (kept in `server` at once, so afterAll can stop it whatever happens). */
  const start = async (port: number): Promise<ServerProcess> => {
    const started = startServer({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: testDb.url,
      DEMO_DATA: 'off',
      LOG_LEVEL: 'info',
      RATE_LIMIT_WRITES_PER_MINUTE: '0',
    });
    server = started;
    await waitFor(() => started.child.exitCode !== null || started.output().includes('Tandem is listening'), 'the server to listen', START_TIMEOUT_MS);
    if (started.child.exitCode !== null) throw new Error(`the server exited with ${started.child.exitCode}:\n${started.output()}`);
    return started;
  };

  const signIn = async (base: string, email: string) => {
    const res = await fetch(`${base}/api/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  };

  beforeAll(async () => {
    testDb = await createTestDb();
    if (testDb.db.kind !== 'sqlite') throw new Error('crash safety is checked on SQLite (SQL Server owns its own recovery)');
    world = await goalWorld(testDb.db);
    file = testDb.url.replace(/^sqlite:/, '');
  });

  afterAll(async () => {
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
    await testDb?.close();
  });

  it('keeps every acknowledged write, and no goal is left without some of its steps', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = await start(port);
    const mentee = await signIn(base, EMAILS.mentee);
    const mentor = await signIn(base, EMAILS.mentor);

    const acked: Acked[] = [];
    let killed = false;
    let sent = 0;
    const write = async (n: number): Promise<void> => {
      const asMentee = n % 2 === 0;
      const token = asMentee ? mentee : mentor;
      const steps = (n % 4) + 1;
      const goal = n % 3 !== 0;
      const path = goal ? `/api/pairs/${world.pair}/goals` : `/api/pairs/${world.pair}/action-items`;
      const body = goal
        ? { title: `Crash goal ${n} (${steps} steps)`, skill: 'Networking', mentorRole: 'Introductions', actionSteps: Array.from({ length: steps }, (_, i) => `Step ${i + 1} of goal ${n}`) }
        : { text: `Crash action item ${n}`, ownerId: asMentee ? world.mentee : world.mentor };
      const res = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await res.text();
      if (res.status !== 201) throw new Error(`write ${n} answered ${res.status}: ${text}`);
      acked.push({ kind: goal ? 'goal' : 'action-item', id: (JSON.parse(text) as { id: string }).id, steps: goal ? steps : 0 });
    };
    const worker = async () => {
      while (!killed) {
        const n = sent++;
        try {
          await write(n);
        } catch (error) {
          // Only a dead server may refuse a write; anything else is a bug.
          if (!killed) throw error;
        }
        if (acked.length >= ACKS_BEFORE_KILL && !killed) {
          killed = true;
          server!.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    expect(await server.exited).toBeNull(); // killed by the signal, not exited
    expect(acked.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
    // Requests were still in flight when it died.
    expect(sent).toBeGreaterThan(acked.length);

    server = await start(port);

    const check = new SQLite(file);
    try {
      expect(check.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(check.pragma('foreign_key_check')).toEqual([]);

      const goalIds = new Set((check.prepare('select id from goals').all() as { id: string }[]).map((r) => r.id));
      const itemIds = new Set((check.prepare('select id from action_items').all() as { id: string }[]).map((r) => r.id));
      for (const write of acked) expect((write.kind === 'goal' ? goalIds : itemIds).has(write.id)).toBe(true);

      // Every goal the burst wrote — acknowledged or not — has all its steps or none of it exists.
      const goals = check
        .prepare("select g.title, count(s.id) as steps from goals g left join goal_steps s on s.goal_id = g.id where g.title like 'Crash goal %' group by g.id")
        .all() as { title: string; steps: number }[];
      expect(goals.length).toBeGreaterThanOrEqual(acked.filter((w) => w.kind === 'goal').length);
      for (const goal of goals) expect(`${goal.title}: ${goal.steps}`).toBe(`${goal.title}: ${/\((\d) steps\)/.exec(goal.title)![1]}`);
    } finally {
      check.close();
    }

    // The restarted server serves what the killed one acknowledged.
    const token = await signIn(base, EMAILS.mentee);
    const listed = await fetch(`${base}/api/pairs/${world.pair}/action-items`, { headers: { authorization: `Bearer ${token}` } });
    expect(listed.status).toBe(200);
    const listedIds = new Set(((await listed.json()) as { id: string }[]).map((item) => item.id));
    for (const write of acked.filter((w) => w.kind === 'action-item')) expect(listedIds.has(write.id)).toBe(true);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 45_000);
});
