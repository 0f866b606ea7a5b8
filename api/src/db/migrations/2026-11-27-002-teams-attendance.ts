import type { Kysely } from 'kysely';
import { columnTypes } from './lib';

/**
 * Teams attendance as evidence that a check-in happened:
 * - `teams_attendance_at`: when Tandem saw both members in the Teams meeting's attendance report;
 * - `attendance_checked_at`: when it last looked, so reports are asked for sparingly.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('meetings').addColumn('teams_attendance_at', t.instant).execute();
  await db.schema.alterTable('meetings').addColumn('attendance_checked_at', t.instant).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('meetings').dropColumn('attendance_checked_at').execute();
  await db.schema.alterTable('meetings').dropColumn('teams_attendance_at').execute();
}
