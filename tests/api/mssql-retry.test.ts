import express from 'express';
import request from 'supertest';
import { isUniqueViolation, openDatabase, type Db } from '../../api/src/db/database';
import { backoffDelay, defaultRetryPolicy, type RetryPolicy } from '../../api/src/db/retry';
import { errorHandler } from '../../api/src/http/problem';
import { alreadyAborted, couldNotConnect, droppedMidRequest, FaultPool, serverError, type Statement } from '../support/mssql-fault-pool';

/**
 * Issue 10, "Azure SQL transient faults", per Microsoft's retry guidance: whole transactions
 * and reads are retried with backoff and jitter; a single write is repeated only when it
 * certainly didn't run. No SQL Server is reachable here, so faults are injected where the
 * driver meets mssql's ConnectionPool, and a small responder answers in the server's place.
 */

const LEASE_ROWS = [{ name: 'nudges', holder: 'instance-a', expires_at: '2026-06-10T12:00:00.000Z' }];

function responder(statement: Statement): unknown[] | undefined {
  if (/^select 1 as ok/.test(statement.sql)) return [{ ok: 1 }];
  if (/^select .* from "job_leases"/.test(statement.sql)) return LEASE_ROWS;
  return undefined;
}

describe('SQL Server transient faults', () => {
  let pool: FaultPool;
  let db: Db;
  let sleeps: number[];

  /** Never waits; every wait is recorded. Jitter sits at the top of its range. */
  const policy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
    ...defaultRetryPolicy,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.999,
    ...overrides,
  });

  const open = async (retry: RetryPolicy = policy()) => {
    pool = new FaultPool(responder);
    db = await openDatabase({ kind: 'mssql', connection: 'mssql://tandem:secret@localhost:1433/tandem' }, { createMssqlPool: () => pool, retry });
  };

  const readLeases = () => db.kysely.selectFrom('jobLeases').selectAll().execute();
  const addTerm = (trx: Db['kysely'], label: string) =>
    trx
      .insertInto('taxonomyTerms')
      .values({ id: `term-${label}`, kind: 'skill', label, normalized: label.toLowerCase(), seeded: 0, createdBy: null, createdAt: '2026-06-10T12:00:00.000Z' })
      .execute();

  beforeEach(async () => {
    sleeps = [];
    await open();
  });
  afterEach(() => db.close());

  it('a read that meets "database unavailable" (40613) twice is retried, and returns the data on the third try', async () => {
    pool.failNext(2, () => serverError(40613), { when: (s) => /job_leases/.test(s.sql) });
    expect(await readLeases()).toEqual([{ name: 'nudges', holder: 'instance-a', expiresAt: '2026-06-10T12:00:00.000Z' }]);
    expect(sleeps).toHaveLength(2);
  });

  it('a read that keeps failing gives up after three tries with the last error, which the API answers with 503 and Retry-After', async () => {
    pool.failNext(5, () => serverError(40501, 'The service is currently busy.'), { when: (s) => /job_leases/.test(s.sql) });
    const failure = await readLeases().catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'RequestError', number: 40501 });
    expect(sleeps).toHaveLength(2);

    const app = express();
    app.get('/leases', async () => {
      throw failure;
    });
    app.use(errorHandler);
    const res = await request(app).get('/leases');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('1');
    expect(JSON.stringify(res.body)).not.toMatch(/40501|busy\./);
  });

  it('a read after a dropped connection (ECONNRESET) is retried', async () => {
    pool.failNext(1, () => droppedMidRequest('ECONNRESET'), { when: (s) => /job_leases/.test(s.sql) });
    expect(await readLeases()).toHaveLength(1);
    expect(sleeps).toHaveLength(1);
  });

  it('a transaction chosen as deadlock victim (1205) mid-way runs again as a whole, and its effect appears once', async () => {
    pool.failNext(1, () => serverError(1205, 'Transaction was deadlocked and has been chosen as the deadlock victim.'), {
      when: (s) => /insert into "taxonomy_terms"/.test(s.sql) && s.params['3'] === 'Second',
    });
    // The server already rolled the victim back, so mssql refuses the ROLLBACK that follows.
    pool.failNext(1, alreadyAborted, { stage: 'rollback' });
    let runs = 0;
    await db.kysely.transaction().execute(async (trx) => {
      runs += 1;
      await addTerm(trx, 'First');
      await addTerm(trx, 'Second');
    });
    expect(runs).toBe(2);
    // The first attempt's insert reached the server but was rolled back with it.
    expect(pool.attempted.filter((s) => /insert into "taxonomy_terms"/.test(s.sql))).toHaveLength(3);
    expect(pool.appliedMatching(/insert into "taxonomy_terms"/).map((s) => s.params['3'])).toEqual(['First', 'Second']);
    expect(sleeps).toHaveLength(1);
  });

  it('a transaction that can’t begin because the database is failing over (40197) is retried', async () => {
    pool.failNext(2, () => serverError(40197), { stage: 'begin' });
    await db.kysely.transaction().execute((trx) => addTerm(trx, 'Only'));
    expect(pool.appliedMatching(/insert into "taxonomy_terms"/)).toHaveLength(1);
    expect(sleeps).toHaveLength(2);
  });

  it('a transaction whose COMMIT loses the connection is not run again: it may have committed', async () => {
    pool.failNext(1, () => droppedMidRequest('ECONNRESET'), { stage: 'commit' });
    let runs = 0;
    const failure = await db.kysely
      .transaction()
      .execute(async (trx) => {
        runs += 1;
        await addTerm(trx, 'Once');
      })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'ECONNRESET' });
    expect(runs).toBe(1);
    expect(pool.appliedMatching(/insert into "taxonomy_terms"/)).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('a unique-key violation (2627) is not transient: no retry, and it stays recognisable', async () => {
    pool.failNext(1, () => serverError(2627, 'Violation of UNIQUE KEY constraint'), { when: (s) => /insert into/.test(s.sql) });
    let runs = 0;
    const failure = await db.kysely
      .transaction()
      .execute(async (trx) => {
        runs += 1;
        await addTerm(trx, 'Taken');
      })
      .catch((error: unknown) => error);
    expect(isUniqueViolation(failure)).toBe(true);
    expect(runs).toBe(1);
    expect(sleeps).toEqual([]);
    expect(pool.applied.filter((s) => /insert into/.test(s.sql))).toEqual([]);
  });

  it('a single write whose connection drops mid-request is not repeated (it may have run), and surfaces as 503', async () => {
    pool.failNext(1, () => droppedMidRequest('ECONNRESET'), { when: (s) => /insert into/.test(s.sql), afterRunning: true });
    const failure = await addTerm(db.kysely, 'Maybe').catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'RequestError', code: 'ECONNRESET' });
    expect(pool.attempted.filter((s) => /insert into/.test(s.sql))).toHaveLength(1);
    expect(sleeps).toEqual([]);

    const app = express();
    app.post('/terms', async () => {
      throw failure;
    });
    app.use(errorHandler);
    expect((await request(app).post('/terms')).status).toBe(503);
  });

  it('a single write is retried when it certainly didn’t run: no connection, or rejected and rolled back by the server', async () => {
    pool.failNext(1, () => couldNotConnect('ESOCKET'), { when: (s) => /insert into/.test(s.sql) });
    pool.failNext(1, () => serverError(49918, 'Not enough resources to process request.'), { when: (s) => /insert into/.test(s.sql) });
    await addTerm(db.kysely, 'Eventually');
    expect(pool.appliedMatching(/insert into "taxonomy_terms"/)).toHaveLength(1);
    expect(sleeps).toHaveLength(2);
  });

  it('waits back off exponentially with jitter, capped at one second', async () => {
    await db.close();
    await open(policy({ attempts: 7 }));
    pool.failNext(6, () => serverError(10928), { when: (s) => /job_leases/.test(s.sql) });
    expect(await readLeases()).toHaveLength(1);
    // random() = 0.999: each wait is just under its ceiling of 100 ms · 2^(n-1), at most 1 s.
    expect(sleeps).toEqual([99, 199, 399, 799, 999, 999]);

    const low = { ...defaultRetryPolicy, random: () => 0 };
    expect(backoffDelay(low, 1)).toBe(0);
    for (let retry = 1; retry <= 10; retry++) {
      for (const r of [0, 0.25, 0.5, 0.999]) {
        const delay = backoffDelay({ ...defaultRetryPolicy, random: () => r }, retry);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(Math.min(1000, 100 * 2 ** (retry - 1)));
      }
    }
  });
});
