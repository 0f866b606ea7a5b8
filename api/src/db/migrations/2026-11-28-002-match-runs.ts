import { sql, type Kysely } from 'kysely';
import { columnTypes, oneOf } from './lib';

/**
 * Whole-program matching (docs/match-runs.md):
 * - `match_runs`: one admin's request for the best set of pairs, kept for audit after it is
 *   published. `version` is bumped by every change, so two admins editing the same draft cannot
 *   overwrite each other; the pool figures are a snapshot of when it was last (re)computed.
 * - `match_proposals`: one row per (run, mentee, mentor): proposed, locked, or removed by an admin
 *   (removed rows are kept so a re-run never proposes that pair again); after publishing, the
 *   pair created or the conflict that prevented it.
 * - `match_exclusions`: an admin's "never match these two" rules, per program.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('match_runs')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('program_id', t.id, (c) => c.notNull().references('programs.id'))
    .addColumn('status', t.str(10), (c) => c.notNull().check(oneOf('status', ['draft', 'published'])))
    .addColumn('strategy', t.str(12), (c) => c.notNull().check(oneOf('strategy', ['best-total', 'most-matched'])))
    .addColumn('max_timezone_gap_minutes', t.int)
    .addColumn('same_department', t.str(6), (c) => c.notNull().check(oneOf('same_department', ['allow', 'avoid', 'forbid'])))
    .addColumn('pool_mentors', t.int, (c) => c.notNull())
    .addColumn('pool_places', t.int, (c) => c.notNull())
    .addColumn('candidates_per_mentee', t.int)
    /** JSON array of `{ menteeId, reasons }` */
    .addColumn('unmatched', t.text, (c) => c.notNull())
    .addColumn('version', t.int, (c) => c.notNull())
    .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('published_at', t.instant)
    .addCheckConstraint('match_runs_gap_ck', sql.raw('max_timezone_gap_minutes is null or max_timezone_gap_minutes between 0 and 720'))
    .execute();
  await db.schema.createIndex('match_runs_program_ix').on('match_runs').columns(['program_id', 'created_at']).execute();

  await db.schema
    .createTable('match_proposals')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('run_id', t.id, (c) => c.notNull().references('match_runs.id'))
    .addColumn('mentee_id', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('mentor_id', t.id, (c) => c.notNull().references('users.id'))
    /** round(score × 10 000), after any "avoid" penalty */
    .addColumn('weight', t.int, (c) => c.notNull())
    /** JSON array of strings, strongest first */
    .addColumn('reasons', t.text, (c) => c.notNull())
    .addColumn('state', t.str(10), (c) => c.notNull().check(oneOf('state', ['proposed', 'locked', 'removed'])))
    .addColumn('pair_id', t.id, (c) => c.references('pairs.id'))
    .addColumn('conflict', t.text)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('match_proposals_run_pair_uq', ['run_id', 'mentee_id', 'mentor_id'])
    .addCheckConstraint('match_proposals_weight_ck', sql.raw('weight between 0 and 10000'))
    .execute();

  await db.schema
    .createTable('match_exclusions')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('program_id', t.id, (c) => c.notNull().references('programs.id'))
    .addColumn('mentee_id', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('mentor_id', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('reason', t.str(500))
    .addColumn('created_by', t.id, (c) => c.notNull().references('users.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('match_exclusions_program_pair_uq', ['program_id', 'mentee_id', 'mentor_id'])
    .addCheckConstraint('match_exclusions_distinct_people_ck', sql.raw('mentor_id <> mentee_id'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['match_exclusions', 'match_proposals', 'match_runs']) await db.schema.dropTable(table).execute();
}
