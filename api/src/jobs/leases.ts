import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../db/database';
import type { Database } from '../db/schema';

/**
 * A named, expiring lock in the database, so one of several server instances does a piece of
 * background work at a time. A holder that dies simply lets its lease run out.
 */
export async function acquireLease(db: Kysely<Database>, name: string, holder: string, now: string, expiresAt: string): Promise<boolean> {
  const taken = await db
    .updateTable('jobLeases')
    .set({ holder, expiresAt })
    .where('name', '=', name)
    .where('expiresAt', '<=', now)
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) > 0) return true;
  try {
    await db.insertInto('jobLeases').values({ name, holder, expiresAt }).execute();
    return true;
  } catch (error) {
    // Someone else holds it (or just took it): that is the answer, not a failure.
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export async function releaseLease(db: Kysely<Database>, name: string, holder: string): Promise<void> {
  await db.deleteFrom('jobLeases').where('name', '=', name).where('holder', '=', holder).execute();
}
