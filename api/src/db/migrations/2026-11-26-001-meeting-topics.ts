import type { Kysely } from 'kysely';
import { columnTypes } from './lib';

/**
 * The agenda topics a pair picked for a check-in (keys of `GET /api/agenda-topics`), kept as a
 * JSON array of strings: they are only ever read and written with their meeting, never queried.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('meetings').addColumn('topics', t.text).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('meetings').dropColumn('topics').execute();
}
