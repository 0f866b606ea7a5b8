import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

// Keeps `in (...)` lists well under SQL Server's 2,100 parameters per statement.
const ID_BATCH = 1000;

/** `id, managerId` of the given people: one step up the reporting line for a whole level at once. */
export async function managersOf(db: Kysely<Database>, userIds: string[]): Promise<{ id: string; managerId: string | null }[]> {
  const rows: { id: string; managerId: string | null }[] = [];
  for (const batch of batches(userIds)) {
    rows.push(...(await db.selectFrom('users').select(['id', 'managerId']).where('id', 'in', batch).execute()));
  }
  return rows;
}

/** Ids of everyone reporting directly to any of the given managers (index: users(manager_id)). */
export async function directReportsOf(db: Kysely<Database>, managerIds: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const batch of batches(managerIds)) {
    const rows = await db.selectFrom('users').select('id').where('managerId', 'in', batch).execute();
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

function batches(ids: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += ID_BATCH) out.push(ids.slice(i, i + ID_BATCH));
  return out;
}
