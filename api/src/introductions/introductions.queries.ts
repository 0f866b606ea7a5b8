import type { Insertable, Kysely } from 'kysely';
import type { Database, IntroductionsTable } from '../db/schema';

function introductionsWithRequester(db: Kysely<Database>) {
  return db
    .selectFrom('introductions')
    .innerJoin('users', 'users.id', 'introductions.requestedBy')
    .select([
      'introductions.id',
      'introductions.pairId',
      'introductions.contactName',
      'introductions.contactRole',
      'introductions.reason',
      'introductions.status',
      'introductions.note',
      'introductions.createdAt',
      'introductions.respondedAt',
      'users.id as requesterId',
      'users.displayName as requesterName',
      'users.jobTitle as requesterJobTitle',
      'users.department as requesterDepartment',
    ]);
}

export type IntroductionRow = NonNullable<Awaited<ReturnType<typeof findIntroduction>>>;

export function findIntroduction(db: Kysely<Database>, introductionId: string) {
  return introductionsWithRequester(db).where('introductions.id', '=', introductionId).executeTakeFirst();
}

export function listIntroductionsOfPair(db: Kysely<Database>, pairId: string) {
  return introductionsWithRequester(db)
    .where('introductions.pairId', '=', pairId)
    .orderBy('introductions.createdAt', 'desc')
    .orderBy('introductions.id', 'desc')
    .execute();
}

export function insertIntroduction(db: Kysely<Database>, row: Insertable<IntroductionsTable>) {
  return db.insertInto('introductions').values(row).execute();
}

/** Answers the request only if it is still open; false when it was answered already. */
export async function respondToIntroduction(
  db: Kysely<Database>,
  introductionId: string,
  answer: { status: 'made' | 'declined'; note: string | null; respondedAt: string },
): Promise<boolean> {
  const result = await db
    .updateTable('introductions')
    .set(answer)
    .where('id', '=', introductionId)
    .where('status', '=', 'requested')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
