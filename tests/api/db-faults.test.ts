import { spawn } from 'node:child_process';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import request from 'supertest';
import { createTestApp, type TestApp } from '../support/app';
import { EMAILS, goalWorld, type GoalWorld } from '../support/goal-fixtures';

/**
 * Issue 10, "Fault tests": SQLite busy and locked. Another process (here, a second connection
 * on the same file) holds the write lock; a write request waits out the busy timeout, then
 * fails cleanly with 503 and changes nothing, and succeeds once the lock is free.
 */

const NOW = '2026-06-10T12:00:00.000Z';
const BUSY_TIMEOUT_MS = 300;

describe('a database busy with another writer', () => {
  let app: TestApp;
  let world: GoalWorld;
  let file: string;

  const token = () => app.tokenFor(EMAILS.mentee);
  const createGoal = async (title: string) =>
    request(app.http)
      .post(`/api/pairs/${world.pair}/goals`)
      .set('Authorization', `Bearer ${await token()}`)
      .send({ title, skill: 'Networking', actionSteps: ['Go to a meetup', 'Ask for an introduction'], mentorRole: 'Makes introductions' });

  /** Everything a goal's creation writes: the goal, its steps, and the pair's activity. */
  const snapshot = async () => ({
    goals: await app.db.kysely.selectFrom('goals').selectAll().orderBy('id').execute(),
    steps: await app.db.kysely.selectFrom('goalSteps').selectAll().orderBy('id').execute(),
    pairs: await app.db.kysely.selectFrom('pairs').selectAll().orderBy('id').execute(),
  });

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    world = await goalWorld(app.db);
    if (app.config.database.kind !== 'sqlite') throw new Error('this test is about SQLite locking');
    file = app.config.database.file;
    // The app's one connection; a short wait keeps the test quick (production waits 5 s).
    await sql`pragma busy_timeout = ${sql.lit(BUSY_TIMEOUT_MS)}`.execute(app.db.kysely);
  });
  afterAll(() => app.close());

  it('a write while another connection holds the write lock gets 503 with Retry-After, changes nothing, and succeeds when sent again', async () => {
    const bearer = `Bearer ${await token()}`; // signed in first: signing in writes the user row
    const before = await snapshot();
    const holder = new SQLite(file);
    try {
      holder.exec('begin immediate');
      const started = Date.now();
      const res = await createGoal('Written after the lock');
      const waited = Date.now() - started;

      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.body).toMatchObject({ type: 'urn:tandem:problem:unavailable', status: 503 });
      expect(JSON.stringify(res.body)).not.toMatch(/SQLITE|locked|stack/i);
      // It waited for the lock, but not much longer than the busy timeout.
      expect(waited).toBeGreaterThanOrEqual(BUSY_TIMEOUT_MS - 50);
      expect(waited).toBeLessThan(BUSY_TIMEOUT_MS + 3000);

      // Reads go on meanwhile: WAL readers don't wait for writers. (This one also finds the
      // user's last-seen time stale and can't record it; that is bookkeeping and is let go.)
      const listed = await request(app.http).get(`/api/pairs/${world.pair}/goals`).set('Authorization', bearer);
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual(expect.any(Array));

      holder.exec('rollback');
    } finally {
      holder.close();
    }
    expect(await snapshot()).toEqual(before);

    const retried = await createGoal('Written after the lock');
    expect(retried.status).toBe(201);
    const goals = await app.db.kysely.selectFrom('goals').select('id').where('title', '=', 'Written after the lock').execute();
    expect(goals).toHaveLength(1);
    const steps = await app.db.kysely.selectFrom('goalSteps').select('text').where('goalId', '=', goals[0]!.id).execute();
    expect(steps).toHaveLength(2);
  });

  it('a transaction that reads before it writes waits for another process’s short write instead of failing', async () => {
    await sql`pragma busy_timeout = ${sql.lit(5000)}`.execute(app.db.kysely);
    try {
      // SQLite waits synchronously, blocking this thread, so the other writer is another process.
      const script = `
        const SQLite = require('better-sqlite3');
        const db = new SQLite(process.argv[1]);
        db.exec('begin immediate');
        db.prepare("update users set display_name = display_name where email = ?").run(process.argv[2]);
        process.stdout.write('locked\\n');
        setTimeout(() => { db.exec('commit'); db.close(); }, 400);
      `;
      const other = spawn(process.execPath, ['-e', script, file, EMAILS.outsider], { cwd: process.cwd() });
      const exited = new Promise<number | null>((resolve) => other.on('exit', resolve));
      await new Promise<void>((resolve, reject) => {
        other.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
        other.on('exit', (code) => reject(new Error(`the other writer exited early (${code})`)));
      });

      // Services mostly write first (they lock the pair row), but one that reads first failed at
      // once with a deferred BEGIN: a reader can't take the write lock once someone else wrote.
      const k = app.db.kysely;
      const title = await k.transaction().execute(async (trx) => {
        const pair = await trx.selectFrom('pairs').select(['id', 'lastActivityAt']).where('id', '=', world.pair).executeTakeFirstOrThrow();
        await trx.updateTable('pairs').set({ lastActivityAt: NOW }).where('id', '=', pair.id).execute();
        const { id } = await trx.selectFrom('goals').select('id').where('pairId', '=', world.pair).executeTakeFirstOrThrow();
        await trx.updateTable('goals').set({ title: 'Renamed while another process writes' }).where('id', '=', id).execute();
        return (await trx.selectFrom('goals').select('title').where('id', '=', id).executeTakeFirstOrThrow()).title;
      });
      expect(title).toBe('Renamed while another process writes');
      expect(await exited).toBe(0);
    } finally {
      await sql`pragma busy_timeout = ${sql.lit(BUSY_TIMEOUT_MS)}`.execute(app.db.kysely);
    }
  });
});
