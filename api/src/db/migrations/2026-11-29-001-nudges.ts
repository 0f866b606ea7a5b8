import type { Kysely } from 'kysely';
import { columnTypes } from './lib';

/**
 * Nudges (docs/nudges.md):
 * - `notifications.pair_id`: the pair a nudge is about, so "has this pair been prompted" and the
 *   admin's dormant view are one indexed lookup, not a scan of payloads;
 * - `notifications.attempts` / `last_error`: Teams delivery retries, so a failing bot send is
 *   retried a bounded number of times and then left in the feed, visibly;
 * - an index for "has this pair had this nudge" (the feed itself uses `notifications_user_ix`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('notifications').addColumn('pair_id', t.id, (c) => c.references('pairs.id')).execute();
  await db.schema.alterTable('notifications').addColumn('attempts', t.int, (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('notifications').addColumn('last_error', t.str(300)).execute();
  await db.schema.createIndex('notifications_pair_kind_ix').on('notifications').columns(['pair_id', 'kind']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('notifications_pair_kind_ix').on('notifications').execute();
  await db.schema.alterTable('notifications').dropColumn('last_error').execute();
  await db.schema.alterTable('notifications').dropColumn('attempts').execute();
  await db.schema.alterTable('notifications').dropColumn('pair_id').execute();
}
