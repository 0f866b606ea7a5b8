import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { createApp, type App } from './app';
import { createIdentity } from './auth/identity';
import type { Clock } from './clock';
import type { Config } from './config/config';
import { openDatabase, type Db } from './db/database';
import { migrateToLatest } from './db/migrate';
import type { Database } from './db/schema';
import { createDirectoryGraph } from './graph/app-tokens';
import { createGraph } from './graph/graph';
import { isDatabaseEmpty, seedDemoData } from './seed/seed';

export interface Runtime {
  app: App;
  db: Db;
}

/** Opens the database, brings its schema up to date, adds demo data if asked, and builds the app. */
export async function createRuntime(config: Config, clock: Clock, logger: Logger): Promise<Runtime> {
  const db = await openDatabase(config.database);
  try {
    const { applied } = await migrateToLatest(db.kysely);
    if (applied.length > 0) logger.info({ applied }, 'database migrated');
    if (config.demoData && (await isDatabaseEmpty(db.kysely))) await addDemoData(db.kysely, clock, logger);
    const identity = await createIdentity(config, clock);
    const graph = config.outlook ? createGraph(config.outlook, clock) : undefined;
    const directory = config.directory ? createDirectoryGraph(config.directory) : undefined;
    const app = createApp({ db, config, clock, logger, ...identity, ...(graph ? { graph } : {}), ...(directory ? { directory } : {}) });
    return { app, db };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** How often, and how many times, an instance looks again while another one adds the demo data. */
const DEMO_DATA_RETRY_MS = 250;
const DEMO_DATA_ATTEMPTS = 240;

/**
 * Several instances starting together on one empty database all try to add the demo data; one
 * writes it and the others go on with it instead of failing to start. SQLite turns a second
 * writer away at once (so it waits and looks again); SQL Server lets it fail once the first has
 * committed.
 */
async function addDemoData(db: Kysely<Database>, clock: Clock, logger: Logger): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const report = await seedDemoData(db, { now: clock.now() });
      logger.info({ seeded: report }, 'demo data added');
      return;
    } catch (error) {
      if (!(await isDatabaseEmpty(db))) {
        logger.info('demo data added by another instance');
        return;
      }
      if (!anotherWriterInTheWay(error) || attempt >= DEMO_DATA_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, DEMO_DATA_RETRY_MS));
    }
  }
}

/** SQLite's "database is locked" (another connection holds the write lock), SQL Server's deadlock victim. */
function anotherWriterInTheWay(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; number?: unknown; originalError?: { info?: { number?: unknown } } };
  return (typeof e.code === 'string' && e.code.startsWith('SQLITE_BUSY')) || (e.number ?? e.originalError?.info?.number) === 1205;
}
