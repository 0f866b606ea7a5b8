import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export function findConversation(db: Kysely<Database>, userId: string) {
  return db.selectFrom('botConversations').select(['reference', 'updatedAt']).where('userId', '=', userId).executeTakeFirst();
}

/** Rows changed: 0 when the person has no stored conversation yet. */
export async function updateConversation(db: Kysely<Database>, userId: string, reference: string, updatedAt: string): Promise<number> {
  const result = await db.updateTable('botConversations').set({ reference, updatedAt }).where('userId', '=', userId).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function insertConversation(db: Kysely<Database>, userId: string, reference: string, updatedAt: string): Promise<void> {
  await db.insertInto('botConversations').values({ userId, reference, updatedAt }).execute();
}

export async function deleteConversation(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('botConversations').where('userId', '=', userId).execute();
}
