import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { buildDemoData } from './build';
import { writePeople } from './people';
import { writeRows } from './write';

export interface SeedReport {
  users: number;
  programs: number;
  enrollments: number;
  pairs: number;
  requests: number;
  goals: number;
  meetings: number;
  actionItems: number;
  introductions: number;
  surveys: number;
}

/** True until the first person exists: demo data is only ever added to a fresh database. */
export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/**
 * Adds the Contoso demo organisation: ~300 people, two mentoring programs and the
 * history of ~80 pairs, all dated relative to `now`. Rows are computed up front and
 * written in one transaction, so a failure leaves the database empty, not half-seeded.
 * The people go through the directory's CSV import, as a customer's would.
 */
export async function seedDemoData(db: Kysely<Database>, options: { now: Date }): Promise<SeedReport> {
  const rows = buildDemoData(options.now);
  await db.transaction().execute(async (trx) => {
    // Checked inside the transaction: seeding over real data would mix two organisations.
    if (!(await isDatabaseEmpty(trx))) throw new Error('seedDemoData: the database already has users; demo data is only added to an empty database');
    await writePeople(trx, rows.users);
    await writeRows(trx, rows, ['users']);
  });
  return {
    users: rows.users.length,
    programs: rows.programs.length,
    enrollments: rows.enrollments.length,
    pairs: rows.pairs.length,
    requests: rows.mentorshipRequests.length,
    goals: rows.goals.length,
    meetings: rows.meetings.length,
    actionItems: rows.actionItems.length,
    introductions: rows.introductions.length,
    surveys: rows.surveys.length,
  };
}
