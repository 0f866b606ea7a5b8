import type { Kysely } from 'kysely';
import { columnTypes } from './lib';

/**
 * What the Outlook sync needs beyond the columns the first schema reserved:
 * - `calendar_version` moves with every change Outlook must mirror, in the same transaction;
 *   `synced_version` is the version Outlook last confirmed. A sync that finishes while someone
 *   changed the series again therefore can't mark it synced.
 * - `synced_fingerprint` is what was last written to the Outlook series master, so a sync
 *   PATCHes the master only when its subject, body, time or recurrence really differ.
 * - `calendar_problem` says why a series is pending or failed, in words the tab can act on.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('meeting_series').addColumn('calendar_version', t.int, (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('meeting_series').addColumn('synced_version', t.int, (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('meeting_series').addColumn('synced_fingerprint', t.text).execute();
  await db.schema.alterTable('meeting_series').addColumn('calendar_problem', t.str(24)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['calendar_problem', 'synced_fingerprint', 'synced_version', 'calendar_version']) {
    await db.schema.alterTable('meeting_series').dropColumn(column).execute();
  }
}
