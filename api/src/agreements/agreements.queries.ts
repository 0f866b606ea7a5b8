import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { AgreementsTable, Cadence, Database } from '../db/schema';

export type AgreementRow = Selectable<AgreementsTable>;

export function findAgreementsOfPair(db: Kysely<Database>, pairId: string): Promise<AgreementRow[]> {
  return db.selectFrom('agreements').selectAll().where('pairId', '=', pairId).execute();
}

export function findAgreement(db: Kysely<Database>, pairId: string, userId: string): Promise<AgreementRow | undefined> {
  return db.selectFrom('agreements').selectAll().where('pairId', '=', pairId).where('userId', '=', userId).executeTakeFirst();
}

export function insertAgreement(db: Kysely<Database>, row: Insertable<AgreementsTable>) {
  return db.insertInto('agreements').values(row).execute();
}

export function updateAgreement(
  db: Kysely<Database>,
  pairId: string,
  userId: string,
  changes: Omit<Updateable<AgreementsTable>, 'pairId' | 'userId' | 'submittedAt'>,
) {
  return db.updateTable('agreements').set(changes).where('pairId', '=', pairId).where('userId', '=', userId).execute();
}

export function findPairAgreementState(db: Kysely<Database>, pairId: string) {
  return db.selectFrom('pairs').select(['agreedAt', 'agreedCadence']).where('id', '=', pairId).executeTakeFirstOrThrow();
}

export function setPairAgreementState(db: Kysely<Database>, pairId: string, state: { agreedAt: string | null; agreedCadence: Cadence | null }) {
  return db.updateTable('pairs').set(state).where('id', '=', pairId).execute();
}
