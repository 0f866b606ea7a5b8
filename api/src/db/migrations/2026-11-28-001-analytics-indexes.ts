import type { Kysely } from 'kysely';
import { isMssql } from './lib';

/**
 * Indexes the admin analytics (docs/metrics.md) need at enterprise scale, chosen by measuring
 * `npm run bench:analytics -- --employees 100000` (docs/benchmarks.md). Every admin query is
 * scoped by program, so it reaches meetings through a program's pairs, one pair at a time;
 * these indexes let each such step read only index pages, never the wide meetings rows.
 * SQLite's planner must pick them without statistics (the app never runs ANALYZE), so each one
 * either matches more leading equality columns than meetings(status, start_at) or covers the
 * query outright.
 */
const INDEXES: { name: string; table: string; columns: string[] }[] = [
  // A pair's held (or missed) check-ins before an instant: last/first held, "last meeting",
  // the at-risk gaps. Without it SQLite walks meetings(status, start_at) across every pair.
  { name: 'meetings_pair_status_start_ix', table: 'meetings', columns: ['pair_id', 'status', 'start_at'] },
  // A pair's check-ins in a period with what the metrics count (status, hours, ids for ratings
  // and confirmations), covering; it replaces meetings(pair_id, start_at), its prefix.
  { name: 'meetings_pair_start_cover_ix', table: 'meetings', columns: ['pair_id', 'start_at', 'status', 'end_at', 'id'] },
];

/** Made redundant by meetings_pair_start_cover_ix, which starts with the same columns. */
const REPLACED = { name: 'meetings_pair_start_ix', table: 'meetings', columns: ['pair_id', 'start_at'] };

export async function up(db: Kysely<any>): Promise<void> {
  for (const index of INDEXES) await db.schema.createIndex(index.name).on(index.table).columns(index.columns).execute();
  await dropIndex(db, REPLACED);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex(REPLACED.name).on(REPLACED.table).columns(REPLACED.columns).execute();
  for (const index of [...INDEXES].reverse()) await dropIndex(db, index);
}

/** SQL Server names the table in DROP INDEX; SQLite refuses it. */
async function dropIndex(db: Kysely<any>, index: { name: string; table: string }): Promise<void> {
  const drop = db.schema.dropIndex(index.name);
  await (isMssql(db) ? drop.on(index.table) : drop).execute();
}
