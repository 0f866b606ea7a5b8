import type { Kysely } from 'kysely';
import { columnTypes, oneOf } from './lib';

/**
 * Organisation data from Entra ID (docs/directory.md):
 * - `users.usage_location`, `directory_deleted_at` (deleted in Entra ID — the row stays, with
 *   everything the person wrote), `directory_source` (where the directory fields came from);
 * - `directory_sync_state`: per tenant, where the next delta round starts and where an
 *   interrupted round resumes, with the last round's figures and error, so a crash or a restart
 *   picks up exactly where it stopped.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('users').addColumn('usage_location', t.str(2)).execute();
  await db.schema.alterTable('users').addColumn('directory_deleted_at', t.instant).execute();
  await db.schema
    .alterTable('users')
    .addColumn('directory_source', t.str(10), (c) => c.check(oneOf('directory_source', ['entra', 'csv'])))
    .execute();

  await db.schema
    .createTable('directory_sync_state')
    .addColumn('tenant_id', t.str(36), (c) => c.primaryKey())
    .addColumn('phase', t.str(10), (c) => c.notNull().check(oneOf('phase', ['idle', 'full', 'delta'])))
    .addColumn('next_link', t.text)
    .addColumn('delta_link', t.text)
    .addColumn('run_started_at', t.instant)
    .addColumn('last_success_at', t.instant)
    .addColumn('last_full_sync_at', t.instant)
    .addColumn('users_seen', t.int, (c) => c.notNull().defaultTo(0))
    .addColumn('users_changed', t.int, (c) => c.notNull().defaultTo(0))
    .addColumn('users_departed', t.int, (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', t.str(1000))
    .addColumn('last_error_at', t.instant)
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('directory_sync_state').execute();
  await db.schema.alterTable('users').dropColumn('directory_source').execute();
  await db.schema.alterTable('users').dropColumn('directory_deleted_at').execute();
  await db.schema.alterTable('users').dropColumn('usage_location').execute();
}
