import type { Insertable, Kysely } from 'kysely';
import type { Database, SurveysTable } from '../db/schema';

export function findClosingSurvey(db: Kysely<Database>, pairId: string, userId: string) {
  return db
    .selectFrom('surveys')
    .select('id')
    .where('pairId', '=', pairId)
    .where('userId', '=', userId)
    .where('kind', '=', 'closing')
    .executeTakeFirst();
}

/** When this member last answered a pulse survey about this pair, if ever. */
export async function lastPulseAnswerAt(db: Kysely<Database>, pairId: string, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('surveys')
    .select((eb) => eb.fn.max<string | null>('createdAt').as('at'))
    .where('pairId', '=', pairId)
    .where('kind', '=', 'pulse')
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row?.at ?? null;
}

export function insertSurvey(db: Kysely<Database>, row: Insertable<SurveysTable>) {
  return db.insertInto('surveys').values(row).execute();
}
