import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';


/** Live goals being worked on, the nearest target date first (undated last), then oldest. */
export function goalsInProgressOfPair(db: Kysely<Database>, pairId: string) {
  return db
    .selectFrom('goals')
    .select(['id', 'title', 'progress'])
    .where('pairId', '=', pairId)
    .where('status', '=', 'in-progress')
    .where('deletedAt', 'is', null)
    .orderBy((eb) => eb.case().when('targetDate', 'is', null).then(eb.lit(1)).else(eb.lit(0)).end())
    .orderBy('targetDate')
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}
