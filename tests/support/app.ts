import type { Express } from 'express';
import pino, { type Logger } from 'pino';
import request from 'supertest';
import { createApp } from '../../api/src/app';
import { createIdentity } from '../../api/src/auth/identity';
import { loadConfig, type Config } from '../../api/src/config/config';
import type { Db } from '../../api/src/db/database';
import { seedDemoData } from '../../api/src/seed/seed';
import { testClock, type TestClock } from './clock';
import { createTestDb } from './db';

export interface TestApp {
  http: Express;
  db: Db;
  config: Config;
  clock: TestClock;
  openApiDocument: ReturnType<typeof createApp>['openApiDocument'];
  /** a dev-mode bearer token for this email (dev mode only) */
  tokenFor(email: string, extra?: { displayName?: string; department?: string }): Promise<string>;
  close(): Promise<void>;
}

/** The real app over a fresh SQLite file, wired exactly as the server wires it. */
export async function createTestApp(
  options: { env?: Record<string, string>; seed?: boolean; now?: string; logger?: Logger } = {},
): Promise<TestApp> {
  const testDb = await createTestDb();
  const clock = testClock(options.now);
  const config = loadConfig(
    { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: testDb.url, DEMO_DATA: 'off', ...options.env },
    '0.1.0-test',
  );
  if (options.seed) await seedDemoData(testDb.db.kysely, { now: clock.now() });
  const identity = await createIdentity(config, clock);
  const app = createApp({ db: testDb.db, config, clock, logger: options.logger ?? pino({ level: 'silent' }), ...identity });
  return {
    http: app.express,
    db: testDb.db,
    config,
    clock,
    openApiDocument: app.openApiDocument,
    async tokenFor(email, extra = {}) {
      const res = await request(app.express).post('/api/dev/token').send({ email, ...extra });
      if (res.status !== 200) throw new Error(`dev token failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    close: () => testDb.close(),
  };
}

export async function countRows(db: Db, table: 'users' | 'auditLog' | 'pairs'): Promise<number> {
  const row = await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
