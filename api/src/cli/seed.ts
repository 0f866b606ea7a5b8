import { loadConfig, ConfigError } from '../config/config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { isDatabaseEmpty, seedDemoData } from '../seed/seed';

/** `npm run seed`: fill an empty database with the demo organisation. Never touches one that has data. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const db = await openDatabase(config.database);
  try {
    await migrateToLatest(db.kysely);
    if (!(await isDatabaseEmpty(db.kysely))) {
      console.log('The database already has people in it; demo data is only added to an empty database.');
      return;
    }
    const started = Date.now();
    const report = await seedDemoData(db.kysely, { now: new Date() });
    console.log(`Demo data added in ${Date.now() - started} ms:`, report);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
