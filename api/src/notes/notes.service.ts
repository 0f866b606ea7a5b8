import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../clock';
import type { Database } from '../db/schema';
import { requireMeetingAccess, requireOpenPair } from '../pairs/pair-access';
import { lockPairForWrite } from '../pairs/pairs.service';
import type { CurrentUser } from '../users/users.service';
import { deletePrivateNote, findPrivateNote, savePrivateNote } from './notes.queries';

export interface NotesDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export interface PrivateNote {
  body: string;
  updatedAt: string | null;
}

/**
 * The caller's own note on a check-in. Every read and write is keyed by the caller's id, so a
 * partner or an admin can only ever reach their own (usually empty) note, never the author's.
 */
export async function getMyPrivateNote(deps: NotesDeps, user: CurrentUser, meetingId: string): Promise<PrivateNote> {
  await requireMeetingAccess(deps.db, user, meetingId);
  return (await findPrivateNote(deps.db, meetingId, user.id)) ?? { body: '', updatedAt: null };
}

/** An empty (or blank) body deletes the note. */
export async function putMyPrivateNote(deps: NotesDeps, user: CurrentUser, meetingId: string, body: string): Promise<PrivateNote> {
  const access = await requireMeetingAccess(deps.db, user, meetingId);
  requireOpenPair(access);
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    // Queue behind other writers in the pair so two saves can't both insert. No activity is
    // recorded: a private note must leave no trace the partner or an admin could see.
    requireOpenPair({ ...access, status: await lockPairForWrite(trx, access.pairId) });
    if (body.trim() === '') await deletePrivateNote(trx, meetingId, user.id);
    else await savePrivateNote(trx, { id: uuidv7(), meetingId, authorId: user.id, body, updatedAt: now });
  });
  return body.trim() === '' ? { body: '', updatedAt: null } : { body, updatedAt: now };
}

