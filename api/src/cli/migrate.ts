import { ConfigError, loadConfig } from '../config/config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';

/** `npm run db:migrate`: bring the configured database's schema up to date. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const db = await openDatabase(config.database);
  try {
    const { applied } = await migrateToLatest(db.kysely);
    console.log(applied.length > 0 ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Schema already up to date.');
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
