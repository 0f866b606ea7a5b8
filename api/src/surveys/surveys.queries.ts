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

export function insertSurvey(db: Kysely<Database>, row: Insertable<SurveysTable>) {
  return db.insertInto('surveys').values(row).execute();
}
