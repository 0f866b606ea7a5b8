import type { Kysely, Selectable } from 'kysely';
import type { Database, UsersTable } from '../db/schema';

export type UserRow = Selectable<UsersTable>;

export function findUserByIdentity(db: Kysely<Database>, tenantId: string, objectId: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('tenantId', '=', tenantId)
    .where('entraObjectId', '=', objectId)
    .executeTakeFirst();
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
