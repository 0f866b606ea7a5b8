import type { Kysely, Selectable } from 'kysely';
import { preparedQuery } from '../db/prepared-query';
import type { Database, UsersTable } from '../db/schema';

export type UserRow = Selectable<UsersTable>;

// Every signed-in request runs this, so it is compiled once (db/prepared-query.ts).
const userByIdentity = preparedQuery((db, $: { tenantId: string; objectId: string }) =>
  db.selectFrom('users').selectAll().where('tenantId', '=', $.tenantId).where('entraObjectId', '=', $.objectId),
);

export function findUserByIdentity(db: Kysely<Database>, tenantId: string, objectId: string): Promise<UserRow | undefined> {
  return userByIdentity.executeTakeFirst(db, { tenantId, objectId });
}

export async function insertUser(db: Kysely<Database>, row: UserRow): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUserFromSignIn(
  db: Kysely<Database>,
  id: string,
  changes: Pick<UserRow, 'email' | 'displayName' | 'lastSeenAt' | 'updatedAt'> & Partial<Pick<UserRow, 'department'>>,
): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

/**
 * A person a directory import created who hasn't signed in yet, in the tenant, by email
 * (case-insensitive): their object id is still the import's placeholder.
 */
export function findUnclaimedByEmail(db: Kysely<Database>, tenantId: string, email: string, placeholderPrefix: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('tenantId', '=', tenantId)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .where('entraObjectId', 'like', `${placeholderPrefix}%`)
    .orderBy('createdAt')
    .orderBy('id')
    .executeTakeFirst();
}

/** Gives an imported row its real identity; the count is 0 when someone claimed it first. */
export async function claimUser(
  db: Kysely<Database>,
  id: string,
  placeholderObjectId: string,
  changes: Pick<UserRow, 'entraObjectId' | 'email' | 'displayName' | 'lastSeenAt' | 'updatedAt'>,
): Promise<number> {
  const result = await db.updateTable('users').set(changes).where('id', '=', id).where('entraObjectId', '=', placeholderObjectId).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
