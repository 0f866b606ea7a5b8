import type { Logger } from 'pino';
import { createApp, type App } from './app';
import { createIdentity } from './auth/identity';
import type { Clock } from './clock';
import type { Config } from './config/config';
import { openDatabase, type Db } from './db/database';
import { migrateToLatest } from './db/migrate';
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
    if (config.demoData && (await isDatabaseEmpty(db.kysely))) {
      const report = await seedDemoData(db.kysely, { now: clock.now() });
      logger.info({ seeded: report }, 'demo data added');
    }
    const identity = await createIdentity(config, clock);
    const graph = config.outlook ? createGraph(config.outlook, clock) : undefined;
    const app = createApp({ db, config, clock, logger, ...identity, ...(graph ? { graph } : {}) });
    return { app, db };
  } catch (error) {
    await db.close();
    throw error;
  }
}
