import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { SEEDED_TABLES, type SeedRows, type SeededTable } from './model';

/** SQL Server allows 2100 parameters per statement; keep rows × columns under 2000. */
const MAX_PARAMETERS = 1999;

/** Every table's rows, parents first, but for the tables in `except` (written another way). */
export async function writeRows(db: Kysely<Database>, rows: SeedRows, except: SeededTable[] = []): Promise<void> {
  for (const table of SEEDED_TABLES) if (!except.includes(table)) await insertInChunks(db, table, rows[table]);
}

async function insertInChunks<T extends SeededTable>(db: Kysely<Database>, table: T, rows: Database[T][]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(first).length));
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement) as Insertable<Database[T]>[];
    await db.insertInto(table).values(chunk).execute();
  }
}
