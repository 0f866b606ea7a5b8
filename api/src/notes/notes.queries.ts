import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';


/** Always addressed by author: no query here can reach someone else's note. */
export function findPrivateNote(db: Kysely<Database>, meetingId: string, authorId: string) {
  return db
    .selectFrom('privateNotes')
    .select(['body', 'updatedAt'])
    .where('meetingId', '=', meetingId)
    .where('authorId', '=', authorId)
    .executeTakeFirst();
}

/** Update-then-insert rather than a dialect's upsert; callers serialise writers first. */
export async function savePrivateNote(db: Kysely<Database>, note: { id: string; meetingId: string; authorId: string; body: string; updatedAt: string }) {
  const result = await db
    .updateTable('privateNotes')
    .set({ body: note.body, updatedAt: note.updatedAt })
    .where('meetingId', '=', note.meetingId)
    .where('authorId', '=', note.authorId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) await db.insertInto('privateNotes').values(note).execute();
}

export async function deletePrivateNote(db: Kysely<Database>, meetingId: string, authorId: string): Promise<void> {
  await db.deleteFrom('privateNotes').where('meetingId', '=', meetingId).where('authorId', '=', authorId).execute();
}
